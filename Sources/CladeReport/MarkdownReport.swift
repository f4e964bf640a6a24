import CladeCore
import Foundation

/// The report as GitHub-flavoured Markdown: headings, lists and pipe tables, no HTML.
public enum MarkdownReport {
    public static func render(_ r: Report) -> String {
        var out: [String] = []
        out.append("# Review of \(text(r.title))")
        out.append("\(text(r.generatedAt)) · \(OutputText.markdownCode(r.databaseName)) · \(text(r.runLine)) · \(text(r.headline))")

        out.append("## Summary")
        out.append(table(["", ""], r.summaryRows.map { [$0.0, $0.1] }, header: false))
        if !r.keyFindings.isEmpty {
            out.append("**Read first**\n\n" + r.keyFindings.enumerated().map { "\($0.offset + 1). \(text($0.element))" }.joined(separator: "\n"))
        }

        out.append("## Method")
        out.append(contentsOf: r.methodParagraphs.map(text))

        out.append("## Segments")
        out.append("Thresholds: \(text(r.dataset.thresholds.summary)).")
        let cellRows = r.grid.allCells.map { cell -> [String] in
            let names = cell.clusterIDs.compactMap(r.dataset.cluster).map(\.name)
            return [cell.segment.code(), cell.segment.isJudged ? cell.segment.reading : "not judged yet", cell.segment.defaultAction?.title ?? "read the questions, or wait for ratings",
                    "\(names.count)", Format.percent(cell.share), names.joined(separator: ", ")]
        }
        out.append(table(["Segment", "Reading", "Default action", "Clusters", "Share", "Which"], cellRows))
        out.append("Every cluster, cell by cell (largest first):")
        out.append(table(["Cluster", "Segment", "Questions", "Share", "Relevance", "Satisfied", "Rated", "Action", "P", "Owner"], r.leavesInGridOrder.map { c in
            [c.name + c.disposition.mark, r.dataset.segment(of: c).code(), Format.volume(c.stats.volume), r.share(c), r.relevance(c), r.satisfaction(c),
             Format.count(c.stats.ratedRows), r.action(c), c.priority.map { "P\($0)" } ?? "", r.owner(c.id)]
        }, rightAligned: [2, 3, 4, 5, 6]))

        out.append("## The clusters that matter")
        if r.clusters.isEmpty { out.append("Every cluster is doing well or works for the few who use it.") }
        for (i, s) in r.clusters.enumerated() { out.append(contentsOf: section(r, s, number: i + 1)) }

        out.append("## Decisions and reviewer notes")
        let notes = r.dataset.clusters.filter { !$0.note.isEmpty }
        if !notes.isEmpty {
            out.append(notes.map { "- **\(text($0.name))** (\(text(r.owner($0.id)))): \(text($0.note))" }.joined(separator: "\n"))
        }
        let log = r.decisionLog
        if log.isEmpty {
            out.append(r.decisions.isEmpty ? "No decision recorded yet." : "No decision is in force: every one was undone or set back.")
        } else {
            out.append("Decisions in force (\(r.decisions.count) logged; undone and superseded ones are left out):")
            out.append(table(["When", "Who", "Decision", "Note"], log.map { [$0.at, $0.who, $0.decision, $0.note] }))
        }

        out.append("## Priorities and owners")
        out.append("Ranked by expected value = impact × volume% × success; value for effort = (impact × volume%) / (effort × risk). Values in parentheses are defaults.")
        out.append(table(["#", "Cluster", "Segment", "Share", "Impact", "Effort", "Risk", "Success", "Expected value", "Value for effort", "P", "Owner"], r.ranking.entries.prefix(15).compactMap { e in
            guard let c = r.dataset.cluster(e.clusterID) else { return nil }
            return [String(e.rank), c.name, e.segment.code(), r.share(c), input(e, .impact), input(e, .effort), input(e, .risk), input(e, .success),
                    Format.fixed(e.score, 2), Format.fixed(PriorityFormula.valueForEffort.score(e.inputs, share: e.share), 2), c.priority.map { "P\($0)" } ?? "", r.owner(c.id)]
        }, rightAligned: [0, 3, 4, 5, 6, 7, 8, 9]))

        out.append("## Capability gaps")
        out.append("What users need done across topics. \"In poor clusters\" is the share of a capability's questions in clusters with low relevance or low satisfaction.")
        out.append(table(["Capability", "Questions", "Share", "In poor clusters", "Most in", "Verdicts"], r.gaps.map { g in
            let most = g.clusters.prefix(3).map { "\($0.0.name) (\(Format.volume($0.1)))" }.joined(separator: ", ")
            let verdicts = (g.confirmedOn.map { "confirmed on \($0)" } + g.rejectedOn.map { "rejected on \($0)" }).joined(separator: "; ")
            return [g.capability.name, Format.volume(g.capability.volume), Format.percent(g.share, decimals: 0), Format.percent(g.poorShare, decimals: 0), most, verdicts]
        }, rightAligned: [1, 2, 3]))
        out.append(contentsOf: matrix(r))

        out.append("## What changed since the pipeline run")
        out.append(changes(r.changes).map { "- " + $0 }.joined(separator: "\n"))
        return out.joined(separator: "\n\n") + "\n"
    }

    static func section(_ r: Report, _ s: Report.ClusterSection, number: Int) -> [String] {
        let c = s.cluster
        var out = ["### \(number). \(text(c.name)) — \(s.segment.code()) \(s.segment.isJudged ? s.segment.reading : "not judged yet")"]
        out.append("**\(text(s.path))** · \(r.dataset.figures(of: c))")
        var facts = r.decisionFacts(c).map(text)
        if !c.note.isEmpty { facts.append("Note: \(text(c.note))") }
        let weeks = s.charts.weeks
        if !weeks.isEmpty {
            let sat = weeks.map { $0.satisfaction.map { Format.percent($0, decimals: 0) } ?? "–" }.joined(separator: " ")
            facts.append("Weekly questions \(r.sparkline(weeks.map(\.volume))) (from \(weeks[0].start)); satisfied per week: \(sat)")
        }
        if let low = r.lowRelevanceShare(s) { facts.append("\(Format.percent(low, decimals: 0)) of its questions retrieve below \(Format.score(r.dataset.thresholds.relevanceLow))") }
        out.append(facts.map { "- " + $0 }.joined(separator: "\n"))
        if s.examples.isEmpty {
            out.append("No thumbs-down question to show.")
        } else {
            out.append("Worst-rated questions:")
            out.append(table(["Relevance", "Asked", "Question"], s.examples.map { [Format.score($0.relevance), $0.day ?? "—", $0.text] }, rightAligned: [0]))
        }
        return out
    }

    static func matrix(_ r: Report) -> [String] {
        let caps = r.matrix.capabilities
        guard !caps.isEmpty else { return [] }
        let rows = r.leavesInTreeOrder.map { c in
            [c.name] + caps.map { cap in
                let v = r.matrix.value(c, cap.id)
                return v > 0 ? text(Format.volume(v)) + (r.matrix.shade(v) >= 3 ? " **" + String(repeating: "●", count: r.matrix.shade(v) - 2) + "**" : "") : "·"
            }
        }
        return ["Capability × topic (questions; ● ●● mark the top half of the scale):",
                table(["Cluster"] + caps.map(\.name), rows, rightAligned: Array(1...caps.count), markup: Array(1...caps.count))]
    }

    /// The change lines, names escaped for the document they go in (Markdown or HTML).
    static func changes(_ c: Report.Changes, escaping text: (String) -> String = MarkdownReport.text) -> [String] {
        var out = ["Clusters: \(c.pipelineLeaves) from the pipeline, \(c.reviewedLeaves) after review"]
        out += c.relabels.map { "Relabelled \u{201C}\(text($0.from))\u{201D} as \u{201C}\(text($0.to))\u{201D}" }
        out += c.merges.map { "Merged " + $0.absorbed.map { "\u{201C}\(text($0))\u{201D}" }.joined(separator: ", ") + " into \u{201C}\(text($0.into))\u{201D}" }
        out += c.splits.map { "Split \u{201C}\(text($0.name))\u{201D} (\(Format.volume($0.questions)) questions) off \u{201C}\(text($0.from))\u{201D}" }
        out += c.dismissed.map { d in
            let name = "\u{201C}\(text(d.name))\u{201D}"
            switch d.action {
            case .redirect: return "Redirected \(name) to other software"
            case .tellUsers: return "Declared \(name) out of scope: \(text(ClusterAction.tellUsers.title))"
            default: return "Dismissed \(name)"
            }
        }
        if c.movedQuestions > 0 { out.append(text("\(Format.count(c.movedQuestions))") + " questions are now in another cluster than the pipeline put them in (merges, splits, moves)") }
        out += c.thresholds.map { "Threshold \($0.key.title.lowercased()): \($0.pipeline) in the pipeline, \($0.now) after review" }
        out += c.verdicts.map { "Capability \u{201C}\(text($0.capability))\u{201D} \($0.verdict) on \u{201C}\(text($0.cluster))\u{201D}" }
        if c.isEmpty { out.append("Nothing else: the review has not changed the pipeline's clusters yet") }
        return out
    }

    static func input(_ e: PriorityRanking.Entry, _ f: PrioritisationField) -> String {
        let v = f.display(e.inputs.value(f))
        return e.inputs.defaulted.contains(f) ? "(\(v))" : v
    }

    /// A pipe table; `header: false` keeps an empty header row (GitHub needs one). Cells are text,
    /// escaped here, but for the `markup` columns, whose callers escaped the text in them.
    static func table(_ headers: [String], _ rows: [[String]], header: Bool = true, rightAligned: [Int] = [], markup: [Int] = []) -> String {
        let head = "| " + headers.map(cell).joined(separator: " | ") + " |"
        let rule = "|" + headers.indices.map { rightAligned.contains($0) ? "---:|" : "---|" }.joined()
        let body = rows.map { "| " + $0.enumerated().map { markup.contains($0.offset) ? $0.element : cell($0.element) }.joined(separator: " | ") + " |" }
        return ([header ? head : "| | |", rule] + body).joined(separator: "\n")
    }

    /// Text in a table cell: as `text` (pipes are escaped with the rest of the punctuation).
    static func cell(_ s: String) -> String { text(s) }

    /// Text in running Markdown: renders as itself (see `OutputText.markdown`).
    static func text(_ s: String) -> String { OutputText.markdown(s) }
}

extension Report {
    /// Leaves grouped under their parents, in the pipeline's order, for the matrix.
    public var leavesInTreeOrder: [Cluster] {
        // Iterative: a hierarchy may be thousands of levels deep.
        var out: [Cluster] = []
        var stack: [ClusterID] = dataset.children(of: nil).reversed()
        var seen = Set<ClusterID>()
        while let id = stack.popLast() {
            guard seen.insert(id).inserted else { continue }
            if dataset.isLeaf(id) { dataset.cluster(id).map { out.append($0) } } else { stack.append(contentsOf: dataset.children(of: id).reversed()) }
        }
        return out
    }
}
