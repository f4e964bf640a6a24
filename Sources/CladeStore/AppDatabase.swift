import CladeCore
import Foundation
import GRDB

/// The diagnostics database as Clade uses it: the pipeline's tables read-only, Clade's own
/// tables migrated on first open, every decision one transaction.
public final class AppDatabase: Sendable {
    public let writer: any DatabaseWriter
    public let path: String
    /// Opened without write access: reads work, decisions are refused.
    public let readOnly: Bool
    /// Clade's tables exist (always true unless a read-only file was never opened by Clade).
    public let hasCladeTables: Bool

    init(writer: any DatabaseWriter, path: String, readOnly: Bool) throws {
        self.writer = writer
        self.path = path
        self.readOnly = readOnly
        hasCladeTables = try writer.read { try $0.tableExists("clade_decisions") }
    }

    /// Opens a database file for review: validates it read-only first (a bad file is never
    /// changed), then migrates Clade's tables unless the file cannot be written.
    public static func open(path: String, forceReadOnly: Bool = false) throws -> AppDatabase {
        _ = try SchemaCheck.run(path: path)
        let writable = !forceReadOnly && isWritable(path)
        do {
            if !writable {
                var config = Configuration()
                config.readonly = true
                config.busyMode = .timeout(5)
                return try AppDatabase(writer: DatabaseQueue(path: path, configuration: config), path: path, readOnly: true)
            }
            var config = Configuration()
            config.busyMode = .timeout(5)
            let pool = try DatabasePool(path: path, configuration: config)
            // GRDB's WAL default (synchronous = NORMAL) survives a crash of the app but may lose the
            // last commits on power loss. A decision is durable once shown: pay the fsync.
            try pool.writeWithoutTransaction { try $0.execute(sql: "PRAGMA synchronous = FULL") }
            try CladeSchema.migrator.migrate(pool)
            try pool.write { db in
                if let run = try RunID.fetchOne(db, sql: "SELECT MAX(run_id) FROM runs") { try StatsCache.ensure(db, run: run) }
            }
            return try AppDatabase(writer: pool, path: path, readOnly: false)
        } catch let e as StoreError {
            throw e
        } catch {
            throw SchemaCheck.translate(error, path: path)
        }
    }

    /// An empty in-memory database with the pipeline and Clade schemas, for tests.
    public static func inMemory(populate: (Database) throws -> Void = { _ in }) throws -> AppDatabase {
        let queue = try DatabaseQueue()
        try queue.write { db in
            try PipelineSchema.create(db)
            try populate(db)
        }
        try CladeSchema.migrator.migrate(queue)
        try queue.write { db in
            if let run = try RunID.fetchOne(db, sql: "SELECT MAX(run_id) FROM runs") { try StatsCache.ensure(db, run: run) }
        }
        return try AppDatabase(writer: queue, path: ":memory:", readOnly: false)
    }

    /// A file can be reviewed in place only if it and its folder (for the WAL and journal) are
    /// writable. A file whose permissions grant nobody write access counts as read-only even for
    /// root, who could write it anyway: the owner meant it to stay as it is.
    public static func isWritable(_ path: String) -> Bool {
        let folder = (path as NSString).deletingLastPathComponent
        let mode = (try? FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int) ?? 0o644
        return mode & 0o222 != 0
            && FileManager.default.isWritableFile(atPath: path)
            && FileManager.default.isWritableFile(atPath: folder.isEmpty ? "." : folder)
    }
}
