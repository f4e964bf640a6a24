import CladeCore

/// Capability tags with their counts, and how much of the selected cluster carries each.
enum CapabilitiesView {
    enum Col: Int { case name, questions, share, here }

    static func draw(_ screen: inout Screen, state: AppState, theme: Theme, rect: Rect) {
        let focused = state.focus == .capabilities
        var title = "3 Capabilities"
        if !state.capabilityNameFilter.isEmpty { title += " matching \u{201C}\(state.capabilityNameFilter)\u{201D}" }
        screen.box(rect, title: title, focused: focused, theme: theme, rightTitle: "Here: share of the selected cluster")
        let inner = rect.inset(by: 1)
        guard inner.width > 4, inner.height > 1 else { return }
        let rows = CapabilityList.rows(state)
        let cluster = state.selectedCluster
        let columns: [Columns.Column] = [
            .init(title: "Capability", width: 0, alignRight: false, importance: 99, flexible: true, minWidth: 10),
            .init(title: "Qs", width: 6, alignRight: true, importance: 8),
            .init(title: "All%", width: 5, alignRight: true, importance: 6),
            .init(title: "Here", width: 5, alignRight: true, importance: 9),
        ]
        let placed = Columns.place(columns, width: inner.width - 1)
        for p in placed {
            screen.cell(p.column.title, x: inner.x + 1 + p.x, y: inner.y, width: p.width, style: .columnHeader, alignRight: p.column.alignRight)
        }
        if rows.isEmpty {
            let message = state.dataset.capabilities.isEmpty ? "This run tags no capabilities." : "No capability matches the filter."
            screen.put(message, x: inner.x + 1, y: inner.y + 1, maxWidth: inner.width - 1, style: .dim)
            return
        }
        let height = state.layout.listRows(.capabilities)
        let cursor = state.capabilityCursor
        let start = cursor.scroll
        for (line, cap) in rows.dropFirst(start).prefix(max(0, height)).enumerated() {
            let y = inner.y + 1 + line
            let index = start + line
            let selected = index == cursor.index
            let active = state.capabilityFilter == cap.id
            let base: Style = selected ? (focused ? .selected : .selectedInactive) : (active ? .marked : .normal)
            if selected || active {
                screen.fill(Rect(x: inner.x, y: y, width: inner.width, height: 1), style: base)
            }
            screen.put(active ? theme.glyphs.mark : (selected ? theme.glyphs.cursor : " "), x: inner.x, y: y, style: base)
            let here = cluster.flatMap { c in c.stats.volume > 0 ? (c.capabilityVolume[cap.id] ?? 0) / c.stats.volume : nil }
            for p in placed {
                let text: String
                var style = base
                switch Col(rawValue: p.index)! {
                case .name: text = cap.name
                case .questions: text = Format.volume(cap.volume)
                case .share:
                    text = state.dataset.total.volume > 0 ? Format.percent(cap.volume / state.dataset.total.volume, decimals: 0) : "—"
                case .here:
                    text = here.map { $0 > 0 ? Format.percent($0, decimals: 0) : "·" } ?? ""
                    if !selected, !active, (here ?? 0) > 0 { style = .accent }
                }
                screen.cell(text, x: inner.x + 1 + p.x, y: y, width: p.width, style: style, alignRight: p.column.alignRight)
            }
        }
        Scrollbar.draw(&screen, rect: rect, total: rows.count, visible: height, offset: start, headerRows: 1, theme: theme)
    }
}
