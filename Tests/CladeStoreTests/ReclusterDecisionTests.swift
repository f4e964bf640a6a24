import CladeCore
@testable import CladeStore
import Foundation
import GRDB
import Testing

/// A routed split and a multi-cluster re-cluster: one decision each, undone exactly, redone
/// exactly, and rebuilt exactly by replaying the log (issue 13's acceptance).
@Suite struct ReclusterDecisionTests {
    typealias P = DecisionPropertyTests

    static func open(seed: UInt64 = 3) throws -> (AppDatabase, DecisionStore) {
        let app = try AppDatabase.inMemory { try P.populate($0, seed: seed) }
        return (app, DecisionStore(app: app, reviewer: "test"))
    }

    static func where_(_ app: AppDatabase, _ q: QuestionID) throws -> ClusterID? {
        let d = try DatasetLoader.load(app)
        for c in d.clusters where d.isLeaf(c.id) {
            if try P.members(app, d, c.id).contains(q) { return c.id }
        }
        return nil
    }

    @Test func aRoutedSplitKeepsFoldsAndMergesInOneDecisionThatUndoesExactly() throws {
        let (app, store) = try Self.open()
        let d = try DatasetLoader.load(app)
        let members = try P.members(app, d, 10)
        try #require(members.count >= 6)
        let kept = Array(members.prefix(2)), folded = Array(members[2..<4]), elsewhere = Array(members[4..<6])
        let before = try P.stateSnapshot(app)
        let record = try store.commit(.recluster(Recluster(sources: [10], name: "What stays", parts: [
            RoutedPart(questionIDs: kept, route: .newCluster(name: "Kept part", description: "kw")),
            RoutedPart(questionIDs: folded, route: .foldBack),
            RoutedPart(questionIDs: elsewhere, route: .into(20)),
        ])))
        #expect(record.op == .split)
        #expect(record.summary == "Split 4 questions off \u{201C}L10\u{201D} into \u{201C}Kept part\u{201D}; 2 into \u{201C}L20\u{201D}; the rest is \u{201C}What stays\u{201D}")
        let after = try DatasetLoader.load(app)
        let made = try #require(after.clusters.first { $0.name == "Kept part" })
        #expect(made.parentID == 1)
        #expect(after.cluster(10)?.name == "What stays")
        for q in kept { #expect(try Self.where_(app, q) == made.id) }
        for q in folded { #expect(try Self.where_(app, q) == 10) }
        for q in elsewhere { #expect(try Self.where_(app, q) == 20) }
        try P.checkInvariants(app, seed: 3, step: 0)
        #expect(try store.undo() != nil)
        #expect(try P.stateSnapshot(app) == before, "one undo reverses the whole routed split")
        try P.checkInvariants(app, seed: 3, step: 1)
        #expect(try store.redo() != nil)
        // Redo makes the same clusters again, with the same questions.
        let redone = try DatasetLoader.load(app)
        #expect(redone.clusters.map { [$0.id, Int64($0.stats.rows)] } == after.clusters.map { [$0.id, Int64($0.stats.rows)] })
        #expect(redone.cluster(made.id)?.name == "Kept part" && redone.cluster(10)?.name == "What stays")
        for q in kept { #expect(try Self.where_(app, q) == made.id) }
        for q in elsewhere { #expect(try Self.where_(app, q) == 20) }
        try P.checkInvariants(app, seed: 3, step: 2)
    }

    @Test func aReclusterOfThreeClustersIsOneDecisionThatUndoesWhole() throws {
        let (app, store) = try Self.open(seed: 5)
        let d = try DatasetLoader.load(app)
        let union = try [10, 11, 12].flatMap { try P.members(app, d, $0) }
        try #require(union.count >= 9)
        let before = try P.stateSnapshot(app)
        // Parts cut across the old clusters: the first third kept, the second folded back, the rest to L30.
        let third = union.count / 3
        let record = try store.commit(.recluster(Recluster(sources: [11, 10, 12], name: "Merged rest", parts: [
            RoutedPart(questionIDs: Array(union.prefix(third)), route: .newCluster(name: "New A", description: "")),
            RoutedPart(questionIDs: Array(union[third..<(2 * third)]), route: .foldBack),
            RoutedPart(questionIDs: Array(union[(2 * third)...]), route: .into(30)),
        ])))
        #expect(record.op == .recluster)
        #expect(record.summary.hasPrefix("Re-clustered \u{201C}L11\u{201D} with \u{201C}L10\u{201D}, \u{201C}L12\u{201D}"))
        let after = try DatasetLoader.load(app)
        #expect(Set(after.absorbed[11] ?? []) == [10, 12])
        #expect(after.cluster(11)?.name == "Merged rest")
        let newA = try #require(after.clusters.first { $0.name == "New A" })
        for q in union.prefix(third) { #expect(try Self.where_(app, q) == newA.id) }
        for q in union[third..<(2 * third)] { #expect(try Self.where_(app, q) == 11) }
        for q in union[(2 * third)...] { #expect(try Self.where_(app, q) == 30) }
        try P.checkInvariants(app, seed: 5, step: 0)
        #expect(try store.undo() != nil)
        #expect(try P.stateSnapshot(app) == before, "one undo reverses the whole re-cluster")
        try P.checkInvariants(app, seed: 5, step: 1)
    }

    @Test func aReclusterThatMakesNoSenseIsRefusedAndChangesNothing() throws {
        let (app, store) = try Self.open()
        let d = try DatasetLoader.load(app)
        let inTen = try P.members(app, d, 10)
        let inTwenty = try P.members(app, d, 20)
        let before = try P.stateSnapshot(app)
        let cases: [(Recluster, String)] = [
            (Recluster(sources: [10], parts: [RoutedPart(questionIDs: [inTwenty[0]], route: .foldBack)]), "not in this cluster"),
            (Recluster(sources: [10, 11], parts: [RoutedPart(questionIDs: [inTen[0]], route: .into(11))]), "fold it back"),
            (Recluster(sources: [10], parts: [RoutedPart(questionIDs: [inTen[0]], route: .newCluster(name: " ", description: ""))]), "needs a name"),
            (Recluster(sources: [10, 10], parts: []), "twice"),
            (Recluster(sources: [1], parts: []), "is a parent"),
        ]
        for (request, reason) in cases {
            #expect {
                try store.commit(.recluster(request))
            } throws: { ($0 as? DecisionStore.Refused)?.description.contains(reason) == true }
        }
        #expect(try P.stateSnapshot(app) == before)
    }
}

/// Carry-forward reads a re-cluster from the state it left: a split-off part, a merge, a rename.
@Suite struct ReclusterCarryForwardTests {
    @Test func carryForwardUnderstandsAReclusterAsTheSplitMergeAndRenameItMade() throws {
        let tmp = try StoreFixtures.TempFolder()
        let path = tmp.path("db.sqlite")
        try StoreFixtures.writeDatabase(at: path)
        let app = try AppDatabase.open(path: path)
        let record = try DecisionStore(app: app, reviewer: "ana").commit(.recluster(Recluster(sources: [10, 11], name: "RFIs", parts: [
            RoutedPart(questionIDs: [1], route: .newCluster(name: "RFI by number", description: "")),
            RoutedPart(questionIDs: [2, 3, 4], route: .foldBack),
        ])))
        #expect(record.op == .recluster)
        try app.writer.write { try $0.execute(sql: PipelineLoopTests.secondRun) }
        let report = try CarryForwardStep.run(app, from: nil, to: nil)
        let split = try #require(report.items.first { $0.what == .split })
        #expect(split.status == .already && split.newClusterID == 140 && split.sourceDecisionID == record.id, "\(split)")
        #expect(report.items.contains { $0.what == .merge && $0.oldClusterID == 11 }, "\(report.items.map(\.what))")
        #expect(report.notCarried.isEmpty, "\(report.notCarried)")
    }
}
