import CladeCore

/// View 5, the prioritised list: leaf clusters ranked by the chosen formula, with the inputs
/// behind each score. Defaults are shown in parentheses, so a reviewer sees what nobody set.
enum PrioritiesView {
    enum Col { case rank, name, segment, share, impact, effort, risk, success, score, bar, priority }

    static func draw(_ screen: inout Screen, state: AppState, theme: Theme, rect: Rect) {
        let ranking = ViewRows.ranking(state)
        let formula = ranking.formula
        var right = "by \(formula.title) · f switches"
        if !state.clusterFilter.isEmpty { right = "matching \u{201C}\(state.clusterFilter)\u{201D} · " + right }
        screen.box(rect, title: "5 Priorities", focused: true, theme: theme, rightTitle: right)
        let inner = rect.inset(by: 1)
        guard inner.width > 10, inner.height > 3 else { return }
        var x = inner.x + 1
        x += screen.put("Score = \(formula.formula)", x: x, y: inner.y, maxWidth: inner.width - 2, style: .bold)
        screen.put(" · (n) = default" + (state.dataset.readOnly ? "" : " · e edits"), x: x, y: inner.y, maxWidth: inner.maxX - x - 1, style: .dim)

        let all: [(Col, Columns.Column)] = [
            (.rank, .init(title: "#", width: 3, alignRight: true, importance: 20)),
            (.name, .init(title: "Cluster", width: 0, alignRight: false, importance: 99, flexible: true, minWidth: 16)),
            (.segment, .init(title: "Seg", width: 5, alignRight: false, importance: 10)),
            (.share, .init(title: "Vol%", width: 6, alignRight: true, importance: 15)),
            (.impact, .init(title: "Imp", width: 3, alignRight: true, importance: 14)),
            (.effort, .init(title: "Eff", width: 3, alignRight: true, importance: formula == .valueForEffort ? 13 : 5)),
            (.risk, .init(title: "Risk", width: 4, alignRight: true, importance: formula == .valueForEffort ? 12 : 4)),
            (.success, .init(title: "Succ", width: 5, alignRight: true, importance: formula == .expectedValue ? 13 : 6)),
            (.score, .init(title: "Score", width: 6, alignRight: true, importance: 16)),
            (.bar, .init(title: "", width: 8, alignRight: false, importance: 2)),
            (.priority, .init(title: "P", width: 2, alignRight: false, importance: 3)),
        ]
        let placed = Columns.place(all.map(\.1), width: inner.width - 1)
        let headerY = inner.y + 1
        for p in placed {
            screen.cell(p.column.title, x: inner.x + 1 + p.x, y: headerY, width: p.width, style: .columnHeader, alignRight: p.column.alignRight)
        }
        guard !ranking.entries.isEmpty else {
            screen.put("No cluster matches the filter. \\ then Esc clears it.", x: inner.x + 1, y: headerY + 1, maxWidth: inner.width - 1, style: .dim)
            return
        }
        let top = ranking.entries.first?.score ?? 0
        let height = state.layout.viewListRows(.priorities)
        for (line, entry) in ranking.entries.dropFirst(state.viewScroll).prefix(height).enumerated() {
            guard let c = state.dataset.cluster(entry.clusterID) else { continue }
            let y = headerY + 1 + line
            let selected = entry.clusterID == state.selectedClusterID
            let base = screen.listRow(x: inner.x, y: y, width: inner.width, selected: selected, theme: theme)
            for p in placed {
                var style = base
                let text: String
                switch all[p.index].0 {
                case .rank: text = "\(entry.rank)"
                case .name:
                    text = c.name + c.disposition.mark
                    if !selected, c.dismissed { style = .dim }
                case .segment:
                    text = entry.segment.code(separator: theme.glyphs.segmentSeparator)
                    if !selected { style = ClustersView.segmentStyle(entry.segment) }
                case .share: text = Format.percent(entry.share, below: state.dataset.thresholds.volumeHighShare)
                case .impact, .effort, .risk, .success:
                    let field: PrioritisationField = switch all[p.index].0 {
                    case .impact: .impact
                    case .effort: .effort
                    case .risk: .risk
                    default: .success
                    }
                    text = input(entry.inputs, field)
                    if !selected, entry.inputs.defaulted.contains(field) { style = .dim }
                case .score:
                    text = Format.fixed(entry.score, 2)
                    if !selected { style = .bold }
                case .bar:
                    text = Bar.render(top > 0 ? entry.score / top : 0, glyphs: theme.glyphs, width: p.width)
                    if !selected { style = .accent }
                case .priority:
                    text = c.priority.map { "P\($0)" } ?? ""
                    if !selected, c.priority == 0 { style = .danger }
                }
                screen.cell(text, x: inner.x + 1 + p.x, y: y, width: p.width, style: style, alignRight: p.column.alignRight)
            }
        }
        Scrollbar.draw(&screen, rect: rect, total: ranking.entries.count, visible: height, offset: state.viewScroll, headerRows: 2, theme: theme)
    }

    /// `4`, `(3)` for a default, `70%` / `(50%)` for success.
    static func input(_ inputs: PrioritisationInputs.Effective, _ field: PrioritisationField) -> String {
        let text = field.display(inputs.value(field))
        return inputs.defaulted.contains(field) ? "(\(text))" : text
    }
}
