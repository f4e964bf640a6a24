import CladeCore

/// View 8, the review queue: proposals ranked by expected improvement (two lines each: what to
/// do, why), and below, a preview of the selected one — its clusters, its evidence, the parts a
/// re-cut would make, and what Enter does.
enum QueueView {
    static func draw(_ screen: inout Screen, state: AppState, theme: Theme, rect: Rect) {
        let queue = state.queue
        let listHeight = QueueState.listRows(screenHeight: state.height) * 2 + 2
        let listRect = Rect(x: rect.x, y: rect.y, width: rect.width, height: min(rect.height, listHeight))
        screen.box(listRect, title: "8 Review queue", focused: true, theme: theme, rightTitle: summary(queue))
        let inner = listRect.inset(by: 1)
        guard inner.width > 10, inner.height > 0 else { return }
        let rows = queue.listed
        if rows.isEmpty {
            screen.put(emptyText(queue), x: inner.x + 1, y: inner.y, maxWidth: inner.width - 2, style: .dim)
        }
        let visible = QueueState.listRows(screenHeight: state.height)
        for (line, proposal) in rows.enumerated().dropFirst(queue.cursor.scroll).prefix(visible) {
            let y = inner.y + (line - queue.cursor.scroll) * 2
            guard y + 1 < inner.maxY else { break }
            let selected = line == queue.cursor.index
            let base = screen.listRow(x: inner.x, y: y, width: inner.width, selected: selected, theme: theme)
            var x = inner.x + 1
            x += screen.put(String(format: "%2d ", line + 1), x: x, y: y, style: base)
            x += screen.put(tag(proposal), x: x, y: y, style: selected ? base : style(proposal))
            let gain = "≈\(Format.count(Int(proposal.improvement.rounded())))"
            let gainWidth = TextWidth.width(of: gain) + 1
            screen.put(" " + proposal.title, x: x, y: y, maxWidth: max(0, inner.maxX - x - gainWidth - 1), style: selected ? base : .bold)
            screen.put(gain, x: inner.maxX - gainWidth, y: y, style: selected ? base : .accent)
            screen.put(proposal.evidence, x: inner.x + 4, y: y + 1, maxWidth: inner.width - 5, style: .dim)
        }
        Scrollbar.draw(&screen, rect: listRect, total: rows.count * 2, visible: visible * 2, offset: queue.cursor.scroll * 2, headerRows: 0, theme: theme)

        let previewRect = Rect(x: rect.x, y: listRect.maxY, width: rect.width, height: rect.maxY - listRect.maxY)
        guard previewRect.height >= 3 else { return }
        drawPreview(&screen, state: state, theme: theme, rect: previewRect)
    }

    /// The title bar's segment: "queue: computing…", "queue 9 · re-cuts 3/24…" while the
    /// first proposals are in and the re-cuts are being checked, then "queue 12" (open proposals).
    static func headerSegment(_ queue: QueueState) -> String? {
        switch queue.phase {
        case .idle: nil
        case .computing:
            if queue.isCurrent, let p = queue.progress { "queue \(queue.openCount) · re-cuts \(p.checked)/\(p.total)…" } else { "queue: computing…" }
        case .ready: "queue \(queue.openCount)"
        case .failed: "queue: failed"
        }
    }

    static func summary(_ queue: QueueState) -> String {
        var parts: [String] = []
        switch queue.phase {
        case .idle: break
        case .computing:
            if queue.isCurrent, let p = queue.progress {
                parts.append("\(queue.openCount) open so far · checking re-cuts \(p.checked)/\(p.total)…")
            } else {
                parts.append("computing…")
            }
        case .ready, .failed: parts.append("\(queue.openCount) open")
        }
        if !queue.skipped.isEmpty { parts.append("\(queue.proposals.count - queue.openCount) skipped") }
        if !queue.basis.isEmpty { parts.append(queue.basis) }
        return parts.joined(separator: " · ")
    }

    static func emptyText(_ queue: QueueState) -> String {
        if queue.showingSkipped { return "No skipped proposal. X shows the open ones." }
        switch queue.phase {
        case .computing where queue.isCurrent && queue.progress != nil:
            return "No open proposal so far: the clusters that might need a re-cut are being checked."
        case .idle, .computing: return "Computing the queue in the background: keep working, it appears here."
        case .failed(let message): return "The queue could not be computed: \(message)"
        case .ready: return "Nothing to propose: every cluster is as tight as the run's typical one, and every segment that calls for a decision has one."
        }
    }

    /// A fixed-width tag of the kind, so titles line up.
    static func tag(_ p: QueueProposal) -> String {
        let word: String = switch p.kind {
        case .recut(let clusters, _): clusters.count == 1 ? "broad" : "spread"
        case .merge: "twins"
        case .move: "moves"
        case .home: "home"
        case .tiny: "tiny"
        case .playbook(_, _, let action): switch action {
            case .fixRetrieval, .addInventory: "danger"
            case .tellUsers, .redirect: "off"
            case .investigate: "odd"
            default: "answer"
            }
        }
        return TextWidth.fit(word, 6)
    }

    static func style(_ p: QueueProposal) -> Style {
        switch p.kind {
        case .recut: .warn
        case .merge: .accent
        case .move, .home: .good
        case .tiny: .dim
        case .playbook(_, let segment, _): segment.isDangerZone ? .bad : .warn
        }
    }

    // MARK: Preview

    static func drawPreview(_ screen: inout Screen, state: AppState, theme: Theme, rect: Rect) {
        let queue = state.queue
        guard let p = queue.selected else {
            screen.box(rect, title: "Preview", focused: false, theme: theme)
            return
        }
        screen.box(rect, title: "Proposal \(queue.cursor.index + 1): \(p.kindTitle)", focused: false, theme: theme,
                   rightTitle: "≈\(Format.count(Int(p.improvement.rounded()))) \(p.gainUnit)")
        let inner = rect.inset(by: 1)
        guard inner.width > 10, inner.height > 0 else { return }
        var lines: [(String, Style)] = [(p.title, .bold)]
        lines += wrap(p.evidence, width: inner.width - 2).map { ($0, .normal) }
        lines.append((clustersLine(p, state), .dim))
        lines += detail(p, state, theme: theme, width: inner.width - 2)
        lines.append((enterLine(p, state), .accent))
        // The last line (what Enter does) always shows; the detail gives way first.
        let room = inner.height
        if lines.count > room, room >= 2 { lines = Array(lines.prefix(room - 1)) + [lines[lines.count - 1]] }
        for (i, line) in lines.prefix(room).enumerated() {
            screen.put(line.0, x: inner.x + 1, y: inner.y + i, maxWidth: inner.width - 2, style: line.1)
        }
    }

    static func name(_ id: ClusterID, _ state: AppState) -> String {
        guard let c = state.dataset.cluster(id) else { return "a cluster since changed" }
        return "\u{201C}\(c.name)\u{201D} (\(Format.count(c.stats.rows)))"
    }

    static func clustersLine(_ p: QueueProposal, _ state: AppState) -> String {
        switch p.kind {
        case .recut(let clusters, _): "Clusters: " + clusters.map { name($0, state) }.joined(separator: ", ")
        case .merge(let s, let t): "Clusters: \(name(s, state)) into \(name(t, state))"
        case .move(_, let from, let to), .home(_, let from, let to): "From \(name(from, state)) to \(name(to, state))"
        case .tiny(let c, let n): "Cluster: \(name(c, state)); nearest \(name(n, state))"
        case .playbook(let clusters, _, _): (clusters.count == 1 ? "Cluster: " : "Clusters: ") + clusters.map { name($0, state) }.joined(separator: ", ")
        }
    }

    /// The figures behind the proposal, as the queue measured them (the same parts and samples
    /// that accepting it uses).
    static func detail(_ p: QueueProposal, _ state: AppState, theme: Theme, width: Int) -> [(String, Style)] {
        switch p.kind {
        case .recut(_, let parts):
            let rows = parts.sorted { $0.volume > $1.volume }.enumerated().map { i, part in
                var row = String(format: "  part %d  ≈%@ questions  cohesion %.2f", i + 1, Format.count(Int(part.volume.rounded())), part.cohesion)
                if let r = part.relevance { row += String(format: "  relevance %.2f", r) }
                if let s = part.satisfaction, part.ratedRows > 0 { row += String(format: "  %.0f%% of %d satisfied", s * 100, part.ratedRows) }
                return row
            }
            return [("Parts (from a sample; every question goes to its nearest part):", .dim)] + rows.map { ($0, .normal) }
        case .move(let questions, _, _), .home(let questions, _, _):
            return [("\(questions.count) sampled questions sit nearer the destination; Enter works out all of them", .normal)]
        case .merge, .tiny:
            return []
        case .playbook(let clusters, let segment, let action):
            let advice = "The playbook's action for \(segment.code()) (\(segment.reading)): \(action.title); another may fit better (redirect, build a capability, add missing inventory)."
            return wrap(advice, width: width).map { ($0, Style.normal) } + rated(clusters[0], state, theme: theme, naming: clusters.count > 1)
        }
    }

    /// What its users said, before deciding: the first thumbs-down and thumbs-up questions of the
    /// cluster as the questions pane has them (its "10-10" order reads those first).
    static func rated(_ cluster: ClusterID, _ state: AppState, theme: Theme, naming: Bool) -> [(String, Style)] {
        let q = state.questions
        guard q.clusterID == cluster, q.filter.isEmpty, !q.rows.isEmpty else { return [] }
        let down = q.rows.filter { $0.feedback == -1 }.prefix(3)
        let up = q.rows.filter { $0.feedback == 1 }.prefix(2)
        guard !down.isEmpty || !up.isEmpty else { return [] }
        let whose = naming ? " in \(name(cluster, state))" : ""
        return [("Rated questions\(whose) (Esc, then 2: all of them):", .dim)]
            + down.map { ("\(theme.glyphs.thumbDown) \($0.text)", .bad) } + up.map { ("\(theme.glyphs.thumbUp) \($0.text)", .good) }
    }

    static func enterLine(_ p: QueueProposal, _ state: AppState) -> String {
        if state.queue.preparing == p.key { return "Working out the decisions on every question…" }
        switch p.kind {
        case .recut(let clusters, let parts) where clusters.count == 1: return "Enter previews the split at k = \(parts.count) · x skips"
        case .recut(let clusters, let parts):
            return "Enter merges the \(clusters.count) clusters and splits \(parts.count - 1) parts off (3 decisions, u undoes each) · x skips"
        case .merge, .tiny: return "Enter opens the merge with both clusters · x skips"
        case .move, .home: return "Enter opens the move with the questions and the destination chosen · x skips"
        case .playbook(let clusters, _, let action):
            return "Enter opens the action\(clusters.count == 1 ? "" : " of the \(clusters.count) clusters") with \u{201C}\(action.title)\u{201D} chosen · x skips"
        }
    }

    static func wrap(_ text: String, width: Int) -> [String] {
        guard width > 4 else { return [text] }
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ") {
            let candidate = line.isEmpty ? String(word) : line + " " + word
            if TextWidth.width(of: candidate) <= width || line.isEmpty { line = candidate } else {
                lines.append(line)
                line = String(word)
            }
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }
}
