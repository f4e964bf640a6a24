import CladeCore

/// One question read whole (Enter in the Questions pane): its text wrapped, its figures and the
/// metadata the pipeline recorded, centred over the panes.
enum QuestionDetailView {
    static func draw(_ screen: inout Screen, state: AppState, detail: QuestionDetail, theme: Theme) {
        let width = min(state.width - 4, 90)
        let textWidth = width - 4
        let q = detail.question
        var lines: [(String, Style)] = wrap(q.text, width: textWidth).map { ($0, .normal) }
        lines.append(("", .normal))
        var figures: [String] = []
        if let a = q.askedAt { figures.append("Asked " + a) }
        figures.append("relevance " + Format.score(q.relevance))
        figures.append(q.feedback.map { $0 > 0 ? "satisfied (thumbs up)" : "not satisfied (thumbs down)" } ?? "not rated")
        figures.append("weight " + (q.weight.rounded() == q.weight && q.weight < 1e9 ? String(Int(q.weight)) : String(q.weight)))
        lines += wrap(figures.joined(separator: " · "), width: textWidth).map { ($0, .dim) }
        let meta = detail.fields.map { "\($0.label) \($0.value)" }.joined(separator: " · ")
        if !meta.isEmpty { lines += wrap(meta, width: textWidth).map { ($0, .dim) } }
        if let c = state.selectedCluster { lines += wrap("Cluster " + c.name, width: textWidth).map { ($0, .dim) } }

        let height = min(state.height - 2, lines.count + 2)
        let rect = Rect(x: (state.width - width) / 2, y: max(1, (state.height - height) / 3), width: width, height: height)
        screen.clearOverlay(rect)
        screen.box(rect, title: "Question \(q.id)", focused: true, theme: theme, rightTitle: Hints.line(.questionView, [.yank, .cancel]))
        let inner = rect.inset(by: 1)
        for (i, (text, style)) in lines.prefix(inner.height).enumerated() {
            screen.put(text, x: inner.x + 1, y: inner.y + i, maxWidth: inner.width - 2, style: style)
        }
    }

    /// Words to lines of at most `width` columns; a word longer than a line is cut across lines.
    static func wrap(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        var lines: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = ""
            for word in paragraph.split(separator: " ").map(String.init) {
                var word = word
                while TextWidth.width(of: word) > width {
                    if !line.isEmpty { lines.append(line); line = "" }
                    var head = ""
                    for ch in word where TextWidth.width(of: head + String(ch)) <= width { head.append(ch) }
                    if head.isEmpty { head = String(word.first!) }
                    lines.append(head)
                    word.removeFirst(head.count)
                }
                if line.isEmpty { line = word } else if TextWidth.width(of: line + " " + word) <= width { line += " " + word } else {
                    lines.append(line)
                    line = word
                }
            }
            lines.append(line)
        }
        return lines
    }
}
