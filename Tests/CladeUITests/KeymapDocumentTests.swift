import CladeCore
import Foundation
import Testing

@Suite struct KeymapDocumentTests {
    @Test func docsKeymapMatchesTheRegistry() throws {
        let url = Golden.repoRoot.appendingPathComponent("docs/keymap.md")
        if Golden.updating {
            try KeymapDocument.markdown.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        let text = try String(contentsOf: url, encoding: .utf8)
        #expect(text == KeymapDocument.markdown, "docs/keymap.md is stale: UPDATE_GOLDEN=1 swift test --filter KeymapDocumentTests")
    }
}
