import CladeUI

/// One write to curses: wide characters for `clade_put`, starting at column `x`, in one style.
struct CursesRun: Equatable {
    var x: Int
    var style: Style
    var text: [Int32]  // wchar_t on Linux and macOS
}

/// Turns a row of cells into runs curses will lay out exactly as the grid does.
///
/// Curses advances its cursor by libc's `wcwidth`, which can disagree with the grid's widths
/// (`TextWidth`): `❤️` is 2 columns in the grid, 1 for glibc; `👩‍💻` is one 2-column grapheme
/// in the grid, 4 columns of scalars for curses. Each grapheme is therefore cut or padded so
/// that curses' width equals the grid's, and nothing after it shifts:
/// - trailing scalars that would overflow are dropped (`👩‍💻` → `👩`), with a dangling ZWJ;
/// - a grapheme narrower for curses loses its variation selectors and is padded with a space;
/// - one curses cannot draw at all (controls, a wider glyph in a 1-column cell, any non-ASCII
///   in a non-UTF-8 locale) becomes U+FFFD (or `?`) plus padding.
/// A continuation cell is covered by the wide grapheme before it and writes nothing; one
/// without such a grapheme (an orphan) writes a space.
struct CursesRowEncoder {
    /// Columns curses gives a scalar: libc `wcwidth` in the process locale (-1: unprintable).
    var scalarWidth: (UInt32) -> Int

    /// Combining characters curses keeps per cell (`CCHARW_MAX` - 1).
    static let maxMarksPerCell = 4

    func runs(of row: ArraySlice<Cell>, columns: Int) -> [CursesRun] {
        let cells = Array(row)
        let limit = min(columns, cells.count)
        var runs: [CursesRun] = []
        var current: CursesRun?
        var x = 0

        func append(_ text: [Int32], style: Style, at x: Int) {
            if current?.style != style {
                if let run = current { runs.append(run) }
                current = CursesRun(x: x, style: style, text: [])
            }
            current?.text.append(contentsOf: text)
        }

        while x < limit {
            let cell = cells[x]
            if cell.isContinuation {
                append([0x20], style: cell.style, at: x)
                x += 1
                continue
            }
            let width = x + 1 < cells.count && cells[x + 1].isContinuation ? 2 : 1
            if x + width > limit {
                append(Array(repeating: 0x20, count: limit - x), style: cell.style, at: x)
                break
            }
            append(encode(cell.text, columns: width), style: cell.style, at: x)
            x += width
        }
        if let run = current { runs.append(run) }
        return runs
    }

    /// The scalars to hand curses for one grapheme so that it takes exactly `columns` columns.
    func encode(_ grapheme: String, columns: Int) -> [Int32] {
        let scalars = grapheme.unicodeScalars
        if columns == 1, scalars.count == 1, let v = scalars.first?.value, v >= 0x20, v < 0x7F { return [Int32(v)] }
        guard let first = scalars.first else { return padding(columns) }
        let firstWidth = scalarWidth(first.value)
        guard firstWidth > 0, firstWidth <= columns else { return replacement(columns) }

        var out: [Int32] = [Int32(bitPattern: first.value)]
        var used = firstWidth
        var marks = 0
        var truncated = false
        for scalar in scalars.dropFirst() {
            let w = scalarWidth(scalar.value)
            if w == 0 {
                if marks < Self.maxMarksPerCell { out.append(Int32(bitPattern: scalar.value)); marks += 1 }
                continue
            }
            if w < 0 || used + w > columns { truncated = true; break }
            out.append(Int32(bitPattern: scalar.value))
            used += w
            marks = 0
        }
        if truncated {
            // A dangling joiner could fuse with the next cell's emoji in the terminal.
            while out.last == 0x200D { out.removeLast() }
        }
        if used < columns {
            // Keep it narrow: a terminal may widen an emoji variation that curses thinks is narrow.
            out.removeAll { (0xFE00...0xFE0F).contains($0) }
            out += padding(columns - used)
        }
        return out
    }

    private func replacement(_ columns: Int) -> [Int32] {
        let mark: Int32 = scalarWidth(0xFFFD) == 1 ? 0xFFFD : 0x3F  // "?"
        return [mark] + padding(columns - 1)
    }

    private func padding(_ n: Int) -> [Int32] { Array(repeating: 0x20, count: max(0, n)) }
}
