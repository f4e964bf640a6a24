extension Screen {
    /// Draws a frame with a title in its top edge; focus is shown by style and by `[ ]` marks
    /// around the title, so it reads without colour.
    public mutating func box(_ r: Rect, title: String, focused: Bool, theme: Theme, rightTitle: String = "") {
        guard r.width >= 2, r.height >= 2 else { return }
        let g = theme.glyphs
        let style: Style = focused ? .borderFocused : .border
        for x in r.x..<r.maxX {
            put(g.horizontal, x: x, y: r.y, style: style)
            put(g.horizontal, x: x, y: r.maxY - 1, style: style)
        }
        for y in r.y..<r.maxY {
            put(g.vertical, x: r.x, y: y, style: style)
            put(g.vertical, x: r.maxX - 1, y: y, style: style)
        }
        put(g.topLeft, x: r.x, y: r.y, style: style)
        put(g.topRight, x: r.maxX - 1, y: r.y, style: style)
        put(g.bottomLeft, x: r.x, y: r.maxY - 1, style: style)
        put(g.bottomRight, x: r.maxX - 1, y: r.maxY - 1, style: style)
        let label = focused ? "[" + title + "]" : " " + title + " "
        let used = put(label, x: r.x + 1, y: r.y, maxWidth: max(0, r.width - 2), style: focused ? .borderFocused : .title)
        if !rightTitle.isEmpty {
            let text = " " + rightTitle + " "
            let w = TextWidth.width(of: text)
            let x = r.maxX - 1 - w
            if x > r.x + 1 + used { put(text, x: x, y: r.y, style: .dim) }
        }
    }

    /// Writes `text` padded or clipped to exactly `width` columns.
    public mutating func cell(_ text: String, x: Int, y: Int, width: Int, style: Style = .normal, alignRight: Bool = false) {
        guard width > 0 else { return }
        put(TextWidth.fit(text, width, alignRight: alignRight), x: x, y: y, maxWidth: width, style: style)
    }
}

extension Screen {
    /// Clears the ground of a dialog or overlay: its rectangle, and one blank column either
    /// side so no strip of the pane beneath (its border, a mark, its scrollbar) shows at the edge.
    public mutating func clearOverlay(_ r: Rect) {
        fill(Rect(x: r.x - 1, y: r.y, width: 1, height: r.height))
        fill(Rect(x: r.maxX, y: r.y, width: 1, height: r.height))
        fill(r, style: .overlay)
    }
}
