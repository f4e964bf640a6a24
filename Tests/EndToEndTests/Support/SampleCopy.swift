import Foundation

/// A private copy of the bundled sample in a temporary folder, removed when released.
final class SampleCopy {
    let folder: URL
    let path: String

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("clade-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        path = folder.appendingPathComponent("sample.sqlite").path
        guard let root = CladeBinary.packageRoot() else { throw CocoaError(.fileNoSuchFile) }
        try FileManager.default.copyItem(atPath: root.appendingPathComponent("sample-data/construction.sqlite").path, toPath: path)
    }

    deinit { try? FileManager.default.removeItem(at: folder) }

    /// Runs `clade` with arguments and returns its exit status and output.
    static func clade(_ arguments: [String], environment: [String: String] = [:]) throws -> (status: Int32, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try CladeBinary.path())
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        for (k, v) in environment { env[k] = v }
        process.environment = env
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: stdout, as: UTF8.self), String(decoding: stderr, as: UTF8.self))
    }

    /// Rows of a query, via the sqlite3 shell when present, else via `clade export`.
    func sql(_ query: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["sqlite3", "-readonly", path, query]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

extension TmuxSession {
    /// The process id of the program in the pane.
    var panePID: Int32? {
        guard let out = try? Self.run(["-L", socket, "display-message", "-p", "-t", Self.sessionName, "#{pane_pid}"]) else { return nil }
        return Int32(out.output.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// The app's screen without trailing blank lines.
    func screen() throws -> String { try capture() }
}
