import CladeCore
@testable import CladeTerminal
import Testing

/// What follows an Esc curses passed on: bracketed paste arrives as one text, Alt-keys are
/// keys of their own (never a lone Esc that would cancel a prompt).
@Suite struct TerminalEscapeDecodingTests {
    /// Decodes the codes after an Esc; what was not read is returned with the leftover.
    func decode(_ after: String) -> (EscapeDecoding.Result, rest: String) {
        var codes = after.unicodeScalars.map(\.value)[...]
        let result = EscapeDecoding.decode { _ in codes.popFirst() }
        return (result, String(String.UnicodeScalarView(codes.compactMap(Unicode.Scalar.init))))
    }

    @Test func bracketedPasteIsOneTextWithItsLineBreaks() {
        let (result, rest) = decode("[200~First line\ryp1\u{1B}[201~j")
        #expect(result == EscapeDecoding.Result(.paste("First line\nyp1")))
        #expect(rest == "j")
        #expect(decode("[200~a\r\nb\u{1B}[201~").0.key == .paste("a\nb"))
        // A paste whose end marker never comes ends when the input pauses.
        #expect(decode("[200~cut off").0.key == .paste("cut off"))
    }

    @Test func altKeysAreNotEscape() {
        #expect(decode("x").0.key == .alt("x"))
        #expect(decode("b").0.key == .ctrlLeft)
        #expect(decode("f").0.key == .ctrlRight)
        #expect(decode("\u{7F}").0.key == .ctrl("w"))
        #expect(decode("").0.key == .escape)
        #expect(decode("\u{1B}").0 == EscapeDecoding.Result(.escape, leftover: [0x1B]))
        #expect(decode("[").0.key == .alt("["))
    }

    @Test func unknownSequencesAreSwallowedNotTyped() {
        let (result, rest) = decode("[1;2P")
        #expect(result == EscapeDecoding.Result(nil) && rest.isEmpty)
        #expect(decode("OQ").0 == EscapeDecoding.Result(nil))
    }
}
