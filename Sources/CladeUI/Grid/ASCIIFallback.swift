extension Screen {
    /// Replaces every non-ASCII grapheme with an ASCII look-alike (or `?`), for terminals that
    /// can show nothing else (TERM=dumb, a non-UTF-8 locale). A two-column grapheme becomes two
    /// ASCII characters so the columns stay where they were.
    public mutating func transliterateToASCII() {
        for y in 0..<size.height {
            var x = 0
            while x < size.width {
                let cell = self[x, y]
                if cell.text.allSatisfy(\.isASCII) { x += 1; continue }
                let wide = x + 1 < size.width && self[x + 1, y].isContinuation
                let replacement = Self.asciiLookalikes[cell.text] ?? (cell.text.isEmpty ? " " : "?")
                self[x, y] = Cell(String(replacement.prefix(1)), style: cell.style)
                if wide {
                    self[x + 1, y] = Cell(replacement.count > 1 ? String(replacement.dropFirst().prefix(1)) : "?", style: self[x + 1, y].style)
                    x += 2
                } else {
                    x += 1
                }
            }
        }
    }

    static let asciiLookalikes: [String: String] = [
        "…": ">", "»": ">", "√": "v", "▼": "v", "►": ">", "▌": "#", "·": ".", "›": ">", "‹": "<", "→": ">", "←": "<", "↑": "^", "↓": "v", "—": "-", "–": "-",
        "“": "\"", "”": "\"", "‘": "'", "’": "'", "×": "x", "≈": "~", "•": "*", "✓": "v", "▾": "v", "▸": ">",
        "é": "e", "è": "e", "ê": "e", "á": "a", "à": "a", "ä": "a", "ö": "o", "ü": "u", "ç": "c", "ñ": "n",
        "É": "E", "Ö": "O", "Ü": "U", "ß": "s", "≥": ">", "≤": "<", "░": ".", "▒": ":", "▓": "+", "█": "#", "┄": "-",
    ]
}
