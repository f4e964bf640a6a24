@testable import CladeStore
import CladeSample
import Foundation
import GRDB
import Testing

/// `RunScan` on what pipelines write (`ScaleShape`): a table without a key on question_id is read
/// in rowid order, split by rowid for two connections, and read again by key when its rows are not
/// in question order. Each must agree with the SQL to the last bit, and refuse what it refuses.
@Suite("run scan on every pipeline shape")
struct RunScanShapesTests {
    static func generate(_ shape: ScaleShape, _ scratch: Scratch) throws -> String {
        let path = scratch.path("\(shape.rawValue).sqlite")
        try ScaleGenerator.write(to: path, options: .init(questions: 3_000, leafClusters: 60, parents: 6, capabilities: 5, shape: shape))
        return path
    }

    @Test(arguments: ScaleShape.allCases)
    func agreesWithTheSQL(shape: ScaleShape) throws {
        let scratch = try Scratch()
        let path = try Self.generate(shape, scratch)
        #expect(try RunScanAgreementTests.expectAgreement(path, shape.rawValue), "the pass should read the \(shape.rawValue) shape")
    }

    @Test func aPipelineTableWithoutAKeyOnQuestionIsReadInRowidOrder() throws {
        let scratch = try Scratch()
        let path = try Self.generate(.pipeline, scratch)
        let queue = try DatabaseQueue(path: path)
        defer { try? queue.close() }
        try queue.read { db in
            let plan = try RunScan.readPlan(db, tables: RunScan.tables(false))
            #expect(plan.rowOrder == ["assignments", "question_capabilities"])
        }
    }

    /// A pipeline that wrote its tags capability by capability, and its assignments backwards:
    /// rowid order is not question order, so the pass reads them again by key.
    @Test func rowsOutOfQuestionOrderAreReadByKey() throws {
        let scratch = try Scratch()
        let path = try Self.generate(.pipeline, scratch)
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            try db.execute(sql: """
                CREATE TEMP TABLE t AS SELECT * FROM question_capabilities ORDER BY capability_id, question_id DESC;
                DELETE FROM question_capabilities; INSERT INTO question_capabilities SELECT * FROM t ORDER BY capability_id, question_id DESC;
                CREATE TEMP TABLE a AS SELECT * FROM assignments;
                DELETE FROM assignments; INSERT INTO assignments SELECT * FROM a ORDER BY question_id DESC;
                """)
        }
        try queue.close()
        #expect(try RunScanAgreementTests.expectAgreement(path, "out of order"))
    }

    /// Without a key, a pipeline can tag a question twice or assign it twice: the pass leaves
    /// such a file to the SQL, which refuses it as before.
    @Test(arguments: ["question_capabilities", "assignments"])
    func aRepeatedRowIsLeftToTheSQL(table: String) throws {
        let scratch = try Scratch()
        let path = try Self.generate(.pipeline, scratch)
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            // Next to the original, as a pipeline that wrote a batch twice would.
            try db.execute(sql: "CREATE TEMP TABLE t AS SELECT * FROM \(table) ORDER BY rowid")
            try db.execute(sql: "DELETE FROM \(table)")
            try db.execute(sql: "INSERT INTO \(table) SELECT * FROM t ORDER BY rowid")
            try db.execute(sql: "INSERT INTO \(table) SELECT * FROM t WHERE question_id = (SELECT MAX(question_id) FROM t)")
        }
        try queue.close()
        #expect(try RunScanAgreementTests.expectAgreement(path, "repeated \(table) row") == false)
        #expect(throws: StoreError.self) { try SchemaCheck.run(path: path) }
        do {
            _ = try SchemaCheck.run(path: path)
        } catch {
            #expect("\(error)".contains("must be unique"), "\(error)")
        }
    }
}
