@testable import CladeApp
import CladeCore
import CladeStore
import CladeTerminal
import CladeUI
import Foundation
import Testing

/// Opening a file whose latest run got none of the review offers to carry it forward; nothing is
/// carried until the reviewer asks.
@Suite struct CarryForwardOfferTests {
    @Test func openingARunWrittenWithSQLOffersTheCarryForwardAndFDoesIt() throws {
        let scratch = try Scratch()
        let path = scratch.path("review.sqlite")
        try Pipelines.write(at: path)
        do {
            let app = try AppDatabase.open(path: path)
            try DecisionStore(app: app, reviewer: "ana").commit(.relabel(10, name: "RFI status", description: nil))
        }
        _ = try Pipelines.sqlite3(path, Pipelines.secondRun())

        let backend = HeadlessBackend(size: Size(width: 120, height: 40))
        let runner = try AppRunner(database: try AppDatabase.open(path: path), backend: backend, theme: .standard, reviewer: "ana")
        runner.drain()
        #expect(runner.state.status?.text.hasPrefix("Run 2 has none of the review of run 1 yet: F carries it forward") == true, "\(runner.state.status?.text ?? "")")
        #expect(try Pipelines.sqlite3(path, "SELECT COUNT(*) FROM clade_decisions WHERE run_id = 2") == "0")

        backend.enqueue(keys: "F")
        runner.drain()
        #expect(runner.state.status?.text.hasPrefix("Carried run 1's review to run 2: 1 decision") == true, "\(runner.state.status?.text ?? "")")
        #expect(try Pipelines.sqlite3(path, "SELECT COUNT(*) FROM clade_decisions WHERE run_id = 2") == "1")
        #expect(runner.state.dataset.cluster(110)?.name == "RFI status")

        // Asked again: refused with the reason, nothing written.
        backend.enqueue(keys: "F")
        runner.drain()
        #expect(runner.state.status?.isError == true && runner.state.status?.text.contains("already carried") == true)
        #expect(try Pipelines.sqlite3(path, "SELECT COUNT(*) FROM clade_decisions") == "2")
    }

    @Test func aRunWrittenWhileTheWindowIsOpenIsOfferedToo() throws {
        let scratch = try Scratch()
        let path = scratch.path("review.sqlite")
        try Pipelines.write(at: path)
        let backend = HeadlessBackend(size: Size(width: 160, height: 40))
        let runner = try AppRunner(database: try AppDatabase.open(path: path, busyTimeout: AppDatabase.interactiveBusyTimeout),
                                   backend: backend, theme: .standard, reviewer: "ana")
        backend.enqueue(keys: "y")  // a decision on run 1
        runner.drain()
        _ = try Pipelines.sqlite3(path, Pipelines.secondRun())
        #expect(runner.pollForChanges())
        #expect(runner.state.status?.text.contains("The pipeline wrote run 2") == true)
        #expect(runner.state.status?.text.hasSuffix("it has none of run 1's review yet: F carries it forward") == true, "\(runner.state.status?.text ?? "")")
        #expect(try Pipelines.sqlite3(path, "SELECT COUNT(*) FROM clade_decisions WHERE run_id = 2") == "0")
    }
}
