@testable import CladeApp
import CladeCore
import CladeStore
import CladeTerminal
import Foundation
import GRDB
import Testing

/// Issue 16, item 4: decisions made while another is being written (the file locked by another
/// program) wait in order and are saved once it lands; no key is dropped or runs as another command.
@Suite("contention: queued decisions")
struct WriteQueueTests {
    typealias Session = RunnerContentionTests.Session

    static func press(_ state: inout AppState, _ script: String) -> [Effect] {
        KeyScript.keys(script).flatMap { Reducer.reduce(&state, .key($0)) }
    }

    /// Reducer level: `j p 2` and a note while a write is pending are queued, not dropped, and the
    /// `2` picks P2 instead of switching to the Questions pane.
    @Test func decisionsTypedWhileAWriteIsPendingAreQueuedInOrder() throws {
        let s = try Session()
        s.select("Budgets")
        var state = s.runner.state
        let budgets = try #require(state.selectedClusterID)
        #expect(Self.press(&state, "y") == [.commit(.setReviewed(budgets, true))])
        #expect(state.committing)

        #expect(!Self.press(&state, "jp2").contains { if case .commit = $0 { true } else { false } }, "nothing is written while the first waits")
        let next = try #require(state.selectedClusterID)
        #expect(next != budgets)
        #expect(state.focus == .clusters, "the 2 picked P2; it did not switch pane")
        #expect(state.status?.text == "Saving… (1 queued)", "\(state.status?.text ?? "nil")")

        #expect(Self.press(&state, "eask the PMs\r").isEmpty)
        #expect(state.focus == .clusters && state.dialog == nil)
        #expect(state.queuedDecisions == [.commit(.setPriority(next, 2)), .commit(.setNote(next, "ask the PMs"))])
        #expect(Self.press(&state, "u").isEmpty)
        #expect(state.queuedDecisions.last == .undo)
        #expect(Reducer.reduce(&state, .run(.carryForward)).isEmpty)
        #expect(state.status?.text.contains("a decision is still being saved") == true)

        // The first lands: the queue is written one by one, in order.
        _ = Reducer.reduce(&state, .refused("Not saved: whatever"))
        #expect(Reducer.reduce(&state, .writeSettled) == [.commit(.setPriority(next, 2))])
        #expect(Reducer.reduce(&state, .writeSettled).isEmpty, "one write at a time")
        _ = Reducer.reduce(&state, .refused("x"))
        #expect(Reducer.reduce(&state, .writeSettled) == [.commit(.setNote(next, "ask the PMs"))])
        _ = Reducer.reduce(&state, .refused("x"))
        #expect(Reducer.reduce(&state, .writeSettled) == [.undo])
        _ = Reducer.reduce(&state, .refused("x"))
        #expect(Reducer.reduce(&state, .writeSettled).isEmpty)
        #expect(!state.committing && state.queuedDecisions.isEmpty)
    }

    /// Run loop against a real lock: everything typed while the file is locked is saved, in order.
    @Test func aLockedFileQueuesLaterDecisionsAndSavesThemInOrder() throws {
        let s = try Session()
        s.select("Budgets")
        let pipeline = try Pipelines.holder(s.path)
        try pipeline.writeWithoutTransaction { try $0.beginTransaction(.exclusive) }
        s.type("y")
        s.type("jp2")
        s.type("eask the PMs\r")
        #expect(s.runner.state.focus == .clusters)
        #expect(try s.decisions() == 0)
        _ = s.runner.tick(now: .now)
        #expect(s.status.contains("2 queued"), "\(s.status)")
        s.type("k")
        _ = s.runner.tick(now: .now)
        #expect(s.status.contains("another program is writing") && s.status.contains("Saving… (2 queued)"), "\(s.status)")

        try pipeline.writeWithoutTransaction { try $0.commit() }
        _ = s.runner.tick(now: .now + .seconds(1))
        let ops = try DatabaseQueue(path: s.path).read { try String.fetchAll($0, sql: "SELECT op FROM clade_decisions ORDER BY decision_id") }
        #expect(ops == ["set_reviewed", "set_priority", "note"])
        #expect(!s.runner.state.committing)
    }

    /// Quitting while the lock is never released names what was not saved, the queue included.
    @Test func quittingWhileLockedCountsTheQueuedDecisions() throws {
        let s = try Session()
        let pipeline = try Pipelines.holder(s.path)
        try pipeline.writeWithoutTransaction { try $0.beginTransaction(.exclusive) }
        s.type("yjp1")
        s.runner.watch.quitWait = .milliseconds(600)
        s.type("q")
        s.runner.finishPendingWrite()
        #expect(s.runner.unsavedDecision?.contains("nor the 1 queued after it") == true, "\(s.runner.unsavedDecision ?? "nil")")
        try pipeline.writeWithoutTransaction { try $0.rollback() }
        #expect(try s.decisions() == 0)
    }

    /// Issue 16, item 11: a large commit (a 64k-question split takes seconds) shows "Saving…"
    /// before the transaction starts, not a frozen screen.
    @Test func aWriteIsAnnouncedOnScreenBeforeItStarts() throws {
        let s = try Session()
        s.select("Budgets")
        let before = s.backend.frames.count
        s.type("y")
        let shown = s.backend.frames[before...].map(\.text)
        let saving = try #require(shown.firstIndex { $0.contains("Saving your decision (set reviewed)…") }, "no frame said it was saving")
        #expect(shown[saving...].contains { $0.contains("as reviewed · u undoes") })
        #expect(try s.decisions() == 1)
    }
}
