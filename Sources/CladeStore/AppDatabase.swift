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
    /// What validation found when the file was opened; nil for an in-memory database.
    public let report: CheckReport?
    /// One line each for the reviewer: the backup made before an upgrade, data warnings.
    public let notices: [String]
    /// The file as opened (device and inode), to notice another program replacing it.
    let identity: FileIdentity?
    /// The pipeline tables' fingerprint as opening found it, and the writing connection's
    /// `data_version` then: while no other connection has committed, it still holds.
    let openedFingerprint: (dataVersion: Int, tables: String)?

    init(writer: any DatabaseWriter, path: String, readOnly: Bool, report: CheckReport? = nil, notices: [String] = [],
         fingerprint: (dataVersion: Int, tables: String)? = nil) throws {
        openedFingerprint = fingerprint
        self.writer = writer
        self.path = path
        self.readOnly = readOnly
        self.report = report
        self.notices = notices
        identity = path == ":memory:" ? nil : FileIdentity(path: path)
        hasCladeTables = try writer.read { try $0.tableExists("clade_decisions") }
    }

    /// How long a decision waits for another program's write before the run loop takes over
    /// (it retries with a notice, see `AppRunner`); command line tools wait longer.
    public static let interactiveBusyTimeout = 0.25

    /// Opens a database file for review: validates it read-only first (a bad file is never
    /// changed), then migrates Clade's tables unless the file cannot be written. Before upgrading
    /// tables an earlier Clade made, the file is copied to `NAME.bak-YYYYmmdd-HHMMSS` and a notice
    /// says so. While another program holds the write lock, opening waits up to `busyWait`
    /// seconds, calling `onWait` once.
    public static func open(
        path: String, forceReadOnly: Bool = false, migrator: DatabaseMigrator = CladeSchema.migrator,
        options: SchemaCheck.Options = .opening, busyTimeout: Double = 5, busyWait: Double = 30,
        onWait: (String) -> Void = { _ in }, prepareConnection: (@Sendable (Database) throws -> Void)? = nil
    ) throws -> AppDatabase {
        var options = options
        options.knownMigrations = migrator.migrations
        // The validation waits for another program's write too (a rollback-journal file held
        // exclusively), as the docs promise: up to `busyWait`, saying so once.
        let (report, scanned) = try waitingWhileLocked(seconds: busyWait, onWait: { onWait("\(path) is being written by another program; waiting for it to finish…") }) {
            try SchemaCheck.runKeepingFigures(path: path, options: options)
        }
        let writable = !forceReadOnly && isWritable(path)
        do {
            if !writable {
                var config = Configuration()
                config.readonly = true
                config.busyMode = .timeout(busyTimeout)
                if let prepareConnection { config.prepareDatabase(prepareConnection) }
                let notice = ReadOnlyAccess.notice(path)
                return try AppDatabase(writer: DatabaseQueue(path: ReadOnlyAccess.sqliteName(path), configuration: config), path: path,
                                       readOnly: true, report: report, notices: (notice.map { [$0] } ?? []) + report.warnings)
            }
            var config = Configuration()
            config.busyMode = .timeout(busyTimeout)
            // Each connection as it opens (tests count the rows statements read).
            if let prepareConnection { config.prepareDatabase(prepareConnection) }
            var backup: String?  // made once, even if the upgrade has to wait and start again
            return try waitingWhileBusy(seconds: busyWait, onWait: { onWait("\(path) is being written by another program; waiting for it to finish…") }) {
                let pool = try DatabasePool(path: path, configuration: config)
                do {
                    // Durable commits: in WAL mode NORMAL may lose the last decisions on power loss.
                    try pool.writeWithoutTransaction { try $0.execute(sql: "PRAGMA synchronous = FULL") }
                    var notices: [String] = []
                    if !report.cladeMigrations.isEmpty, try pool.read({ try !migrator.hasCompletedMigrations($0) }) {
                        let pending = try pool.read { db in Set(migrator.migrations).subtracting(try migrator.appliedIdentifiers(db)) }
                        let copy = try backup ?? DatabaseBackup.copy(pool, of: path)
                        backup = copy
                        notices.append("Upgraded Clade's tables (\(pending.sorted().joined(separator: ", "))); the file as it was is kept at \(copy)")
                    }
                    try CladeSchema.migrate(migrator, pool)
                    let token = try pool.write { db -> String in try ContentVersion.install(db); return try ContentVersion.token(db) }
                    var report = report
                    // Installing the counter changed no content: the validation still describes these tables.
                    if let f = report.fingerprint, f.hasSuffix("|untracked") { report.fingerprint = String(f.dropLast("untracked".count)) + token }
                    let tables = try pool.write { db -> String? in
                        guard let run = try RunID.fetchOne(db, sql: "SELECT MAX(run_id) FROM runs") else { return nil }
                        return try StatsCache.ensure(db, run: run, check: report.reused ? nil : report, scanned: scanned)
                    }
                    let version = try pool.writeWithoutTransaction { try Int.fetchOne($0, sql: "PRAGMA data_version") ?? 0 }
                    return try AppDatabase(writer: pool, path: path, readOnly: false, report: report, notices: notices + report.warnings,
                                           fingerprint: tables.map { (version, $0) })
                } catch {
                    try? pool.close()
                    throw error
                }
            }
        } catch let e as StoreError {
            throw e
        } catch {
            throw SchemaCheck.translate(error, path: path)
        }
    }

    /// The same file opened again (after another program replaced it), with the same access.
    /// Checkpoints the write-ahead log into the database file and closes the connections, so the
    /// `.sqlite` alone holds every decision: a user may copy just that file after closing the window
    /// (SIGHUP) or quitting. With another program still reading, SQLite leaves the log to the last
    /// one to close; nothing is lost either way.
    public func close() {
        if !readOnly {
            _ = try? writer.writeWithoutTransaction { db in
                // Quitting must not wait the interactive busy timeout for a background reader
                // still in a transaction: 2 s, then at least what no reader needs is copied.
                try db.execute(sql: "PRAGMA busy_timeout = 2000")
                if (try? db.checkpoint(.truncate)) == nil { _ = try? db.checkpoint(.passive) }
            }
        }
        if let pool = writer as? DatabasePool { try? pool.close() }
        if let queue = writer as? DatabaseQueue { try? queue.close() }
    }

    public func reopen() throws -> AppDatabase {
        try AppDatabase.open(path: path, forceReadOnly: readOnly, busyTimeout: Self.interactiveBusyTimeout, busyWait: 2)
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

    /// The fingerprint opening found, if no other program has written since (saves reading it
    /// again for the first screen).
    func unchangedFingerprint() -> String? {
        guard let opened = openedFingerprint, (try? dataVersion()) == opened.dataVersion else { return nil }
        return opened.tables
    }

    /// A file can be reviewed in place only if it and its folder (for the WAL and journal) are
    /// writable. A file or folder whose permissions grant nobody write access counts as read-only
    /// even for root, who could write it anyway: the owner meant it to stay as it is.
    public static func isWritable(_ path: String) -> Bool {
        let mode = (try? FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int) ?? 0o644
        return mode & 0o222 != 0
            && FileManager.default.isWritableFile(atPath: path)
            && ReadOnlyAccess.folderProblem(path) == nil
    }

    /// Runs the validation again while it finds the file locked, up to `seconds`.
    static func waitingWhileLocked<T>(seconds: Double, onWait: () -> Void, _ body: () throws -> T) throws -> T {
        let deadline = Date().addingTimeInterval(seconds)
        var told = false
        while true {
            do {
                return try body()
            } catch StoreError.locked(let path) {
                guard Date() < deadline else { throw StoreError.locked(path: path) }
                if !told { onWait(); told = true }
                Thread.sleep(forTimeInterval: 0.1)
            }
        }
    }

    /// Runs `body` again while SQLite says another connection holds the lock, up to `seconds`.
    static func waitingWhileBusy<T>(seconds: Double, onWait: () -> Void, _ body: () throws -> T) throws -> T {
        let deadline = Date().addingTimeInterval(seconds)
        var told = false
        while true {
            do {
                return try body()
            } catch let error as DatabaseError where error.isBusy && Date() < deadline {
                if !told { onWait(); told = true }
                Thread.sleep(forTimeInterval: 0.1)
            }
        }
    }
}

extension DatabaseError {
    /// Another connection holds a lock this one needs: worth retrying.
    public var isBusy: Bool { resultCode == .SQLITE_BUSY || resultCode == .SQLITE_LOCKED }
}

extension Error {
    /// SQLite said another connection holds a lock this one needs (for callers without GRDB).
    public var isDatabaseBusy: Bool { (self as? DatabaseError)?.isBusy ?? false }
}
