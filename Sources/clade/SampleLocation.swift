import CladeCore
import CladeSample
import GRDB
import Foundation

/// Where the working copy of the bundled sample lives, and how it is made.
enum SampleLocation {
    /// `$CLADE_HOME/sample/…`, else `$XDG_DATA_HOME/clade/sample/…`, else `~/.local/share/clade/sample/…`.
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
}
