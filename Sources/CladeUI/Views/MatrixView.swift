import CladeCore

/// View 7, the capability × topic matrix: one row per cluster (the tree, as in the Clusters
/// pane), one column per capability, each cell the questions that need it, shaded by quarters of
/// the largest leaf cell (░ ▒ ▓ █, or . : + # in ASCII), so heavy cells stand out without colour.
enum MatrixView {
    static func draw(_ screen: inout Screen, state: AppState, theme: Theme, rect: Rect) {
        let data = state.dataset
        let matrix = CapabilityMatrix(dataset: data)
        let inner = rect.inset(by: 1)
        let fit = CapabilityMatrix.visibleColumns(width: inner.width)
        let first = min(state.matrixColumn, max(0, matrix.capabilities.count - fit))
        let shown = Array(matrix.capabilities.dropFirst(first).prefix(fit))
        let hiddenLeft = first
        let hiddenRight = max(0, matrix.capabilities.count - first - shown.count)
        let g = theme.glyphs
        var right = "\(g.shades[1]) \(g.shades[2]) \(g.shades[3]) \(g.shades[4]) quarters of \(Format.volume(matrix.scaleMax))"
        if hiddenLeft + hiddenRight > 0 { right = "h/l: \(hiddenLeft + hiddenRight) more · " + right }
        screen.box(rect, title: "7 Capabilities × topics", focused: true, theme: theme, rightTitle: right)
        guard inner.width > 10, inner.height > 3 else { return }
        guard !matrix.capabilities.isEmpty else {
            screen.put("This run tags no capabilities.", x: inner.x + 1, y: inner.y, style: .dim)
            return
        }
        let nameWidth = CapabilityMatrix.nameWidth(width: inner.width)
        let colWidth = CapabilityMatrix.columnWidth
        let x0 = inner.x + 1 + nameWidth
        screen.cell("Cluster", x: inner.x + 1, y: inner.y + 1, width: nameWidth - 1, style: .columnHeader)
        // Capability names alternate between the two header lines, each right-aligned on its
        // column and free to run left over its neighbour's (which sits on the other line).
        for (i, cap) in shown.enumerated() {
            let span = min(2 * colWidth - 1, x0 + (i + 1) * colWidth - inner.x - 1)
            let x = x0 + (i + 1) * colWidth - span
            screen.cell(cap.name, x: x, y: inner.y + i % 2, width: span, style: i % 2 == 0 ? .bold : .columnHeader, alignRight: true)
        }
        let rows = ClusterTree.rows(state)
        let height = state.layout.viewListRows(.matrix)
        for (line, row) in rows.dropFirst(state.viewScroll).prefix(height).enumerated() {
            guard let c = data.cluster(row.id) else { continue }
            let y = inner.y + 2 + line
            let selected = row.id == state.selectedClusterID
            let base = screen.listRow(x: inner.x, y: y, width: inner.width, selected: selected, theme: theme)
            let marker = row.hasChildren ? (row.expanded ? g.expanded : g.collapsed) : g.leaf
            let name = String(repeating: " ", count: row.depth * 2) + marker + " " + c.name
            screen.cell(name, x: inner.x + 1, y: y, width: nameWidth, style: selected ? base : (row.hasChildren ? .bold : .normal))
            for (i, cap) in shown.enumerated() {
                let value = matrix.value(c, cap.id)
                let level = matrix.shade(value)
                let text = value > 0 ? cellText(Format.volume(value), shade: g.shades[level], width: colWidth - 1) : g.unrated
                let style: Style = selected ? base : (level >= 4 ? .bold : (level == 0 ? .dim : .normal))
                screen.cell(text, x: x0 + i * colWidth + 1, y: y, width: colWidth - 1, style: style, alignRight: true)
            }
        }
        Scrollbar.draw(&screen, rect: rect, total: rows.count, visible: height, offset: state.viewScroll, headerRows: 2, theme: theme)
    }

    /// `▓▓ 247`, or fewer shade marks when the count is long.
    static func cellText(_ count: String, shade: String, width: Int) -> String {
        for marks in [2, 1] where TextWidth.width(of: count) + marks + 1 <= width {
            return String(repeating: shade, count: marks) + " " + count
        }
        return count
    }
}
