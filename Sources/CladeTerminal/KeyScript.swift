import CladeCore

/// Turns a string into key presses for scripted tests: `"jjj\t/foo\r"` types j, j, j, Tab, /,
/// f, o, o, Enter. Named keys go in angle brackets, vim-style and case-insensitive:
/// `<Up>` `<Down>` `<Left>` `<Right>` `<Home>` `<End>` `<PgUp>` `<PgDn>` `<Enter>` `<Esc>`
/// `<Tab>` `<S-Tab>` `<BS>` `<Del>` `<Ins>` `<S-Up>` `<S-Down>` `<Space>` `<F1>`…`<F12>`
/// `<C-r>` and `<lt>` for a literal `<`. A `<` that does not start a known name is literal,
/// so `"a<b"` types a, <, b.
public enum KeyScript {
    public static func keys(_ script: String) -> [Key] {
        var keys: [Key] = []
        var rest = Substring(script)
        while let c = rest.first {
            if c == "<", let close = rest.firstIndex(of: ">"),
               let named = named(String(rest[rest.index(after: rest.startIndex)..<close])) {
                keys.append(named)
                rest = rest[rest.index(after: close)...]
                continue
            }
            keys.append(key(for: c))
            rest = rest.dropFirst()
        }
        return keys
    }

    /// One typed character as the terminal would deliver it (`"\r"` is Enter, `"\u{1B}"` Esc).
    public static func key(for character: Character) -> Key {
        if character == "\r\n" { return .enter }
        if character.unicodeScalars.count == 1, let scalar = character.unicodeScalars.first,
           let key = KeyDecoding.key(forCharacter: scalar.value) {
            return key
        }
        return .char(character)
    }

    static func named(_ name: String) -> Key? {
        let lower = name.lowercased()
        if let key = namedKeys[lower] { return key }
        if lower.hasPrefix("c-"), name.count == 3, let letter = lower.last, letter.isLetter, letter.isASCII {
            return .ctrl(letter)
        }
        if lower.hasPrefix("f"), let n = Int(lower.dropFirst()), (1...63).contains(n) { return .function(n) }
        return nil
    }

    static let namedKeys: [String: Key] = [
        "up": .up, "down": .down, "left": .left, "right": .right,
        "home": .home, "end": .end,
        "pgup": .pageUp, "pageup": .pageUp, "pgdn": .pageDown, "pagedown": .pageDown,
        "enter": .enter, "cr": .enter, "return": .enter,
        "esc": .escape, "escape": .escape,
        "tab": .tab, "s-tab": .backTab, "backtab": .backTab,
        "bs": .backspace, "backspace": .backspace,
        "del": .delete, "delete": .delete, "ins": .insert, "insert": .insert,
        "s-up": .shiftUp, "s-down": .shiftDown,
        "space": .char(" "), "lt": .char("<"),
    ]
}
