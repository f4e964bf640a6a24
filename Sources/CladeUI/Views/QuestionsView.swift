import CladeCore

/// The selected cluster: its detail block (description, keywords, figures, weekly volume)
/// above its questions.
enum QuestionsView {
    enum Col: Int { case feedback, relevance, date, text }

    static func draw(_ screen: inout Screen, state: AppState, theme: Theme, rect: Rect) {
        guard rect.height >= 3 else { return }
        let focused = state.focus == .questions
        let q = state.questions
        guard let cluster = state.selectedCluster else {
            screen.box(rect, title: "2 Questions", focused: focused, theme: theme)
            screen.put("No cluster selected.", x: rect.x + 2, y: rect.y + 1, style: .dim)
            return
        }
        let path = (state.dataset.ancestors(of: cluster.id).compactMap { state.dataset.cluster($0)?.name } + [cluster.name])
            .joined(separator: " › ")
        let noun = cluster.stats.isSampled ? (q.total == 1 ? "sampled row" : "sampled rows") : (q.total == 1 ? "question" : "questions")
        var right = "\(Format.count(q.total)) \(noun) · \(q.order.rawValue)"
        if !q.filter.isEmpty { right = "\u{201C}\(q.filter)\u{201D} · " + right }
        if q.loading && q.rows.isEmpty { right = "loading… · " + right }
        screen.box(rect, title: "2 " + path, focused: focused, theme: theme, rightTitle: right)
        let inner = rect.inset(by: 1)
        guard inner.width > 4 else { return }
        let detailRows = state.layout.detailRows
        DetailBlock.draw(&screen, state: state, cluster: cluster, theme: theme, rect: Rect(x: inner.x + 1, y: inner.y, width: inner.width - 2, height: detailRows))

        let headerY = inner.y + detailRows
        guard headerY < inner.maxY else { return }
        let columns: [Columns.Column] = [
            .init(title: "FB", width: 2, alignRight: false, importance: 9),
            .init(title: "Rel", width: 4, alignRight: true, importance: 8),
            .init(title: "Asked", width: 10, alignRight: false, importance: 6),
            .init(title: "Question", width: 0, alignRight: false, importance: 99, flexible: true, minWidth: 20),
        ]
        let placed = Columns.place(columns, width: inner.width - 1)
        for p in placed {
            screen.cell(p.column.title, x: inner.x + 1 + p.x, y: headerY, width: p.width, style: .columnHeader, alignRight: p.column.alignRight)
        }
        let height = state.layout.listRows(.questions)
        if q.rows.isEmpty {
            let message = q.loading ? "Loading questions…" : (q.filter.isEmpty ? "This cluster has no questions." : "No question matches the filter. Esc in the prompt clears it.")
            screen.put(message, x: inner.x + 1, y: headerY + 1, maxWidth: inner.width - 1, style: .dim)
            return
        }
        let needle = state.prompt?.kind == .search && state.prompt?.pane == .questions ? state.prompt!.text.lowercased() : ""
        let minRel = state.dataset.thresholds.relevanceLow
        for (line, question) in q.rows.dropFirst(q.cursor.scroll).prefix(height).enumerated() {
            let y = headerY + 1 + line
            guard y < inner.maxY else { break }
            let selected = q.cursor.scroll + line == q.cursor.index
            let marked = state.markedQuestions.contains(question.id)
            let base = screen.listRow(x: inner.x, y: y, width: inner.width, selected: selected, focused: focused, marked: marked, theme: theme)
            for p in placed {
                var style = base
                let text: String
                switch Col(rawValue: p.index)! {
                case .feedback:
                    if question.feedback == 1 {
                        text = theme.glyphs.thumbUp
                        if !selected { style = .good }
                    } else if question.feedback == -1 {
                        text = theme.glyphs.thumbDown
                        if !selected { style = .bad }
                    } else {
                        text = theme.glyphs.unrated
                        if !selected { style = .dim }
                    }
                case .relevance:
                    text = question.relevance.map(Format.shortScore) ?? "—"
                    if !selected, let r = question.relevance, r < minRel { style = .bad }
                case .date:
                    text = question.day ?? "—"
                    if !selected { style = .dim }
                case .text:
                    text = question.text + (question.weight != 1 ? " (×\(Format.fixed(question.weight, question.weight == question.weight.rounded() ? 0 : 1)))" : "")
                    if !selected, marked { style = .marked }
                    if !selected, !needle.isEmpty, question.text.lowercased().contains(needle) { style = .match }
                }
                screen.cell(text, x: inner.x + 1 + p.x, y: y, width: p.width, style: style, alignRight: p.column.alignRight)
            }
        }
        Scrollbar.draw(&screen, rect: rect, total: q.total, visible: height, offset: q.cursor.scroll, headerRows: detailRows + 1, theme: theme)
    }
}

/// Description, keywords, the figures and segment, and the weekly sparkline of a cluster.
enum DetailBlock {
    static func draw(_ screen: inout Screen, state: AppState, cluster c: Cluster, theme: Theme, rect: Rect) {
        let data = state.dataset
        let segment = data.segment(of: c)
        let figures = data.figures(of: c)
        let reading = segment.code(separator: theme.glyphs.segmentSeparator) + " " + segment.reading
        let action = (c.action ?? segment.defaultAction).map { " \(theme.glyphs.arrow) " + $0.title } ?? ""
        let sampled = c.stats.isSampled ? " · \(theme.glyphs.sampled) sampled, \(Format.count(c.stats.rows)) rows" : ""
        let keywords = c.keywords.isEmpty ? "" : "Keywords: " + c.keywords.joined(separator: ", ")
        let weeks = c.weekly.isEmpty ? "" : "Weekly " + Sparkline.render(c.weekly, glyphs: theme.glyphs, width: 26) + " "
        let top = c.capabilityVolume.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(3).map(\.key)
        let judged = c.capabilityVerdicts.keys.sorted().filter { !top.contains($0) }
        let caps = (top + judged).compactMap { id -> String? in data.capability(id).map { data.capabilityText($0, in: c) } }
        let capLine = caps.isEmpty ? "" : "Capabilities: " + caps.joined(separator: ", ")
        var annotations: [String] = []
        if let p = c.priority { annotations.append("P\(p)") }
        if let t = c.issueType { annotations.append(t.rawValue) }
        if c.reviewed { annotations.append("reviewed") }
        if let word = c.disposition.word { annotations.append(word) }
        annotations += data.verdictLines(of: c)
        if !c.note.isEmpty { annotations.append("note: " + c.note.split(whereSeparator: \.isNewline).joined(separator: " / ")) }

        // Lines by importance; the block shows as many as it has rows for.
        var lines: [(segments: [(String, Style)], priority: Int)] = []
        lines.append(([(figures, .normal), (sampled, .warn)], 0))
        lines.append(([(reading, ClustersView.segmentStyle(segment)), (action, .accent), (annotations.isEmpty ? "" : " · " + annotations.joined(separator: " · "), .bold)], 1))
        if !c.description.isEmpty { lines.append(([(c.description, .dim)], 2)) }
        lines.append(([(weeks, .accent), (keywords, .dim)], 3))
        if !capLine.isEmpty { lines.append(([(capLine, .dim)], 4)) }
        let shown = lines.sorted { $0.priority < $1.priority }.prefix(rect.height)
        // Keep the reading order: description first when it is shown.
        let ordered = shown.sorted { order($0.priority) < order($1.priority) }
        for (i, line) in ordered.enumerated() {
            var x = rect.x
            for (text, style) in line.segments where !text.isEmpty {
                let w = screen.put(text, x: x, y: rect.y + i, maxWidth: rect.maxX - x, style: style)
                x += w
                if x >= rect.maxX { break }
            }
        }
    }

    static func order(_ priority: Int) -> Int {
        switch priority {
        case 2: 0
        case 3: 3
        case 0: 1
        case 1: 2
        default: 4
        }
    }
}
