import GRDB

/// A file a writer left in the middle of a transaction: a hot rollback journal beside it (a
/// pipeline killed while writing, or a Clade stopped while first switching a file to WAL), or a
/// write-ahead log whose index must be rebuilt. SQLite undoes such a write on the first read of a
/// connection that may write; a read-only connection refuses instead
/// (SQLITE_READONLY_ROLLBACK / SQLITE_READONLY_RECOVERY). Clade validates read-only, so it lets
/// one read-write connection do that first read, and validates again.
enum InterruptedWrite {
    static func undo(path: String) throws {
        var config = Configuration()
        config.busyMode = .timeout(2)
        do {
            let queue = try DatabaseQueue(path: path, configuration: config)
            defer { try? queue.close() }
            _ = try queue.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM sqlite_master") }
        } catch {
            throw SchemaCheck.translate(error, path: path)
        }
    }
}
