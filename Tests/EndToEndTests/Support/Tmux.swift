import CladeTestSupport
import Foundation

/// A detached tmux session on its own server (`tmux -L <unique socket>`), running one command
/// in a pane of a fixed size, for end-to-end tests of the real binary.
///
/// ```swift
/// let tmux = try TmuxSession(command: [try CladeBinary.path(), "open", db], width: 80, height: 24)
/// _ = try await tmux.waitFor("Clusters")
/// try tmux.send(keys: "jj", .enter, .ctrl("r"))
/// try tmux.resize(width: 60, height: 18)
/// ```
///
/// - The server reads a generated config (no user config): no status line, so the pane is the
///   full `width`×`height`; `remain-on-exit on`, so a crashed command's last screen and exit
///   status stay readable; `escape-time 0`.
/// - The command is started through `env` with `env` applied and `unset` removed, and is
///   executed directly (no shell), so arguments need no quoting. TERM is tmux's
///   `default-terminal` unless `env` sets it. NO_COLOR is removed unless `env` sets it:
///   `swift test` sets NO_COLOR=1, which would turn every program under test monochrome.
/// - `resize` uses `resize-window`, which switches the window to `window-size manual` by itself
///   (tmux ≥ 3.1). Do not put `window-size manual` in the config: with it, tmux 3.3a's server
///   dies when a detached session is created.
/// - The server is killed by `kill()` or when the session is released.
final class TmuxSession {
    /// Literal text, or a key by its tmux name (`Enter`, `Escape`, `Tab`, `BTab`, `Up`, `C-r`,
    /// `F1`, `NPage`, …; see `man tmux`, KEY BINDINGS). A string literal is text.
    enum Keystroke: ExpressibleByStringLiteral {
        case text(String)
        case key(String)

        init(stringLiteral value: String) { self = .text(value) }

        static let enter = Keystroke.key("Enter")
        static let escape = Keystroke.key("Escape")
        static let tab = Keystroke.key("Tab")
        static let backTab = Keystroke.key("BTab")
        static let backspace = Keystroke.key("BSpace")
        static let up = Keystroke.key("Up")
        static let down = Keystroke.key("Down")
        static let left = Keystroke.key("Left")
        static let right = Keystroke.key("Right")
        static let pageUp = Keystroke.key("PPage")
        static let pageDown = Keystroke.key("NPage")
        static func ctrl(_ letter: Character) -> Keystroke { .key("C-\(letter)") }
        static func function(_ n: Int) -> Keystroke { .key("F\(n)") }
    }

    /// A tmux command failed, or a wait ran out; carries the screen at that moment.
    struct Failure: Error, CustomStringConvertible {
        var message: String
        var screen: String?
        var description: String {
            guard let screen else { return message }
            return message + "\n--- screen ---\n" + screen + "\n--------------"
        }
    }

    static let sessionName = "clade"
    let socket: String
    private(set) var width: Int
    private(set) var height: Int
    private let configFile: URL
    private var serverPID: pid_t?
    private var killed = false

    /// Whether a `tmux` executable can be run.
    static let isAvailable: Bool = (try? run(["-V"]).status == 0) ?? false

    init(command: [String], width: Int = 80, height: Int = 24, env: [String: String] = [:], unset: [String] = []) throws {
        precondition(!command.isEmpty, "TmuxSession needs a command")
        socket = "clade-e2e-\(getpid())-\(UUID().uuidString.prefix(8))"
        self.width = width
        self.height = height
        configFile = FileManager.default.temporaryDirectory.appendingPathComponent("\(socket).conf")
        try """
        set -g status off
        set -g remain-on-exit on
        set -g history-limit 5000
        set -sg escape-time 0
        """.write(to: configFile, atomically: true, encoding: .utf8)

        var launch = ["env"]
        // `swift test` sets NO_COLOR=1 for its own output; the program under test should not inherit it.
        let removed = env["NO_COLOR"] == nil ? Set(unset).union(["NO_COLOR"]) : Set(unset)
        for name in removed.sorted() { launch += ["-u", name] }
        for (name, value) in env.sorted(by: { $0.key < $1.key }) { launch.append("\(name)=\(value)") }
        launch += command
        do {
            try tmux(["new-session", "-d", "-s", Self.sessionName, "-x", "\(width)", "-y", "\(height)"] + launch, useConfig: true)
            serverPID = (try? tmux(["display-message", "-p", "-t", Self.sessionName, "#{pid}"]))
                .flatMap { pid_t($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        } catch {
            kill()
            throw error
        }
    }

    deinit { kill() }

    // MARK: Input

    /// Sends keystrokes in order: `send(keys: "hello", .enter, .ctrl("r"))`.
    func send(keys: Keystroke...) throws { try send(keys) }

    func send(_ keys: [Keystroke]) throws {
        for stroke in keys {
            switch stroke {
            case .text(let text): try tmux(["send-keys", "-t", Self.sessionName, "-l", "--", text])
            case .key(let name): try tmux(["send-keys", "-t", Self.sessionName, name])
            }
        }
    }

    /// Types literal text.
    func send(_ text: String) throws { try send([.text(text)]) }

    // MARK: Output

    /// The visible pane as text, one line per row (tmux trims trailing spaces). `escapes`
    /// keeps colour and attribute sequences (`-e`); `history` includes lines scrolled off,
    /// which is where a dead command's last output often is.
    func capture(escapes: Bool = false, history: Bool = false) throws -> String {
        var args = ["capture-pane", "-p", "-t", Self.sessionName]
        if escapes { args.append("-e") }
        if history { args += ["-S", "-"] }
        return try tmux(args)
    }

    /// Polls the screen every 50 ms until it contains `text`; returns that screen.
    @discardableResult
    func waitFor(_ text: String, timeout: Duration = .seconds(20)) async throws -> String {
        try await waitUntil("the screen shows \"\(text)\"", timeout: timeout) { $0.contains(text) }
    }

    /// Polls the screen every 50 ms until `predicate` holds; returns that screen once it has
    /// settled (two captures alike), so that a frame caught while the terminal was still
    /// drawing it (a busy machine, a second frame right behind) is not what a test reads.
    @discardableResult
    func waitUntil(_ what: String, timeout: Duration = .seconds(20), _ predicate: (String) -> Bool) async throws -> String {
        var patience = Patience(timeout)
        var screen = ""
        while true {
            screen = try capture()
            if predicate(screen) { return try await settled(screen, predicate) }
            if patience.isExhausted() { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        let state = isRunning ? "still running" : "exited with status \(exitStatus.map(String.init) ?? "?")"
        throw Failure(message: "timed out after \(timeout) waiting until \(what); the command \(state)",
                      screen: (try? capture(history: true)) ?? screen)
    }

    /// The screen once two captures 30 ms apart are alike (at most a second more), still
    /// satisfying `predicate`; the last that did otherwise.
    private func settled(_ screen: String, _ predicate: (String) -> Bool) async throws -> String {
        var last = screen
        let limit = ContinuousClock.now + .seconds(1)
        while ContinuousClock.now < limit {
            try await Task.sleep(for: .milliseconds(30))
            let next = try capture()
            if next == last { return next }
            guard predicate(next) else { return last }
            last = next
        }
        return last
    }

    // MARK: Size and state

    /// Resizes the window (and pane); the command gets SIGWINCH.
    func resize(width: Int, height: Int) throws {
        try tmux(["resize-window", "-t", Self.sessionName, "-x", "\(width)", "-y", "\(height)"])
        self.width = width
        self.height = height
    }

    /// Whether the command is still running (false once it exited or the server is gone).
    var isRunning: Bool { paneState()?.dead == false }

    /// The command's exit status once it has exited; 128 + n when signal n killed it, as shells say.
    var exitStatus: Int32? {
        if let state = paneState(), state.dead {
            if let status = state.status { return status }
            if let signal = state.signal { return 128 + signal }
        }
        return statusShownOnScreen()
    }

    /// tmux's own "Pane is dead (status N, …)" line (remain-on-exit): under heavy load a query of
    /// the pane's state can fail or lag while the screen already says how the command ended.
    private func statusShownOnScreen() -> Int32? {
        guard !killed, let screen = try? capture(history: true),
              let match = screen.firstMatch(of: /Pane is dead \((status|signal) (\d+)/), let n = Int32(match.2) else { return nil }
        return match.1 == "signal" ? 128 + n : n
    }

    /// Waits for the command to exit and returns its status (see `exitStatus`).
    @discardableResult
    func waitForExit(timeout: Duration = .seconds(20)) async throws -> Int32 {
        var patience = Patience(timeout)
        while true {
            if let status = exitStatus { return status }
            if patience.isExhausted() { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw Failure(message: "timed out after \(timeout) waiting for the command to exit",
                      screen: try? capture(history: true))
    }

    /// Kills the server and removes its socket and config. Safe to call more than once.
    /// With `CLADE_E2E_KEEP_TMUX=1` in the environment the server is left running for a look
    /// (`tmux -L <socket> attach`), and its socket name goes to stderr.
    func kill() {
        guard !killed else { return }
        killed = true
        if ProcessInfo.processInfo.environment["CLADE_E2E_KEEP_TMUX"] == "1" {
            FileHandle.standardError.write(Data("kept tmux server: tmux -L \(socket) attach\n".utf8))
            return
        }
        _ = try? Self.run(["-L", socket, "kill-server"])
        // tmux 3.3a leaves its socket file behind.
        try? FileManager.default.removeItem(atPath: socketPath)
        try? FileManager.default.removeItem(at: configFile)
    }

    /// Where tmux puts the socket for `-L socket`.
    var socketPath: String {
        let directory = ProcessInfo.processInfo.environment["TMUX_TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        return "\(directory)/tmux-\(getuid())/\(socket)"
    }

    private func paneState() -> (dead: Bool, status: Int32?, signal: Int32?)? {
        guard let state = queryPane() else { return nil }
        // tmux 3.3a sometimes misses a SIGCHLD: the pane is dead (its terminal closed) but the
        // command is an unreaped zombie with no status. Another SIGCHLD makes the server reap it.
        // Under load it may miss it altogether: the pane still looks alive while its command
        // is a zombie. The same nudge helps.
        let missed = state.dead ? (state.status == nil && state.signal == nil) : commandIsZombie()
        if missed, let serverPID {
            Glibc.kill(serverPID, SIGCHLD)
            usleep(20_000)
            return queryPane()
        }
        return state
    }

    /// Whether the pane's command has exited but was not reaped yet (state Z in /proc).
    private func commandIsZombie() -> Bool {
        guard let out = try? tmux(["display-message", "-p", "-t", Self.sessionName, "#{pane_pid}"]),
              let pid = Int32(out.trimmingCharacters(in: .whitespacesAndNewlines)),
              let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return false }
        return stat[stat.index(after: close)...].trimmingCharacters(in: .whitespaces).hasPrefix("Z")
    }

    private func queryPane() -> (dead: Bool, status: Int32?, signal: Int32?)? {
        guard !killed,
              let out = try? tmux(["display-message", "-p", "-t", Self.sessionName, "#{pane_dead}|#{pane_dead_status}|#{pane_dead_signal}"])
        else { return nil }
        let fields = out.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: "|", omittingEmptySubsequences: false)
        guard fields.count == 3 else { return nil }
        return (fields[0] == "1", Int32(fields[1]), Int32(fields[2]))
    }

    // MARK: Running tmux

    @discardableResult
    private func tmux(_ args: [String], useConfig: Bool = false) throws -> String {
        let result = try Self.run(["-L", socket] + (useConfig ? ["-f", configFile.path] : []) + args)
        guard result.status == 0 else {
            throw Failure(message: "tmux \(args.joined(separator: " ")) failed (\(result.status)): \(result.error)", screen: nil)
        }
        return result.output
    }

    /// Runs tmux outside any enclosing tmux session (TMUX unset), capturing its output.
    ///
    /// Spawned with posix_spawn rather than Foundation's Process: the test runs on a Dispatch
    /// worker thread, which blocks every signal, and a child inherits its parent thread's mask.
    /// The tmux server (and so the program under test) would then never see SIGCHLD, SIGWINCH
    /// or SIGTERM — panes never die, resizes never arrive — and Process.waitUntilExit hung.
    /// Here the child starts with an empty mask and default handlers. Output goes through
    /// temporary files: the daemonised server must not hold a pipe the caller reads to EOF.
    static func run(_ args: [String]) throws -> (status: Int32, output: String, error: String) {
        let result: (status: Int32, output: String, error: String)
        do {
            result = try Spawn.run(["tmux"] + args, environment: ["TMUX": nil, "TMUX_PANE": nil])
        } catch {
            throw Failure(message: "\(error)", screen: nil)
        }
        return (result.status, result.output, result.error.trimmingCharacters(in: .whitespacesAndNewlines))
    }
}

/// A wait's timeout counted in the test's own attention, not only the clock's: it is over when
/// `timeout` has passed AND the wait has looked at least once per 100 ms of it. On a loaded
/// 2-core machine Swift Testing's cooperative threads can be taken by other tests for tens of
/// seconds; a wait that wakes after its deadline then looks again instead of failing unseen (in
/// CI a test timed out waiting for a process whose pane said it had exited long before).
struct Patience {
    private let deadline: ContinuousClock.Instant
    private let looks: Int
    private var looked = 0

    init(_ timeout: Duration) {
        deadline = ContinuousClock.now + timeout
        looks = Int(timeout.components.seconds) * 10 + Int(timeout.components.attoseconds / 100_000_000_000_000_000)
    }

    /// Counts one look; true once both the time and the looks are spent.
    mutating func isExhausted() -> Bool {
        looked += 1
        return looked >= looks && ContinuousClock.now >= deadline
    }
}
