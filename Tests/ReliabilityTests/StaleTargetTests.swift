@testable import CladeApp
import CladeCore
import CladeStore
import Foundation
import GRDB
import Testing

/// Issue 16, item 11: a decision is checked against the file at write time — a cluster another
/// window merged away, a reviewer's cluster of an earlier run, questions that do not exist.
@Suite("contention: stale targets")
struct StaleTargetTests {
    typealias Session = RunnerContentionTests.Session

    @Test func aClusterAnotherWindowMergedIsNotRelabelled() throws {
        let s = try Session()
        s.select("Budgets")
        let other = try AppDatabase.open(path: s.path)
        try DecisionStore(app: other, reviewer: "window b").commit(.merge(sources: [20], into: 21, name: nil))
        // Window a has not looked at the file since: it still shows Budgets.
        s.type("r<C-u>Budget plans\r")
        #expect(s.status.contains("“Budgets” was merged away"), "\(s.status)")
        #expect(try s.decisions() == 1, "the relabel was saved against the merged cluster")
        #expect(s.runner.state.dataset.cluster(20) == nil, "the view was reloaded")
        #expect(s.runner.state.selectedClusterID == 21)
    }

    @Test func thePlannerRefusesAnEarlierRunsClusterAndUnknownQuestions() throws {
        let scratch = try Scratch()
        let path = scratch.path("review.sqlite")
        try Pipelines.write(at: path)
        let app = try AppDatabase.open(path: path)
        let store = DecisionStore(app: app, reviewer: "r")
        let members = try app.writer.read { try QuestionID.fetchAll($0, sql: "SELECT question_id FROM assignments WHERE cluster_id = 20 ORDER BY question_id") }
        try store.commit(.split(20, parts: [SplitPart(name: "A", questionIDs: Array(members.prefix(2))), SplitPart(name: "B", questionIDs: Array(members.dropFirst(2)))]))
        let expert = try #require(try app.writer.read { try ClusterID.fetchOne($0, sql: "SELECT cluster_id FROM clade_cluster_state WHERE origin = 'expert' LIMIT 1") })

        #expect(throws: DecisionStore.Refused.self) { try store.commit(.move(questions: [999_999], to: 21)) }
        _ = try Pipelines.sqlite3(path, Pipelines.secondRun())
        #expect(throws: DecisionStore.Refused.self) { try store.commit(.setPriority(expert, 1)) }
        #expect(throws: DecisionStore.Refused.self) { try store.commit(.move(questions: [members[0]], to: 121)) }
        #expect(try app.writer.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM clade_decisions") } == 1)
    }
}
