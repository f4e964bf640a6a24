import CladeCore
import Foundation
import GRDB

/// Proposals of the review queue the reviewer skipped (`x` in view 8), per run, so a skip
/// survives a restart. Not a decision: nothing of the clustering changes, the pipeline never
/// reads it, and a new run starts with none skipped (its proposals are new).
public enum QueueSkips {
    static let table = "clade_queue_skips"

    static let ddl = """
    CREATE TABLE clade_queue_skips (
        run_id       INTEGER NOT NULL,
        proposal_key TEXT NOT NULL,
        title        TEXT NOT NULL DEFAULT '',
        at           TEXT NOT NULL,
        PRIMARY KEY (run_id, proposal_key)
    ) WITHOUT ROWID;
    """

    /// Keys skipped in `run`; none in a file opened read-only before the table existed.
    public static func load(_ app: AppDatabase, run: RunID) throws -> Set<String> {
        try app.writer.read { db in
            guard try db.tableExists(table) else { return [] }
            return Set(try String.fetchAll(db, sql: "SELECT proposal_key FROM clade_queue_skips WHERE run_id = ?", arguments: [run]))
        }
    }

    /// Remembers (or forgets) one skip.
    public static func set(_ app: AppDatabase, run: RunID, key: String, title: String, skipped: Bool, now: Date = Date()) throws {
        try app.writer.write { db in
            if skipped {
                try db.execute(sql: "INSERT OR REPLACE INTO clade_queue_skips (run_id, proposal_key, title, at) VALUES (?, ?, ?, ?)",
                               arguments: [run, key, title, ISO8601DateFormatter().string(from: now)])
            } else {
                try db.execute(sql: "DELETE FROM clade_queue_skips WHERE run_id = ? AND proposal_key = ?", arguments: [run, key])
            }
        }
    }
}
