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

/// Ctrl-X in a note or description hands the text to `$EDITOR`; what it saves is recorded with
/// its lines. In any other text dialog it comes back on one line, to be accepted.
@Suite struct ExternalEditorTests {
    @Test func aNoteWrittenInTheEditorKeepsItsLines() {
        var store = DecisionKindTests.onRFIStatus()
        store.open("e", .textDialog, title: "Note on “RFI status”")
        store.send("draft", { $0.dialog?.text = "draft" })
        store.send([.ctrl("x")], effects: [.editText("draft")])
        store.receive(.editorFinished("First line\nyp1\n\n"), effects: [.commit(.setNote(11, "First line\nyp1"))]) { $0.committing() }
    }

    @Test func aFailedEditorKeepsTheDialog() {
        var store = DecisionKindTests.onRFIStatus()
        store.open("D", .textDialog, title: "Description of “RFI status”")
        store.send([.ctrl("x")], effects: [.editText("")])
        store.receive(.editorFinished(nil)) { $0.status = StatusMessage("The editor failed or saved nothing: the text is as it was", isError: true) }
    }

    @Test func aNameComesBackOnOneLine() {
        var store = DecisionKindTests.onRFIStatus()
        store.open("r", .textDialog, title: "Relabel “RFI status”", effects: [.loadSuggestions(.relabel(11))])
        store.send([.ctrl("x")], effects: [.editText("RFI status")])
        store.receive(.editorFinished("RFI\nstatus\n")) { s in
            s.dialog?.field = TextField("RFI status")
            s.dialog?.textEdited()
        }
    }
}
