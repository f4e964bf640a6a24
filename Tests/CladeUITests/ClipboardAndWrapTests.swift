import CladeCore
@testable import CladeTerminal
@testable import CladeUI
import Testing

@Suite struct ClipboardAndWrapTests {
    @Test func osc52CarriesTheTextInBase64() {
        #expect(ClipboardEscape.sequence(for: "hi ✓") == "\u{1B}]52;c;aGkg4pyT\u{07}")
        #expect(ClipboardEscape.base64(Array("a".utf8)) == "YQ==" && ClipboardEscape.base64(Array("ab".utf8)) == "YWI=")
    }

    @Test func onlyTerminalsThatTakeOSC52AreSentIt() {
        func env(_ term: String) -> TerminalEnvironment { TerminalEnvironment(term: term, noColor: false, codeset: "UTF-8", localeName: nil) }
        #expect(env("xterm-256color").takesClipboardEscape && env("tmux-256color").takesClipboardEscape && env("screen").takesClipboardEscape)
        #expect(!env("linux").takesClipboardEscape && !env("vt100").takesClipboardEscape && !env("dumb").takesClipboardEscape)
    }

    @Test func aQuestionWrapsByWords() {
        #expect(QuestionDetailView.wrap("which sheet shows the domestic water layout", width: 16)
            == ["which sheet", "shows the", "domestic water", "layout"])
        #expect(QuestionDetailView.wrap("abcdefghij", width: 4) == ["abcd", "efgh", "ij"])
    }
}
