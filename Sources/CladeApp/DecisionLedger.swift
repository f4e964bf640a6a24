import CladeCore
import CladeStore
import Foundation
import GRDB

/// Remembers, per database file, the latest decision this user's Clade saw, so that a file whose
/// decision log went backwards — a stale `-wal` restored beside a newer file, an older copy put
/// back — is said out loud on opening instead of silently showing the review without them.
///
/// One small file per database in `<data folder>/seen/`, named by a hash of the path, holding the
/// path, the file's lineage (its first run's id and time: a re-import at the same path is another
/// file, not a rollback) and the highest decision id seen.
struct DecisionLedger {
    let folder: String

    struct Seen: Equatable {
        var lineage: String
        var decision: Int64
    }

    init(folder: String = DataFolder.path()) { self.folder = folder + "/seen" }

    func entryPath(for database: String) -> String {
        let path = URL(fileURLWithPath: database).standardizedFileURL.resolvingSymlinksInPath().path
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325  // FNV-1a
        for byte in path.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return folder + "/" + String(hash, radix: 16) + ".txt"
    }

    static func current(_ app: AppDatabase) -> Seen? {
        try? app.writer.read { db in
            let first = try Row.fetchOne(db, sql: "SELECT run_id, CAST(created_at AS TEXT) FROM runs ORDER BY run_id LIMIT 1")
            let lineage = first.map { "\($0[0] as Int64? ?? 0) \($0[1] as String? ?? "")" } ?? ""
            let decision = try db.tableExists("clade_decisions") ? try Int64.fetchOne(db, sql: "SELECT MAX(decision_id) FROM clade_decisions") ?? 0 : 0
            return Seen(lineage: lineage, decision: decision)
        }
    }

    func remembered(_ database: String) -> Seen? {
        guard let text = try? String(contentsOfFile: entryPath(for: database), encoding: .utf8) else { return nil }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard lines.count >= 3, let decision = Int64(lines[2]) else { return nil }
        return Seen(lineage: lines[1], decision: decision)
    }

    func remember(_ seen: Seen, for database: String) {
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let text = "\(database)\n\(seen.lineage)\n\(seen.decision)\n"
        let path = entryPath(for: database)
        // Written beside and renamed over, so a crash never leaves half an entry.
        if (try? text.write(toFile: path + ".tmp", atomically: false, encoding: .utf8)) != nil { _ = rename(path + ".tmp", path) }
    }

    /// Compares the file with what was last seen of it and remembers it now; a warning when the
    /// decision log went backwards.
    func check(_ app: AppDatabase) -> String? {
        guard let now = Self.current(app) else { return nil }
        let before = remembered(app.path)
        remember(now, for: app.path)  // said once; from now on the file as it is counts
        guard let before, before.lineage == now.lineage, now.decision < before.decision else { return nil }
        let file = (app.path as NSString).lastPathComponent
        let missing = before.decision - now.decision
        return "\(file)'s decision log went back: Clade last saw decision #\(before.decision), the file now ends at #\(now.decision) "
            + "(\(missing) decision\(missing == 1 ? "" : "s") missing; a stale -wal or an older copy restored?). Restore the newer file before deciding."
    }

    /// After a decision was saved or another window's was seen.
    func update(_ app: AppDatabase) {
        if let now = Self.current(app) { remember(now, for: app.path) }
    }
}
