import CladeCore
import GRDB

/// The ids Clade gives what the reviewer creates (clusters split off, capabilities added) live
/// in a range of their own, at and below `ceiling` (-2^62), which no pipeline id may enter
/// (`clade check` refuses one there). Pipelines use negative ids too — BERTopic's outlier topic is
/// -1 — so "negative" alone was not a namespace: a split took -1 and overwrote the outlier
/// cluster's relabel and priority.
///
/// Files from before this range keep the ids they have (the decision log records them); new
/// ones are taken below the ceiling, and `clade check` warns when an older expert id is also a
/// pipeline id.
public enum CladeIDs {
    public static let ceiling: Int64 = -(1 << 62)

    /// Whether a pipeline may use this id.
    public static func isPipelineID(_ id: Int64) -> Bool { id > ceiling }

    /// The next id for a cluster the reviewer creates.
    public static func nextExpertCluster(_ db: Database) throws -> Int64 {
        try next(below: Int64.fetchOne(db, sql: "SELECT MIN(cluster_id) FROM clade_cluster_state WHERE origin = ? AND cluster_id <= ?", arguments: [ClusterOrigin.expert, ceiling]))
    }

    /// The next id for a capability the reviewer adds.
    public static func nextExpertCapability(_ db: Database) throws -> Int64 {
        try next(below: Int64.fetchOne(db, sql: "SELECT MIN(capability_id) FROM clade_capabilities WHERE capability_id <= ?", arguments: [ceiling]))
    }

    struct Exhausted: Error, CustomStringConvertible {
        var description: String { "Clade's id range is used up (2^62 clusters or capabilities created): nothing was saved" }
    }

    static func next(below lowest: Int64?) throws -> Int64 {
        guard let lowest else { return ceiling }
        guard lowest > Int64.min else { throw Exhausted() }
        return lowest - 1
    }
}
