import CladeStore
import Foundation
import GRDB
import Testing

@Suite struct SchemaCheckTests {
    /// Runs the check and returns its error, asserting the file did not change by a byte.
    func failure(_ path: String) throws -> StoreError? {
        let before = FileManager.default.contents(atPath: path)
        defer { #expect(FileManager.default.contents(atPath: path) == before, "the file changed") }
        do {
            _ = try SchemaCheck.run(path: path)
            return nil
        } catch let e as StoreError {
            return e
        }
    }

    @Test func aGoodDatabasePassesWithASummary() throws {
        let tmp = try StoreFixtures.TempFolder()
        let path = tmp.path("good.sqlite")
        try StoreFixtures.writeDatabase(at: path)
        let before = FileManager.default.contents(atPath: path)
        let report = try SchemaCheck.run(path: path)
        #expect(FileManager.default.contents(atPath: path) == before)
        #expect(report.questions == 6 && report.leafClusters == 3 && report.parentClusters == 1)
        #expect(report.volume == 9 && report.ratedQuestions == 4 && report.capabilities == 2 && report.taggedQuestions == 3)
        #expect(report.pipelineFormat == 1 && report.applicationIDSet)
    }

    @Test func notSQLite() throws {
        let tmp = try StoreFixtures.TempFolder()
        let path = tmp.path("notes.sqlite")
        try Data("question,cluster\nhello,1\n".utf8).write(to: URL(fileURLWithPath: path))
        let e = try failure(path)
        #expect(e == .notSQLite(path: path))
        #expect(e?.description.contains("not an SQLite database") == true)
    }

    @Test func zeroLengthAndEmptySQLite() throws {
        let tmp = try StoreFixtures.TempFolder()
        let zero = tmp.path("zero.sqlite")
        _ = FileManager.default.createFile(atPath: zero, contents: Data())
        #expect(try failure(zero) == .empty(path: zero))
        let empty = tmp.path("empty.sqlite")
        let q = try DatabaseQueue(path: empty)
        try q.write { try $0.execute(sql: "PRAGMA user_version = 0") }
        try q.writeWithoutTransaction { try $0.execute(sql: "VACUUM") }
        try q.close()
        #expect(try failure(empty) == .empty(path: empty))
    }

    @Test func missingTableAndColumn() throws {
        let tmp = try StoreFixtures.TempFolder()
        let noAssign = tmp.path("no-assignments.sqlite")
        try StoreFixtures.writeDatabase(at: noAssign) { try $0.execute(sql: "DROP TABLE assignments") }
        let e = try failure(noAssign)
        #expect(e == .missingTables(path: noAssign, tables: ["assignments"]))
        #expect(e?.description == "\(noAssign): not a Clade diagnostics database: missing table assignments (see docs/schema.md)")

        let noWeight = tmp.path("no-weight.sqlite")
        let q = try DatabaseQueue(path: noWeight)
        try q.write { db in
            try db.execute(sql: PipelineSchema.ddl.replacingOccurrences(of: "weight        REAL NOT NULL DEFAULT 1 CHECK (weight > 0),", with: ""))
            try db.execute(sql: "INSERT INTO runs VALUES (1, 'x', 'native', '{}', NULL)")
        }
        try q.close()
        #expect(try failure(noWeight) == .missingColumns(path: noWeight, table: "questions", columns: ["weight"]))
    }

    @Test func newerFormatsAndOtherApplicationsAreRefused() throws {
        let tmp = try StoreFixtures.TempFolder()
        let newer = tmp.path("newer.sqlite")
        try StoreFixtures.writeDatabase(at: newer) { try $0.execute(sql: "PRAGMA user_version = 7") }
        #expect(try failure(newer) == .newerPipelineFormat(path: newer, found: 7, supported: 1))
        let other = tmp.path("other.sqlite")
        try StoreFixtures.writeDatabase(at: other) { try $0.execute(sql: "PRAGMA application_id = 42") }
        #expect(try failure(other) == .foreignApplication(path: other, id: 42))
        let future = tmp.path("future-clade.sqlite")
        try StoreFixtures.writeDatabase(at: future) {
            try $0.execute(sql: "CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY); INSERT INTO grdb_migrations VALUES ('v1-decisions'), ('v9-hologram')")
        }
        #expect(try failure(future) == .newerCladeSchema(path: future, migration: "v9-hologram"))
    }

    @Test func missingFileAndDirectory() throws {
        let tmp = try StoreFixtures.TempFolder()
        #expect(throws: StoreError.notFound(path: tmp.path("nope.sqlite"))) { try SchemaCheck.run(path: tmp.path("nope.sqlite")) }
        #expect(throws: StoreError.notAFile(path: tmp.url.path)) { try SchemaCheck.run(path: tmp.url.path) }
    }

    /// Opening a FIFO for reading blocks until a writer comes: refused from its type, unopened.
    @Test func aFIFOIsRefusedWithoutBlocking() throws {
        let tmp = try StoreFixtures.TempFolder()
        let fifo = tmp.path("pipe.sqlite")
        #expect(mkfifo(fifo, 0o644) == 0)
        #expect(throws: StoreError.notARegularFile(path: fifo)) { try SchemaCheck.run(path: fifo) }
        #expect(throws: StoreError.notARegularFile(path: fifo)) { try AppDatabase.open(path: fifo) }
    }

    /// The header is read through SQLite: an empty, foreign or truncated file still gets its own line.
    @Test func theHeaderProbeNamesShortAndForeignFiles() throws {
        let tmp = try StoreFixtures.TempFolder()
        let empty = tmp.path("empty.sqlite"), text = tmp.path("text.sqlite"), short = tmp.path("short.sqlite")
        FileManager.default.createFile(atPath: empty, contents: Data())
        FileManager.default.createFile(atPath: text, contents: Data("question,cluster\n".utf8))
        FileManager.default.createFile(atPath: short, contents: Data("SQLite format 3\0".utf8) + Data(repeating: 0, count: 20))
        #expect(throws: StoreError.empty(path: empty)) { try SchemaCheck.preflight(path: empty) }
        #expect(throws: StoreError.notSQLite(path: text)) { try SchemaCheck.preflight(path: text) }
        #expect(throws: StoreError.truncated(path: short, expectedBytes: 100, actualBytes: 36)) { try SchemaCheck.preflight(path: short) }
    }

    @Test func openingMigratesOnlyClade() throws {
        let tmp = try StoreFixtures.TempFolder()
        let path = tmp.path("db.sqlite")
        try StoreFixtures.writeDatabase(at: path)
        let pipelineDump: (Database) throws -> [String] = { db in
            try ["meta", "runs", "questions", "clusters", "assignments", "capabilities", "question_capabilities"].flatMap { t in
                try Row.fetchAll(db, sql: "SELECT * FROM \(t)").map { "\(t) \($0)" }
            }
        }
        let before = try DatabaseQueue(path: path).read(pipelineDump)
        let app = try AppDatabase.open(path: path)
        #expect(!app.readOnly && app.hasCladeTables)
        let after = try app.writer.read(pipelineDump)
        #expect(before == after)
        // Append-only: the log refuses updates and deletes.
        try app.writer.write { db in
            try db.execute(sql: "INSERT INTO clade_decisions (run_id, at, reviewer, op) VALUES (1, 'now', 'me', 'note')")
        }
        #expect(throws: DatabaseError.self) { try app.writer.write { try $0.execute(sql: "DELETE FROM clade_decisions") } }
        #expect(throws: DatabaseError.self) { try app.writer.write { try $0.execute(sql: "UPDATE clade_decisions SET reviewer = 'x'") } }
    }

    @Test func aReadOnlyFileOpensReadOnlyAndIsNotTouched() throws {
        let tmp = try StoreFixtures.TempFolder()
        let path = tmp.path("ro.sqlite")
        try StoreFixtures.writeDatabase(at: path)
        try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: path)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path) }
        let before = FileManager.default.contents(atPath: path)
        let app = try AppDatabase.open(path: path)
        #expect(app.readOnly && !app.hasCladeTables)
        let data = try DatasetLoader.load(app)
        #expect(data.readOnly && data.clusters.count == 4)
        #expect(FileManager.default.contents(atPath: path) == before)
    }

    @Test func openingReusesTheLastValidationUntilThePipelineWrites() throws {
        let tmp = try StoreFixtures.TempFolder()
        let path = tmp.path("db.sqlite")
        try StoreFixtures.writeDatabase(at: path)
        let first = try #require(try AppDatabase.open(path: path).report)
        #expect(!first.reused && first.fingerprint != nil)
        // Unchanged pipeline tables: the data is not read again, and the figures are the same.
        let second = try #require(try AppDatabase.open(path: path).report)
        #expect(second.reused && second.questions == first.questions && second.volume == first.volume && second.warnings == first.warnings)
        #expect(second.cladeMigrations == CladeStore.CladeSchema.migrationIDs)
        // `clade check` always reads everything.
        #expect(try !SchemaCheck.run(path: path).reused)
        // The pipeline adds a bad row: the next open validates again and refuses the file.
        try DatabaseQueue(path: path).write { db in
            try db.execute(sql: "INSERT INTO questions (question_id, run_id, text, weight) VALUES (999, 1, 'bad', 'heavy')")
        }
        #expect(throws: StoreError.self) { try AppDatabase.open(path: path) }
    }
}
