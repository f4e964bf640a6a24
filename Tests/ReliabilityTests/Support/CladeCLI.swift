import Foundation

/// The built `clade` binary, run as a user would (see Tests/EndToEndTests/Support/CladeBinary.swift).
enum CladeCLI {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static var path: String? {
        if let explicit = ProcessInfo.processInfo.environment["CLADE_BIN"], !explicit.isEmpty { return explicit }
        let candidates = ["debug", "release"].map { Pipelines.packageRoot.appendingPathComponent(".build/\($0)/clade").path }
        return candidates.filter { FileManager.default.isExecutableFile(atPath: $0) }.max { modified($0) < modified($1) }
    }

    static var isAvailable: Bool { path != nil }

    private static func modified(_ path: String) -> Date {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date) ?? .distantPast
    }

    /// Runs clade with posix_spawn (output through temporary files), like the tmux harness: a
    /// clean signal mask and default handlers for the child, and no process-wide SIGCHLD
    /// machinery in the test process that could disturb other tests' children.
    static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> Result {
        guard let binary = path else { throw CocoaError(.fileNoSuchFile) }
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("clade-cli-\(UUID().uuidString)").path
        let outPath = base + ".out", errPath = base + ".err"
        defer {
            try? FileManager.default.removeItem(atPath: outPath)
            try? FileManager.default.removeItem(atPath: errPath)
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t()
        sigemptyset(&none)
        posix_spawnattr_setsigmask(&attributes, &none)
        var all = sigset_t()
        sigfillset(&all)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var env = ProcessInfo.processInfo.environment
        for (k, v) in environment { env[k] = v }
        let argv = ([binary] + arguments).map { strdup($0) } + [nil]
        let envp = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid = pid_t()
        let spawned = posix_spawn(&pid, binary, &actions, &attributes, argv, envp)
        guard spawned == 0 else { throw CocoaError(.executableLoad) }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        let exit = status & 0x7F == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        let read = { (path: String) in (try? String(contentsOfFile: path, encoding: .utf8)) ?? "" }
        return Result(status: exit, stdout: read(outPath), stderr: read(errPath))
    }
}
