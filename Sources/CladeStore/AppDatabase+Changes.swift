import Foundation
import GRDB

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file as the file system knows it: the same path may name another file later (a pipeline
/// writing a new database and renaming it over the old one).
struct FileIdentity: Equatable, Sendable {
    var device: UInt64
    var inode: UInt64

    init?(path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
    }
}

extension AppDatabase {
    /// Whether the path still names the file that was opened.
    public enum FileState: Equatable, Sendable {
        case same
        /// Another file is at the path now: writes here would go to a file nobody will read.
        case replaced
        /// Nothing is at the path any more.
        case missing
    }

    public func fileState() -> FileState {
        guard let identity else { return .same }
        guard let now = FileIdentity(path: path) else { return .missing }
        return now == identity ? .same : .replaced
    }

    /// SQLite's `PRAGMA data_version` on the writing connection: it changes when any other
    /// connection (another process, another Clade) commits to the file, and never for this
    /// connection's own commits. Cheap enough to poll a few times a second.
    public func dataVersion() throws -> Int {
        try writer.writeWithoutTransaction { try Int.fetchOne($0, sql: "PRAGMA data_version") ?? 0 }
    }

    /// The latest run and decision, to say what another program changed.
    public func latestIDs() throws -> (run: Int64, decision: Int64) {
        try writer.read { db in
            let run = try Int64.fetchOne(db, sql: "SELECT MAX(run_id) FROM runs") ?? 0
            let decision = try db.tableExists("clade_decisions")
                ? try Int64.fetchOne(db, sql: "SELECT MAX(decision_id) FROM clade_decisions") ?? 0 : 0
            return (run, decision)
        }
    }
}

/// A consistent copy of a database (the WAL included), made with SQLite's backup API.
enum DatabaseBackup {
    /// Copies the database to `NAME.bak-YYYYmmdd-HHMMSS` beside it (with `-2`, `-3`… if taken)
    /// and returns that path. A failed copy is removed and reported as `StoreError.backupFailed`.
    static func copy(_ source: any DatabaseReader, of path: String, now: Date = Date()) throws -> String {
        let target = freePath(for: path, now: now)
        do {
            let destination = try DatabaseQueue(path: target)
            try source.backup(to: destination)
            try destination.close()
            return target
        } catch {
            for suffix in ["", "-wal", "-shm", "-journal"] { try? FileManager.default.removeItem(atPath: target + suffix) }
            throw StoreError.backupFailed(path: path, reason: (error as? DatabaseError)?.message ?? "\(error)")
        }
    }

    static func freePath(for path: String, now: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyyMMdd-HHmmss"
        let base = "\(path).bak-\(formatter.string(from: now))"
        var candidate = base
        var n = 2
        while FileManager.default.fileExists(atPath: candidate) {
            candidate = "\(base)-\(n)"
            n += 1
        }
        return candidate
    }
}
