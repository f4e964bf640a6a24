import CladeCore
import CladeUI
import Testing

/// A dialog or overlay drawn over the panes leaves no one-column strip of the pane beneath at
/// its edges (issue 14): the column either side of its frame is blank.
@Suite struct OverlayFrameTests {
    @Test(arguments: ["?", ":", "p", "/Drawing counts<Enter>s", "<C-f>rfi open<Enter>"])
    func noStripOfThePaneBeneathAtADialogsEdges(keys: String) throws {
        let app = try SampleApp(width: 80, height: 24)
        let lines = app.type(keys).text.split(separator: "\n", omittingEmptySubsequences: false).map { Array($0).map(String.init) }
        // Every dialog here is 76 wide, centred: its frame is in columns 2 and 77.
        let rows = lines.indices.filter { ["┌", "│", "└"].contains(lines[$0][2]) && ["┐", "│", "┘"].contains(lines[$0][77]) }
        #expect(rows.count >= 3)
        for y in rows {
            #expect(lines[y][1] == " " && lines[y][78] == " ", "row \(y): \(lines[y].joined())")
        }
    }
}
