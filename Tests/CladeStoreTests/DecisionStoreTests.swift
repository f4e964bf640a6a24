import CladeCore
import CladeStore
import Foundation
import GRDB
import Testing

@Suite struct DecisionStoreTests {
    func fixture() throws -> (AppDatabase, DecisionStore) {
        let app = try AppDatabase.inMemory(populate: StoreFixtures.populate)
        let clock = Clock()
        return (app, DecisionStore(app: app, reviewer: "ana", now: clock.tick))
    }

    /// A clock that advances a second per call, for stable timestamps.
    final class Clock: @unchecked Sendable {
        var t = Date(timeIntervalSince1970: 1_790_000_000)
        func tick() -> Date { t += 1; return t }
    }

    @Test func relabelWritesLogAndStateTogether() throws {
        let (app, store) = try fixture()
        let record = try store.commit(.relabel(10, name: "RFI status", description: "Status of requests for information"), note: "clearer")
        #expect(record.id == 1 && record.op == .relabel && record.reviewer == "ana" && record.clusterIDs == [10])
        #expect(record.summary == "Relabelled \u{201C}RFIs\u{201D} as \u{201C}RFI status\u{201D}")
        #expect(record.at.hasSuffix("Z") && record.at.count == 24)
        let d = try DatasetLoader.load(app)
        #expect(d.cluster(10)?.name == "RFI status" && d.cluster(10)?.description == "Status of requests for information")
        let log = try DecisionLog.records(app)
        #expect(log.count == 1 && log[0].note == "clearer")
    }

    @Test func mergeMovesStatisticsAtOnceAndUndoRestoresThem() throws {
        let (app, store) = try fixture()
        try store.commit(.merge(sources: [11], into: 10, name: "RFIs (all)"))
        var d = try DatasetLoader.load(app)
        #expect(d.cluster(11) == nil)
        #expect(d.cluster(10)?.stats.rows == 4 && d.cluster(10)?.stats.volume == 7 && d.cluster(10)?.name == "RFIs (all)")
        #expect(d.cluster(1)?.stats.volume == 7)
        try store.undo()
        d = try DatasetLoader.load(app)
        #expect(d.cluster(11)?.stats.volume == 5 && d.cluster(10)?.name == "RFIs")
        try store.redo()
        d = try DatasetLoader.load(app)
        #expect(d.cluster(11) == nil && d.cluster(10)?.name == "RFIs (all)")
    }

    @Test func splitCreatesExpertClustersWithIDsOfCladesRange() throws {
        let (app, store) = try fixture()
        let first = CladeIDs.ceiling
        let r = try store.commit(.split(10, parts: [SplitPart(name: "RFI 13", questionIDs: [2])]))
        #expect(r.clusterIDs == [10, first] && r.questionIDs == [2])
        let d = try DatasetLoader.load(app)
        let part = try #require(d.cluster(first))
        #expect(part.isExpert && part.parentID == 1 && part.name == "RFI 13" && part.stats.rows == 1)
        #expect(d.cluster(10)?.stats.rows == 1)
        let q = try QuestionReads.page(app, QuestionQuery(clusterID: first, memberIDs: d.memberClusterIDs(of: first), order: .newest))
        #expect(q.rows.map(\.id) == [2])
        let again = try store.commit(.split(10, parts: [SplitPart(name: "RFI 12", questionIDs: [1])]))
        #expect(again.clusterIDs == [10, first - 1])
    }

    @Test func refusalsExplainThemselves() throws {
        let (_, store) = try fixture()
        #expect(throws: DecisionStore.Refused(description: "\u{201C}Docs\u{201D} is a parent: pick one of its clusters")) {
            try store.commit(.move(questions: [1], to: 1))
        }
        #expect(throws: DecisionStore.Refused(description: "Pick at least one other cluster to merge")) {
            try store.commit(.merge(sources: [10], into: 10, name: nil))
        }
        #expect(throws: DecisionStore.Refused(description: "1 of the questions are not in this cluster any more")) {
            try store.commit(.split(10, parts: [SplitPart(name: "x", questionIDs: [5])]))
        }
        try store.commit(.merge(sources: [11], into: 10, name: nil))
        #expect(throws: DecisionStore.Refused(description: "\u{201C}Open RFIs\u{201D} was merged away")) {
            try store.commit(.move(questions: [1], to: 11))
        }
        #expect(throws: DecisionStore.Refused(description: "Priorities run from P0 to P3")) {
            try store.commit(.setPriority(10, 7))
        }
    }

    @Test func undoAndRedoSurviveRestartsAndNeverDeleteHistory() throws {
        let tmp = try StoreFixtures.TempFolder()
        let path = tmp.path("db.sqlite")
        try StoreFixtures.writeDatabase(at: path)
        do {
            let store = DecisionStore(app: try AppDatabase.open(path: path), reviewer: "ana")
            try store.commit(.setPriority(10, 0))
            try store.commit(.setNote(10, "check with the PM"))
            try store.commit(.setReviewed(10, true))
        }
        do {
            let app = try AppDatabase.open(path: path)
            let store = DecisionStore(app: app, reviewer: "ben")
            #expect(try DecisionLog.undoRedo(app).undo == "Marked \u{201C}RFIs\u{201D} as reviewed")
            try store.undo()
            try store.undo()
            let u = try store.redo()
            #expect(u?.op == .redo && u?.summary == "Redid: Noted on \u{201C}RFIs\u{201D}: check with the PM")
            // Undoing the redo names the original, found through the log's `undoes` links.
            #expect(try store.undo()?.summary == "Undid: Noted on \u{201C}RFIs\u{201D}: check with the PM")
            #expect(try store.redo()?.summary == "Redid: Noted on \u{201C}RFIs\u{201D}: check with the PM")
            let c = try DatasetLoader.load(app).cluster(10)!
            #expect(c.priority == 0 && c.note == "check with the PM" && !c.reviewed)
            #expect(try DecisionLog.records(app).map(\.op) == [.setPriority, .note, .setReviewed, .undo, .undo, .redo, .undo, .redo])
            // A new decision clears what could be redone.
            try store.commit(.setIssueType(10, .capability))
            #expect(try store.redo() == nil)
        }
    }

    @Test func thresholdsAndCapabilities() throws {
        let (app, store) = try fixture()
        try store.commit(.setThreshold(key: "relevance_low", value: "0.65"))
        #expect(try DatasetLoader.load(app).thresholds.relevanceLow == 0.65)
        try store.undo()
        #expect(try DatasetLoader.load(app).thresholds.relevanceLow == 0.5)
        let added = try store.commit(.addCapability(name: "Weather lookup", description: "forecasts", confirmOn: 20))
        #expect(added.summary == "Added the capability \u{201C}Weather lookup\u{201D} on \u{201C}Weather\u{201D}")
        #expect(try DatasetLoader.load(app).capabilities.contains { $0.id == CladeIDs.ceiling && $0.name == "Weather lookup" })
        #expect(throws: DecisionStore.Refused.self) { try store.commit(.addCapability(name: "weather LOOKUP", description: "", confirmOn: nil)) }
        try store.commit(.capabilityVerdict(20, 1, .rejected))
        let verdict = try app.writer.read { db in
            try String.fetchOne(db, sql: "SELECT verdict FROM clade_cluster_capability WHERE cluster_id = 20 AND capability_id = 1")
        }
        #expect(verdict == "rejected")
    }

    @Test func readOnlyDatabasesRefuseDecisions() throws {
        let tmp = try StoreFixtures.TempFolder()
        let path = tmp.path("db.sqlite")
        try StoreFixtures.writeDatabase(at: path)
        let app = try AppDatabase.open(path: path, forceReadOnly: true)
        let before = FileManager.default.contents(atPath: path)
        #expect(throws: DecisionStore.Refused.self) { try DecisionStore(app: app, reviewer: "x").commit(.setPriority(10, 1)) }
        #expect(FileManager.default.contents(atPath: path) == before)
    }
}
