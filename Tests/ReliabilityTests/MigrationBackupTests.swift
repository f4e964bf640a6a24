import CladeStore
import Foundation
import GRDB
import Testing

/// Opening a file whose Clade tables an earlier Clade made: a backup copy first, then the
/// upgrade, and a notice saying where the copy is. Simulated with a migration registered only here.
@Suite("older Clade schema")
struct MigrationBackupTests {
    static func newerMigrator() -> DatabaseMigrator {
        var migrator = CladeSchema.migrator
        migrator.registerMigration("v2-test") { db in
            try db.execute(sql: "CREATE TABLE clade_test_v2 (x); ALTER TABLE clade_cluster_state ADD COLUMN extra TEXT")
        }
        return migrator
    }

    static func dump(_ reader: any DatabaseReader) throws -> [String] {
        try reader.read { db in
            try ["questions", "assignments", "clusters", "clade_decisions", "clade_cluster_state"].flatMap { table in
                try Row.fetchAll(db, sql: "SELECT * FROM \(table) ORDER BY 1").map { "\(table) \($0)" }
            }
        }
    }

    @Test func upgradingKeepsABackupAndSaysSo() throws {
        let scratch = try Scratch()
        let path = scratch.path("diagnostics.sqlite")
        try Pipelines.write(at: path)

        // First open by this build: Clade's tables are created, nothing to back up.
        let v1 = try AppDatabase.open(path: path)
        #expect(v1.notices.isEmpty)
        let store = DecisionStore(app: v1, reviewer: "v1")
        try store.commit(.setPriority(10, 1))
        try store.commit(.relabel(11, name: "Drawings and revisions", description: nil))
        let before = try Self.dump(v1.writer)
        #expect(!scratch.files.contains { $0.contains(".bak-") })

        // A later build with one more migration, while the first still has the file open (its
        // last decisions may still be in the WAL: the backup must include them).
        let v2 = try AppDatabase.open(path: path, migrator: Self.newerMigrator())
        let backups = scratch.files.filter { $0.hasPrefix("diagnostics.sqlite.bak-") && !$0.hasSuffix("-wal") && !$0.hasSuffix("-shm") }
        try #require(backups.count == 1, "\(scratch.files)")
        let backup = scratch.path(backups[0])
        #expect(backups[0].range(of: #"^diagnostics\.sqlite\.bak-\d{8}-\d{6}$"#, options: .regularExpression) != nil, "\(backups[0])")
        #expect(v2.notices.contains { $0.contains("Upgraded Clade's tables (v2-test)") && $0.contains(backup) }, "\(v2.notices)")

        let copy = try DatabaseQueue(path: backup, configuration: { var c = Configuration(); c.readonly = true; return c }())
        #expect(try copy.read { try String.fetchAll($0, sql: "SELECT identifier FROM grdb_migrations") } == CladeSchema.migrationIDs)
        #expect(try Self.dump(copy) == before, "the backup is the file as it was")
        #expect(try copy.read { try !$0.tableExists("clade_test_v2") })
        try copy.close()
        #expect(try v2.writer.read { try $0.tableExists("clade_test_v2") })
        #expect(try DecisionLog.records(v2).count == 2, "decisions survive the upgrade")

        // Once upgraded, no further backups; the older build now refuses the file, naming the schema.
        let again = try AppDatabase.open(path: path, migrator: Self.newerMigrator())
        #expect(again.notices.isEmpty)
        #expect(scratch.files.filter { $0.contains(".bak-") && !$0.hasSuffix("-wal") && !$0.hasSuffix("-shm") }.count == 1)
        #expect(throws: StoreError.newerCladeSchema(path: path, migration: "v2-test")) { try AppDatabase.open(path: path) }
    }

    @Test func aFirstOpenNeverBacksUp() throws {
        let scratch = try Scratch()
        let path = scratch.path("fresh.sqlite")
        try Pipelines.write(at: path)
        let app = try AppDatabase.open(path: path, migrator: Self.newerMigrator())
        #expect(app.notices.isEmpty)
        #expect(scratch.files.allSatisfy { !$0.contains(".bak-") })
    }
}
