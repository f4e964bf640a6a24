import CladeCore
import Foundation

/// The report's sentences, shared by the Markdown and HTML writers so both say the same.
extension Report {
    /// `Pipeline run 1, imported 2026-11-30`, with the clustering named when it came from a tool.
    public var runLine: String {
        "Pipeline run \(run.id)" + (clusteredBy.map { " (clustered by \($0))" } ?? "") + (run.createdAt.isEmpty ? "" : ", imported \(String(run.createdAt.prefix(10)))")
    }

    /// The clustering tool in words; nil for the team's own pipeline (the `native` import).
    var clusteredBy: String? {
        switch run.source {
        case "", "native": nil
        case "kura": "Kura"
        case "bertopic": "BERTopic"
        case "csv-clusters": "clusters given in a CSV file"
        default: run.source
        }
    }

    /// One row of the decision log as the report shows it: a decision in force, in words, with
    /// the note its cluster carries now. A note is folded into the row of its cluster's latest
    /// other decision; it keeps a row of its own only when the cluster has no other.
    public struct LogRow: Sendable {
        public var at: String
        public var who: String
        public var decision: String
        public var note: String
    }

    public var decisionLog: [LogRow] {
        let clusterOf = { (d: DecisionRecord) in d.clusterIDs.first }
        let decided = Set(inForce.filter { $0.op != .note }.compactMap(clusterOf))
        let shown = inForce.filter { $0.op != .note || clusterOf($0).map { !decided.contains($0) } ?? true }
        var lastRow: [ClusterID: Int] = [:]
        for (i, d) in shown.enumerated() { if let c = clusterOf(d) { lastRow[c] = i } }
        return shown.enumerated().map { i, d in
            let cluster = clusterOf(d).flatMap(dataset.cluster)
            let clusterNote = cluster.flatMap { lastRow[$0.id] == i ? $0.note : nil } ?? ""
            let decision = d.op == .note ? "Note on \u{201C}\(cluster?.name ?? "a cluster")\u{201D}" : d.summary
            return LogRow(at: String(d.at.prefix(16)).replacingOccurrences(of: "T", with: " "), who: d.reviewer, decision: decision,
                          note: [d.note, clusterNote].filter { !$0.isEmpty }.joined(separator: " — "))
        }
    }

    /// Label and value rows of the summary table.
    var summaryRows: [(String, String)] {
        let d = dataset
        var rows: [(String, String)] = []
        let sampled = d.total.isSampled ? " from \(Format.count(d.total.rows)) rows (a weighted sample)" : ""
        rows.append(("Questions", Format.volume(d.total.volume) + sampled))
        rows.append(("Clusters", "\(d.leafCount) after review (\(changes.pipelineLeaves) from the pipeline)"))
        let satisfied = d.total.satisfaction.map { Format.percent($0, decimals: 0) + " satisfied" } ?? "no ratings"
        rows.append(("Rated", "\(Format.percent(d.ratedShare, decimals: 0)) of questions · \(satisfied)"))
        rows.append(("Mean relevance", Format.score(d.total.meanRelevance) + " (\(d.relevanceMetric))"))
        let danger = dangerZone
        rows.append(("Danger zone (H·L·L)", "\(danger.clusterIDs.count) cluster\(danger.clusterIDs.count == 1 ? "" : "s") · \(Format.percent(danger.share)) of questions"))
        rows.append(("Needing a fix", "\(Format.percent(needsActionShare)) of questions in cells whose default is to fix or investigate"))
        let reviewers = Set(inForce.map(\.reviewer)).sorted()
        rows.append(("Decisions", "\(inForce.count) in force (\(decisions.count) logged, undone and superseded ones included)" + (reviewers.isEmpty ? "" : " by " + reviewers.joined(separator: ", "))))
        rows.append(("Reviewed", "\(d.clusters.filter { d.isLeaf($0.id) && $0.reviewed }.count) of \(d.leafCount) clusters"))
        return rows
    }

    /// The three findings to read first.
    public var keyFindings: [String] {
        clusters.filter { !$0.cluster.isSentAway }.prefix(3).map { s in
            let c = s.cluster
            return "\(c.name) — \(s.segment.code()) \(s.segment.reading): \(share(c)) of questions, relevance \(relevance(c)), \(satisfaction(c)) satisfied → \(action(c))."
        }
    }

    var methodParagraphs: [String] {
        let t = dataset.thresholds
        return [
            "The questions users asked the assistant were grouped into topics by \(clusteredBy ?? "the pipeline"); a domain expert reviewed every cluster in Clade — relabelling, merging, splitting, moving questions — and recorded decisions, each with who made it and when.",
            "Each question carries its retrieval relevance (\(dataset.relevanceMetric) of the retrieved chunks) and, when the user rated the answer, a thumbs up or down. Every figure is weighted: a sampled row counts for the questions it stands for.",
            "A cluster's segment reads volume · relevance · satisfaction, each high (H) or low (L): high volume from \(ThresholdKey.volumeHighShare.display(t)) of all questions, low relevance below \(ThresholdKey.relevanceLow.display(t)), low satisfaction below \(ThresholdKey.satisfactionLow.display(t)) satisfied. Satisfaction is judged only from \(ThresholdKey.minRatings.display(t)); below that a cluster is shown as not judged (?) rather than guessed. Each of the eight cells has a reading and a default action from the review playbook.",
            "Priorities rank clusters by expected value = impact × volume% × chance of success, and by value for effort = (impact × volume%) / (effort × risk). Impact, effort and risk run from 1 to 5. Unless the reviewer set them: impact follows the segment (5 danger zone, 4 high volume answered badly, 3 other unhappy or odd cells, 2 works but small or not judged, 1 doing well or not worth fixing), effort 3, risk 3, success 50%.",
            "A cluster's owner is the reviewer of the latest decision in force on it. Examples are the thumbs-down questions with the poorest retrieval.",
        ]
    }

    /// `▁▂▃▅█` of a cluster's weekly questions.
    func sparkline(_ values: [Double]) -> String {
        let marks = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
        guard let top = values.max(), top > 0 else { return String(repeating: marks[0], count: values.count) }
        return values.map { marks[min(7, max(0, Int(($0 / top) * 7 + 0.5)))] }.joined()
    }

    /// Share of a section's questions under the low-relevance threshold.
    func lowRelevanceShare(_ s: ClusterSection) -> Double? {
        let total = s.charts.relevanceBins.reduce(0, +)
        guard total > 0 else { return nil }
        let t = dataset.thresholds.relevanceLow
        let low = s.charts.relevanceBins.enumerated().filter { Double($0.offset + 1) / 10 <= t + 1e-9 }.reduce(0) { $0 + $1.element }
        return low / total
    }

    /// What the reviewer recorded on a cluster, in words.
    func decisionFacts(_ c: Cluster) -> [String] {
        var facts: [String] = []
        facts.append("Action: \(action(c))" + (c.action == nil ? " (the segment's default)" : ""))
        if let p = c.priority { facts.append("Priority: P\(p)") }
        if let t = c.issueType { facts.append("Issue: \(t.rawValue)") }
        if let word = c.disposition.word { facts.append(word.prefix(1).uppercased() + word.dropFirst()) }
        if c.reviewed { facts.append("Reviewed") }
        facts += dataset.verdictLines(of: c).map { "Capability " + $0 }
        facts.append("Owner: \(owner(c.id))")
        return facts
    }

    /// Every leaf in the grid's order, for the full cluster table.
    public var leavesInGridOrder: [Cluster] { grid.order.compactMap(dataset.cluster) }
}
