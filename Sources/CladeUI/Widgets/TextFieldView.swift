import CladeCore

/// Draws the one `TextField` the same way in every prompt: scrolled so the insertion point
/// stays in view, with the terminal cursor on it.
enum TextFieldView {
    /// Draws `field` in `room` columns from (x, y); returns the columns used.
    @discardableResult
    static func draw(_ screen: inout Screen, _ field: TextField, x: Int, y: Int, room: Int, showCursor: Bool = true) -> Int {
        var before = field.beforeCursor
        // One column stays free for the cursor after the text; a start scrolled out of view
        // shows as "…", as the end cut off does.
        var lead = 0
        if TextWidth.width(of: before) > max(0, room - 1), room > 2 {
            while TextWidth.width(of: before) > room - 2, !before.isEmpty { before.removeFirst() }
            lead = screen.put("…", x: x, y: y, style: .input)
        }
        while TextWidth.width(of: before) > max(0, room - 1 - lead), !before.isEmpty { before.removeFirst() }
        let used = lead + screen.put(before, x: x + lead, y: y, style: .input)
        let after = field.afterCursor
        let rest = after.isEmpty ? 0 : screen.put(after, x: x + used, y: y, maxWidth: max(0, room - used), style: .input)
        if showCursor { screen.cursor = Point(x: x + used, y: y) }
        return used + rest
    }
}

/// Key hints from the registry, written `Enter picks · Esc cancels`.
enum Hints {
    static func line(_ context: Context, _ ids: [CommandID]) -> String {
        ids.compactMap { id -> String? in
            guard let c = CommandRegistry.command(id, in: context), let label = c.footer else { return nil }
            return (c.footerKeys ?? c.primaryKeyLabel) + " " + label
        }.joined(separator: " · ")
    }
}
