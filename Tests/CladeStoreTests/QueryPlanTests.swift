@testable import CladeStore
import CladeCore
import CladeSample
import Foundation
import GRDB
import Testing

/// Navigation must never scan the question table: every read a keystroke triggers looks rows up
/// through an index. These tests read SQLite's query plans, so they fail the day a query
/// regresses, whatever the machine's speed.
@Suite struct QueryPlanTests {
    static func plan(_ db: Database, _ sql: String, _ arguments: [DatabaseValueConvertible?]) throws -> [String] {
        try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql, arguments: StatementArguments(arguments)).map { $0["detail"] as String }
    }

    /// A full scan of a big table: `SCAN q` / `SCAN questions` / `SCAN a` without an index.
    static func scansABigTable(_ plan: [String]) -> [String] {
        plan.filter { line in
            let l = line.uppercased()
            guard l.hasPrefix("SCAN ") else { return false }
            let table = l.dropFirst(5).split(separator: " ").first.map(String.init) ?? ""
            return ["Q", "QUESTIONS", "A", "ASSIGNMENTS", "O", "CLADE_ASSIGNMENT_OVERRIDE", "QC", "QUESTION_CAPABILITIES"].contains(table)
                && !l.contains("USING INDEX") && !l.contains("USING COVERING INDEX")
        }
    }

    @Test(arguments: QuestionOrder.allCases)
    func questionPagesUseIndexes(order: QuestionOrder) throws {
        let app = try AppDatabase.inMemory(populate: StoreFixtures.populate)
        for filter in ["", "rfi"] {
            let query = QuestionQuery(clusterID: 10, memberIDs: [10, 11], order: order, filter: filter, offset: 0, limit: 500)
            let (count, page, arguments) = QuestionReads.statements(query, clade: true)
            try app.writer.read { db in
                let countPlan = try Self.plan(db, count, Array(arguments.dropLast(2)))
                let pagePlan = try Self.plan(db, page, arguments)
                #expect(Self.scansABigTable(countPlan).isEmpty, "count scans: \(countPlan)")
                #expect(Self.scansABigTable(pagePlan).isEmpty, "page scans: \(pagePlan)")
            }
        }
    }

    @Test func openingReadsCachedFiguresNotQuestions() throws {
        let app = try AppDatabase.inMemory(populate: StoreFixtures.populate)
        try app.writer.read { db in
            let stats = try Self.plan(db, "SELECT * FROM clade_leaf_stats WHERE run_id = ?", [1])
            #expect(Self.scansABigTable(stats).isEmpty)
            let fingerprint = try Self.plan(db, "SELECT COUNT(*) AS n, COALESCE(MAX(question_id), 0) AS m FROM questions WHERE run_id = ?", [1])
            #expect(Self.scansABigTable(fingerprint).isEmpty, "\(fingerprint)")
            #expect(try StatsCache.read(db, run: 1) != nil, "the cache is built on open")
        }
    }

    /// The same statements on every shape pipelines write: a pipeline's own DDL has no key on
    /// assignments.question_id, no index by run, no ANALYZE; BERTopic's outliers are cluster -1.
    @Test(arguments: ScaleShape.allCases)
    func questionPagesUseIndexesOnEveryShape(shape: ScaleShape) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("clade-plans-\(shape.rawValue)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("shape.sqlite").path
        try ScaleGenerator.write(to: path, options: .init(questions: 2_000, leafClusters: 40, parents: 4, capabilities: 4, shape: shape))
        let app = try AppDatabase.open(path: path)
        defer { app.close() }
        let dataset = try DatasetLoader.load(app)
        let leaf = try #require(dataset.clusters.filter { dataset.isLeaf($0.id) }.max { $0.stats.rows < $1.stats.rows })
        for order in QuestionOrder.allCases {
            for filter in ["", "pay"] {
                let query = QuestionQuery(clusterID: leaf.id, memberIDs: dataset.memberClusterIDs(of: leaf.id), order: order, filter: filter, offset: 0, limit: 500)
                let (count, page, arguments) = QuestionReads.statements(query, clade: true)
                try app.writer.read { db in
                    let countPlan = try Self.plan(db, count, Array(arguments.dropLast(2)))
                    let pagePlan = try Self.plan(db, page, arguments)
                    #expect(Self.scansABigTable(countPlan).isEmpty, "\(shape) \(order): count scans: \(countPlan)")
                    #expect(Self.scansABigTable(pagePlan).isEmpty, "\(shape) \(order): page scans: \(pagePlan)")
                }
            }
        }
        let cached = try app.writer.read { db in try StatsCache.read(db, run: 1) }
        #expect(cached != nil, "\(shape): the cache is built on open")
    }
}
