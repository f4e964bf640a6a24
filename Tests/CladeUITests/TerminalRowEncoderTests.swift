import CladeUI
import Testing
@testable import CladeTerminal

/// glibc's wcwidth in a UTF-8 locale, for the scalars these tests use.
private func glibcWidth(_ v: UInt32) -> Int {
    switch v {
    case 0..<0x20, 0x7F..<0xA0: -1
    case 0x300...0x36F, 0x200D, 0xFE00...0xFE0F: 0
    case 0x1100...0x115F, 0x2E80...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFF00...0xFF60,
         0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x3FFFD: 2
    default: 1  // includes ❤ U+2764, ⚠ U+26A0, regional indicators, U+FFFD
    }
}

/// A C locale: nothing but ASCII is printable.
private func asciiWidth(_ v: UInt32) -> Int { v >= 0x20 && v < 0x7F ? 1 : -1 }

private func text(_ codes: [Int32]) -> String {
    String(String.UnicodeScalarView(codes.compactMap { Unicode.Scalar(UInt32(bitPattern: $0)) }))
}

@Suite("Terminal row encoding for curses")
struct TerminalRowEncoderTests {
    let encoder = CursesRowEncoder(scalarWidth: glibcWidth)

    @Test("ASCII, CJK and combining text pass through")
    func passThrough() {
        #expect(text(encoder.encode("a", columns: 1)) == "a")
        #expect(text(encoder.encode("漢", columns: 2)) == "漢")
        #expect(text(encoder.encode("e\u{301}", columns: 1)) == "e\u{301}")
        #expect(text(encoder.encode("🇺🇸", columns: 2)) == "🇺🇸")  // 1 + 1 for curses
    }

    @Test("a ZWJ sequence keeps only what fits, without a dangling joiner")
    func zwj() {
        #expect(text(encoder.encode("👩‍💻", columns: 2)) == "👩")
    }

    @Test("a grapheme curses finds narrower loses its variation selector and is padded")
    func narrower() {
        #expect(text(encoder.encode("❤️", columns: 2)) == "❤ ")
        #expect(text(encoder.encode("⚠️", columns: 2)) == "⚠ ")
    }

    @Test("what curses cannot draw in the columns becomes a replacement plus padding")
    func replacement() {
        #expect(text(encoder.encode("漢", columns: 1)) == "\u{FFFD}")
        #expect(text(encoder.encode("\u{1}", columns: 1)) == "\u{FFFD}")
        #expect(text(encoder.encode("\u{301}", columns: 1)) == "\u{FFFD}")
        let ascii = CursesRowEncoder(scalarWidth: asciiWidth)
        #expect(text(ascii.encode("漢", columns: 2)) == "? ")
        #expect(text(ascii.encode("é", columns: 1)) == "?")
        #expect(text(ascii.encode("e\u{301}", columns: 1)) == "e")
    }

    @Test("at most four combining marks per cell")
    func marks() {
        let zalgo = "a" + String(repeating: "\u{301}", count: 7)
        #expect(encoder.encode(zalgo, columns: 1).count == 5)
    }

    @Test("runs split on style; wide graphemes skip their continuation cell")
    func runs() {
        var screen = Screen(size: Size(width: 10, height: 1))
        screen.put("ab漢c", x: 0, y: 0)
        screen.put("XY", x: 6, y: 0, style: .selected)
        let runs = encoder.runs(of: screen.row(0), columns: 10)
        #expect(runs.map(\.x) == [0, 6, 8])
        #expect(runs.map(\.style) == [.normal, .selected, .normal])
        #expect(runs.map { text($0.text) } == ["ab漢c ", "XY", "  "])
        // Curses columns add up to the grid's.
        let columns = runs.map { $0.text.reduce(0) { $0 + glibcWidth(UInt32(bitPattern: $1)) } }
        #expect(columns == [6, 2, 2])
    }

    @Test("runs are clipped to a narrower terminal without splitting a wide grapheme")
    func clipped() {
        var screen = Screen(size: Size(width: 6, height: 1))
        screen.put("abc漢", x: 0, y: 0)
        let runs = encoder.runs(of: screen.row(0), columns: 4)
        #expect(runs.map { text($0.text) } == ["abc "])
    }

    @Test("broken grids keep their columns: an orphan continuation, a narrow grapheme before one")
    func brokenGrid() {
        var screen = Screen(size: Size(width: 4, height: 1))
        screen[0, 0] = Cell("")      // a continuation with nothing before it
        screen[1, 0] = Cell("a")     // a 1-column grapheme followed by a continuation
        screen[2, 0] = Cell("")
        screen[3, 0] = Cell("b")
        let runs = encoder.runs(of: screen.row(0), columns: 4)
        #expect(runs.map { text($0.text) } == [" a b"])
    }

    @Test("colour pairs are allocated once per pair of colours; defaults use pair 0")
    func colorPairs() {
        var table = ColorPairTable(capacity: 3)
        var calls: [[Int16]] = []
        let initPair = { (p: Int16, f: Int16, b: Int16) -> Bool in calls.append([p, f, b]); return true }
        #expect(table.pair(for: .init(foreground: -1, background: -1), initPair: initPair) == 0)
        #expect(table.pair(for: .init(foreground: 6, background: -1), initPair: initPair) == 1)
        #expect(table.pair(for: .init(foreground: 0, background: 6), initPair: initPair) == 2)
        #expect(table.pair(for: .init(foreground: 6, background: -1), initPair: initPair) == 1)
        #expect(table.pair(for: .init(foreground: 1, background: 3), initPair: initPair) == 0)  // full
        #expect(calls == [[1, 6, -1], [2, 0, 6]])
        #expect(table.allocated == 2)
    }
}
