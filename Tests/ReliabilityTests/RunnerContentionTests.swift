@testable import CladeApp
import CladeCore
import CladeStore
import CladeTerminal
import CladeUI
import Foundation
import GRDB
import Testing

/// The run loop against other programs: a busy database, another Clade, a pipeline writing a new
/// run, the file replaced or deleted. Nothing is shown as saved that was not; nothing is lost.
@Suite("contention: run loop")
struct RunnerContentionTests {
    final class Session {
        let scratch: Scratch
        let path: String
        let backend = HeadlessBackend(size: Size(width: 120, height: 40))
        let runner: AppRunner

        init() throws {
            scratch = try Scratch()
            path = scratch.path("review.sqlite")
            try Pipelines.write(at: path)
            runner = try AppRunner(database: try AppDatabase.open(path: path, busyTimeout: AppDatabase.interactiveBusyTimeout),
                                   backend: backend, theme: .standard, reviewer: "window a")
        }

        /// A window on an existing file.
        init(path: String) throws {
            scratch = try Scratch()
            self.path = path
            runner = try AppRunner(database: try AppDatabase.open(path: path, busyTimeout: AppDatabase.interactiveBusyTimeout),
                                   backend: backend, theme: .standard, reviewer: "window a")
        }

        func type(_ keys: String) {
            backend.enqueue(keys: keys)
            runner.drain()
        }

        var status: String { runner.state.status?.text ?? "" }
        var screen: String { runner.frame().text }

        func decisions() throws -> Int {
            try DatabaseQueue(path: path).read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM clade_decisions") ?? -1 }
        }

        /// Selects a cluster by searching for its name.
        func select(_ name: String) {
            type("1/\(name)\r")
            precondition(runner.state.selectedCluster?.name == name, "could not select \(name)")
        }
    }

    @Test func aBusyDatabaseKeepsTheDecisionAndRetriesWithANotice() throws {
        let s = try Session()
        s.select("Budgets")
        let pipeline = try Pipelines.holder(s.path)
        try pipeline.writeWithoutTransaction { try $0.beginTransaction(.immediate) }
        s.type("y")
        #expect(s.status.contains("Saving…") && s.status.contains("another program is writing"), "\(s.status)")
        #expect(s.screen.contains("another program is writing"))
        #expect(try s.decisions() == 0)
        #expect(s.runner.state.committing)

        // Browsing goes on meanwhile; the notice comes back after the key clears it.
        s.type("k")
        #expect(s.runner.state.selectedCluster?.name != "Budgets")
        _ = s.runner.tick(now: .now)
        #expect(s.status.contains("another program is writing"))
        _ = s.runner.tick(now: .now + .seconds(1))
        #expect(s.status.contains("try 3"), "\(s.status)")

        try pipeline.writeWithoutTransaction { try $0.commit() }
        _ = s.runner.tick(now: .now + .seconds(1))
        #expect(s.status.contains("Marked “Budgets” as reviewed"), "\(s.status)")
        #expect(!s.runner.state.committing)
        #expect(try s.decisions() == 1)
        #expect(s.runner.state.dataset.clusters.first { $0.name == "Budgets" }?.reviewed == true)
    }

    @Test func quittingWhileTheDatabaseStaysLockedSaysWhatWasNotSaved() throws {
        let s = try Session()
        let pipeline = try Pipelines.holder(s.path)
        try pipeline.writeWithoutTransaction { try $0.beginTransaction(.immediate) }
        s.type("y")
        s.runner.watch.quitWait = .milliseconds(600)
        s.type("q")
        s.runner.finishPendingWrite()
        #expect(s.runner.unsavedDecision?.contains("your decision (set reviewed) was not saved") == true, "\(s.runner.unsavedDecision ?? "nil")")
        try pipeline.writeWithoutTransaction { try $0.rollback() }
        #expect(try s.decisions() == 0)
    }

    @Test func anotherWindowsDecisionReloadsInPlace() throws {
        let s = try Session()
        s.select("Drawings")
        s.type("\r")  // into its questions
        let cursorBefore = s.runner.state.questions.cursor
        let other = try AppDatabase.open(path: s.path)
        try DecisionStore(app: other, reviewer: "window b").commit(.relabel(11, name: "Drawings and revisions", description: nil))
        #expect(s.runner.pollForChanges())
        #expect(s.runner.state.dataset.cluster(11)?.name == "Drawings and revisions")
        #expect(s.runner.state.selectedClusterID == 11 && s.runner.state.focus == .questions)
        #expect(s.runner.state.questions.cursor == cursorBefore)
        #expect(s.status.contains("1 decision recorded by another Clade window"), "\(s.status)")
        #expect(!s.runner.pollForChanges(), "nothing more changed")

        // And the other way round; undo in this window sees the other's decision as the latest.
        s.type("y")
        let seen = try DatasetLoader.load(other)
        #expect(seen.cluster(11)?.reviewed == true && seen.cluster(11)?.name == "Drawings and revisions")
        #expect(try DecisionLog.records(other).map(\.reviewer) == ["window b", "window a"])
    }

    @Test func aNewRunFromThePipelineKeepsTheSelection() throws {
        let s = try Session()
        s.select("Invoices")
        let pipeline = try DatabaseQueue(path: s.path)
        try pipeline.write { db in
            try db.execute(sql: """
                INSERT INTO runs VALUES (2, '2026-03-01T00:00:00Z', 'native', '{}', 1);
                INSERT INTO clusters (cluster_id, run_id, parent_id, name, description, keywords_json, is_outlier)
                    SELECT cluster_id + 100, 2, parent_id + 100, name, description, keywords_json, is_outlier FROM clusters WHERE run_id = 1;
                INSERT INTO questions (question_id, run_id, text, asked_at, relevance, feedback, weight)
                    SELECT question_id + 1000, 2, text, asked_at, relevance, feedback, weight FROM questions WHERE run_id = 1;
                INSERT INTO assignments (question_id, cluster_id) SELECT question_id + 1000, cluster_id + 100 FROM assignments;
                """)
        }
        #expect(s.runner.pollForChanges())
        #expect(s.runner.state.dataset.runID == 2)
        #expect(s.runner.state.selectedClusterID == 121, "Invoices of run 2")
        #expect(s.runner.state.expanded.isSuperset(of: [101, 102]))
        #expect(s.status.contains("The pipeline wrote run 2"), "\(s.status)")
        s.type("y")
        #expect(try DecisionLog.records(try AppDatabase.open(path: s.path)).last?.runID == 2)
    }

    @Test func aNewRunCladeCannotShowPausesDecisions() throws {
        let s = try Session()
        let pipeline = try Pipelines.holder(s.path)
        try pipeline.write { db in
            try db.execute(sql: """
                INSERT INTO runs VALUES (2, '2026-03-01T00:00:00Z', 'native', '{}', 1);
                INSERT INTO clusters (cluster_id, run_id, parent_id, name) VALUES (500, 2, 'the root', 'Broken');
                """)
        }
        #expect(s.runner.pollForChanges())
        #expect(s.status.contains("the pipeline wrote run 2, which Clade cannot show") && s.status.contains("clusters.parent_id must be an integer"), "\(s.status)")
        #expect(s.runner.state.dataset.runID == 1, "the screen stays as it was")
        s.type("y")
        #expect(s.status.hasPrefix("Not saved:"))
        #expect(try s.decisions() == 0)
    }

    @Test func aReplacedFileIsReopenedAndADeletedOneRefusesDecisions() throws {
        let s = try Session()
        try Pipelines.write(at: s.path + ".new", seed: 9) { try $0.execute(sql: "UPDATE meta SET value = 'Re-imported' WHERE key = 'title'") }
        #expect(rename(s.path + ".new", s.path) == 0)
        #expect(s.runner.pollForChanges())
        #expect(s.status.contains("Another program replaced review.sqlite"), "\(s.status)")
        #expect(s.runner.state.dataset.title == "Re-imported")
        s.select("Weather")
        s.type("y")
        #expect(try s.decisions() == 1, "the decision went to the new file")

        try FileManager.default.removeItem(atPath: s.path)
        _ = s.runner.pollForChanges()
        #expect(s.status.contains("was moved or deleted"), "\(s.status)")
        s.type("p1")
        #expect(s.status.hasPrefix("Not saved:"), "\(s.status)")
        #expect(!s.runner.state.committing)
    }
}
