import CladeTestSupport
import Foundation
import Testing

/// An open that takes time (a first open reading a large new file, or one waiting for another
/// program's lock) shows a screen at once, says what it waits for, and quits on q: it never sits
/// blank ignoring keys (issue 16 item 8). The lock makes the open slow without a large file.
@Suite("first open, end to end", .serialized, .enabled(if: TmuxSession.isAvailable, "tmux is not installed"))
struct FirstOpenEndToEndTests {
    /// Another program holds the file (a rollback journal, `BEGIN EXCLUSIVE`) while it runs.
    func holdLock(_ sample: ReliabilitySample, _ tmux: TmuxSession) async throws {
        try sample.write("PRAGMA journal_mode = DELETE")
        _ = try TmuxSession.run(["-L", tmux.socket, "new-window", "-d", "sh", "-c",
                                 "(echo 'BEGIN EXCLUSIVE; SELECT 1;'; sleep 60) | sqlite3 '\(sample.path)' > '\(sample.home)/holder.out'"])
        // The shell answers once it holds the lock; on a loaded machine that can take seconds, and
        // a test going on without the lock would wait for a progress screen that never comes.
        func held() -> Bool { !((try? String(contentsOfFile: sample.home + "/holder.out", encoding: .utf8)) ?? "").isEmpty }
        for _ in 0..<600 where !held() {
            try await Task.sleep(for: .milliseconds(50))
        }
        #expect(held(), "the sqlite3 shell never took the lock")
    }

    @Test func aSlowOpenShowsProgressAndQuitsOnQ() async throws {
        let sample = try ReliabilitySample()
        // A placeholder pane to hold the lock's window, then clade in the session proper.
        let holder = try TmuxSession(command: ["sleep", "60"])
        try await holdLock(sample, holder)
        let tmux = try await sample.start(waitFor: nil)
        let first = try await tmux.waitFor("q quits", timeout: .seconds(30))
        #expect(first.contains("Opening"), "\(first)")
        // SQLite's own busy wait comes first (2 s), then the notice.
        _ = try await tmux.waitFor("being written by another program", timeout: .seconds(30))
        try tmux.send("q")
        #expect(try await tmux.waitForExit(timeout: .seconds(30)) == 0)
        #expect(try tmux.format("#{alternate_on}") == "0", "the terminal was not given back")
        #expect(sample.log.contains("quit while opening"), "\(sample.log)")
        holder.kill()
    }

    /// Keys typed while the file opens are kept: when the lock goes, they run in the session.
    @Test func keysTypedWhileOpeningRunOnceOpen() async throws {
        let sample = try ReliabilitySample()
        let holder = try TmuxSession(command: ["sleep", "60"])
        try await holdLock(sample, holder)
        let tmux = try await sample.start(waitFor: nil)
        _ = try await tmux.waitFor("q quits", timeout: .seconds(30))
        // 3: the capabilities pane takes the focus (its title in brackets).
        try tmux.send("3")
        holder.kill()
        _ = try await tmux.waitFor("[3 Capabilities]", timeout: .seconds(30))
        try tmux.send("q")
        #expect(try await tmux.waitForExit(timeout: .seconds(30)) == 0)
    }
}
