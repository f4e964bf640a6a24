import CladeTestSupport
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
        let r = try Spawn.run([binary] + arguments, environment: environment.mapValues { Optional($0) })
        return Result(status: r.status, stdout: r.output, stderr: r.error)
    }
}
