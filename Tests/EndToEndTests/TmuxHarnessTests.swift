import Foundation
import Testing

/// Proves the tmux harness against programs whose behaviour is known, so an end-to-end
/// failure of clade is about clade.
extension EndToEnd {
    @Suite("tmux harness", .enabled(if: TmuxSession.isAvailable, "tmux is not installed"), .serialized)
    struct TmuxHarnessTests {
        @Test("text and Enter reach the program; its output is captured")
        func readLine() async throws {
            let tmux = try TmuxSession(command: ["bash", "-c", "read x; echo \"got $x\"; read y"], width: 40, height: 10)
            try tmux.send(keys: "hello world", .enter)
            try await tmux.waitFor("got hello world")
            #expect(tmux.isRunning)
            try tmux.send(keys: .enter)
            #expect(try await tmux.waitForExit() == 0)
            #expect(!tmux.isRunning)
        }

        @Test("named keys arrive as the bytes a terminal sends")
        func namedKeys() async throws {
            let tmux = try TmuxSession(
                command: ["sh", "-c", "stty -icanon -echo; echo ready; dd bs=1 count=6 2>/dev/null | od -An -tx1; sleep 30"],
                width: 40, height: 10
            )
            try await tmux.waitFor("ready")
            try tmux.send(keys: .escape, .tab, .ctrl("r"), .up)
            try await tmux.waitFor("1b 09 12 1b 5b 41")
        }

        @Test("a resize reaches the program as a new terminal size")
        func resize() async throws {
            let tmux = try TmuxSession(command: ["sh", "-c", "stty size; read x; stty size; read y"], width: 40, height: 10)
            try await tmux.waitFor("10 40")
            try tmux.resize(width: 60, height: 20)
            try tmux.send(keys: .enter)
            try await tmux.waitFor("20 60")
            #expect(tmux.width == 60 && tmux.height == 20)
        }

        @Test("environment variables are set and unset for the command; NO_COLOR only when asked")
        func environment() async throws {
            let echo = ["sh", "-c", "echo \"probe=$CLADE_PROBE home=${HOME-unset} color=${NO_COLOR-unset} term=$TERM\"; sleep 30"]
            let tmux = try TmuxSession(
                command: echo, width: 70, height: 5,
                env: ["CLADE_PROBE": "42 and more", "TERM": "xterm-256color"], unset: ["HOME"]
            )
            try await tmux.waitFor("probe=42 and more home=unset color=unset term=xterm-256color")

            let mono = try TmuxSession(command: echo, width: 70, height: 5, env: ["NO_COLOR": "1"])
            try await mono.waitFor("color=1")
        }

        @Test("after a crash the status and the last output stay readable")
        func crash() async throws {
            let tmux = try TmuxSession(command: ["sh", "-c", "echo boom; sleep 0.2; kill -SEGV $$"], width: 40, height: 6)
            // Generous: with the whole suite running on two cores, tmux can take seconds to reap.
            #expect(try await tmux.waitForExit(timeout: .seconds(20)) == 128 + 11)
            #expect(try tmux.capture(history: true).contains("boom"))

            let failing = try TmuxSession(command: ["sh", "-c", "exit 7"], width: 40, height: 6)
            #expect(try await failing.waitForExit() == 7)
        }

        @Test("a wait that runs out reports the screen it saw")
        func timeout() async throws {
            let tmux = try TmuxSession(command: ["sh", "-c", "echo nothing to see; sleep 30"], width: 40, height: 5)
            try await tmux.waitFor("nothing to see")
            do {
                try await tmux.waitFor("never shown", timeout: .milliseconds(200))
                Issue.record("waitFor should have thrown")
            } catch let failure as TmuxSession.Failure {
                #expect(failure.description.contains("nothing to see"))
                #expect(failure.description.contains("still running"))
            }
        }

        @Test("kill ends the server; killing twice is harmless")
        func kill() async throws {
            let tmux = try TmuxSession(command: ["sleep", "30"], width: 20, height: 5)
            #expect(tmux.isRunning)
            tmux.kill()
            tmux.kill()
            #expect(!tmux.isRunning)
            #expect(throws: TmuxSession.Failure.self) { try tmux.capture() }
        }
    }
}

extension EndToEnd {
    @Suite("clade binary", .serialized)
    struct CladeBinaryTests {
        @Test("the package root and the built clade binary are found")
        func found() throws {
            let root = try #require(CladeBinary.packageRoot())
            #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent("Package.swift").path))
            let path = try CladeBinary.path()
            #expect(FileManager.default.isExecutableFile(atPath: path))
        }
    }
}
