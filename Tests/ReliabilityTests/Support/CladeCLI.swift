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

    static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> Result {
        guard let binary = path else { throw CocoaError(.fileNoSuchFile) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        for (k, v) in environment { env[k] = v }
        process.environment = env
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self), stderr: String(decoding: stderr, as: UTF8.self))
    }
}
