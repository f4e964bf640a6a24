/// Where a cluster came from: the pipeline's run, or a split the reviewer made
/// (`clade_cluster_state.origin`).
public enum ClusterOrigin: String, CaseIterable, Codable, Sendable {
    case pipeline, expert
}

/// What the reviewer made of a cluster (`clade_cluster_state.status`).
public enum ClusterStatus: String, CaseIterable, Codable, Sendable {
    case active, merged, dismissed
}
