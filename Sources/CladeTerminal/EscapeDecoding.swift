import CladeCore

/// What follows an Esc that curses passed on as a character (no terminfo key matched): a lone
/// Esc, an Alt-key, a bracketed paste (`Esc [200~ … Esc [201~`, terminal mode 2004), or an
/// escape sequence of a key the app has no use for. Pure: `next` reads the next character code
/// (nil when none arrives within the timeout, in ms), so it is testable without a terminal.
public enum EscapeDecoding {
    /// What an Esc read led to, and the codes read past it (they are the next keys).
    public struct Result: Equatable, Sendable {
        public var key: Key?
        public var leftover: [UInt32]
        public init(_ key: Key?, leftover: [UInt32] = []) {
            self.key = key
            self.leftover = leftover
        }
    }

    /// Turns bracketed paste on when the UI starts, off when it ends (and in the crash reset).
    public static let enablePaste = "\u{1B}[?2004h"
    public static let disablePaste = "\u{1B}[?2004l"

    /// How long a paste may pause between characters before what arrived is taken as all of it
    /// (a terminal that lost the end marker must not swallow every later key).
    public static let pastePauseMs: Int32 = 300
    /// The rest of an escape sequence arrives with its Esc; curses already waited ESCDELAY.
    static let sequenceMs: Int32 = 10

    static let esc: UInt32 = 0x1B
    static let pasteEnd: [UInt32] = [0x1B, 0x5B, 0x32, 0x30, 0x31, 0x7E]  // Esc [ 2 0 1 ~

    public static func decode(next: (Int32) -> UInt32?) -> Result {
        guard let first = next(0) else { return Result(.escape) }
        switch first {
        case 0x5B:  // "[": a CSI sequence, or Alt-[
            return csi(next: next)
        case 0x4F:  // "O": an SS3 key (keypad, F1–F4 on some terminals), or Alt-O
            guard let final = next(sequenceMs) else { return Result(.alt("O")) }
            return Result(nil, leftover: (0x40...0x7E).contains(final) ? [] : [final])
        case esc:
            return Result(.escape, leftover: [esc])
        case 127, 8:
            return Result(.ctrl("w"))  // Alt-Backspace deletes a word, as in readline
        case 0x62: return Result(.ctrlLeft)  // Alt-B, Alt-F: word jumps, as in readline
        case 0x66: return Result(.ctrlRight)
        default:
            guard first >= 0x20, first != 0x7F, let scalar = Unicode.Scalar(first) else { return Result(.escape, leftover: [first]) }
            return Result(.alt(Character(scalar)))
        }
    }

    /// After `Esc [`: parameters and intermediates, then a final byte.
    static func csi(next: (Int32) -> UInt32?) -> Result {
        var body: [UInt32] = []
        while let c = next(sequenceMs) {
            body.append(c)
            if (0x40...0x7E).contains(c) { break }
            guard (0x20...0x3F).contains(c) else { return Result(nil, leftover: [c]) }
        }
        if body.isEmpty { return Result(.alt("[")) }
        if body == [0x32, 0x30, 0x30, 0x7E] { return Result(.paste(paste(next: next))) }  // 200~
        return Result(nil)  // a key the app does not use
    }

    /// The pasted text up to the end marker; carriage returns (what Enter sends) become line
    /// breaks, which a one-line field turns into spaces.
    static func paste(next: (Int32) -> UInt32?) -> String {
        var codes: [UInt32] = []
        while let c = next(pastePauseMs) {
            codes.append(c)
            if codes.count >= pasteEnd.count, Array(codes.suffix(pasteEnd.count)) == pasteEnd {
                codes.removeLast(pasteEnd.count)
                break
            }
        }
        var text = String.UnicodeScalarView()
        var previousCR = false
        for c in codes {
            guard let scalar = Unicode.Scalar(c) else { continue }
            if c == 0x0A, previousCR { previousCR = false; continue }
            previousCR = c == 0x0D
            text.append(c == 0x0D ? "\n" : scalar)
        }
        return String(text)
    }
}
