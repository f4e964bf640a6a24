@testable import CladeApp
import CladeCore
import CladeStore
import Foundation
import GRDB
import Testing

/// Issue 16, item 7: a pipeline rewriting rows in place (same counts, same ids) while Clade is open
/// or between opens; a decision log that went backwards.
@Suite("contention: pipeline rewrites in place")
struct InPlaceRewriteTests {
    static func rows(_ app: AppDatabase, _ cluster: ClusterID) throws -> Int {
        try DatasetLoader.load(app).clusters.first { $0.id == cluster }?.stats.rows ?? -1
    }

    /// `UPDATE assignments …` keeps every count and highest id: the cached figures must go anyway,
    /// in the window (a reload), for the next open, and for `report`/`export` (the same loader).
    @Test func anInPlaceUpdateOfAssignmentsRefreshesTheFigures() throws {
        let scratch = try Scratch()
        let path = scratch.path("review.sqlite")
        try Pipelines.write(at: path)
        let first = try AppDatabase.open(path: path)
        let budgets = try Self.rows(first, 20), invoices = try Self.rows(first, 21)
        #expect(budgets > 0)
        first.close()

        let pipeline = try Pipelines.holder(path)
        try pipeline.write { try $0.execute(sql: "UPDATE assignments SET cluster_id = 21 WHERE cluster_id = 20") }
        let again = try AppDatabase.open(path: path)
        #expect(try Self.rows(again, 20) == 0, "stale figures from the cache")
        #expect(try Self.rows(again, 21) == invoices + budgets)

        // While a window is open: the reload shows the move.
        let s = try RunnerContentionTests.Session(path: path)
        try pipeline.write { try $0.execute(sql: "UPDATE assignments SET cluster_id = 20 WHERE question_id IN (SELECT question_id FROM assignments WHERE cluster_id = 21 LIMIT 3)") }
        #expect(s.runner.pollForChanges())
        #expect(s.runner.state.dataset.clusters.first { $0.id == 20 }?.stats.rows == 3)
        // And a later process reads the same.
        #expect(try Self.rows(try AppDatabase.open(path: path, forceReadOnly: true), 20) == 3)
    }

    /// A parent cycle written in place after a first open is not opened from the cached validation.
    @Test func aParentCycleWrittenInPlaceIsRefusedOnTheNextOpen() throws {
        let scratch = try Scratch()
        let path = scratch.path("review.sqlite")
        try Pipelines.write(at: path)
        try AppDatabase.open(path: path).close()
        try AppDatabase.open(path: path).close()  // the validation is now cached
        try Pipelines.holder(path).write { try $0.execute(sql: "UPDATE clusters SET parent_id = 10 WHERE cluster_id = 1") }
        #expect(throws: (any Error).self) { try AppDatabase.open(path: path) }
    }

    /// A stale `-wal` restored, an older copy put back: the log went backwards, and opening says so.
    @Test func aDecisionLogThatWentBackIsSaidOnOpening() throws {
        let scratch = try Scratch()
        let path = scratch.path("review.sqlite")
        try Pipelines.write(at: path)
        let ledger = DecisionLedger(folder: scratch.path("home"))
        let app = try AppDatabase.open(path: path)
        #expect(ledger.check(app) == nil, "first sight")
        let store = DecisionStore(app: app, reviewer: "r")
        try store.commit(.setReviewed(20, true))
        let older = scratch.path("older.sqlite")
        try app.writer.backup(to: try DatabaseQueue(path: older))
        try store.commit(.setPriority(20, 1))
        try store.commit(.setNote(20, "x"))
        ledger.update(app)
        #expect(ledger.check(app) == nil, "nothing went back")
        app.close()
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        #expect(rename(older, path) == 0)
        let restored = try AppDatabase.open(path: path)
        let warning = try #require(ledger.check(restored))
        #expect(warning.contains("decision log went back") && warning.contains("2 decisions missing"), "\(warning)")
        #expect(ledger.check(restored) == nil, "said once")
        restored.close()

        // Another file at the same path (a re-import) is not a rollback.
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        try Pipelines.write(at: path) { try $0.execute(sql: "UPDATE runs SET created_at = '2026-02-02T00:00:00Z'") }
        #expect(ledger.check(try AppDatabase.open(path: path)) == nil)
    }
}
