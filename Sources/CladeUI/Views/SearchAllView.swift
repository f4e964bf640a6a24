import CladeCore

/// Search everywhere: the query on top, then the questions found, grouped under their cluster
/// with the cluster's size, marks, and the similarity of each when the search was by similarity.
enum SearchAllView {
    static func draw(_ screen: inout Screen, state: AppState, search: SearchAllState, theme: Theme) {
        let rect = Rect(x: 2, y: 1, width: state.width - 4, height: state.height - 2)
        screen.clearOverlay(rect)
        screen.box(rect, title: "Search every question", focused: true, theme: theme, rightTitle: rightTitle(search))
        let inner = rect.inset(by: 1)
        let x = inner.x + 1
        let width = inner.width - 2
        let label = search.similar ? "Similar to: " : "Words: "
        let used = screen.put(label, x: x, y: inner.y, style: .bold)
        let hint = search.typing ? "  " + Hints.line(.searchAllField, [.accept, .searchAllMode]) : ""
        let room = max(1, width - used - TextWidth.width(of: hint))
        if search.typing {
            TextFieldView.draw(&screen, search.field, x: x + used, y: inner.y, room: room)
            screen.put(hint, x: x + used + room, y: inner.y, maxWidth: max(0, width - used - room), style: .keyHint)
        } else {
            screen.put(search.field.text, x: x + used, y: inner.y, maxWidth: width - used, style: .input)
        }
        var y = inner.y + 2
        if search.pending != nil {
            let waiting = search.waiting.isEmpty ? "" : " (\(search.waiting.count) key\(search.waiting.count == 1 ? "" : "s") waiting)"
            screen.put("Searching…" + waiting, x: x, y: y, maxWidth: width, style: .dim)
            y += 1
        }
        guard search.result != nil else {
            if search.pending == nil {
                screen.put("Words find questions containing them all; Tab switches to questions similar to the text.", x: x, y: y, maxWidth: width, style: .dim)
            }
            return
        }
        if search.groups.isEmpty {
            screen.put("Nothing found.", x: x, y: y, maxWidth: width, style: .dim)
            return
        }
        // Rows: a header per cluster, then its hits; scrolled to keep the cursor visible.
        var rows: [(text: String, hit: Int?)] = []
        var index = 0
        for group in search.groups {
            let cluster = state.dataset.cluster(group.clusterID)
            let name = cluster?.name ?? "cluster \(group.clusterID)"
            let size = cluster.map { " · \(Format.volume($0.stats.volume)) questions in all" } ?? ""
            rows.append(("\u{201C}\(name)\u{201D}: \(group.hits.count) found\(size)", nil))
            for _ in group.hits {
                rows.append(("", index))
                index += 1
            }
        }
        let hits = search.hits
        let height = inner.maxY - y
        let cursorRow = rows.firstIndex { $0.hit == search.cursor } ?? 0
        let first = max(0, min(cursorRow - height / 2, rows.count - height))
        for row in rows.dropFirst(first).prefix(height) {
            guard let i = row.hit else {
                screen.put(row.text, x: x, y: y, maxWidth: width, style: .bold)
                y += 1
                continue
            }
            let hit = hits[i]
            let selected = i == search.cursor && !search.typing
            if selected { screen.fill(Rect(x: inner.x, y: y, width: inner.width, height: 1), style: .selected) }
            let style: Style = selected ? .selected : (search.marked.contains(hit.questionID) ? .marked : .normal)
            screen.put(selected ? theme.glyphs.cursor : " ", x: inner.x, y: y, style: style)
            let mark = search.marked.contains(hit.questionID) ? "● " : "  "
            let score = hit.similarity.map { Format.fixed($0, 2) + " " } ?? ""
            screen.put("  " + mark + score + OutputText.terminalLine(hit.text), x: x, y: y, maxWidth: width, style: style)
            y += 1
        }
    }

    static func rightTitle(_ search: SearchAllState) -> String {
        guard let result = search.result else { return "Esc closes" }
        let shown = result.hits.count
        let found = result.total > shown ? "\(Format.count(shown)) of \(Format.count(result.total)) found" : "\(Format.count(shown)) found"
        let marked = search.marked.isEmpty ? "" : " · \(search.marked.count) marked"
        return "\(found) in \(search.groups.count) cluster\(search.groups.count == 1 ? "" : "s") · \(result.basis)\(marked)"
    }
}
