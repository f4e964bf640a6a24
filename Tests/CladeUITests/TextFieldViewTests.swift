import CladeCore
@testable import CladeUI
import Testing

/// A prompt's text longer than its room: the cut shows as "…" at either end, and the
/// insertion point stays in view.
@Suite struct TextFieldViewTests {
    func drawn(_ field: TextField, room: Int) -> (String, cursor: Int?) {
        var screen = Screen(size: Size(width: room, height: 1))
        TextFieldView.draw(&screen, field, x: 0, y: 0, room: room)
        return (screen.row(0).map(\.text).joined(), screen.cursor?.x)
    }

    @Test func aLongTextShowsAnEllipsisWhereItIsCut() {
        var field = TextField("The quick brown fox jumps over the lazy dog")
        let (end, cursor) = drawn(field, room: 12)
        #expect(end == "…e lazy dog " && cursor == 11)
        field.apply(.textStart)
        let (start, _) = drawn(field, room: 12)
        #expect(start == "The quick b…")
        let short = drawn(TextField("short"), room: 12).0
        #expect(short.hasPrefix("short") && !short.contains("…"))
    }
}
