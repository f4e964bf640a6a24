import CladeCore
import CladeStore
import Foundation
import GRDB
import Testing
@testable import CladeImport

/// A re-import writes the run and its carried decisions completely or not at all, keeps a copy of
/// the database from just before, and refuses files it must not write to.
@Suite("Re-import: safety")
struct ReimportSafetyTests {
    @Test func aBackupIsMadeFirstAndHoldsTheReviewedDatabase() throws {
        let folder = TempFolder()
        let reviewed = try ReimportFixtures.makeReviewed(in: folder)
        let result = try Reimporter.run(ReimportFixtures.rerun, into: reviewed.path)
        #expect(result.backup == folder.path("review.before-run-2.sqlite"))
        let copy = try AppDatabase.open(path: result.backup, forceReadOnly: true)
        let check = try SchemaCheck.run(path: result.backup)
        #expect(check.runs == 1 && check.decisions == 16)
        #expect(try DatasetLoader.load(copy).cluster(reviewed.cluster["A"]!)?.name == "Card delivery")

        // A second re-import makes a second backup and a third run, carrying from run 2.
        let again = try Reimporter.run(ReimportFixtures.rerun, into: reviewed.path)
        #expect(again.runID == 3 && again.backup == folder.path("review.before-run-3.sqlite"))
        #expect(again.report.notCarried.isEmpty, "run 2 and run 3 are the same clustering")
        let app = try AppDatabase.open(path: reviewed.path)
        let new = try ReimportFixtures.newClusters(app, run: 3)
        let d = try DatasetLoader.load(app)
        #expect(d.cluster(new["A2"]!)?.name == "Card delivery" && d.cluster(new["C2"]!) == nil)
        #expect(d.clusters.filter(\.isExpert).map(\.name) == ["Disputes"])
    }

    @Test func aBadInputLeavesTheDatabaseByteIdentical() throws {
        let folder = TempFolder()
        let reviewed = try ReimportFixtures.makeReviewed(in: folder)
        let before = try #require(ReimportFixtures.bytes(reviewed.path))
        let files = folder.files

        // An input that fails validation: refused before the database is opened for writing.
        var bad = ReimportFixtures.rerun
        bad.assignments.append(.init(question: 0, cluster: 1))
        #expect(throws: ImportError.self) { try Reimporter.run(bad, into: reviewed.path) }
        // A malformed CSV: the importer stops before anything is written.
        let csv = folder.write("bad.csv", "text,id\n\"unterminated,1\n")
        try Reimporter.checkTarget(reviewed.path, inputs: [csv])
        #expect(throws: ImportError.self) { try CSVImporter.read(csv, options: .init()) }
        #expect(ReimportFixtures.bytes(reviewed.path) == before)
        #expect(folder.files == (files + ["bad.csv"]).sorted(), "no backup, no temporary file")
    }

    @Test func aCancelledImportRollsBackAndDropsItsBackup() throws {
        let folder = TempFolder()
        let reviewed = try ReimportFixtures.makeReviewed(in: folder)
        _ = try AppDatabase.open(path: reviewed.path)  // migrations done beforehand, as after any review session
        let before = try #require(ReimportFixtures.bytes(reviewed.path))
        let files = folder.files
        #expect(throws: ImportError.cancelled) {
            try Reimporter.run(ReimportFixtures.rerun, into: reviewed.path, isCancelled: { true })
        }
        #expect(ReimportFixtures.bytes(reviewed.path) == before)
        #expect(folder.files == files)
        #expect(try SchemaCheck.run(path: reviewed.path).runs == 1)
    }

    @Test func aLockedDatabaseIsRefusedUnchanged() throws {
        let folder = TempFolder()
        let reviewed = try ReimportFixtures.makeReviewed(in: folder)
        _ = try AppDatabase.open(path: reviewed.path)
        let before = try #require(ReimportFixtures.bytes(reviewed.path))
        let other = try DatabaseQueue(path: reviewed.path)
        try other.writeWithoutTransaction { db in
            try db.execute(sql: "BEGIN IMMEDIATE")
            defer { try? db.execute(sql: "ROLLBACK") }
            #expect(throws: ImportError("\(reviewed.path): is locked by another program; try again when it has finished writing")) {
                try Reimporter.run(ReimportFixtures.rerun, into: reviewed.path, options: .init(lockTimeout: 0.2))
            }
        }
        try other.close()
        #expect(ReimportFixtures.bytes(reviewed.path) == before)
        #expect(!folder.files.contains { $0.contains("before-run") })
    }

    @Test func filesThatAreNotDiagnosticsDatabasesAreRefused() throws {
        let folder = TempFolder()
        let text = folder.write("notes.sqlite", "hello")
        #expect(throws: ImportError("\(text): not an SQLite database (expected a diagnostics database written by a clustering pipeline)")) {
            try Reimporter.run(ReimportFixtures.rerun, into: text)
        }
        let other = folder.path("other.sqlite")
        let queue = try DatabaseQueue(path: other)
        try queue.write { try $0.execute(sql: "CREATE TABLE t(x)") }
        try queue.close()
        let before = ReimportFixtures.bytes(other)
        #expect(throws: ImportError.self) { try Reimporter.run(ReimportFixtures.rerun, into: other) }
        do {
            try Reimporter.checkTarget(other)
        } catch {
            #expect(error.message.contains("not a Clade diagnostics database"))
        }
        #expect(ReimportFixtures.bytes(other) == before)
        #expect(throws: ImportError.self) { try Reimporter.run(ReimportFixtures.rerun, into: folder.path("missing.sqlite")) }
    }

    /// A file nobody may write counts as read-only even for root (who could write it anyway).
    @Test func aReadOnlyDatabaseIsRefused() throws {
        let folder = TempFolder()
        let reviewed = try ReimportFixtures.makeReviewed(in: folder)
        chmod(reviewed.path, 0o444)
        defer { chmod(reviewed.path, 0o644) }
        let before = ReimportFixtures.bytes(reviewed.path)
        #expect(throws: ImportError("\(reviewed.path) is read-only (the file or its folder): cannot add a run to it; nothing was imported")) {
            try Reimporter.run(ReimportFixtures.rerun, into: reviewed.path)
        }
        #expect(ReimportFixtures.bytes(reviewed.path) == before)
    }
}
