@testable import CladeApp
import CladeCore
import CladeStore
import CladeTerminal
import CladeTestSupport
import CladeUI
import Foundation
import Testing

/// A window open on a file while the pipeline writes a new run and other programs open and
/// close the file. Re-validating the new run must not give up the window's SQLite locks: if it
/// did, the next client to close would delete the WAL under the window, and its later decisions
/// would be shown as saved while no other reader sees them (and `kill -9` loses them).
@Suite("contention: the WAL survives other clients")
struct WALSurvivalTests {
    static let trials = Int(ProcessInfo.processInfo.environment["CLADE_WAL_TRIALS"] ?? "") ?? 50

    @Test
    func decisionsAfterANewRunStayVisibleToEveryReader() throws {
        for trial in 1...Self.trials {
            let scratch = try Scratch()
            let path = scratch.path("review.sqlite")
            try Pipelines.write(at: path, seed: UInt64(trial))
            let backend = HeadlessBackend(size: Size(width: 120, height: 40))
            let runner = try AppRunner(database: try AppDatabase.open(path: path, busyTimeout: AppDatabase.interactiveBusyTimeout),
                                       backend: backend, theme: .standard, reviewer: "expert")
            func type(_ keys: String) {
                backend.enqueue(keys: keys)
                runner.drain()
            }
            func healthy(_ step: String) throws {
                #expect(try Pipelines.sqlite3(path, "PRAGMA integrity_check") == "ok", "trial \(trial), \(step)")
                #expect(FileManager.default.fileExists(atPath: path + "-wal"), "trial \(trial), \(step): the WAL was deleted under the open window")
            }

            type("y")
            try healthy("first decision")
            _ = try Pipelines.sqlite3(path, Pipelines.secondRun())
            #expect(runner.pollForChanges())
            #expect(runner.state.status?.text.contains("The pipeline wrote run 2") == true, "trial \(trial): \(runner.state.status?.text ?? "")")
            try healthy("run 2 reloaded")

            // Other clients open and close the file: the last closer must not think it is alone.
            _ = try Pipelines.sqlite3(path, "INSERT OR REPLACE INTO meta (key, value) VALUES ('touched', '\(trial)')")
            try healthy("a pipeline's write")
            if CladeCLI.isAvailable {
                let export = try CladeCLI.run(["export", path, "--consumer", "pipe"])
                #expect(export.status == 0, "trial \(trial): \(export.stderr)")
                try healthy("clade export --consumer")
            }

            type("jy")
            #expect(runner.state.status?.text.contains("reviewed") == true, "trial \(trial): \(runner.state.status?.text ?? "")")
            try healthy("decision after run 2")
            // What the window shows as saved, every other reader sees.
            #expect(try Pipelines.sqlite3(path, "SELECT COUNT(*) FROM clade_decisions WHERE run_id = 2") == "1", "trial \(trial)")
            _ = try Pipelines.sqlite3(path, "SELECT COUNT(*) FROM questions")
            try healthy("one more reader")
            #expect(try Pipelines.sqlite3(path, "SELECT COUNT(*) FROM clade_decisions") == "2", "trial \(trial)")
        }
    }
}
