extension Screen {
    /// Starts a list row: a selected row is filled with its style and gets the cursor mark in
    /// column 0 (so the selection reads without colour); a marked row gets the mark glyph there.
    /// Returns the style the row's cells start from.
    @discardableResult
    public mutating func listRow(
        x: Int, y: Int, width: Int, selected: Bool, focused: Bool = true, marked: Bool = false,
        normal: Style = .normal, theme: Theme
    ) -> Style {
        let base: Style = selected ? (focused ? .selected : .selectedInactive) : normal
        if selected {
            fill(Rect(x: x, y: y, width: width, height: 1), style: base)
            put(theme.glyphs.cursor, x: x, y: y, style: base)
        }
        if marked { put(theme.glyphs.mark, x: x, y: y, style: selected ? base : .marked) }
        return base
    }
}
