import CladeCore

/// A text prompt with suggestions, a fuzzy picker, or a short choice, centred over the panes.
enum DialogView {
    static func draw(_ screen: inout Screen, state: AppState, dialog: Dialog, theme: Theme) {
        let visible = dialog.visibleOptions
        let width = min(state.width - 4, 76)
        let listRows = dialog.listRows(screenHeight: state.height)
        let height = min(state.height - 2, 3 + (dialog.style == .choice ? 0 : (listRows > 0 ? 2 : 1)) + listRows)
        let rect = Rect(x: (state.width - width) / 2, y: max(1, (state.height - height) / 3), width: width, height: height)
        screen.clearOverlay(rect)
        screen.box(rect, title: dialog.title, focused: true, theme: theme, rightTitle: Hints.line(dialog.context, [.accept, .cancel]))
        let inner = rect.inset(by: 1)
        var y = inner.y
        screen.put(dialog.prompt, x: inner.x + 1, y: y, maxWidth: inner.width - 2, style: .dim)
        y += 1
        if dialog.style != .choice {
            let label = dialog.style == .picker ? "Find: " : "› "
            let used = screen.put(label, x: inner.x + 1, y: y, style: .keyHint)
            TextFieldView.draw(&screen, dialog.field, x: inner.x + 1 + used, y: y, room: inner.width - used - 2,
                               showCursor: dialog.style == .picker || dialog.cursor < 0)
            y += 2
            if dialog.style == .text {
                let heading = dialog.loading ? "Suggestions: computing…" : (visible.isEmpty ? "" : "Suggestions (↓ to pick):")
                screen.put(heading, x: inner.x + 1, y: y - 1, style: .dim)
            } else if dialog.loading {
                screen.put("Finding the nearest clusters…", x: inner.x + 1, y: y - 1, style: .dim)
            } else if visible.isEmpty {
                screen.put("No cluster matches.", x: inner.x + 1, y: y - 1, style: .dim)
            }
        }
        var cursor = ListCursor(index: max(0, dialog.cursor), scroll: 0)
        let rows = max(0, inner.maxY - y)
        cursor.clamp(count: visible.count, height: rows)
        for (line, option) in visible.dropFirst(cursor.scroll).prefix(rows).enumerated() {
            let index = cursor.scroll + line
            let selected = index == dialog.cursor
            let style: Style = selected ? .selected : (option.suggested ? .accent : .overlay)
            let rowY = y + line
            if selected { screen.fill(Rect(x: inner.x, y: rowY, width: inner.width, height: 1), style: style) }
            screen.put(selected ? theme.glyphs.cursor : " ", x: inner.x, y: rowY, style: style)
            var x = inner.x + 1
            if let key = option.key { x += screen.put("[\(key)] ", x: x, y: rowY, style: selected ? style : .keyHint) }
            let detailWidth = option.detail.isEmpty ? 0 : min(TextWidth.width(of: option.detail) + 2, (inner.maxX - x) / 2)
            x += screen.put(option.label, x: x, y: rowY, maxWidth: inner.maxX - x - detailWidth - 1, style: style)
            if detailWidth > 0 {
                screen.put(option.detail, x: inner.maxX - detailWidth, y: rowY, maxWidth: detailWidth - 1, style: selected ? style : .dim)
            }
        }
    }
}
