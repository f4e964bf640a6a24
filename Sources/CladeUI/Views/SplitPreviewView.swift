import CladeCore

/// The suggested split or re-cluster: progress while k-means runs, then each part with its
/// size (weighted, as the cluster list counts), cohesion, most central and most borderline
/// questions, nearest existing cluster, and where it goes. A recompute keeps the parts on screen.
enum SplitPreviewView {
    static func draw(_ screen: inout Screen, state: AppState, split: SplitPreview, theme: Theme) {
        let rect = Rect(x: 2, y: 1, width: state.width - 4, height: state.height - 2)
        screen.clearOverlay(rect)
        let name = state.dataset.cluster(split.clusterID)?.name ?? "cluster"
        screen.box(rect, title: title(state, split), focused: true, theme: theme, rightTitle: rightTitle(split))
        let inner = rect.inset(by: 1)
        let x = inner.x + 1
        let width = inner.width - 2
        // The last row holds the keys, or the open field.
        let bottom = inner.maxY - 1
        drawBottom(&screen, split: split, x: x, y: bottom, width: width)
        if let error = split.error {
            screen.put(error, x: x, y: inner.y, maxWidth: width, style: .bad)
            return
        }
        guard let proposal = split.proposal else {
            let fraction = split.progress ?? 0
            screen.put(split.phase + "…", x: x, y: inner.y + 1, maxWidth: width, style: .normal)
            let barWidth = max(1, min(40, width - 8))
            screen.put(Bar.render(fraction, glyphs: theme.glyphs, width: barWidth), x: x, y: inner.y + 2, style: .accent)
            screen.put(Format.percent(fraction, decimals: 0), x: x + barWidth + 2, y: inner.y + 2, style: .normal)
            screen.put("Runs in the background: +/- or a typed k start again, Esc cancels.", x: x, y: inner.y + 4, maxWidth: width, style: .dim)
            return
        }
        var y = inner.y
        screen.put(summary(proposal, split: split), x: x, y: y, maxWidth: width, style: split.computing ? .dim : .normal)
        y += 1
        let parts = proposal.parts
        // Each part: a head line, a figures line, then as many sample lines as fit (central first).
        let room = bottom - y - 1
        let perPart = max(2, room / max(1, parts.count))
        let samples = max(0, min(5, perPart - 2))
        // Keep the part under the cursor on screen when not all fit.
        let fit = max(1, room / max(2, samples + 2))
        let first = max(0, min(split.cursor - fit + 1, parts.count - fit))
        for i in first..<parts.count {
            guard y < bottom - 1 else { break }
            let part = parts[i]
            let selected = i == split.cursor
            let style: Style = selected ? .selected : .bold
            if selected { screen.fill(Rect(x: inner.x, y: y, width: inner.width, height: 1), style: .selected) }
            screen.put(selected ? theme.glyphs.cursor : " ", x: inner.x, y: y, style: style)
            screen.put(head(i, part, split: split, state: state, original: name), x: x, y: y, maxWidth: width, style: style)
            y += 1
            if y < bottom - 1 { screen.put("   " + figures(part), x: x, y: y, maxWidth: width, style: .accent) }
            y += 1
            let central = part.samples.prefix(max(0, samples - min(1, part.borderline.count, samples / 2)))
            let border = part.borderline.prefix(samples - central.count)
            for text in central where y < bottom - 1 {
                screen.put("   central    \u{201C}" + text + "\u{201D}", x: x, y: y, maxWidth: width, style: .dim)
                y += 1
            }
            for text in border where y < bottom - 1 {
                screen.put("   borderline \u{201C}" + text + "\u{201D}", x: x, y: y, maxWidth: width, style: .dim)
                y += 1
            }
        }
    }

    static func title(_ state: AppState, _ split: SplitPreview) -> String {
        let names = split.sources.map { "\u{201C}\(state.dataset.cluster($0)?.name ?? "cluster \($0)")\u{201D}" }
        guard split.isRecluster else { return "Suggested split of " + names[0] }
        return "Re-cluster of " + (names.count <= 3 ? names.joined(separator: ", ") : names.prefix(2).joined(separator: ", ") + " and \(names.count - 2) more")
    }

    static func rightTitle(_ split: SplitPreview) -> String {
        if split.computing, split.proposal != nil {
            return split.requestedK.map { "computing k=\($0)…" } ?? "choosing k…"
        }
        guard let p = split.proposal else { return "Esc cancels" }
        return "k=\(p.k) · \(p.vectors)"
    }

    static func summary(_ p: SplitProposal, split: SplitPreview) -> String {
        let volume = p.parts.reduce(0) { $0 + $1.stats.volume }
        let how = p.automatic ? (p.criterion.isEmpty ? "chosen automatically" : "chosen: " + p.criterion) : "as typed"
        var line = "k=\(p.k) \(how) · \(Format.volume(volume)) questions"
        if let before = p.cohesionBefore {
            let rows = p.parts.reduce(0) { $0 + $1.stats.rows }
            let after = p.parts.reduce(0.0) { $0 + ($1.cohesion ?? 0) * Double($1.stats.rows) } / Double(max(1, rows))
            line += " · cohesion \(Format.fixed(before, 2)) → \(Format.fixed(after, 2)) in \(p.parts.count) parts"
        }
        if let s = p.silhouette { line += " · silhouette \(Format.fixed(s, 2))" }
        return line + " · 0–9 type a k"
    }

    static func head(_ i: Int, _ part: SplitProposal.Part, split: SplitPreview, state: AppState, original: String) -> String {
        var text = "\(i + 1). \(Format.volume(part.stats.volume)) questions"
        if Double(part.stats.rows) != part.stats.volume { text += " (\(Format.count(part.stats.rows)) rows)" }
        guard split.routes.indices.contains(i) else { return text }
        switch split.routes[i] {
        case .keep:
            text += " → new cluster \u{201C}\(split.names[i])\u{201D}"
        case .foldBack:
            let stays = SplitDecision.staying(split).map { $0.questionIDs == part.questionIDs } ?? false
            text += " stays in \u{201C}\(original)\u{201D}"
            if stays { text += ", renamed \u{201C}\(SplitDecision.survivorName(split, state))\u{201D}" }
        case .into(let target):
            let neighbour = part.nearest.first { $0.clusterID == target }
            let label = neighbour?.name ?? state.dataset.cluster(target)?.name ?? "cluster \(target)"
            text += " → merged into \u{201C}\(label)\u{201D}" + (neighbour.map { " (similarity \(Format.fixed($0.similarity, 2)))" } ?? "")
        }
        return text
    }

    static func figures(_ part: SplitProposal.Part) -> String {
        var items: [String] = []
        if let c = part.cohesion { items.append("cohesion \(Format.fixed(c, 2))") }
        if let n = part.nearest.first { items.append("nearest \u{201C}\(n.name)\u{201D} \(Format.fixed(n.similarity, 2))") }
        let sat = part.stats.satisfaction.map { Format.percent($0, decimals: 0) + " satisfied" } ?? "no ratings"
        items.append("relevance \(Format.score(part.stats.meanRelevance)) · \(sat)")
        items.append(part.keywords.prefix(5).joined(separator: ", "))
        return items.joined(separator: " · ")
    }

    static func drawBottom(_ screen: inout Screen, split: SplitPreview, x: Int, y: Int, width: Int) {
        if let field = split.field {
            let label: String
            switch split.editing {
            case .k: label = "Parts (k): "
            case .partName: label = "Name of the new cluster: "
            case .survivorName: label = "Name of what stays: "
            case nil: label = ""
            }
            let used = screen.put(label, x: x, y: y, maxWidth: width, style: .bold)
            let hints = "  " + Hints.line(.splitField, [.accept, .cancel])
            let room = max(1, width - used - TextWidth.width(of: hints))
            TextFieldView.draw(&screen, field, x: x + used, y: y, room: room)
            screen.put(hints, x: x + used + room, y: y, maxWidth: max(0, width - used - room), style: .keyHint)
            return
        }
        let keys = split.error != nil
            ? Hints.line(.split, [.splitMore, .splitAuto, .cancel])
            : Hints.line(.split, [.accept, .splitNextPart, .splitKeep, .splitFoldBack, .splitMergeInto, .splitRename, .splitMore, .splitAuto, .cancel])
        screen.put(keys, x: x, y: y, maxWidth: width, style: .keyHint)
    }
}
