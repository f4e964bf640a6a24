/// The clusters a cluster decision acts on: the marked ones in the main view (in list order,
/// so dialogs and the log name them as the reviewer sees them), else the selected one.
/// Marks are made in the Clusters pane; a full-screen view acts on its own row.
public struct DecisionTargets: Equatable, Sendable {
    public var clusters: [Cluster]

    public init?(_ state: AppState) {
        var marked: [Cluster] = []
        if state.view == .main, !state.markedClusters.isEmpty {
            var position: [ClusterID: Int] = [:]
            for (i, row) in ClusterTree.rows(state).enumerated() { position[row.id] = i }
            marked = state.markedClusters.compactMap { state.dataset.cluster($0) }
                .sorted { (position[$0.id] ?? Int.max, $0.id) < (position[$1.id] ?? Int.max, $1.id) }
        }
        if !marked.isEmpty {
            clusters = marked
        } else if let selected = state.selectedCluster {
            clusters = [selected]
        } else {
            return nil
        }
    }

    public var ids: [ClusterID] { clusters.map(\.id) }
    public var isBulk: Bool { clusters.count > 1 }
    public var single: Cluster { clusters[0] }

    /// "“RFI status”" for one, "3 clusters" for many: what a dialog title names.
    public var name: String { isBulk ? "\(clusters.count) clusters" : "\u{201C}\(single.name)\u{201D}" }

    /// One request for one cluster, one batch (one log row, one undo) for many.
    public func request(_ each: (ClusterID) -> DecisionRequest) -> DecisionRequest {
        isBulk ? .batch(ids.map(each)) : each(single.id)
    }
}

extension DecisionTargets {
    /// The request a dialog's answer commits for the clusters it was opened on.
    public static func request(_ ids: [ClusterID], _ each: (ClusterID) -> DecisionRequest) -> DecisionRequest {
        ids.count == 1 ? each(ids[0]) : .batch(ids.map(each))
    }
}
