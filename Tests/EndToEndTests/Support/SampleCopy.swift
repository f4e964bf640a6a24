import CladeTestSupport
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
        let r = try Spawn.run([try CladeBinary.path()] + arguments, environment: environment.mapValues { Optional($0) })
        return (r.status, r.output, r.error)
    }

    /// Rows of a query, via the sqlite3 shell when present, else via `clade export`.
    func sql(_ query: String) throws -> String {
        try Spawn.run(["sqlite3", "-readonly", path, query]).output.trimmingCharacters(in: .whitespacesAndNewlines)
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
