import CladeCore
@testable import CladeStore
import CladeTestSupport
import Foundation
import GRDB
import Testing

/// Pipelines use negative ids too (BERTopic's outlier topic is -1). What the reviewer creates
/// must never take an id a pipeline may use, whatever its sign.
@Suite("ids at the edges: negative pipeline ids, ids near Int64.max")
struct NegativeIDTests {
    /// The fixture with BERTopic's outlier topic -1 as a top-level leaf holding questions 1–10,
    /// and a pipeline capability -1.
    static func withOutliers(at path: String) throws {
        try Pipelines.write(at: path) { db in
            try db.execute(sql: "INSERT INTO clusters (cluster_id, run_id, parent_id, name) VALUES (-1, 1, NULL, 'Outliers'), (-2, 1, NULL, 'Small topic')")
            try db.execute(sql: "UPDATE assignments SET cluster_id = -1 WHERE question_id <= 10")
            try db.execute(sql: "UPDATE assignments SET cluster_id = -2 WHERE question_id BETWEEN 11 AND 14")
            try db.execute(sql: "INSERT INTO capabilities VALUES (-1, 'pipeline negative', '')")
        }
    }

    @Test
    func whatTheReviewerCreatesNeverTakesAPipelineID() throws {
        let scratch = try Scratch()
        let path = scratch.path("outliers.sqlite")
        try Self.withOutliers(at: path)
        let app = try AppDatabase.open(path: path)
        let store = DecisionStore(app: app, reviewer: "r")
        try store.commit(.relabel(-1, name: "Noise", description: nil))
        try store.commit(.setPriority(-1, 2))
        try store.commit(.setPriority(-2, 3))
        let in10 = try app.writer.read { db in try Int64.fetchAll(db, sql: "SELECT question_id FROM assignments WHERE cluster_id = 10 ORDER BY 1 LIMIT 2") }
        try #require(!in10.isEmpty)
        try store.commit(.split(10, parts: [SplitPart(name: "Split off", questionIDs: in10)]))
        try store.commit(.split(11, parts: [SplitPart(name: "Another", questionIDs: try app.writer.read { db in
            try Int64.fetchAll(db, sql: "SELECT question_id FROM assignments WHERE cluster_id = 11 ORDER BY 1 LIMIT 1") })]))
        try store.commit(.addCapability(name: "reviewer's", description: "", confirmOn: nil))

        let data = try DatasetLoader.load(app)
        let outliers = try #require(data.cluster(-1))
        #expect(outliers.name == "Noise", "the outlier cluster keeps its relabel")
        #expect(outliers.priority == 2)
        #expect(!outliers.isExpert)
        #expect(data.cluster(-2)?.priority == 3)
        #expect(data.cluster(-2)?.name == "Small topic")
        let experts = data.clusters.filter(\.isExpert)
        #expect(Set(experts.map(\.name)) == ["Split off", "Another"])
        #expect(experts.allSatisfy { !CladeIDs.isPipelineID($0.id) }, "expert ids \(experts.map(\.id))")
        let capabilityIDs = try app.writer.read { db in try Int64.fetchAll(db, sql: "SELECT capability_id FROM clade_capabilities") }
        #expect(capabilityIDs.count == 1 && capabilityIDs.allSatisfy { !CladeIDs.isPipelineID($0) })
        #expect(data.capabilities.contains { $0.name == "pipeline negative" })
        let report = try SchemaCheck.run(path: path)
        #expect(report.warnings.isEmpty, "\(report.warnings)")
        #expect(report.decisionLogConsistent == true)
    }

    @Test
    func checkRefusesPipelineIDsInCladesRange() throws {
        let scratch = try Scratch()
        for (table, sql) in [("clusters", "UPDATE clusters SET cluster_id = -4611686018427387905 WHERE cluster_id = 30"),
                             ("capabilities", "UPDATE capabilities SET capability_id = -4611686018427387904 WHERE capability_id = 3")] {
            let path = scratch.path("\(table).sqlite")
            try Pipelines.write(at: path) { db in try db.execute(sql: sql) }
            #expect(throws: StoreError.self, "\(table)") { try SchemaCheck.run(path: path) }
            do { _ = try SchemaCheck.run(path: path) } catch {
                #expect("\(error)".contains("ids Clade gives"), "\(error)")
            }
        }
    }

    /// A file an older Clade wrote: its split took -1, which the pipeline also uses.
    @Test
    func checkWarnsOfAnOlderExpertIDThatIsAlsoAPipelineID() throws {
        let scratch = try Scratch()
        let path = scratch.path("older.sqlite")
        try Self.withOutliers(at: path)
        _ = try AppDatabase.open(path: path)
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            try db.execute(sql: "INSERT INTO clade_cluster_state (cluster_id, run_id, origin, name) VALUES (-1, 1, 'expert', 'old split')")
        }
        try queue.close()
        let report = try SchemaCheck.run(path: path, options: SchemaCheck.Options(verifyDecisionLog: false))
        #expect(report.expertIDCollisions == 1)
        #expect(report.warnings.contains { $0.contains("the id of a pipeline cluster") }, "\(report.warnings)")
    }

    /// `import --into` a file whose ids leave no room for the new run: one line, nothing written,
    /// no backup or journal left (the addition trapped mid-transaction).
    @Test(.enabled(if: CladeCLI.isAvailable))
    func importIntoIdsNearInt64MaxIsRefusedUnchanged() throws {
        let scratch = try Scratch()
        let path = scratch.path("full.sqlite")
        try Pipelines.write(at: path) { db in
            try db.execute(sql: "INSERT INTO questions (question_id, run_id, text, weight) VALUES (9223372036854775800, 1, 'last', 1)")
        }
        let csv = scratch.path("new.csv")
        let words = ["rfi", "drawing", "budget", "invoice", "rain", "status"]
        try ("text\n" + (1...40).map { "question \($0) about \(words[$0 % 6]) and \(words[($0 / 6) % 6])" }.joined(separator: "\n") + "\n")
            .write(toFile: csv, atomically: true, encoding: .utf8)
        _ = try AppDatabase.open(path: path)  // Clade's tables made beforehand, as after any review session
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let files = scratch.files
        let r = try CladeCLI.run(["import", "csv", csv, "--into", path, "-q"])
        #expect(r.status == 1, "exit \(r.status): \(r.stderr.suffix(300))")
        #expect(r.stderr.contains("too near the largest integer"), "\(r.stderr.suffix(300))")
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        #expect(scratch.files == files, "no backup, journal or temporary file left")
    }
}
