import CladeCore

/// The Legend page of help: each column or mark the lists use, drawn with the theme's own
/// glyphs, and what it means.
enum LegendView {
    static func draw(_ screen: inout Screen, inner: Rect, rows: Int, scroll: Int, theme: Theme) {
        let markWidth = min(18, max(6, inner.width / 3))
        let entries = Legend.entries
        for (line, entry) in entries.dropFirst(scroll).prefix(rows).enumerated() {
            let y = inner.y + 2 + line
            screen.cell(mark(entry.mark, glyphs: theme.glyphs), x: inner.x + 1, y: y, width: markWidth, style: .keyHint)
            screen.cell(entry.meaning, x: inner.x + 2 + markWidth, y: y, width: inner.width - markWidth - 3, style: .overlay)
        }
    }

    static func mark(_ mark: LegendMark, glyphs g: Glyphs) -> String {
        switch mark {
        case .text(let text): text
        case .weighted: "672" + g.sampled
        case .sampledWeight: "(×4)"
        case .reviewed: g.reviewed
        case .marked: g.mark
        case .cursor: g.cursor
        case .parents: g.collapsed + " " + g.expanded
        case .feedback: [g.thumbUp, g.thumbDown, g.unrated].joined(separator: " ")
        case .bar: Bar.render(0.6, glyphs: g, width: 3)
        case .sparkline: [0, 2, 4, 7].map { g.sparks[$0] }.joined()
        case .segment(let code): code.map(String.init).joined(separator: g.segmentSeparator)
        }
    }
}
