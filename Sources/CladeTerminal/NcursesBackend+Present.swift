import CNcurses
import CladeCore
import CladeUI

extension NcursesBackend {
    /// Draws `frame`: rows equal to the last frame's are skipped; each changed row is written
    /// as runs of one style (one `clade_put` per run); curses then sends only what differs.
    /// A frame larger than the terminal is clipped; a smaller one leaves the rest blank.
    public func present(_ frame: Screen) {
        guard !isClosed else { return }
        let window = clade_stdscr()
        let terminal = size
        let rows = min(frame.size.height, terminal.height)
        let columns = min(frame.size.width, terminal.width)
        let full = fullRepaintPending || previous?.size != frame.size
        if full { werase(window) }
        if fullRepaintPending { _ = clade_clear_on_next_refresh() }

        for y in 0..<rows {
            if !full, let previous, previous.row(y) == frame.row(y) { continue }
            for run in encoder.runs(of: frame.row(y), columns: columns) {
                let look = attributes(for: run.style)
                // ERR at the bottom-right cell is expected (the cursor cannot advance past it);
                // the character is placed all the same and curses never scrolls stdscr.
                _ = run.text.withUnsafeBufferPointer { text in
                    clade_put(Int32(y), Int32(run.x), text.baseAddress, Int32(text.count), look.attrs, look.pair)
                }
            }
        }

        if let cursor = frame.cursor, cursor.x >= 0, cursor.y >= 0, cursor.x < columns, cursor.y < rows {
            setCursorVisible(true)
            wmove(window, Int32(cursor.y), Int32(cursor.x))
        } else {
            setCursorVisible(false)
        }
        wrefresh(window)
        previous = frame
        fullRepaintPending = false
    }

    private func setCursorVisible(_ visible: Bool) {
        guard visible != cursorVisible else { return }
        _ = curs_set(visible ? 1 : 0)
        cursorVisible = visible
    }

    /// The curses attributes and colour pair for a style under the current theme (cached).
    func attributes(for style: Style) -> (attrs: attr_t, pair: Int16) {
        if let known = styles[style] { return known }
        let look = theme.appearance(style)
        var attrs = clade_a_normal()
        if look.bold { attrs |= clade_a_bold() }
        if look.reverse { attrs |= clade_a_reverse() }
        if look.underline { attrs |= clade_a_underline() }
        if look.dim { attrs |= clade_a_dim() }
        var pair: Int16 = 0
        if supportsColor, look.foreground != nil || look.background != nil {
            let colors = ColorPairTable.Colors(
                foreground: look.foreground?.rawValue ?? (defaultColors ? -1 : Int16(COLOR_WHITE)),
                background: look.background?.rawValue ?? (defaultColors ? -1 : Int16(COLOR_BLACK))
            )
            pair = colorPairs.pair(for: colors) { pair, fg, bg in init_pair(pair, fg, bg) == OK }
        }
        styles[style] = (attrs, pair)
        return (attrs, pair)
    }
}
