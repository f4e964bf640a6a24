import CladeCore

/// `?` help (the keys that work in the pane, type to filter) and the `:` palette (every
/// command, fuzzy-matched), both drawn from the command registry.
enum CommandListView {
    static func draw(_ screen: inout Screen, state: AppState, overlay: CommandListOverlay, theme: Theme) {
        let width = min(state.width - 4, 78)
        let rows = CommandList.rows(overlay)
        let listHeight = overlay.listRows(screenHeight: state.height, count: rows.count)
        let height = listHeight + 4
        let rect = Rect(x: (state.width - width) / 2, y: overlay.kind == .help ? 2 : 1, width: width, height: height)
        screen.clearOverlay(rect)
        let title = overlay.kind == .palette ? "Commands" : overlay.legend ? "Help · Legend" : "Help · \(overlay.context.title)"
        screen.box(rect, title: title, focused: true, theme: theme, rightTitle: Hints.line(overlay.kind == .help ? .help : .palette, overlay.legend ? [.helpLegend, .cancel] : [.accept, .cancel]))
        let inner = rect.inset(by: 1)
        let prompt = overlay.kind == .help ? "Type to filter: " : ": "
        let used = screen.put(prompt, x: inner.x + 1, y: inner.y, style: .keyHint)
        TextFieldView.draw(&screen, overlay.field, x: inner.x + 1 + used, y: inner.y, room: inner.width - used - 2)
        if overlay.legend {
            LegendView.draw(&screen, inner: inner, rows: listHeight, scroll: overlay.legendScroll, theme: theme)
            Scrollbar.draw(&screen, rect: rect, total: Legend.entries.count, visible: listHeight, offset: overlay.legendScroll, headerRows: 1, theme: theme)
            return
        }
        if rows.isEmpty {
            screen.put("No command matches \u{201C}\(overlay.query)\u{201D}.", x: inner.x + 1, y: inner.y + 2, maxWidth: inner.width - 2, style: .dim)
            return
        }
        let keyWidth = min(16, max(8, inner.width / 4))
        var cursor = overlay.cursor
        cursor.clamp(count: rows.count, height: listHeight)
        for (line, command) in rows.dropFirst(cursor.scroll).prefix(listHeight).enumerated() {
            let y = inner.y + 2 + line
            let selected = cursor.scroll + line == cursor.index
            let base = screen.listRow(x: inner.x, y: y, width: inner.width, selected: selected, normal: .overlay, theme: theme)
            screen.cell(command.keyLabel, x: inner.x + 1, y: y, width: keyWidth, style: selected ? base : .keyHint)
            var title = command.title
            if command.destructive { title += " (asks first)" }
            if overlay.kind == .palette, !command.applies(in: overlay.context) {
                title += " — " + (command.contexts.first?.title ?? "")
            }
            screen.cell(title, x: inner.x + 2 + keyWidth, y: y, width: inner.width - keyWidth - 3, style: base)
        }
        Scrollbar.draw(&screen, rect: rect, total: rows.count, visible: listHeight, offset: cursor.scroll, headerRows: 1, theme: theme)
    }
}
