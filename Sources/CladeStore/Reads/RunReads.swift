import CladeCore
import GRDB

/// The pipeline run a review is about: when and by what it was made.
public struct RunInfo: Equatable, Sendable {
    public var id: RunID
    public var createdAt: String
    public var source: String
}

public enum RunReads {
    /// The latest run (the one Clade reviews).
    public static func latest(_ app: AppDatabase) throws -> RunInfo {
        try app.writer.read { db in
            let row = try Row.fetchOne(db, sql: "SELECT run_id, created_at, source FROM runs ORDER BY run_id DESC LIMIT 1")
            return RunInfo(id: row?["run_id"] ?? 0, createdAt: row?["created_at"] ?? "", source: row?["source"] ?? "")
        }
    }
}
