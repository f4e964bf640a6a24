import CladeTestSupport
import Foundation
import Testing

/// The real binary under signals, crashes, a vanishing terminal, `kill -9` at random moments,
/// and other programs writing to its database. Exit statuses follow the shell's 128 + signal.
@Suite("signals and crashes, end to end", .serialized, .enabled(if: TmuxSession.isAvailable, "tmux is not installed"))
struct SignalsEndToEndTests {
    /// Makes one decision and waits until it is shown.
    func decide(_ tmux: TmuxSession) async throws {
        try tmux.send(keys: "y")
        _ = try await tmux.waitUntil("a decision shown", timeout: .seconds(30)) { $0.contains("as reviewed · u undoes") }
    }

    /// Every signal whose default action ends the process, not only the usual four: the terminal
    /// is given back (main screen, cursor shown) and the session ends in order.
    @Test(arguments: [(SIGTERM, "SIGTERM"), (SIGINT, "SIGINT"), (SIGHUP, "SIGHUP"), (SIGUSR1, "SIGUSR1"), (SIGUSR2, "SIGUSR2"),
                      (SIGALRM, "SIGALRM"), (SIGVTALRM, "SIGVTALRM"), (SIGPROF, "SIGPROF"), (SIGXCPU, "SIGXCPU"), (SIGXFSZ, "SIGXFSZ"),
                      (40, "SIGRTMIN+6")])
    func terminationSignalsSaveRestoreAndExit(_ signal: Int32, _ name: String) async throws {
        let sample = try ReliabilitySample()
        let tmux = try await sample.start()
        try await decide(tmux)
        let pid = try #require(tmux.panePID)
        kill(pid, signal)
        #expect(try await tmux.waitForExit(timeout: .seconds(30)) == 128 + signal, "\(name)")
        #expect(try tmux.format("#{alternate_on}") == "0", "\(name): the terminal was not given back")
        #expect(try sample.decisions() == 1)
        #expect(sample.log.contains("exit on signal \(signal)"), "\(sample.log)")
    }

    /// Closing the window (SIGHUP) checkpoints the write-ahead log: a user who then copies just
    /// the .sqlite keeps the review — also while another program has the file open (a second
    /// window, a notebook), when SQLite's own checkpoint on the last close does not happen.
    @Test func aHangupLeavesTheReviewInTheSqliteFileAlone() async throws {
        let sample = try ReliabilitySample()
        let tmux = try await sample.start()
        try await decide(tmux)
        _ = try TmuxSession.run(["-L", tmux.socket, "new-window", "-d", "sh", "-c",
                                 "(echo 'SELECT COUNT(*) FROM clade_decisions;'; sleep 60) | sqlite3 '\(sample.path)' > '\(sample.home)/holder.out'"])
        for _ in 0..<100 where ((try? String(contentsOfFile: sample.home + "/holder.out", encoding: .utf8)) ?? "").isEmpty {
            try await Task.sleep(for: .milliseconds(50))
        }
        kill(try #require(tmux.panePID), SIGHUP)
        #expect(try await tmux.waitForExit(timeout: .seconds(30)) == 128 + SIGHUP)
        let copy = sample.home + "/copied.sqlite"
        try FileManager.default.copyItem(atPath: sample.path, toPath: copy)
        let r = try Spawn.run(["sqlite3", "-readonly", copy, "SELECT COUNT(*) FROM clade_decisions"])
        #expect(r.output.trimmingCharacters(in: .whitespacesAndNewlines) == "1", "the copy of the .sqlite alone: \(r.output) \(r.error)")
    }

    /// Stopping needs a shell with job control: in a tmux pane with no shell, the process group
    /// is orphaned and the kernel discards SIGTSTP (and tmux continues a stopped pane process at
    /// once). The shell resumes clade with `fg` when told; the script is unrolled because a
    /// non-interactive bash leaves a loop when its foreground job stops.
    @Test func stoppedByCtrlZOrSIGTSTPAndResumedWithFg() async throws {
        let sample = try ReliabilitySample()
        let script = """
            set -m; '\(try CladeBinary.path())' '\(sample.path)' --reviewer e2e; echo "stopped $? round 1"; read -r line
            fg > /dev/null; echo "stopped $? round 2"; read -r line; fg > /dev/null; echo "exit $?"; sleep 30
            """
        let tmux = try TmuxSession(command: ["bash", "-c", script], width: 120, height: 40, env: ["CLADE_HOME": sample.home])
        _ = try await tmux.waitFor("[1 Clusters]", timeout: .seconds(30))
        let shell = try #require(tmux.panePID)
        let children = (try? String(contentsOfFile: "/proc/\(shell)/task/\(shell)/children", encoding: .utf8)) ?? ""
        let clade = try #require(children.split(separator: " ").first.flatMap { Int32($0) })
        for (round, stop) in ["SIGTSTP", "Ctrl-Z"].enumerated() {
            if stop == "SIGTSTP" { kill(clade, SIGTSTP) } else { try tmux.send(keys: .ctrl("z")) }
            _ = try await tmux.waitFor("stopped 148 round \(round + 1)", timeout: .seconds(30))
            #expect(TmuxSession.processState(clade) == "T", "\(stop): not stopped")
            #expect(try tmux.format("#{alternate_on}") == "0", "\(stop): the terminal was not given back")
            try tmux.send(keys: .enter)  // the shell's `fg`
            _ = try await tmux.waitUntil("\(stop): redrawn after fg", timeout: .seconds(30)) { screen in
                screen.contains("[1 Clusters]") && (try? tmux.format("#{alternate_on}")) == "1"
            }
            try tmux.send(keys: "j")
            _ = try await tmux.waitFor("2 Document search › Drawing search", timeout: .seconds(30))
            try tmux.send(keys: "k")
            _ = try await tmux.waitUntil("\(stop): back on top", timeout: .seconds(30)) { !$0.contains("2 Document search › Drawing search") }
        }
        try tmux.send(keys: "q")
        _ = try await tmux.waitFor("exit 0", timeout: .seconds(30))
    }

    /// SIGCONT (after a stop, or from anyone) repaints everything: here after the pane was reset.
    @Test func aContinueRepaintsAScribbledTerminal() async throws {
        let sample = try ReliabilitySample()
        let tmux = try await sample.start()
        _ = try TmuxSession.run(["-L", tmux.socket, "send-keys", "-t", TmuxSession.sessionName, "-R"])
        _ = try await tmux.waitUntil("the pane reset", timeout: .seconds(5)) { !$0.contains("[1 Clusters]") }
        kill(try #require(tmux.panePID), SIGCONT)
        _ = try await tmux.waitUntil("redrawn after SIGCONT", timeout: .seconds(30)) { $0.contains("[1 Clusters]") && $0.contains("3 Capabilities") }
        try tmux.send(keys: "q")
        #expect(try await tmux.waitForExit() == 0)
    }

    @Test func aVanishingTerminalEndsTheSessionAndKeepsDecisions() async throws {
        let sample = try ReliabilitySample()
        let tmux = try await sample.start()
        try await decide(tmux)
        let pid = try #require(tmux.panePID)
        tmux.kill()  // the server and the pane's terminal with it
        let state = try await TmuxSession.waitForProcess(pid, in: [nil, "Z"], timeout: .seconds(30))
        #expect(state == nil || state == "Z", "still running after its terminal went away: \(state ?? "?")")
        #expect(try sample.decisions() == 1)
        #expect(try sample.sample.sql("PRAGMA quick_check") == "ok")
        // The window closed: a user copying just the .sqlite keeps the review (the log was checkpointed).
        let copy = sample.home + "/copied.sqlite"
        try FileManager.default.copyItem(atPath: sample.path, toPath: copy)
        let r = try Spawn.run(["sqlite3", "-readonly", copy, "SELECT COUNT(*) FROM clade_decisions"])
        #expect(r.output.trimmingCharacters(in: .whitespacesAndNewlines) == "1", "the copy of the .sqlite alone: \(r.output) \(r.error)")
    }

    /// A runtime trap (`fatalError`, via the hidden `--crash-test`) and crash signals sent from
    /// outside: the terminal is given back, one line says where the log is, the backtrace is in
    /// the log (SWIFT_BACKTRACE=interactive=no,output-to=stderr with stderr on the log).
    @Test(arguments: [(SIGILL, "SIGILL", "fatalError"), (SIGSEGV, "SIGSEGV", "kill"), (SIGABRT, "SIGABRT", "kill"), (SIGSYS, "SIGSYS", "kill")])
    func aCrashRestoresTheTerminalAndSaysWhereTheLogIs(_ signal: Int32, _ name: String, _ how: String) async throws {
        let sample = try ReliabilitySample()
        let tmux = try await sample.start(arguments: how == "fatalError" ? ["--crash-test"] : [])
        if how == "fatalError" {
            _ = try await tmux.waitFor("crash test: the next key traps")
            try tmux.send(keys: "j")
        } else {
            try await decide(tmux)
            kill(try #require(tmux.panePID), signal)
        }
        #expect(try await tmux.waitForExit(timeout: .seconds(30)) == 128 + signal, "\(name)")
        #expect(try tmux.format("#{alternate_on}") == "0", "\(name): the terminal was not restored")
        let screen = try TmuxSession.run(["-L", tmux.socket, "capture-pane", "-p", "-J", "-S", "-", "-t", TmuxSession.sessionName]).output
        #expect(screen.contains("clade: crashed (\(name)); the terminal was restored. Details are in \(sample.logPath)"), "\(screen)")
        #expect(!screen.contains("Thread 0"), "a backtrace on the screen")
        let log = sample.log
        #expect(log.contains("open \(sample.path)"))
        // The Swift backtracer handles the runtime's crash signals; SIGSYS has none.
        if signal != SIGSYS { #expect(log.contains("crashed"), "no backtrace in the log") }
        if how == "fatalError" { #expect(log.contains("Fatal error: crash test")) } else { #expect(try sample.decisions() == 1) }
    }

    /// `kill -9` at random moments: after a decision was shown, while one is being made, while
    /// idle. Every decision shown must be in the file, which must stay sound.
    @Test func killNineAtRandomMomentsLosesNothingShown() async throws {
        let trials = ProcessInfo.processInfo.environment["CLADE_KILL_TRIALS"].flatMap(Int.init) ?? 6
        let sample = try ReliabilitySample()
        var rng = SystemRandomNumberGenerator()
        var shown = 0
        var inFlight = 0
        var (shownTotal, inFlightTotal, inFlightSaved) = (0, 0, 0)
        for trial in 0..<trials {
            let tmux = try await sample.start()
            for _ in 0..<Int.random(in: 0...4, using: &rng) { try tmux.send(keys: "j") }
            for d in 0..<Int.random(in: 1...3, using: &rng) {
                let note = "kill \(trial).\(d)"
                try tmux.send(keys: "e", .ctrl("u"), .text(note), .enter)
                _ = try await tmux.waitFor("\(note) · u undoes", timeout: .seconds(30))
                shown += 1
                shownTotal += 1
            }
            switch Int.random(in: 0..<3, using: &rng) {
            case 0:
                // One more decision sent but not waited for: it may or may not be in.
                try tmux.send(keys: "y")
                inFlight += 1
                try await Task.sleep(for: .milliseconds(Int.random(in: 0...40, using: &rng)))
            case 1: try await Task.sleep(for: .milliseconds(Int.random(in: 0...300, using: &rng)))
            default: break
            }
            let pid = try #require(tmux.panePID)
            kill(pid, SIGKILL)
            _ = try await tmux.waitForExit(timeout: .seconds(30))
            let saved = try sample.decisions()
            #expect(saved >= shown && saved <= shown + inFlight, "trial \(trial): \(saved) saved, \(shown) shown")
            inFlightTotal += inFlight
            inFlightSaved += saved - shown
            shown = saved
            inFlight = 0
            let check = try SampleCopy.clade(["check", sample.path], environment: ["CLADE_HOME": sample.home])
            #expect(check.status == 0 && check.stdout.contains("the state tables match the log") && check.stdout.contains("integrity    ok"),
                    "trial \(trial): \(check.stdout)\(check.stderr)")
        }
        print("kill -9: \(trials) trials, \(shownTotal) decisions shown and all saved; \(inFlightTotal) killed in flight, \(inFlightSaved) of them saved; integrity and log consistent after each")
    }

    @Test func aPipelineWriteMakesADecisionWaitWithANotice() async throws {
        let sample = try ReliabilitySample()
        let tmux = try await sample.start()
        try await tmux.select("Weather")
        // A pipeline holding the write lock for a few seconds.
        let pipeline = Process()
        pipeline.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        pipeline.arguments = ["sqlite3", sample.path, """
            BEGIN IMMEDIATE; UPDATE meta SET value = value WHERE key = 'title';
            WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 6000000) SELECT COUNT(*) FROM c;
            COMMIT;
            """]
        pipeline.standardOutput = FileHandle.nullDevice
        try pipeline.run()
        try await Task.sleep(for: .milliseconds(300))
        try tmux.send(keys: "y")
        _ = try await tmux.waitFor("another program is writing to the database", timeout: .seconds(30))
        pipeline.waitUntilExit()
        _ = try await tmux.waitFor("Marked “Weather at the site” as reviewed", timeout: .seconds(30))
        #expect(try sample.decisions() == 1)

        // The pipeline changes the title: the window reloads in place.
        try sample.write("UPDATE meta SET value = 'Northwind — rerun' WHERE key = 'title'")
        let screen = try await tmux.waitFor("Another program changed the database: reloaded", timeout: .seconds(30))
        #expect(screen.contains("Northwind — rerun"))
        #expect(screen.split(separator: "\n").contains { $0.contains("›") && $0.contains("Weather at the site") }, "the selection moved")
        try tmux.send(keys: "q")
        #expect(try await tmux.waitForExit() == 0)
    }

    @Test func twoWindowsOnOneFileSeeEachOthersDecisions() async throws {
        let sample = try ReliabilitySample()
        let a = try await sample.start()
        let b = try await sample.start()
        try await a.select("Weather")
        try await decide(a)
        _ = try await b.waitFor("1 decision recorded by another Clade window: reloaded", timeout: .seconds(30))
        try await b.select("Fiscal-year budgets")
        try b.send(keys: "p", "1")
        _ = try await b.waitFor("to P1 · u undoes", timeout: .seconds(30))
        _ = try await a.waitFor("1 decision recorded by another Clade window: reloaded", timeout: .seconds(30))
        try await a.select("Fiscal-year budgets")
        #expect(try a.screen().split(separator: "\n").contains { $0.contains("Fiscal-year budgets") && $0.contains("P1") })
        #expect(try sample.decisions() == 2)
        for tmux in [a, b] {
            try tmux.send(keys: "q")
            #expect(try await tmux.waitForExit() == 0)
        }
    }
}
