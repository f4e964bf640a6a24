import CladeCore
import Foundation
import GRDB
import Testing
@testable import CladeImport
@testable import CladeStore

/// A reviewed run, a perturbed re-run imported into the same database: which decisions follow
/// their clusters, and which are listed for the reviewer.
@Suite("Re-import: carry-forward")
struct ReimportCarryForwardTests {
    @Test func decisionsFollowTheirClustersToTheNewRun() throws {
        let folder = TempFolder()
        let reviewed = try ReimportFixtures.makeReviewed(in: folder)
        let result = try Reimporter.run(ReimportFixtures.rerun, into: reviewed.path)
        #expect(result.runID == 2 && result.previousRunID == 1)

        let app = try AppDatabase.open(path: reviewed.path)
        let new = try ReimportFixtures.newClusters(app, run: 2)
        let d = try DatasetLoader.load(app)
        #expect(d.runID == 2)

        // Labels and annotations follow the match (A2 shares 9 of 13 questions with A, moves included).
        let a = try #require(d.cluster(new["A2"]!))
        #expect(a.name == "Card delivery" && a.description == "Where is my card?")
        #expect(a.priority == 1 && a.note == "check with ops" && a.reviewed && a.issueType == .inventory)
        #expect(a.capabilityVerdicts[1] == .confirmed)
        // The two questions moved from E to A are moved again: 9 + a11 + e1 + e2.
        #expect(a.stats.rows == 12)
        #expect(d.cluster(new["E2"]!)?.stats.rows == 8)

        // The merge is re-applied on the two matched clusters, under the merged name.
        #expect(d.cluster(new["C2"]!) == nil)
        let b = try #require(d.cluster(new["B2"]!))
        #expect(b.name == "Billing" && b.stats.rows == 20)
        #expect(b.priority == nil, "an undone decision is not carried")

        // The split is made again from D2, where its three questions are, with its priority.
        let split = try #require(d.clusters.first { $0.isExpert })
        #expect(split.id != reviewed.split)
        #expect(split.name == "Disputes" && split.description == "charge disputes" && split.stats.rows == 3 && split.priority == 0)
        #expect(split.parentID == new["Q2"])
        #expect(d.cluster(new["D2"]!)?.stats.rows == 7)

        // Dismissal and priority; the parent's note follows the matching parent.
        let f = try #require(d.cluster(new["F2"]!))
        #expect(f.dismissed && f.priority == 3 && f.action == .tellUsers)
        #expect(d.cluster(new["Q1"]!)?.note == "family note")

        // G was dissolved by the re-run: its priority is not carried, and is listed with the reason.
        #expect(d.cluster(new["H2"]!)?.priority == nil)
        let report = result.report
        let lost = try #require(report.notCarried.first { $0.oldClusterID == reviewed.cluster["G"] })
        #expect(lost.what == .priority && lost.detail == "P2" && lost.newClusterID == nil)
        #expect(lost.reason.contains("J 0.25") && lost.reason.contains("< 0.50"))
        #expect(report.notCarried.count == 1)
        #expect(report.reviewedClusters == 7 && report.matchedClusters == 6)

        // Every structural decision is in the report with the decision it appended.
        for what in [CarryForwardItem.What.merge, .split, .move] {
            let item = try #require(report.carried.first { $0.what == what }, "\(what)")
            #expect(item.decisionID != nil && item.sourceDecisionID != nil)
        }
        #expect(report.text.contains("J 0.69: label \u{201C}Card delivery\u{201D} and description, P1, issue: inventory, note"))
        #expect(report.text.contains("Not carried: for the reviewer to redo or drop (1)"))
    }

    @Test func carriedDecisionsAreOrdinaryDecisionsOfTheNewRun() throws {
        let folder = TempFolder()
        let reviewed = try ReimportFixtures.makeReviewed(in: folder)
        let stateBefore = try AppDatabase.open(path: reviewed.path, forceReadOnly: true).writer.read(ReimportFixtures.stateSnapshot)
        let result = try Reimporter.run(ReimportFixtures.rerun, into: reviewed.path, options: .init(carry: .init(reviewer: "nightly")))
        let app = try AppDatabase.open(path: reviewed.path)
        let log = try DecisionLog.records(app)
        let carried = log.filter { $0.runID == 2 }
        #expect(log.filter { $0.runID == 1 }.count == 16)
        #expect(carried.count == Set(result.report.carried.compactMap(\.decisionID)).count)
        #expect(carried.allSatisfy { $0.reviewer == "nightly" && $0.note.hasPrefix("carried forward from run 1, cluster ") })
        #expect(carried.contains { $0.op == .merge } && carried.contains { $0.op == .split } && carried.contains { $0.op == .move })

        // The report is kept in the database for the reviewer.
        let stored = try CarryForwardReport.load(app)
        #expect(stored == result.report.items)

        // Undo walks back the carried decisions only, never into the reviewed run.
        let store = DecisionStore(app: app, reviewer: "ana")
        var undone = 0
        while try store.undo() != nil { undone += 1 }
        #expect(undone == carried.count)
        let d = try DatasetLoader.load(app)
        #expect(d.clusters.allSatisfy { $0.priority == nil && !$0.isExpert && $0.note.isEmpty })
        #expect(try app.writer.read(ReimportFixtures.stateSnapshot) == stateBefore)
        #expect(try DatasetLoader.load(app, runID: 1).cluster(reviewed.cluster["A"]!)?.name == "Card delivery")

        // A session still showing run 1 cannot change it: its clusters are not in the run under review.
        let stale = reviewed.cluster["B"]!
        #expect(throws: DecisionStore.Refused(description: "Cluster \(stale) does not exist in this run")) {
            try store.commit(.relabel(stale, name: "late", description: nil))
        }
        #expect(throws: DecisionStore.Refused.self) { try store.commit(.setPriority(stale, 1)) }
    }

    @Test func theReviewedRunIsUntouchedAndTheLogReplays() throws {
        let folder = TempFolder()
        let reviewed = try ReimportFixtures.makeReviewed(in: folder)
        let beforeApp = try AppDatabase.open(path: reviewed.path, forceReadOnly: true)
        let datasetBefore = try DatasetLoader.load(beforeApp)
        let exportBefore = try DecisionExport.make(beforeApp, since: nil, consumer: nil)
        let stateBefore = try beforeApp.writer.read(ReimportFixtures.stateSnapshot)
        try (beforeApp.writer as? DatabaseQueue)?.close()

        _ = try Reimporter.run(ReimportFixtures.rerun, into: reviewed.path)
        let app = try AppDatabase.open(path: reviewed.path)

        // Run 1 reads exactly as it did: clusters, figures, the reviewer's state and its export.
        let old = try DatasetLoader.load(app, runID: 1)
        #expect(old.clusters == datasetBefore.clusters && old.total == datasetBefore.total && old.absorbed == datasetBefore.absorbed)
        let exportOld = try DecisionExport.make(app, since: nil, consumer: nil, runID: 1)
        #expect(try exportJSON(exportOld.clusters) == exportJSON(exportBefore.clusters))
        #expect(try exportJSON(exportOld.reassignments) == exportJSON(exportBefore.reassignments))
        #expect(exportOld.decisions.count > exportBefore.decisions.count, "the log lists both runs' decisions")
        let state = try app.writer.read(ReimportFixtures.stateSnapshot)
        #expect(stateBefore.allSatisfy { state.contains($0) }, "no state row of run 1 changed")

        // Replaying the whole log from nothing rebuilds both runs' state exactly.
        let replayed = try app.writer.write { db -> [String] in
            var out: [String] = []
            try db.inSavepoint {
                try DecisionLog.replay(db)
                out = try ReimportFixtures.stateSnapshot(db)
                return .rollback
            }
            return out
        }
        #expect(replayed == state)

        // The new run's statistics cache, built in the import's transaction, is the recomputed one.
        try app.writer.read { db in
            let cached = try #require(try StatsCache.read(db, run: 2))
            let computed = try StatsCache.compute(db, run: 2, clade: true)
            #expect(cached.stats == computed.stats && cached.weekly == computed.weekly && cached.capabilities == computed.capabilities)
            #expect(try StatsCache.read(db, run: 1) != nil, "run 1's cache is still current")
        }

        // The latest run is what Clade reviews, and `clade check` sees both runs.
        let check = try SchemaCheck.run(path: reviewed.path)
        #expect(check.runs == 2 && check.runID == 2 && check.questions == 80 && check.unassignedQuestions == 0)
        let ids = try app.writer.read { db in
            (try Int.fetchOne(db, sql: "SELECT COUNT(DISTINCT question_id) FROM questions"),
             try Int.fetchOne(db, sql: "SELECT parent_run_id FROM runs WHERE run_id = 2"),
             try String.fetchAll(db, sql: "SELECT name FROM capabilities ORDER BY capability_id"))
        }
        #expect(ids.0 == 70 + 80 && ids.1 == 1 && ids.2 == ["relative dates", "comparison", "summarise"])
    }

    @Test func aLowerThresholdMatchesMoreAndAnExactTieIsAmbiguous() throws {
        let folder = TempFolder()
        let reviewed = try ReimportFixtures.makeReviewed(in: folder)
        let result = try Reimporter.run(ReimportFixtures.rerun, into: reviewed.path, options: .init(carry: .init(threshold: 0.2)))
        // G shares J 0.25 with both H2 and F2; F2 goes to F (J 0.67), so G gets H2.
        let app = try AppDatabase.open(path: reviewed.path)
        let new = try ReimportFixtures.newClusters(app, run: 2)
        #expect(try DatasetLoader.load(app).cluster(new["H2"]!)?.priority == 2)
        #expect(result.report.notCarried.isEmpty)

        // A cluster split evenly between two new clusters is ambiguous and listed as such.
        var matcher = OverlapMatcher(new: [10: [1, 2], 11: [3, 4]], threshold: 0.5).match([1: [1, 2, 3, 4]])
        #expect(matcher.matched.isEmpty && matcher.ambiguous[1]?.count == 2)
        matcher = OverlapMatcher(new: [10: [1, 2, 3], 11: [4]], threshold: 0.5).match([1: [1, 2, 3, 4], 2: [1, 2, 3]])
        #expect(matcher.matched[2]?.cluster == 10 && matcher.matched[1] == nil && matcher.best[1]?.jaccard == 0.75)
    }

    @Test func aSplitTheNewRunAlreadyHasIsRelabelledNotSplitAgain() throws {
        typealias F = ReimportFixtures
        let folder = TempFolder()
        let path = folder.path("s.sqlite")
        try PipelineWriter.write(F.pipeline([
            F.Spec(name: "D", members: F.range("d", 1...10)), F.Spec(name: "E", members: F.range("e", 1...10)),
        ], parents: [], capabilities: [], tags: []), to: path, force: false)
        let app = try AppDatabase.open(path: path)
        let d = try app.writer.read { try Int64.fetchOne($0, sql: "SELECT cluster_id FROM clusters WHERE name = 'D'")! }
        let split = try DecisionStore(app: app, reviewer: "ana").commit(.split(d, parts: [SplitPart(name: "Disputes", questionIDs: [1, 2, 3])]))
        try DecisionStore(app: app, reviewer: "ana").commit(.setReviewed(split.clusterIDs.last!, true))

        // The re-run found the reviewer's split by itself, as cluster DX.
        let result = try Reimporter.run(F.pipeline([
            F.Spec(name: "D", members: F.range("d", 4...10)), F.Spec(name: "DX", members: F.range("d", 1...3)),
            F.Spec(name: "E", members: F.range("e", 1...10)),
        ], parents: [], capabilities: [], tags: []), into: path)
        let item = try #require(result.report.items.first { $0.what == .split })
        #expect(item.status == .already && item.jaccard == 1)
        let new = try F.newClusters(app, run: 2)
        let dx = try #require(try DatasetLoader.load(app).cluster(new["DX"]!))
        #expect(dx.name == "Disputes" && dx.description == "pipeline's DX" && dx.reviewed && !dx.isExpert)
        #expect(try DatasetLoader.load(app).clusters.filter(\.isExpert).isEmpty)
    }

    private func exportJSON<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
