import CladeCore
import CladeTerminal
import Testing

@Suite("Terminal key decoding")
struct TerminalKeyDecodingTests {
    @Test("curses key codes have their curses.h values")
    func keyCodeValues() {
        #expect(CursesKeyCode.down == 0o402)
        #expect(CursesKeyCode.up == 0o403)
        #expect(CursesKeyCode.f0 == 0o410)
        #expect(CursesKeyCode.backTab == 0o541)
        #expect(CursesKeyCode.resize == 0o632)
    }

    @Test("function keys map to keys", arguments: [
        (CursesKeyCode.up, Key.up), (CursesKeyCode.down, .down), (CursesKeyCode.left, .left),
        (CursesKeyCode.right, .right), (CursesKeyCode.home, .home), (CursesKeyCode.end, .end),
        (CursesKeyCode.pageUp, .pageUp), (CursesKeyCode.pageDown, .pageDown),
        (CursesKeyCode.backTab, .backTab), (CursesKeyCode.delete, .delete),
        (CursesKeyCode.insert, .insert), (CursesKeyCode.backspace, .backspace),
        (CursesKeyCode.enter, .enter), (CursesKeyCode.scrollReverse, .shiftUp),
        (CursesKeyCode.scrollForward, .shiftDown),
        (CursesKeyCode.f0 + 1, .function(1)), (CursesKeyCode.f0 + 10, .function(10)),
        (CursesKeyCode.f0 + 63, .function(63)),
    ])
    func functionKeys(code: UInt32, key: Key) {
        #expect(KeyDecoding.key(forFunctionKey: code) == key)
        #expect(KeyDecoding.key(for: .functionKey(code)) == key)
    }

    @Test("Ctrl-← and Ctrl-→ come by their terminfo names")
    func extendedKeyNames() {
        #expect(KeyDecoding.key(forKeyName: "kLFT5") == .ctrlLeft)
        #expect(KeyDecoding.key(forKeyName: "kRIT5") == .ctrlRight)
        #expect(KeyDecoding.key(forKeyName: "kUP5") == nil)
    }

    @Test("resize, mouse, F0 and unknown codes are not keys")
    func nonKeys() {
        #expect(KeyDecoding.key(forFunctionKey: CursesKeyCode.resize) == nil)
        #expect(KeyDecoding.key(forFunctionKey: CursesKeyCode.mouse) == nil)
        #expect(KeyDecoding.key(forFunctionKey: CursesKeyCode.f0) == nil)
        #expect(KeyDecoding.key(forFunctionKey: 0o777) == nil)
    }

    @Test("control characters", arguments: [
        (UInt32(13), Key.enter), (10, .enter), (27, .escape), (9, .tab), (127, .backspace), (8, .backspace),
        (1, .ctrl("a")), (12, .ctrl("l")), (18, .ctrl("r")), (26, .ctrl("z")), (3, .ctrl("c")),
        (28, .ctrl("\\")), (31, .ctrl("_")),
    ])
    func controls(code: UInt32, key: Key) {
        #expect(KeyDecoding.key(forCharacter: code) == key)
    }

    @Test("printable characters, including non-ASCII")
    func printable() {
        #expect(KeyDecoding.key(forCharacter: 0x6A) == .char("j"))
        #expect(KeyDecoding.key(forCharacter: 0x20) == .char(" "))
        #expect(KeyDecoding.key(forCharacter: 233) == .char("é"))
        #expect(KeyDecoding.key(forCharacter: 0x6F22) == .char("漢"))
        #expect(KeyDecoding.key(for: .character(0x1F600)) == .char("😀"))
    }

    @Test("NUL, C1 controls and invalid scalars are dropped")
    func dropped() {
        #expect(KeyDecoding.key(forCharacter: 0) == nil)
        #expect(KeyDecoding.key(forCharacter: 0x85) == nil)
        #expect(KeyDecoding.key(forCharacter: 0xD800) == nil)
        #expect(KeyDecoding.key(forCharacter: 0x110000) == nil)
    }
}

@Suite("Terminal key scripts")
struct TerminalKeyScriptTests {
    @Test("plain text with escapes types what a terminal would send")
    func plain() {
        #expect(KeyScript.keys("jjj\t/foo\r") == [
            .char("j"), .char("j"), .char("j"), .tab, .char("/"), .char("f"), .char("o"), .char("o"), .enter,
        ])
        #expect(KeyScript.keys("\u{1B}\u{7F}\r\n") == [.escape, .backspace, .enter])
        #expect(KeyScript.keys("漢é") == [.char("漢"), .char("é")])
    }

    @Test("named keys in angle brackets")
    func named() {
        #expect(KeyScript.keys("<Up><down><PgDn><S-Tab><Esc><C-r><F1><F12><Space><lt><Enter>") == [
            .up, .down, .pageDown, .backTab, .escape, .ctrl("r"), .function(1), .function(12),
            .char(" "), .char("<"), .enter,
        ])
        #expect(KeyScript.keys("<S-Up><S-Down><Del><BS><Home><End>") == [.shiftUp, .shiftDown, .delete, .backspace, .home, .end])
    }

    @Test("a < that starts no known name is literal")
    func literalAngle() {
        #expect(KeyScript.keys("a<b") == [.char("a"), .char("<"), .char("b")])
        #expect(KeyScript.keys("<nope>") == "<nope>".map(Key.char))
        #expect(KeyScript.keys("x <= y") == [.char("x"), .char(" "), .char("<"), .char("="), .char(" "), .char("y")])
    }
}
