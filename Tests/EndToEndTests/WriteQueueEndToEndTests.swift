import CladeTestSupport
import Foundation
import Testing

/// Issue 16, item 4, with the real binary: a `sqlite3` shell holds `BEGIN EXCLUSIVE` while the
/// reviewer goes on deciding; every decision is queued on screen and saved, in order, once the
/// lock is released. Nothing typed meanwhile runs as another command.
@Suite("queued decisions, end to end", .serialized, .enabled(if: TmuxSession.isAvailable, "tmux is not installed"))
struct WriteQueueEndToEndTests {
    @Test func decisionsTypedWhileAnotherProcessHoldsTheLockAreSavedInOrder() async throws {
        let sample = try ReliabilitySample()
        let tmux = try await sample.start()
        try await tmux.select("Weather")

        let shell = Process()
        shell.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        shell.arguments = ["sqlite3", sample.path]
        let input = Pipe()
        shell.standardInput = input
        shell.standardOutput = FileHandle.nullDevice
        try shell.run()
        input.fileHandleForWriting.write(Data("BEGIN EXCLUSIVE;\nUPDATE meta SET value = value WHERE key = 'title';\n".utf8))
        try await Task.sleep(for: .milliseconds(500))

        try tmux.send(keys: "y")
        _ = try await tmux.waitFor("another program is writing to the database", timeout: .seconds(30))
        try tmux.send(keys: "j", "p", "2")
        _ = try await tmux.waitFor("Saving… (1 queued)", timeout: .seconds(30))
        try tmux.send(keys: "e", .text("ask the PMs"), .enter)
        _ = try await tmux.waitFor("Saving… (2 queued)", timeout: .seconds(30))
        #expect(try sample.decisions() == 0)

        input.fileHandleForWriting.write(Data("COMMIT;\n".utf8))
        try input.fileHandleForWriting.close()
        shell.waitUntilExit()
        _ = try await tmux.waitUntil("three decisions saved", timeout: .seconds(30)) { _ in (try? sample.decisions()) == 3 }
        #expect(try sample.sample.sql("SELECT group_concat(op, ',') FROM (SELECT op FROM clade_decisions ORDER BY decision_id)") == "set_reviewed,set_priority,note")
        #expect(try sample.sample.sql("SELECT note FROM clade_decisions WHERE op = 'note'").contains("ask the PMs")
            || sample.sample.sql("SELECT COUNT(*) FROM clade_cluster_state WHERE note = 'ask the PMs'") == "1")
        try tmux.send(keys: "q")
        #expect(try await tmux.waitForExit() == 0)
        #expect(try sample.sample.sql("PRAGMA integrity_check") == "ok")
    }
}
