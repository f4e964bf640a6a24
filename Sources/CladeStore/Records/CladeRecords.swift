import CladeCore
import Foundation
import GRDB

// GRDB records for Clade's own tables. The SQL stays in the store; these say how a row maps to
// Swift, with typed columns (origin, status, op), so no reader compares strings.

extension ClusterStateRow: FetchableRecord {
    /// Reads a `clade_cluster_state` row; a value this build does not know is one clear line.
    static func read(_ row: Row) throws -> ClusterStateRow {
        do {
            return try ClusterStateRow(row: row)
        } catch {
            throw StoredValueError.clusterState(row, error)
        }
    }

    /// Every row `sql` selects from `clade_cluster_state`, by cluster id.
    static func fetchByCluster(_ db: Database, sql: String, arguments: StatementArguments = []) throws -> [ClusterID: (row: ClusterStateRow, lastDecision: Int64?)] {
        var out: [ClusterID: (row: ClusterStateRow, lastDecision: Int64?)] = [:]
        let rows = try Row.fetchCursor(db, sql: sql, arguments: arguments)
        while let row = try rows.next() {
            out[row["cluster_id"]] = (try read(row), row["last_decision_id"])
        }
        return out
    }
}

/// A row of `clade_cluster_state`: the reviewed state of one cluster under its key, and the
/// decision that last wrote it.
struct ClusterStateRecord: PersistableRecord {
    static let databaseTableName = "clade_cluster_state"
    var clusterID: ClusterID
    var state: ClusterStateRow
    var lastDecisionID: Int64

    func encode(to container: inout PersistenceContainer) throws {
        container["cluster_id"] = clusterID
        try state.encode(to: &container)
        container["last_decision_id"] = lastDecisionID
    }
}

extension ClusterStateRow: EncodableRecord {}

/// A row of `clade_decisions`, the append-only log.
struct DecisionRow: Codable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "clade_decisions"
    var decisionID: Int64?
    var runID: RunID
    var at: String
    var reviewer: String
    var op: DecisionOp
    /// JSON arrays of ids.
    var clusterIDs: String
    var questionIDs: String
    var oldJSON: String
    var newJSON: String
    var note: String
    var undoes: Int64?

    enum CodingKeys: String, CodingKey {
        case decisionID = "decision_id", runID = "run_id", at, reviewer, op, clusterIDs = "cluster_ids", questionIDs = "question_ids"
        case oldJSON = "old_json", newJSON = "new_json", note, undoes
    }

    mutating func didInsert(_ inserted: InsertionSuccess) { decisionID = inserted.rowID }
}

/// A row of `clade_capabilities`: a capability the reviewer added.
struct CapabilityRecord: Codable, PersistableRecord {
    static let databaseTableName = "clade_capabilities"
    var capabilityID: CapabilityID
    var name: String
    var description: String
    var decisionID: Int64

    enum CodingKeys: String, CodingKey { case capabilityID = "capability_id", name, description, decisionID = "decision_id" }
}

/// A row of `clade_cluster_capability`: the reviewer's verdict on a capability for a cluster.
struct ClusterCapabilityRecord: Codable, PersistableRecord {
    static let databaseTableName = "clade_cluster_capability"
    var clusterID: ClusterID
    var capabilityID: CapabilityID
    var verdict: String
    var decisionID: Int64

    enum CodingKeys: String, CodingKey { case clusterID = "cluster_id", capabilityID = "capability_id", verdict, decisionID = "decision_id" }
}

/// A row of `clade_settings`.
struct SettingRecord: Codable, PersistableRecord {
    static let databaseTableName = "clade_settings"
    var key: String
    var value: String
}

/// A row of `clade_consumer_cursor`: where a consuming pipeline stopped reading the log.
struct ConsumerCursorRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "clade_consumer_cursor"
    var consumer: String
    var lastDecisionID: Int64
    var updatedAt: String

    enum CodingKeys: String, CodingKey { case consumer, lastDecisionID = "last_decision_id", updatedAt = "updated_at" }
}

extension CarryForwardItem.Status: Codable, DatabaseValueConvertible {}
extension CarryForwardItem.What: Codable, DatabaseValueConvertible {}

/// A row of `clade_carry_forward`: one item of a re-import's carry-forward report.
struct CarryForwardRow: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "clade_carry_forward"
    var itemID: Int64?
    var runID: RunID
    var fromRunID: RunID
    var at: String
    var status: CarryForwardItem.Status
    var what: CarryForwardItem.What
    var oldClusterID: ClusterID?
    var oldLabel: String
    var newClusterID: ClusterID?
    var newLabel: String?
    var jaccard: Double?
    var detail: String
    var reason: String
    var sourceDecisionID: Int64?
    var decisionID: Int64?

    enum CodingKeys: String, CodingKey {
        case itemID = "item_id", runID = "run_id", fromRunID = "from_run_id", at, status, what, oldClusterID = "old_cluster_id"
        case oldLabel = "old_label", newClusterID = "new_cluster_id", newLabel = "new_label", jaccard, detail, reason
        case sourceDecisionID = "source_decision_id", decisionID = "decision_id"
    }

    init(_ item: CarryForwardItem, run: RunID, from: RunID, at: String) {
        (runID, fromRunID, self.at, status, what) = (run, from, at, item.status, item.what)
        (oldClusterID, oldLabel, newClusterID, newLabel, jaccard) = (item.oldClusterID, item.oldLabel, item.newClusterID, item.newLabel, item.jaccard)
        (detail, reason, sourceDecisionID, decisionID) = (item.detail, item.reason, item.sourceDecisionID, item.decisionID)
    }

    var item: CarryForwardItem {
        CarryForwardItem(status: status, what: what, oldClusterID: oldClusterID, oldLabel: oldLabel, newClusterID: newClusterID, newLabel: newLabel,
                         jaccard: jaccard, detail: detail, reason: reason, sourceDecisionID: sourceDecisionID, decisionID: decisionID)
    }

    /// Reads a row; a status or kind this build does not know is one clear line.
    static func read(_ row: Row) throws -> CarryForwardRow {
        do {
            return try CarryForwardRow(row: row)
        } catch {
            let id = (row["item_id"] as DatabaseValue?).map { "\($0)" } ?? "?"
            let problem = StoredValueError.unknown("status", CarryForwardItem.Status.self, in: row)
                ?? StoredValueError.unknown("what", CarryForwardItem.What.self, in: row) ?? "\(error)"
            throw StoredValueError("clade_carry_forward: item \(id) cannot be read: \(problem) (edited by hand, or written by a newer Clade?)")
        }
    }
}
