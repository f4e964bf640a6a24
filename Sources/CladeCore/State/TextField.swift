/// The one line of editable text behind every prompt: dialogs, pickers, `/` search, `\`
/// filter, `?` help and the `:` palette. Its keys are registry commands (`text.*`), so they
/// are the same everywhere and listed in help and docs/keymap.md.
public struct TextField: Equatable, Sendable {
    /// Kept as characters, not a String: a combining mark typed or pasted on its own stays an
    /// element, so the cursor is always a valid index.
    private var chars: [Character]
    /// Insertion point, in characters from the start (0...chars.count).
    public private(set) var cursor: Int

    public init(_ text: String = "") {
        chars = Array(text)
        cursor = chars.count
    }

    public var text: String { String(chars) }

    /// The text before the insertion point (the view measures it to place the terminal cursor).
    public var beforeCursor: String { String(chars[..<cursor]) }

    /// The text from the insertion point on.
    public var afterCursor: String { String(chars[cursor...]) }

    /// Typed or pasted text goes in at the cursor; line breaks in a paste become spaces and
    /// other control characters are dropped, so a paste can never run commands.
    public mutating func insert(_ typed: String) {
        let clean = String(typed.compactMap { c -> Character? in
            if c.isNewline || c == "\t" { return " " }
            return c.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value != 0x7F && !(0x80..<0xA0).contains($0.value) } ? c : nil
        })
        let typed = Array(clean)
        chars.insert(contentsOf: typed, at: cursor)
        cursor += typed.count
    }

    /// Runs one of the `text.*` commands; false when the command is not a text edit.
    @discardableResult
    public mutating func apply(_ id: CommandID) -> Bool {
        switch id {
        case .textLeft: cursor = max(0, cursor - 1)
        case .textRight: cursor = min(chars.count, cursor + 1)
        case .textStart: cursor = 0
        case .textEnd: cursor = chars.count
        case .textWordLeft: cursor = wordStart(before: cursor)
        case .textWordRight: cursor = wordEnd(after: cursor)
        case .textDeleteBack:
            guard cursor > 0 else { return true }
            chars.remove(at: cursor - 1)
            cursor -= 1
        case .textDeleteForward:
            guard cursor < chars.count else { return true }
            chars.remove(at: cursor)
        case .textDeleteWord:
            let start = wordStart(before: cursor)
            chars.removeSubrange(start..<cursor)
            cursor = start
        case .textDeleteToStart:
            chars.removeSubrange(0..<cursor)
            cursor = 0
        default:
            return false
        }
        return true
    }

    private func isWord(_ c: Character) -> Bool { c.isLetter || c.isNumber }

    /// Back over spaces and punctuation, then over the word (readline's Ctrl-W and Alt-B).
    private func wordStart(before position: Int) -> Int {
        var i = position
        while i > 0, !isWord(chars[i - 1]) { i -= 1 }
        while i > 0, isWord(chars[i - 1]) { i -= 1 }
        return i
    }

    private func wordEnd(after position: Int) -> Int {
        var i = position
        while i < chars.count, !isWord(chars[i]) { i += 1 }
        while i < chars.count, isWord(chars[i]) { i += 1 }
        return i
    }
}
