import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs a program to completion and captures its output, spawned with posix_spawn rather than
/// Foundation's Process: a test runs on a Dispatch worker thread that blocks every signal, and a
/// child inherits its parent thread's mask — a tmux server started that way never sees SIGCHLD or
/// SIGWINCH, and even short-lived children disturbed the tmux tests running beside them. Here the
/// child starts with an empty mask and default handlers. Output goes through temporary files, so
/// a daemon the program leaves behind cannot hold a pipe the caller reads to its end.
public enum Spawn {
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    public static func run(_ arguments: [String], environment overrides: [String: String?] = [:]) throws -> (status: Int32, output: String, error: String) {
        let child = try start(arguments, environment: overrides)
        return child.wait()
    }

    /// A running child, for a test that kills it (`kill -9` at a chosen moment) before it ends.
    public final class Child: @unchecked Sendable {
        public let pid: pid_t
        let outPath: String, errPath: String
        init(pid: pid_t, outPath: String, errPath: String) { self.pid = pid; self.outPath = outPath; self.errPath = errPath }

        /// Sends `signal` (no effect once the child has been waited for).
        public func kill(_ signal: Int32 = SIGKILL) { _ = Glibc.kill(pid, signal) }

        /// Waits for the child; the exit status is 128 + N when signal N ended it.
        public func wait() -> (status: Int32, output: String, error: String) {
            defer {
                try? FileManager.default.removeItem(atPath: outPath)
                try? FileManager.default.removeItem(atPath: errPath)
            }
            var status: Int32 = 0
            while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
            // WIFEXITED / WEXITSTATUS are macros Swift cannot import.
            let exit = status & 0x7F == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
            let read = { (path: String) in (try? String(contentsOfFile: path, encoding: .utf8)) ?? "" }
            return (exit, read(outPath), read(errPath))
        }
    }

    public static func start(_ arguments: [String], environment overrides: [String: String?] = [:]) throws -> Child {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("clade-spawn-\(UUID().uuidString)")
        let outPath = base.path + ".out", errPath = base.path + ".err"
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        var allSignals = sigset_t()
        sigfillset(&allSignals)
        posix_spawnattr_setsigdefault(&attributes, &allSignals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        var environment = ProcessInfo.processInfo.environment
        for (name, value) in overrides { environment[name] = value }
        let argv = arguments.map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }

        var pid = pid_t()
        let spawned = posix_spawnp(&pid, arguments[0], &actions, &attributes, argv, envp)
        guard spawned == 0 else {
            try? FileManager.default.removeItem(atPath: outPath)
            try? FileManager.default.removeItem(atPath: errPath)
            throw Failure(description: "cannot run \(arguments[0]): \(String(cString: strerror(spawned)))")
        }
        return Child(pid: pid, outPath: outPath, errPath: errPath)
    }
}
