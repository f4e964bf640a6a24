import CladeUI
import Foundation
import Testing

/// Golden screens: the text rendering of a screen, compared with `Screens/<name>.txt`.
/// `UPDATE_GOLDEN=1 swift test` rewrites them; review the diff as a user would.
enum Golden {
    static let repoRoot: URL = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
        }
        fatalError("no Package.swift above \(#filePath)")
    }()

    static var screensFolder: URL { repoRoot.appendingPathComponent("Screens") }
    static var updating: Bool { ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" }

    /// The file's content: the text, and for monochrome screens the style of every cell too,
    /// since there the meaning rests on attributes alone (one letter per cell, see `Style.code`).
    static func content(_ screen: Screen, withStyles: Bool) -> String {
        var out = screen.text + "\n"
        if withStyles {
            out += String(repeating: "=", count: screen.size.width) + "\n"
            out += screen.styleText + "\n"
        }
        return out
    }

    static func check(_ name: String, _ screen: Screen, withStyles: Bool = false, sourceLocation: SourceLocation = #_sourceLocation) {
        let url = screensFolder.appendingPathComponent(name + ".txt")
        let actual = content(screen, withStyles: withStyles)
        if updating {
            try? FileManager.default.createDirectory(at: screensFolder, withIntermediateDirectories: true)
            try? actual.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
            Issue.record("Screens/\(name).txt is missing; run UPDATE_GOLDEN=1 swift test to create it", sourceLocation: sourceLocation)
            return
        }
        if expected != actual {
            let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
            let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
            let line = zip(e, a).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(e.count, a.count)
            let out = repoRoot.appendingPathComponent("test-output/screens")
            try? FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
            try? actual.write(to: out.appendingPathComponent(name + ".txt"), atomically: true, encoding: .utf8)
            Issue.record("""
                Screens/\(name).txt differs at line \(line + 1):
                expected: \(line < e.count ? String(e[line]) : "<end>")
                actual:   \(line < a.count ? String(a[line]) : "<end>")
                (the new rendering is in test-output/screens/\(name).txt; UPDATE_GOLDEN=1 accepts it)
                """, sourceLocation: sourceLocation)
        }
    }
}
