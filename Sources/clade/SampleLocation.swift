import CladeSample
import Foundation

/// Where the working copy of the bundled sample lives, and how it is made.
enum SampleLocation {
    /// `$CLADE_HOME/sample/…`, else `$XDG_DATA_HOME/clade/sample/…`, else `~/.local/share/clade/sample/…`.
    static var workingCopy: String {
        let env = ProcessInfo.processInfo.environment
        let base: String
        if let home = env["CLADE_HOME"], !home.isEmpty {
            base = home
        } else if let xdg = env["XDG_DATA_HOME"], !xdg.isEmpty {
            base = xdg + "/clade"
        } else {
            base = NSHomeDirectory() + "/.local/share/clade"
        }
        return base + "/sample/" + SampleGenerator.fileName
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
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try SampleGenerator.write(to: path)
        }
        return path
    }

    /// Makes sure the working copy exists: copied from the shipped sample, or generated (the
    /// generator is deterministic, so both give the same data). Returns its path.
    static func prepare(reset: Bool) throws -> String {
        let path = workingCopy
        let fm = FileManager.default
        if reset {
            for suffix in ["", "-wal", "-shm", "-journal"] { try? fm.removeItem(atPath: path + suffix) }
        }
        if fm.fileExists(atPath: path) { return path }
        try fm.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
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
