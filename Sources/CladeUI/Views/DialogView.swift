import CladeCore

/// A text prompt with suggestions, a fuzzy picker, or a short choice, centred over the panes.
enum DialogView {
    static func draw(_ screen: inout Screen, state: AppState, dialog: Dialog, theme: Theme) {
        let visible = dialog.visibleOptions
        let width = min(state.width - 4, 76)
        let listRows = dialog.listRows(screenHeight: state.height)
        let height = min(state.height - 2, 3 + (dialog.style == .choice ? 0 : (listRows > 0 ? 2 : 1)) + listRows)
        let rect = Rect(x: (state.width - width) / 2, y: max(1, (state.height - height) / 3), width: width, height: height)
        screen.fill(rect, style: .overlay)
        screen.box(rect, title: dialog.title, focused: true, theme: theme, rightTitle: Hints.line(dialog.context, [.accept, .cancel]))
        let inner = rect.inset(by: 1)
        var y = inner.y
        screen.put(dialog.prompt, x: inner.x + 1, y: y, maxWidth: inner.width - 2, style: .dim)
        y += 1
        if dialog.style != .choice {
            let label = dialog.style == .picker ? "Find: " : "› "
            let used = screen.put(label, x: inner.x + 1, y: y, style: .keyHint)
            TextFieldView.draw(&screen, dialog.field, x: inner.x + 1 + used, y: y, room: inner.width - used - 2,
                               showCursor: dialog.style == .picker || dialog.cursor < 0)
            y += 2
            if dialog.style == .text {
                let heading = dialog.loading ? "Suggestions: computing…" : (visible.isEmpty ? "" : "Suggestions (↓ to pick):")
                screen.put(heading, x: inner.x + 1, y: y - 1, style: .dim)
            } else if dialog.loading {
                screen.put("Finding the nearest clusters…", x: inner.x + 1, y: y - 1, style: .dim)
            } else if visible.isEmpty {
                screen.put("No cluster matches.", x: inner.x + 1, y: y - 1, style: .dim)
            }
        }
        var cursor = ListCursor(index: max(0, dialog.cursor), scroll: 0)
        let rows = max(0, inner.maxY - y)
        cursor.clamp(count: visible.count, height: rows)
        for (line, option) in visible.dropFirst(cursor.scroll).prefix(rows).enumerated() {
            let index = cursor.scroll + line
            let selected = index == dialog.cursor
            let style: Style = selected ? .selected : (option.suggested ? .accent : .overlay)
            let rowY = y + line
            if selected { screen.fill(Rect(x: inner.x, y: rowY, width: inner.width, height: 1), style: style) }
            screen.put(selected ? theme.glyphs.cursor : " ", x: inner.x, y: rowY, style: style)
            var x = inner.x + 1
            if let key = option.key { x += screen.put("[\(key)] ", x: x, y: rowY, style: selected ? style : .keyHint) }
            let detailWidth = option.detail.isEmpty ? 0 : min(TextWidth.width(of: option.detail) + 2, (inner.maxX - x) / 2)
            x += screen.put(option.label, x: x, y: rowY, maxWidth: inner.maxX - x - detailWidth - 1, style: style)
            if detailWidth > 0 {
                screen.put(option.detail, x: inner.maxX - detailWidth, y: rowY, maxWidth: detailWidth - 1, style: selected ? style : .dim)
            }
        }
    }
}

/// The suggested split: progress while k-means runs, then the parts to accept, re-cut or cancel.
enum SplitPreviewView {
    static func draw(_ screen: inout Screen, state: AppState, split: SplitPreview, theme: Theme) {
        let rect = Rect(x: 2, y: 1, width: state.width - 4, height: state.height - 2)
        screen.fill(rect, style: .overlay)
        let name = state.dataset.cluster(split.clusterID)?.name ?? "cluster"
        var right = "Esc cancels"
        if let p = split.proposal {
            right = "k=\(p.k)\(p.automatic ? " by silhouette" : "")" + (p.silhouette.map { " \(Format.fixed($0, 2))" } ?? "") + " · \(p.vectors)"
        }
        screen.box(rect, title: "Suggested split of \u{201C}\(name)\u{201D}", focused: true, theme: theme, rightTitle: right)
        let inner = rect.inset(by: 1)
        let x = inner.x + 1
        let width = inner.width - 2
        if let error = split.error {
            screen.put(error, x: x, y: inner.y, maxWidth: width, style: .bad)
            screen.put("Esc closes", x: x, y: inner.y + 2, style: .dim)
            return
        }
        guard let proposal = split.proposal else {
            let fraction = split.progress ?? 0
            screen.put(split.phase + "…", x: x, y: inner.y + 1, maxWidth: width, style: .normal)
            let barWidth = max(1, min(40, width - 8))
            screen.put(Bar.render(fraction, glyphs: theme.glyphs, width: barWidth), x: x, y: inner.y + 2, style: .accent)
            screen.put(Format.percent(fraction, decimals: 0), x: x + barWidth + 2, y: inner.y + 2, style: .normal)
            screen.put("Runs in the background; Esc cancels.", x: x, y: inner.y + 4, maxWidth: width, style: .dim)
            return
        }
        var y = inner.y
        let samplesPerPart = max(0, min(6, (inner.height - 2) / max(1, proposal.parts.count) - 2))
        for (i, part) in proposal.parts.enumerated() {
            guard y < inner.maxY - 1 else { break }
            let stays = i == 0 ? " (stays in \u{201C}\(name)\u{201D})" : " → new cluster \u{201C}\(part.suggestedName)\u{201D}"
            let head = "\(i + 1). \(Format.count(part.stats.rows)) questions\(stays)"
            screen.put(head, x: x, y: y, maxWidth: width, style: .bold)
            y += 1
            let sat = part.stats.satisfaction.map { Format.percent($0, decimals: 0) + " satisfied" } ?? "no ratings"
            let figures = "relevance \(Format.score(part.stats.meanRelevance)) · \(sat) · " + part.keywords.prefix(6).joined(separator: ", ")
            if y < inner.maxY - 1 { screen.put("   " + figures, x: x, y: y, maxWidth: width, style: .accent) }
            y += 1
            for sample in part.samples.prefix(samplesPerPart) where y < inner.maxY - 1 {
                screen.put("   \u{201C}" + sample + "\u{201D}", x: x, y: y, maxWidth: width, style: .dim)
                y += 1
            }
        }
        let keys = Hints.line(.split, [.accept, .splitMore, .splitAuto, .cancel])
        screen.put(keys, x: x, y: inner.maxY - 1, maxWidth: width, style: .keyHint)
    }
}
