import CladeCore
@testable import CladeStore
import Foundation
import GRDB
import Testing

/// Search everywhere on a database: words, similarity by embeddings or TF-IDF, and the
/// split-off of questions found across clusters as one undoable decision.
@Suite("search everywhere")
struct SearchAllStoreTests {
    @Test func wordsFindEveryQuestionContainingThemAllAcrossClusters() throws {
        let (_, app) = try ReviewQueueSampleTests.sample()
        let engine = CurationEngine(app: app)
        let both = try engine.searchAll(SearchAllQuery(mode: .text, text: "RFI open", limit: 50))
        let expected = try app.writer.read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM questions WHERE text LIKE '%rfi%' AND text LIKE '%open%'") ?? 0
        }
        #expect(both.total == expected && expected > 0)
        #expect(both.hits.count == min(50, expected) && both.basis == "text")
        #expect(both.hits.allSatisfy { $0.text.lowercased().contains("rfi") && $0.text.lowercased().contains("open") })
        let rfi = try engine.searchAll(SearchAllQuery(mode: .text, text: "rfi", limit: 1000))
        #expect(Set(rfi.hits.map(\.clusterID)).count > 1, "found in more than one cluster")
        // LIKE's wildcards are searched for literally.
        let percent = try app.writer.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM questions WHERE instr(text, '%') > 0") ?? 0 }
        #expect(try engine.searchAll(SearchAllQuery(mode: .text, text: "%")).total == percent)
    }

    @Test func similarToAQuestionRanksItFirstAndItsClusterNear() throws {
        let (_, app) = try ReviewQueueSampleTests.sample()
        let dataset = try DatasetLoader.load(app)
        let status = try #require(dataset.clusters.first { $0.name == "RFI status" })
        let q = try #require(try QuestionReads.page(app, QuestionQuery(clusterID: status.id, memberIDs: [status.id], order: .oldest, limit: 1)).rows.first)
        let result = try CurationEngine(app: app).searchAll(SearchAllQuery(mode: .similarToQuestion(q.id), text: q.text, limit: 40))
        #expect(result.basis == "embeddings")
        #expect(result.hits.first?.questionID == q.id && abs((result.hits.first?.similarity ?? 0) - 1) < 1e-4)
        let sims = result.hits.compactMap(\.similarity)
        #expect(sims == sims.sorted(by: >))
        let groups = SearchAllState.group(result.hits, in: dataset)
        let rfi = Set(dataset.clusters.filter { $0.name.contains("RFI") }.map(\.id))
        #expect(rfi.contains(groups[0].clusterID), "\(groups.map { dataset.cluster($0.clusterID)?.name ?? "" })")
        // A typed text stands for the mean embedding of its best text matches.
        let typed = try CurationEngine(app: app).searchAll(SearchAllQuery(mode: .similarToText, text: "rfi status", limit: 20))
        #expect(typed.basis.hasPrefix("embeddings") && !typed.hits.isEmpty)
    }

    @Test func withoutEmbeddingsSimilarityIsTFIDFAndTheSplitOffIsOneUndoableDecision() throws {
        let app = try AppDatabase.inMemory { db in
            try DecisionPropertyTests.populate(db, seed: 4)
            try db.execute(sql: "UPDATE questions SET text = 'when is the concrete pour at the tower' WHERE question_id = 17")
            try db.execute(sql: "UPDATE questions SET text = 'concrete pour delayed by rain' WHERE question_id = 42")
        }
        let result = try CurationEngine(app: app).searchAll(SearchAllQuery(mode: .similarToText, text: "concrete pour"))
        #expect(result.basis == "TF-IDF" && Set(result.hits.map(\.questionID)) == [17, 42], "\(result.hits)")
        let before = try app.writer.read(DecisionPropertyTests.snapshot)
        let store = DecisionStore(app: app, reviewer: "test")
        let record = try store.commit(.gather(questions: [3, 17, 42, 80], name: "Found", description: "search"))
        #expect(record.op == .split && record.summary == "Split 4 questions found across the run off into \u{201C}Found\u{201D}")
        let d = try DatasetLoader.load(app)
        let made = try #require(d.clusters.first { $0.name == "Found" })
        #expect(made.stats.rows == 4 && made.parentID == nil)
        try DecisionPropertyTests.checkInvariants(app, seed: 4, step: 0)
        _ = try store.undo()
        #expect(try app.writer.read(DecisionPropertyTests.snapshot) == before)
        #expect { try store.commit(.gather(questions: [3, 999], name: "x", description: "")) } throws: {
            ($0 as? DecisionStore.Refused)?.description == "1 of the questions are not in this run"
        }
    }
}
