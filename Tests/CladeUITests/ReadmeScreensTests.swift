import Foundation
import Testing

/// The README shows real screens: the blocks that start with the title bar must be golden screens.
@Suite struct ReadmeScreensTests {
    static let shown = ["clusters-120x40", "questions-80x24"]

    @Test func readmeEmbedsTheCurrentGoldenScreens() throws {
        let url = Golden.repoRoot.appendingPathComponent("README.md")
        let readme = try String(contentsOf: url, encoding: .utf8)
        var parts = readme.components(separatedBy: "```")
        var index = 0
        for i in stride(from: 1, to: parts.count, by: 2) where parts[i].hasPrefix("\n Clade") {
            guard index < Self.shown.count else { break }
            let golden = try String(contentsOf: Golden.screensFolder.appendingPathComponent(Self.shown[index] + ".txt"), encoding: .utf8)
            let block = "\n" + golden.trimmingCharacters(in: .newlines) + "\n"
            if Golden.updating { parts[i] = block } else {
                #expect(parts[i] == block, "README's screen \(index + 1) is not Screens/\(Self.shown[index]).txt; UPDATE_GOLDEN=1 swift test rewrites it")
            }
            index += 1
        }
        #expect(index == Self.shown.count, "README should show \(Self.shown.count) screens")
        if Golden.updating { try parts.joined(separator: "```").write(to: url, atomically: true, encoding: .utf8) }
    }
}
