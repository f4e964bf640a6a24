import CladeTestSupport
import Foundation

/// Helpers for the reliability end-to-end tests: a sample copy with its own Clade home (so the
/// log goes to a temporary folder), tmux format queries, process states.
final class ReliabilitySample {
    let sample: SampleCopy
    let home: String

    init() throws {
        sample = try SampleCopy()
        home = sample.folder.appendingPathComponent("home").path
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
    }

    var path: String { sample.path }
    var logPath: String { home + "/clade.log" }
    var log: String { (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "" }

    /// Starts `clade` on the copy in tmux and waits for the clusters pane.
    func start(width: Int = 120, height: Int = 40, env: [String: String] = [:], arguments: [String] = [], waitFor: String? = "[1 Clusters]") async throws -> TmuxSession {
        var environment = ["CLADE_HOME": home]
        for (k, v) in env { environment[k] = v }
        let tmux = try TmuxSession(command: [try CladeBinary.path(), path, "--reviewer", "e2e"] + arguments, width: width, height: height, env: environment)
        if let waitFor { _ = try await tmux.waitFor(waitFor, timeout: .seconds(30)) }
        return tmux
    }

    /// Runs SQL on the copy with the sqlite3 shell (writing).
    func write(_ sql: String) throws {
        guard try Spawn.run(["sqlite3", "-bail", path, sql]).status == 0 else { throw CocoaError(.fileWriteUnknown) }
    }

    func decisions() throws -> Int { Int(try sample.sql("SELECT COUNT(*) FROM clade_decisions")) ?? -1 }
}

extension TmuxSession {
    /// A tmux format (`#{pane_title}`, `#{alternate_on}`…) for the pane.
    func format(_ format: String) throws -> String {
        let result = try Self.run(["-L", socket, "display-message", "-p", "-t", Self.sessionName, format])
        return result.output.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The pane's process state from /proc ("R", "S", "T" stopped, "Z" zombie), nil when gone.
    static func processState(_ pid: Int32) -> String? {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8), let close = stat.lastIndex(of: ")") else { return nil }
        return stat[stat.index(after: close)...].trimmingCharacters(in: .whitespaces).first.map(String.init)
    }

    /// Polls until the process is in one of `states` (nil: gone).
    static func waitForProcess(_ pid: Int32, in states: Set<String?>, timeout: Duration = .seconds(30)) async throws -> String? {
        var patience = Patience(timeout)
        while true {
            let state = processState(pid)
            if states.contains(state) || patience.isExhausted() { return state }
            try await Task.sleep(for: .milliseconds(50))
        }
    }

    /// Selects a cluster by searching for its name in the clusters pane.
    func select(_ name: String) async throws {
        try send(keys: "1", "/", .text(name), .enter)
        _ = try await waitUntil("\(name) selected", timeout: .seconds(30)) { screen in
            !screen.contains("Search /") && screen.split(separator: "\n").contains { $0.contains("›") && $0.contains(name) }
        }
    }
}
