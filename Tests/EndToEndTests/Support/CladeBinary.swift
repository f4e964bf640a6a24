import Foundation

/// Finds the `clade` executable the end-to-end tests run.
///
/// Order: `$CLADE_BIN`; else the newer of `.build/debug/clade` and `.build/release/clade` under
/// the package root (found by walking up from this file to `Package.swift`). Calling
/// `swift build --show-bin-path` would cost seconds per run.
///
/// The tests never build it themselves: `swift test` holds the lock on `.build`, so a nested
/// `swift build` would wait for ever. `swift test` builds every target, `clade` included, before
/// it runs the tests; when the binary is missing anyway (`--skip-build`, a cleaned tree), the
/// error says how to build it.
enum CladeBinary {
    struct NotFound: Error, CustomStringConvertible {
        var looked: [String]
        var description: String {
            "clade binary not found (looked at \(looked.joined(separator: ", "))). "
                + "Build it with `swift build --product clade`, or point CLADE_BIN at one."
        }
    }

    /// The package's root directory.
    static func packageRoot(from file: String = #filePath) -> URL? {
        var dir = URL(fileURLWithPath: file).deletingLastPathComponent()
        while dir.path != "/" {
            if FileManager.default.fileExists(atPath: dir.appendingPathComponent("Package.swift").path) { return dir }
            dir.deleteLastPathComponent()
        }
        return nil
    }

    /// The path of the executable to test.
    static func path() throws -> String {
        let fm = FileManager.default
        if let explicit = ProcessInfo.processInfo.environment["CLADE_BIN"], !explicit.isEmpty {
            guard fm.isExecutableFile(atPath: explicit) else { throw NotFound(looked: ["CLADE_BIN=\(explicit)"]) }
            return explicit
        }
        guard let root = packageRoot() else { throw NotFound(looked: ["(no Package.swift above \(#filePath))"]) }
        let candidates = ["debug", "release"].map { root.appendingPathComponent(".build/\($0)/clade").path }
        let found = candidates.filter { fm.isExecutableFile(atPath: $0) }
        let newest = found.max { modified($0) < modified($1) }
        guard let newest else { throw NotFound(looked: candidates) }
        return newest
    }

    private static func modified(_ path: String) -> Date {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date) ?? .distantPast
    }
}
