import CladeCore
import CladeSample
import GRDB
import Foundation

/// Where the working copy of the bundled sample lives, and how it is made.
enum SampleLocation {
    /// `$CLADE_HOME/sample/…`, else `$XDG_DATA_HOME/clade/sample/…`, else `$HOME/.local/share/clade/sample/…`.
    static var workingCopy: String {
        DataFolder.path() + "/sample/" + SampleGenerator.fileName
    }

    /// The sample shipped in the repository, found from this source file's location.
    static var shipped: String? {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let path = root.appendingPathComponent("sample-data").appendingPathComponent(SampleGenerator.fileName).path
        return FileManager.default.fileExists(atPath: path) ? path : nil
    }

    /// The shipped sample, or a freshly generated one in the working-copy folder when the
    /// repository is not at hand (the generator is deterministic).
    static func shippedOrGenerated() throws -> String {
        if let shipped { return shipped }
        let path = (workingCopy as NSString).deletingLastPathComponent + "/generated-" + SampleGenerator.fileName
        if !FileManager.default.fileExists(atPath: path) {
            try DataFolder.create((path as NSString).deletingLastPathComponent)
            try SampleGenerator.write(to: path)
        }
        return path
    }

    /// Makes sure the working copy exists: copied from the shipped sample, or generated (the
    /// generator is deterministic, so both give the same data). Returns its path.
    static func prepare(reset: Bool) throws -> String {
        let path = workingCopy
        let fm = FileManager.default
        if reset, fm.fileExists(atPath: path) {
            try keepCopy(of: path)
            // Through SQLite, never by deleting the file and its -wal/-shm: another Clade may have
            // the sample open, and removing files it holds loses its locks and its log (the WAL
            // corruption of docs/reliability.md). The backup API rewrites the pages under the
            // locks; an open window sees the change and reloads.
            var readOnly = Configuration()
            readOnly.readonly = true
            var writing = Configuration()
            writing.busyMode = .timeout(10)
            let source = try DatabaseQueue(path: try shippedOrGenerated(), configuration: readOnly)
            let target = try DatabaseQueue(path: path, configuration: writing)
            try source.backup(to: target)
            try target.close()
            try source.close()
            return path
        }
        if fm.fileExists(atPath: path) { return path }
        try DataFolder.create((path as NSString).deletingLastPathComponent)
        if let shipped {
            let temp = path + ".partial"
            try? fm.removeItem(atPath: temp)
            try fm.copyItem(atPath: shipped, toPath: temp)
            try fm.moveItem(atPath: temp, toPath: path)
        } else {
            try SampleGenerator.write(to: path)
        }
        return path
    }

    // MARK: Resetting keeps the review

    /// `construction-reviewed-2026-12-03-0249.sqlite` beside the working copy: where a reset puts
    /// the review it replaces.
    static func datedCopy(of path: String, at date: Date = Date()) -> String {
        var t = time_t(date.timeIntervalSince1970)
        var parts = tm()
        gmtime_r(&t, &parts)
        let stamp = String(format: "%04d-%02d-%02d-%02d%02d%02d", Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1, Int(parts.tm_mday),
                           Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec))
        return (path as NSString).deletingPathExtension + "-reviewed-" + stamp + ".sqlite"
    }

    /// Copies the working copy, through SQLite's backup API (never as bytes: the file may be
    /// open in another Clade), to its dated name; returns that name.
    @discardableResult
    static func keepCopy(of path: String) throws -> String {
        let copy = datedCopy(of: path)
        var readOnly = Configuration()
        readOnly.readonly = true
        let source = try DatabaseQueue(path: path, configuration: readOnly)
        let target = try DatabaseQueue(path: copy)
        try source.backup(to: target)
        try target.close()
        try source.close()
        return copy
    }

    /// Decisions recorded in the working copy (nil when it cannot be read).
    static func decisionCount(_ path: String) -> Int? {
        var readOnly = Configuration()
        readOnly.readonly = true
        guard let queue = try? DatabaseQueue(path: path, configuration: readOnly) else { return nil }
        defer { try? queue.close() }
        return try? queue.read { db in
            try db.tableExists("clade_decisions") ? try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM clade_decisions") ?? 0 : 0
        }
    }

    /// Before `--reset-sample` replaces a review: asks (y/N) when standard input is a terminal,
    /// and needs `--yes` when it is not. Nothing to ask when there is no working copy yet.
    /// Throws the one line that says why nothing was reset.
    static func confirmReset(yes: Bool, interactive: Bool = isatty(0) == 1,
                             ask: (String) -> String? = { prompt in
                                 FileHandle.standardError.write(Data(prompt.utf8))
                                 return readLine()
                             }) throws {
        let path = workingCopy
        guard !yes, FileManager.default.fileExists(atPath: path) else { return }
        let decisions = decisionCount(path).map { " (\($0) decision\($0 == 1 ? "" : "s"))" } ?? ""
        guard interactive else {
            throw ResetRefused(description: "--reset-sample replaces the review in \(path)\(decisions); add --yes to do it without a terminal to ask (a dated copy is kept)")
        }
        let answer = ask("Replace the review in \(OutputText.terminalLine(path))\(decisions) with the shipped sample? A dated copy is kept beside it. [y/N] ")
        guard let answer, ["y", "yes"].contains(answer.trimmingCharacters(in: .whitespaces).lowercased()) else {
            throw ResetRefused(description: "the sample was not reset")
        }
    }

    struct ResetRefused: Error, CustomStringConvertible {
        var description: String
    }
}
