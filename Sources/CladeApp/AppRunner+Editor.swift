import CladeCore
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `$VISUAL`, else `$EDITOR`, else `vi`, on a text in a temporary file, with the terminal
/// handed over while it runs (Ctrl-X in a note or description dialog).
extension AppRunner {
    func editExternally(_ text: String) -> String? {
        let env = ProcessInfo.processInfo.environment
        let editor = [env["VISUAL"], env["EDITOR"]].compactMap { $0 }.first { !$0.trimmingCharacters(in: .whitespaces).isEmpty } ?? "vi"
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("clade-\(getpid())-\(UUID().uuidString.prefix(8)).txt")
        guard (try? (text + "\n").write(to: file, atomically: true, encoding: .utf8)) != nil else { return nil }
        defer { try? FileManager.default.removeItem(at: file) }
        var status: Int32 = -1
        backend.runOutside {
            // Through the shell, so an EDITOR with arguments ("code --wait") works; the path is an argument, never parsed.
            status = Self.runAndWait(["/bin/sh", "-c", editor + " \"$1\"", "sh", file.path])
        }
        guard status == 0, let edited = try? String(contentsOf: file, encoding: .utf8) else { return nil }
        return edited
    }

    /// Runs a program on this terminal and waits for it; its exit status, or -1.
    static func runAndWait(_ argv: [String]) -> Int32 {
        var pid: pid_t = 0
        var cArgs = argv.map { strdup($0) } + [nil]
        defer { cArgs.forEach { free($0) } }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // The editor starts with default signal handling and nothing blocked, whatever ours is.
        var none = sigset_t()
        sigemptyset(&none)
        posix_spawnattr_setsigmask(&attributes, &none)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for s in [SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGTSTP, SIGCONT, SIGWINCH, SIGPIPE] { sigaddset(&defaults, s) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        guard posix_spawn(&pid, argv[0], nil, &attributes, cArgs, environ) == 0 else { return -1 }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            guard errno == EINTR else { return -1 }
        }
        // WIFEXITED / WEXITSTATUS by hand: the macros are not imported.
        return status & 0x7F == 0 ? (status >> 8) & 0xFF : -1
    }
}

/// `Y`: the terminal's clipboard where it takes OSC 52, else a file the status line names.
extension AppRunner {
    func copy(_ text: String, what: String) {
        if backend.copyToClipboard(text) { return send(.copied(what: what, toFile: nil)) }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("clade-copied.txt")
        do {
            try text.write(to: file, atomically: true, encoding: .utf8)
            send(.copied(what: what, toFile: file.path))
        } catch {
            send(.notice("Could not save \(what) to \(file.path): \(error.localizedDescription)", isError: true))
        }
    }
}
