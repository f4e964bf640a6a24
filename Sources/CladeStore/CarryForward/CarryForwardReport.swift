import CladeCore
import Foundation
import GRDB

/// One thing the reviewer decided on the earlier run, and what became of it on the new run.
public struct CarryForwardItem: Equatable, Sendable {
    public enum Status: String, CaseIterable, Sendable {
        /// Re-applied as a new decision on the new run.
        case carried
        /// Nothing to do: the new run already has it (same label, clusters already together…).
        case already
        /// Could not be carried: listed for the reviewer.
        case notCarried = "not_carried"
    }

    public enum What: String, CaseIterable, Sendable {
        case label, priority, issueType = "issue_type", action, note, reviewed, dismiss, prioritisation, capability
        case merge, split, move
    }

    public var status: Status
    public var what: What
    /// The cluster of the reviewed run.
    public var oldClusterID: ClusterID?
    public var oldLabel: String
    /// The cluster of the new run it went to (nil when not carried).
    public var newClusterID: ClusterID?
    public var newLabel: String?
    /// Overlap of the matched clusters; for a cluster not matched, its best candidate's.
    public var jaccard: Double?
    /// What was carried: `P1`, `“Card delivery”`, `3 questions`…
    public var detail: String
    /// Why it was not carried, or how it was already there.
    public var reason: String
    /// The reviewed run's decision it comes from.
    public var sourceDecisionID: Int64?
    /// The decision appended to the new run.
    public var decisionID: Int64?

    public init(
        status: Status, what: What, oldClusterID: ClusterID?, oldLabel: String, newClusterID: ClusterID? = nil, newLabel: String? = nil,
        jaccard: Double? = nil, detail: String = "", reason: String = "", sourceDecisionID: Int64? = nil, decisionID: Int64? = nil
    ) {
        self.status = status
        self.what = what
        self.oldClusterID = oldClusterID
        self.oldLabel = oldLabel
        self.newClusterID = newClusterID
        self.newLabel = newLabel
        self.jaccard = jaccard
        self.detail = detail
        self.reason = reason
        self.sourceDecisionID = sourceDecisionID
        self.decisionID = decisionID
    }
}

/// What a re-import carried forward from the reviewed run to the new one, and what it could not.
public struct CarryForwardReport: Equatable, Sendable {
    public var fromRun: RunID
    public var toRun: RunID
    /// How questions were recognised across the runs, and why.
    public var identity: String
    public var threshold: Double
    /// Reviewed clusters with something to carry, and how many found a match.
    public var reviewedClusters: Int
    public var matchedClusters: Int
    public var items: [CarryForwardItem]

    public var carried: [CarryForwardItem] { items.filter { $0.status == .carried } }
    public var already: [CarryForwardItem] { items.filter { $0.status == .already } }
    public var notCarried: [CarryForwardItem] { items.filter { $0.status == .notCarried } }

    /// Records the report in `clade_carry_forward`, inside the import's transaction.
    func store(_ db: Database, at: String) throws {
        for item in items { try CarryForwardRow(item, run: toRun, from: fromRun, at: at).insert(db) }
    }

    /// The stored report of the re-import that made `run` (the latest run by default).
    public static func load(_ app: AppDatabase, run: RunID? = nil) throws -> [CarryForwardItem] {
        try app.writer.read { db in
            guard try db.tableExists("clade_carry_forward") else { return [] }
            let run = try run ?? DatasetLoader.latestRun(db)
            return try Row.fetchAll(db, sql: "SELECT * FROM clade_carry_forward WHERE run_id = ? ORDER BY item_id", arguments: [run]).map {
                try CarryForwardRow.read($0).item
            }
        }
    }
}
