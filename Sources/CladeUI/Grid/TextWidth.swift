/// Column widths measured per grapheme, as terminals draw them.
///
/// Swift's `Character` is a grapheme cluster, but its width in columns is not its count:
/// `漢` takes two columns, `é` (e + combining accent) one, `👩‍💻` (a ZWJ sequence) two.
/// Glibc's `wcwidth` depends on the process locale and is hidden from Swift, so the table
/// lives here and gives the same answer in tests, on CI and in any locale.
public enum TextWidth {
    public struct Grapheme: Equatable, Sendable {
        public var text: String
        public var width: Int
    }

    /// Splits text into drawable graphemes. Control characters never reach the terminal:
    /// tab and line breaks become a space, other C0 controls `^X`, DEL `^?`, C1 controls `�`;
    /// bidirectional overrides are dropped so a text cannot reorder the rest of the line.
    public static func displayGraphemes(_ text: String) -> [Grapheme] {
        var out: [Grapheme] = []
        out.reserveCapacity(text.utf8.count)
        for ch in text {
            if ch.isASCII, let v = ch.asciiValue, v >= 0x20, v < 0x7F {
                out.append(Grapheme(text: String(ch), width: 1))
                continue
            }
            let scalars = ch.unicodeScalars
            if scalars.contains(where: isControl) {
                for s in scalars { out.append(contentsOf: escape(s)) }
                continue
            }
            let kept = String(String.UnicodeScalarView(scalars.filter { !isBidiControl($0) }))
            guard let first = kept.unicodeScalars.first else { continue }
            if isZeroWidth(first) {
                // A mark with nothing to sit on: give it a dotted circle, as typesetters do.
                out.append(Grapheme(text: "◌" + kept, width: 1))
                continue
            }
            out.append(Grapheme(text: kept, width: graphemeWidth(kept.unicodeScalars)))
        }
        return out
    }

    public static func width(of text: String) -> Int {
        displayGraphemes(text).reduce(0) { $0 + $1.width }
    }

    /// Pads with spaces (or clips with `…`) to exactly `columns`.
    public static func fit(_ text: String, _ columns: Int, alignRight: Bool = false) -> String {
        guard columns > 0 else { return "" }
        let w = width(of: text)
        if w == columns { return text }
        if w < columns {
            let pad = String(repeating: " ", count: columns - w)
            return alignRight ? pad + text : text + pad
        }
        var out = ""
        var used = 0
        for g in displayGraphemes(text) {
            if used + g.width > columns - 1 { break }
            out += g.text
            used += g.width
        }
        return out + "…" + String(repeating: " ", count: max(0, columns - 1 - used))
    }

    static func graphemeWidth(_ scalars: String.UnicodeScalarView) -> Int {
        guard let first = scalars.first else { return 0 }
        if isWide(first.value) { return 2 }
        let props = first.properties
        if props.isEmojiPresentation { return 2 }
        // A text-style emoji made into an emoji by VS16 (U+FE0F), e.g. ❤️.
        if props.isEmoji, scalars.contains(where: { $0.value == 0xFE0F }) { return 2 }
        return 1
    }

    static func isControl(_ s: Unicode.Scalar) -> Bool {
        s.value < 0x20 || (s.value >= 0x7F && s.value < 0xA0)
    }

    static func isBidiControl(_ s: Unicode.Scalar) -> Bool {
        (0x202A...0x202E).contains(s.value) || (0x2066...0x2069).contains(s.value)
            || s.value == 0x200E || s.value == 0x200F || s.value == 0x061C
    }

    static func isZeroWidth(_ s: Unicode.Scalar) -> Bool {
        switch s.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: true
        default: s.value == 0x200B
        }
    }

    static func escape(_ s: Unicode.Scalar) -> [Grapheme] {
        switch s.value {
        case 0x09, 0x0A, 0x0D: [Grapheme(text: " ", width: 1)]
        case 0x00..<0x20:
            [Grapheme(text: "^", width: 1), Grapheme(text: String(Unicode.Scalar(UInt8(s.value + 0x40))), width: 1)]
        case 0x7F: [Grapheme(text: "^", width: 1), Grapheme(text: "?", width: 1)]
        case 0x80..<0xA0: [Grapheme(text: "\u{FFFD}", width: 1)]
        default:
            isZeroWidth(s) || isBidiControl(s) ? [] : [Grapheme(text: String(s), width: graphemeWidth(String(s).unicodeScalars))]
        }
    }

    /// East Asian Wide and Fullwidth ranges (Unicode 15, UAX #11), excluding emoji,
    /// which `isEmojiPresentation` covers.
    static func isWide(_ v: UInt32) -> Bool {
        if v < 0x1100 { return false }
        for r in wideRanges where v >= r.lowerBound {
            if v <= r.upperBound { return true }
        }
        return false
    }

    static let wideRanges: [ClosedRange<UInt32>] = [
        0x1100...0x115F, 0x231A...0x231B, 0x2329...0x232A, 0x2E80...0x2E99, 0x2E9B...0x2EF3,
        0x2F00...0x2FD5, 0x2FF0...0x2FFF, 0x3000...0x303E, 0x3041...0x3096, 0x3099...0x30FF,
        0x3105...0x312F, 0x3131...0x318E, 0x3190...0x31E3, 0x31EF...0x321E, 0x3220...0x3247,
        0x3250...0x4DBF, 0x4E00...0xA48C, 0xA490...0xA4C6, 0xA960...0xA97C, 0xAC00...0xD7A3,
        0xF900...0xFAFF, 0xFE10...0xFE19, 0xFE30...0xFE52, 0xFE54...0xFE66, 0xFE68...0xFE6B,
        0xFF01...0xFF60, 0xFFE0...0xFFE6, 0x16FE0...0x16FE4, 0x16FF0...0x16FF1, 0x17000...0x187F7,
        0x18800...0x18CD5, 0x18D00...0x18D08, 0x1AFF0...0x1AFFE, 0x1B000...0x1B122, 0x1B132...0x1B132,
        0x1B150...0x1B152, 0x1B155...0x1B155, 0x1B164...0x1B167, 0x1B170...0x1B2FB,
        0x1F200...0x1F202, 0x1F210...0x1F23B, 0x1F240...0x1F248, 0x1F250...0x1F251,
        0x1F260...0x1F265, 0x20000...0x2FFFD, 0x30000...0x3FFFD,
    ]
}
