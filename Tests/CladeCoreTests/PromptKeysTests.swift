@testable import CladeCore
import Testing

/// Keys that are not commands in a prompt: an Alt-key leaves it open, a paste is text.
@Suite struct PromptKeysTests {
    @Test func altKeysDoNotCancelAPromptAndAPasteIsText() {
        var state = Fixtures.state()
        Fixtures.press(&state, [.char("/")])
        #expect(state.prompt != nil)
        Fixtures.press(&state, [.alt("x")])
        #expect(state.prompt != nil)
        Fixtures.press(&state, [.paste("rfi\nstatus")])
        #expect(state.prompt?.text == "rfi status")
    }

    @Test func aPasteIntoANoteStaysText() {
        var state = Fixtures.state()
        Fixtures.press(&state, Fixtures.keys("je"))
        #expect(state.dialog?.title == "Note on “RFI status”")
        let effects = Fixtures.press(&state, [.paste("First line\nyp1")])
        #expect(effects.isEmpty && state.dialog?.text == "First line yp1" && !state.committing)
    }
}
