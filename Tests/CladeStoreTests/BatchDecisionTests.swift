import CladeCore
import CladeStore
import Foundation
import GRDB
import Testing

/// A decision on marked clusters: one transaction, one log row, one undo for all of them.
@Suite struct BatchDecisionTests {
    func fixture() throws -> (AppDatabase, DecisionStore) {
        let app = try AppDatabase.inMemory(populate: StoreFixtures.populate)
        return (app, DecisionStore(app: app, reviewer: "ana"))
    }

    @Test func priorityOnThreeClustersIsOneRowAndOneUndo() throws {
        let (app, store) = try fixture()
        try store.commit(.setPriority(11, 3))
        let record = try store.commit(.batch([.setPriority(10, 1), .setPriority(11, 1), .setPriority(20, 1)]))
        #expect(record.op == .setPriority && record.clusterIDs == [10, 11, 20])
        #expect(record.summary == "Set 3 clusters to P1: \u{201C}RFIs\u{201D}, \u{201C}Open RFIs\u{201D} and \u{201C}Weather\u{201D}")
        var d = try DatasetLoader.load(app)
        #expect([10, 11, 20].map { d.cluster($0)?.priority } == [1, 1, 1])
        #expect(try DecisionLog.records(app).count == 2)
        let undo = try #require(try store.undo())
        #expect(undo.summary.hasPrefix("Undid: Set 3 clusters to P1"))
        d = try DatasetLoader.load(app)
        #expect([10, 11, 20].map { d.cluster($0)?.priority } == [nil, 3, nil])
        try store.redo()
        d = try DatasetLoader.load(app)
        #expect([10, 11, 20].map { d.cluster($0)?.priority } == [1, 1, 1])
    }

    @Test func eachAnnotationKindRecordsTogether() throws {
        let (app, store) = try fixture()
        #expect(try store.commit(.batch([.setReviewed(10, true), .setReviewed(11, true)])).summary
            == "Marked 2 clusters as reviewed: \u{201C}RFIs\u{201D} and \u{201C}Open RFIs\u{201D}")
        #expect(try store.commit(.batch([.dismiss(10, reason: .redirect), .dismiss(11, reason: .redirect)])).summary
            .hasPrefix("Dismissed 2 clusters (redirect)"))
        try store.commit(.batch([.setIssueType(10, .inventory), .setIssueType(11, .inventory)]))
        try store.commit(.batch([.setNote(10, "ask"), .setNote(11, "ask")]))
        let d = try DatasetLoader.load(app)
        for c: ClusterID in [10, 11] {
            let cluster = try #require(d.cluster(c))
            #expect(cluster.reviewed && cluster.dismissed && cluster.issueType == .inventory && cluster.note == "ask")
        }
        #expect(try DecisionLog.records(app).count == 4)
    }

    @Test func aRefusedPartRecordsNothing() throws {
        let (app, store) = try fixture()
        #expect(throws: DecisionStore.Refused.self) { try store.commit(.batch([.setPriority(10, 1), .setPriority(999, 1)])) }
        #expect(throws: DecisionStore.Refused.self) { try store.commit(.batch([.setPriority(10, 1), .merge(sources: [11], into: 10, name: nil)])) }
        #expect(try DecisionLog.records(app).isEmpty)
        #expect(try DatasetLoader.load(app).cluster(10)?.priority == nil)
    }
}
