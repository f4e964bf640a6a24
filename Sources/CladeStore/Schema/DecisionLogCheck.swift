import GRDB

/// Verifies, without writing to the file, that Clade's state tables are exactly what replaying
/// the decision log produces: the log and the state are written in one transaction, so after any
/// crash they must still agree.
public enum DecisionLogCheck {
    /// Replays the log of `db` into an in-memory database and compares the state tables.
    public static func isConsistent(_ db: Database) throws -> Bool {
        guard try db.tableExists("clade_decisions") else { return true }
        let kept = try snapshot(db)
        let memory = try DatabaseQueue()
        try CladeSchema.migrator.migrate(memory)
        let log = try Row.fetchAll(db, sql: "SELECT decision_id, new_json FROM clade_decisions ORDER BY decision_id")
        do {
            return try memory.write { mem in
                for row in log {
                    guard let id = row["decision_id"] as Int64?, let json = row["new_json"] as String? else { return false }
                    try DecisionLog.unwrap(json).apply(mem, decisionID: id)
                }
                return try snapshot(mem) == kept
            }
        } catch is DecodingError {
            return false
        } catch is StoredValueError {
            return false
        }
    }

    /// Every row of every state table, in key order, as text.
    static func snapshot(_ db: Database) throws -> [String] {
        try DecisionLog.stateTables.flatMap { table in
            try Row.fetchAll(db, sql: "SELECT * FROM \(table) ORDER BY 1, 2").map { "\(table) \($0)" }
        }
    }
}
