import CladeCore

/// View 4, the segment grid: the eight cells of volume × relevance × satisfaction side by side
/// (satisfied left, not satisfied right; high volume first, high relevance first), each with its
/// reading, default action and clusters; the thresholds above; the clusters that cannot be judged
/// yet below. Letters in every code say the segment, so it reads without colour.
enum SegmentGridView {
    static func draw(_ screen: inout Screen, state: AppState, theme: Theme, rect: Rect) {
        let grid = ViewRows.grid(state)
        var right = "volume · relevance · satisfaction"
        if !state.clusterFilter.isEmpty { right = "matching \u{201C}\(state.clusterFilter)\u{201D}" }
        screen.box(rect, title: "4 Segments", focused: true, theme: theme, rightTitle: right)
        let inner = rect.inset(by: 1)
        guard inner.width >= 20, inner.height >= 4 else { return }
        var y = inner.y
        drawThresholds(&screen, state: state, x: inner.x + 1, y: y, width: inner.width - 2)
        y += 1
        let leftWidth = (inner.width - 1) / 2
        let rightX = inner.x + leftWidth + 1
        let rightWidth = inner.maxX - rightX - 1
        let sat = ThresholdKey.satisfactionLow.display(state.dataset.thresholds)
        screen.cell("Satisfied (≥ \(sat))", x: inner.x + 1, y: y, width: leftWidth - 1, style: .columnHeader)
        screen.cell("Not satisfied (< \(sat))", x: rightX + 1, y: y, width: rightWidth - 1, style: .columnHeader)
        y += 1

        let unjudgedRows = unjudgedHeight(grid.unjudged.clusterIDs.count, room: inner.maxY - y)
        let available = inner.maxY - y - unjudgedRows
        let layout = allocate(grid, rows: available)
        for group in 0..<4 {
            let h = layout.heights[group]
            guard h > 0 else { continue }
            for line in 0..<h { screen.put(theme.glyphs.vertical, x: rightX - 1, y: y + line, style: .border) }
            drawCell(&screen, state: state, theme: theme, cell: grid.cells[2 * group], rect: Rect(x: inner.x, y: y, width: leftWidth - 1, height: h), actionLine: layout.actionLines)
            drawCell(&screen, state: state, theme: theme, cell: grid.cells[2 * group + 1], rect: Rect(x: rightX, y: y, width: rightWidth, height: h), actionLine: layout.actionLines)
            y += h
        }
        drawUnjudged(&screen, state: state, theme: theme, cell: grid.unjudged, rect: Rect(x: inner.x, y: inner.maxY - unjudgedRows, width: inner.width, height: unjudgedRows))
    }

    /// `Volume ≥ 4.0% · relevance < 0.50 · judged from 10 ratings · t edits`, a `*` on what the
    /// reviewer changed from the pipeline's values.
    static func drawThresholds(_ screen: inout Screen, state: AppState, x: Int, y: Int, width: Int) {
        let t = state.dataset.thresholds
        let pipeline = state.dataset.pipelineThresholds
        var parts: [(String, Style)] = []
        var changed = false
        for (label, key) in [("Volume ≥ ", ThresholdKey.volumeHighShare), (" · relevance < ", .relevanceLow), (" · judged from ", .minRatings)] {
            parts.append((label, .dim))
            let differs = key.display(t) != key.display(pipeline)
            changed = changed || differs
            parts.append((key.display(t) + (differs ? "*" : ""), differs ? .accent : .bold))
        }
        if ThresholdKey.satisfactionLow.display(t) != ThresholdKey.satisfactionLow.display(pipeline) { changed = true }
        parts.append((changed ? " · * changed here" : "", .accent))
        parts.append((state.dataset.readOnly ? "" : " · t edits", .keyHint))
        var cx = x
        for (text, style) in parts where !text.isEmpty && cx < x + width {
            cx += screen.put(text, x: cx, y: y, maxWidth: x + width - cx, style: style)
        }
    }

    struct Layout {
        var heights: [Int]
        /// Each cell gives a line to its default action under the reading.
        var actionLines: Bool
    }

    /// Rows per group of cells: a header (and an action line when there is room) and at least
    /// one cluster each, then the rest to the groups that list the most clusters.
    static func allocate(_ grid: SegmentGrid, rows: Int) -> Layout {
        let needs = (0..<4).map { max(grid.cells[2 * $0].clusterIDs.count, grid.cells[2 * $0 + 1].clusterIDs.count, 1) }
        let actionLines = rows >= 12
        let header = actionLines ? 2 : 1
        var heights = [Int](repeating: 0, count: 4)
        var left = rows
        // Headers first, then one cluster line each, top group first.
        for step in [header, 1] {
            for g in 0..<4 where left > 0 {
                let give = min(step, left)
                heights[g] += give
                left -= give
            }
        }
        // The rest by need: each row to the group whose clusters are least shown (unmet per line).
        while left > 0 {
            let weight = (0..<4).map { g -> Double in
                let lines = heights[g] - header
                return Double(needs[g] - lines) / Double(max(1, lines))
            }
            guard let g = (0..<4).filter({ needs[$0] > heights[$0] - header }).max(by: { weight[$0] < weight[$1] || (weight[$0] == weight[$1] && $0 > $1) }) else { break }
            heights[g] += 1
            left -= 1
        }
        return Layout(heights: heights, actionLines: actionLines)
    }

    static func unjudgedHeight(_ count: Int, room: Int) -> Int {
        guard count > 0 else { return 1 }
        return min(1 + (count + 1) / 2, max(2, room / 6))
    }

    static func drawCell(_ screen: inout Screen, state: AppState, theme: Theme, cell: SegmentGrid.Cell, rect: Rect, actionLine: Bool) {
        let s = cell.segment
        let empty = cell.clusterIDs.isEmpty
        let figures = empty ? "" : cell.figures
        let figuresWidth = TextWidth.width(of: figures)
        var x = rect.x + 1
        let headerRoom = rect.maxX - x - (figuresWidth > 0 ? figuresWidth + 1 : 0)
        x += screen.put(s.code(separator: theme.glyphs.segmentSeparator) + " ", x: x, y: rect.y, maxWidth: headerRoom, style: empty ? .dim : ClustersView.segmentStyle(s))
        x += screen.put(s.reading, x: x, y: rect.y, maxWidth: rect.x + 1 + headerRoom - x, style: empty ? .dim : .title)
        let action = s.defaultAction.map { "\(theme.glyphs.arrow) " + $0.title } ?? ""
        if !actionLine, x + 2 < rect.x + 1 + headerRoom {
            screen.put(" " + action, x: x, y: rect.y, maxWidth: rect.x + 1 + headerRoom - x, style: .accent)
        }
        if figuresWidth > 0 { screen.put(figures, x: rect.maxX - figuresWidth, y: rect.y, style: .dim) }
        var y = rect.y + 1
        if actionLine, rect.height > 1 {
            screen.put("  " + action, x: rect.x + 1, y: y, maxWidth: rect.width - 1, style: empty ? .dim : .accent)
            y += 1
        }
        ClusterLines.draw(&screen, state: state, theme: theme, ids: cell.clusterIDs, share: cell.share,
                          rect: Rect(x: rect.x, y: y, width: rect.width, height: rect.maxY - y), showSegment: false,
                          emptyText: empty ? "  none" : nil)
    }

    static func drawUnjudged(_ screen: inout Screen, state: AppState, theme: Theme, cell: SegmentGrid.Cell, rect: Rect) {
        guard rect.height > 0 else { return }
        let min = state.dataset.thresholds.minRatings
        let code = SegmentGrid.unjudgedSegment.code(separator: theme.glyphs.segmentSeparator)
        if cell.clusterIDs.isEmpty {
            screen.put("\(code) Not judged: none — every cluster has \(min) or more rated rows and relevance scores", x: rect.x + 1, y: rect.y, maxWidth: rect.width - 2, style: .dim)
            return
        }
        let figures = cell.figures
        let fw = TextWidth.width(of: figures)
        var x = rect.x + 1
        x += screen.put(code + " ", x: x, y: rect.y, style: .warn)
        screen.put("Not judged: fewer than \(min) rated rows, or no relevance \(theme.glyphs.arrow) read them, or wait for ratings", x: x, y: rect.y, maxWidth: rect.maxX - x - fw - 2, style: .title)
        screen.put(figures, x: rect.maxX - fw - 1, y: rect.y, style: .dim)
        // The rest in two columns, read down the left then the right.
        let lines = rect.height - 1
        guard lines > 0 else { return }
        let half = (rect.width - 1) / 2
        let perColumn = (cell.clusterIDs.count + 1) / 2
        let left = Array(cell.clusterIDs.prefix(perColumn))
        let right = Array(cell.clusterIDs.dropFirst(perColumn))
        let share: (ArraySlice<ClusterID>) -> Double = { ids in ids.compactMap(state.dataset.cluster).map(state.dataset.volumeShare).reduce(0, +) }
        ClusterLines.draw(&screen, state: state, theme: theme, ids: left, share: share(left[...]),
                          rect: Rect(x: rect.x, y: rect.y + 1, width: half, height: lines), showSegment: true, emptyText: nil)
        ClusterLines.draw(&screen, state: state, theme: theme, ids: right, share: share(right[...]),
                          rect: Rect(x: rect.x + half + 1, y: rect.y + 1, width: rect.width - half - 1, height: lines), showSegment: true, emptyText: nil)
    }
}

/// A cell's clusters, one per line with its figures; when they do not all fit, a window that
/// keeps the selection in view and a `+N more` line for the rest.
enum ClusterLines {
    enum Col { case name, segment, share, relevance, satisfaction, priority }

    static func draw(_ screen: inout Screen, state: AppState, theme: Theme, ids: [ClusterID], share: Double, rect: Rect, showSegment: Bool, emptyText: String?) {
        guard rect.height > 0, rect.width > 4 else { return }
        if ids.isEmpty {
            if let emptyText { screen.put(emptyText, x: rect.x + 1, y: rect.y, maxWidth: rect.width - 1, style: .dim) }
            return
        }
        let data = state.dataset
        let selectedIndex = ids.firstIndex { $0 == state.selectedClusterID }
        let fits = ids.count <= rect.height
        // One line is kept for `+N more` unless the cell has a single line (its header counts them).
        let shown = fits ? ids.count : max(1, rect.height - 1)
        var start = 0
        if !fits, let s = selectedIndex, s >= shown { start = s - shown + 1 }
        let visible = Array(ids.dropFirst(start).prefix(max(0, shown)))
        let all: [(Col, Columns.Column)] = [
            (.name, .init(title: "", width: 0, alignRight: false, importance: 99, flexible: true, minWidth: 24)),
            (.segment, .init(title: "", width: 5, alignRight: false, importance: 8)),
            (.share, .init(title: "", width: 6, alignRight: true, importance: 9)),
            (.relevance, .init(title: "", width: 4, alignRight: true, importance: 6)),
            (.satisfaction, .init(title: "", width: 4, alignRight: true, importance: 7)),
            (.priority, .init(title: "", width: 2, alignRight: false, importance: 3)),
        ]
        let kinds = all.filter { showSegment || $0.0 != .segment }
        let placed = Columns.place(kinds.map(\.1), width: rect.width - 1)
        for (line, id) in visible.enumerated() {
            guard let c = data.cluster(id) else { continue }
            let y = rect.y + line
            let selected = id == state.selectedClusterID
            let base: Style = selected ? .selected : .normal
            if selected {
                screen.fill(Rect(x: rect.x, y: y, width: rect.width, height: 1), style: base)
                screen.put(theme.glyphs.cursor, x: rect.x, y: y, style: base)
            }
            let segment = data.segment(of: c)
            for p in placed {
                var style = base
                let text: String
                switch kinds[p.index].0 {
                case .name:
                    text = c.name + c.disposition.mark
                    if !selected, c.dismissed { style = .dim }
                case .segment:
                    text = segment.code(separator: theme.glyphs.segmentSeparator)
                    if !selected { style = ClustersView.segmentStyle(segment) }
                case .share:
                    text = data.shareText(of: c)
                case .relevance:
                    text = data.relevanceText(of: c, short: true)
                    if !selected, segment.relevance == .low { style = .bad }
                case .satisfaction:
                    text = data.satisfactionText(of: c)
                    if !selected, segment.satisfaction == .unknown { style = .dim } else if !selected, segment.satisfaction == .low { style = .bad }
                case .priority:
                    text = c.priority.map { "P\($0)" } ?? ""
                    if !selected, c.priority == 0 { style = .danger }
                }
                screen.cell(text, x: rect.x + 1 + p.x, y: y, width: p.width, style: style, alignRight: p.column.alignRight)
            }
        }
        if !fits, rect.height > shown {
            let hidden = ids.count - visible.count
            let hiddenShare = share - visible.compactMap(data.cluster).map(data.volumeShare).reduce(0, +)
            let more = "+\(hidden) more · \(Format.percent(max(0, hiddenShare)))" + (start > 0 ? " (\(start) above)" : "")
            screen.put(more, x: rect.x + 1, y: rect.y + rect.height - 1, maxWidth: rect.width - 1, style: .dim)
        }
    }
}
