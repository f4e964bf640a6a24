import CladeCore

/// The cluster hierarchy with each cluster's figures and segment.
enum ClustersView {
    enum Col: Int { case name, questions, share, relevance, satisfaction, segment, priority, reviewed }

    static let columns: [Columns.Column] = [
        .init(title: "Cluster", width: 0, alignRight: false, importance: 99, flexible: true, minWidth: 14),
        .init(title: "Questions", width: 10, alignRight: true, importance: 9),
        .init(title: "Vol%", width: 6, alignRight: true, importance: 8),
        .init(title: "Rel", width: 4, alignRight: true, importance: 7),
        .init(title: "Sat", width: 4, alignRight: true, importance: 6),
        .init(title: "Seg", width: 5, alignRight: false, importance: 5),
        .init(title: "P", width: 2, alignRight: false, importance: 3),
        .init(title: "✓", width: 1, alignRight: false, importance: 2),
    ]

    static func draw(_ screen: inout Screen, state: AppState, theme: Theme, rect: Rect) {
        let focused = state.focus == .clusters
        let rows = ClusterTree.rows(state)
        var title = "1 Clusters"
        if let cap = state.capabilityFilter.flatMap({ state.dataset.capability($0) }) { title += " with \u{201C}\(cap.name)\u{201D}" }
        if !state.clusterFilter.isEmpty { title += " matching \u{201C}\(state.clusterFilter)\u{201D}" }
        let sortMark = state.sortDescending ? theme.glyphs.descending : theme.glyphs.ascending
        screen.box(rect, title: title, focused: focused, theme: theme, rightTitle: "by \(state.sort.title) \(sortMark)")
        let inner = rect.inset(by: 1)
        guard inner.width > 2, inner.height > 1 else { return }
        // Column 0 of each row holds the cursor mark, so selection reads without colour.
        let placed = Columns.place(columns, width: inner.width - 1)
        for p in placed {
            var t = p.column.title
            if p.index == Col.reviewed.rawValue { t = theme.glyphs.reviewed }
            if sortColumn(state.sort) == p.index { t += sortMark }
            screen.cell(t, x: inner.x + 1 + p.x, y: inner.y, width: p.width, style: .columnHeader, alignRight: p.column.alignRight)
        }
        let listHeight = state.layout.listRows(.clusters)
        if rows.isEmpty {
            screen.put("No cluster matches the filter. Esc clears it.", x: inner.x + 1, y: inner.y + 1, maxWidth: inner.width - 1, style: .dim)
            return
        }
        let barScale = ShareBars.scale(rows.map(\.id), state.dataset)
        let searchNeedle = state.prompt?.kind == .search && state.prompt?.pane == .clusters ? state.prompt!.text.lowercased() : ""
        for (line, row) in rows.dropFirst(state.clusterScroll).prefix(listHeight).enumerated() {
            guard let c = state.dataset.cluster(row.id) else { continue }
            let y = inner.y + 1 + line
            let selected = row.id == state.selectedClusterID
            let marked = state.markedClusters.contains(row.id)
            let base = screen.listRow(x: inner.x, y: y, width: inner.width, selected: selected, focused: focused, marked: marked, theme: theme)
            let segment = state.dataset.segment(of: c)
            for p in placed {
                let x = inner.x + 1 + p.x
                var style = base
                let text: String
                switch Col(rawValue: p.index)! {
                case .name:
                    let marker = row.hasChildren ? (row.expanded ? theme.glyphs.expanded : theme.glyphs.collapsed) : theme.glyphs.leaf
                    var name = String(repeating: "  ", count: row.depth) + marker + " " + c.name
                    name += c.disposition.mark
                    // A closed parent must not hide a cluster in the danger zone.
                    let danger = row.hasChildren && !row.expanded ? dangerCount(below: row.id, state.dataset) : 0
                    if danger > 0 { name += " (\(danger) in danger zone)" }
                    if c.isOutlier { name += " (outliers)" }
                    text = name
                    if !selected {
                        if row.hasChildren { style = .bold }
                        if marked { style = .marked }
                        if c.dismissed { style = .dim }
                        if !searchNeedle.isEmpty, ClusterTree.searchText(c).contains(searchNeedle) { style = .match }
                    }
                case .questions:
                    text = Format.volume(c.stats.volume) + (c.stats.isSampled ? theme.glyphs.sampled : " ")
                    // The volume-share bar sits in the left of the count's cell, where counts leave room.
                    let room = p.width - TextWidth.width(of: text) - 1
                    if room >= ShareBars.width {
                        screen.cell("", x: x, y: y, width: p.width, style: base)
                        screen.put(ShareBars.bar(c, scale: barScale, state.dataset, glyphs: theme.glyphs, width: ShareBars.width), x: x, y: y, style: selected ? base : .accent)
                        screen.cell(text, x: x + ShareBars.width, y: y, width: p.width - ShareBars.width, style: style, alignRight: true)
                        continue
                    }
                case .share:
                    text = state.dataset.shareText(of: c)
                case .relevance:
                    text = state.dataset.relevanceText(of: c, short: true)
                    if !selected, segment.relevance == .low { style = .bad }
                case .satisfaction:
                    text = state.dataset.satisfactionText(of: c)
                    if !selected {
                        if c.stats.ratedRows < state.dataset.thresholds.minRatings { style = .dim } else if segment.satisfaction == .low { style = .bad }
                    }
                case .segment:
                    // A closed parent shows its most urgent cluster's segment.
                    let shown = row.hasChildren && !row.expanded ? worstSegment(below: row.id, state.dataset) ?? segment : segment
                    text = shown.code(separator: theme.glyphs.segmentSeparator)
                    if !selected { style = segmentStyle(shown) }
                case .priority:
                    text = c.priority.map { "P\($0)" } ?? ""
                    if !selected, c.priority == 0 { style = .danger }
                case .reviewed:
                    text = c.reviewed ? theme.glyphs.reviewed : ""
                    if !selected { style = .good }
                }
                screen.cell(text, x: x, y: y, width: p.width, style: style, alignRight: p.column.alignRight)
            }
        }
        Scrollbar.draw(&screen, rect: rect, total: rows.count, visible: listHeight, offset: state.clusterScroll, headerRows: 1, theme: theme)
    }

    static func dangerCount(below parent: ClusterID, _ data: Dataset) -> Int {
        ClusterTree.leaves(below: parent, data).filter { !$0.dismissed && data.segment(of: $0).isDangerZone }.count
    }

    static func worstSegment(below parent: ClusterID, _ data: Dataset) -> Segment? {
        ClusterTree.leaves(below: parent, data).filter { !$0.dismissed }.map { data.segment(of: $0) }.min { $0.urgency < $1.urgency }
    }

    static func segmentStyle(_ s: Segment) -> Style {
        if s.isDangerZone { return .danger }
        if s.satisfaction == .low || s.relevance == .low { return .warn }
        if s.volume == .high && s.relevance == .high && s.satisfaction == .high { return .good }
        return .normal
    }

    static func sortColumn(_ sort: ClusterSort) -> Int {
        switch sort {
        case .volume: Col.questions.rawValue
        case .name: Col.name.rawValue
        case .relevance: Col.relevance.rawValue
        case .satisfaction: Col.satisfaction.rawValue
        case .segment: Col.segment.rawValue
        case .priority: Col.priority.rawValue
        case .reviewed: Col.reviewed.rawValue
        }
    }
}

/// Volume-share bars beside the clusters' counts: drawn to the scale of the largest listed leaf,
/// so leaves compare at a glance; parents (sums of their leaves) get none while leaves are listed.
enum ShareBars {
    /// Cells of bar in the Questions column (24 eighths of resolution).
    static let width = 3

    static func scale(_ ids: [ClusterID], _ data: Dataset) -> (max: Double, leavesOnly: Bool) {
        let leaves = ids.filter(data.isLeaf)
        let pool = leaves.isEmpty ? ids : leaves
        return (pool.compactMap(data.cluster).map(data.volumeShare).max() ?? 0, !leaves.isEmpty)
    }

    static func bar(_ c: Cluster, scale: (max: Double, leavesOnly: Bool), _ data: Dataset, glyphs: Glyphs, width: Int) -> String {
        guard scale.max > 0, width > 0, !(scale.leavesOnly && !data.isLeaf(c.id)) else { return "" }
        let share = data.volumeShare(of: c)
        // A cluster with any volume shows at least one eighth of a cell.
        let fraction = share > 0 ? max(share / scale.max, 1 / Double(8 * width)) : 0
        return Bar.render(fraction, glyphs: glyphs, width: width)
    }
}

/// A position mark on a pane's right border when its list is longer than the pane.
enum Scrollbar {
    static func draw(_ screen: inout Screen, rect: Rect, total: Int, visible: Int, offset: Int, headerRows: Int, theme: Theme) {
        guard total > visible, visible > 0 else { return }
        let trackTop = rect.y + 1 + headerRows
        let track = visible
        let thumb = max(1, track * visible / total)
        let maxOffset = max(1, total - visible)
        let pos = (track - thumb) * min(offset, maxOffset) / maxOffset
        for i in 0..<thumb {
            screen.put(theme.glyphs.scrollThumb, x: rect.maxX - 1, y: trackTop + pos + i, style: .accent)
        }
    }
}
