import Foundation

extension ReviewQueue {
    /// Two clusters whose centres are closer than a typical question is to its own centre, and
    /// whose questions interleave: a share of each sits nearer the other's centre. Merging them
    /// places those questions better; the improvement counts them.
    static func nearDuplicates<Rows: VectorRows>(_ vectors: Rows, _ g: Geometry, options: Options) -> [QueueProposal] {
        var out: [QueueProposal] = []
        let d = g.centroids.columns
        // Each pair once, among either cluster's nearest centres (every pair in a run of few
        // clusters): in a run of thousands whose centres are all alike (TF-IDF of short texts),
        // "clearly closer than usual" can hold for most of the millions of pairs.
        let candidates = g.clusters.indices.map { Set(g.candidates(for: $0, limit: options.candidateCentres)) }
        for i in g.clusters.indices {
            let similarities = g.similarity[i]
            let pairs = candidates[i].filter { j in j > i || !candidates[j].contains(i) }.sorted()
            for j in pairs where Double(similarities[j]) >= g.target + g.spread {
                let (a, b) = (g.clusters[i], g.clusters[j])
                var across = 0
                g.centroids.withRow(0) { base in
                    for r in a.rows where vectors.dot(row: r, base + j * d) > vectors.dot(row: r, base + i * d) { across += 1 }
                    for r in b.rows where vectors.dot(row: r, base + i * d) > vectors.dot(row: r, base + j * d) { across += 1 }
                }
                let share = Double(across) / Double(a.rows.count + b.rows.count)
                let (source, into) = a.volume > b.volume || (a.volume == b.volume && a.id < b.id) ? (b, a) : (a, b)
                let shared = Set(a.keywords.map { $0.lowercased() }).intersection(b.keywords.map { $0.lowercased() }).sorted()
                let next = g.nextPair(below: g.similarity[i][j]).map { "; the next pair \(figure(Double($0)))" } ?? ""
                var evidence = "near-duplicates: centres \(figure(Double(g.similarity[i][j]))) similar\(next); \(Int((share * 100).rounded()))% of their questions sit nearer the other's centre"
                if !shared.isEmpty { evidence += "; shared keywords: \(shared.prefix(5).joined(separator: ", "))" }
                out.append(QueueProposal(kind: .merge(source: source.id, into: into.id),
                                         improvement: (a.volume + b.volume) * share,
                                         title: "Merge “\(source.name)” into “\(into.name)”", evidence: evidence))
            }
        }
        return out
    }

    /// Questions nearer another cluster's centre than their own by a margin, grouped by where
    /// they would go. Pairs already proposed for a merge are left to it.
    static func misplaced<Rows: VectorRows>(_ vectors: Rows, _ g: Geometry, options: Options, skipping: Set<ClusterID>) -> [QueueProposal] {
        guard g.clusters.count >= 2 else { return [] }
        let d = g.centroids.columns
        var out: [QueueProposal] = []
        for (i, c) in g.clusters.enumerated() where !skipping.contains(c.id) {
            var groups: [Int: (ids: [QuestionID], margin: Double)] = [:]
            let candidates = g.candidates(for: i, limit: options.candidateCentres)
            g.centroids.withRow(0) { base in
                for (r, row) in c.rows.enumerated() {
                    let own = vectors.dot(row: row, base + i * d)
                    var best = -1, bestScore = own + options.misplacedMargin
                    for j in candidates {
                        let s = vectors.dot(row: row, base + j * d)
                        if s > bestScore { (best, bestScore) = (j, s) }
                    }
                    if best >= 0 {
                        groups[best, default: ([], 0)].ids.append(c.questionIDs[r])
                        groups[best]!.margin += Double(bestScore - own)
                    }
                }
            }
            for (j, group) in groups where group.ids.count >= max(3, c.rows.count / 20) && !skipping.contains(g.clusters[j].id) {
                let share = Double(group.ids.count) / Double(c.rows.count)
                let margin = group.margin / Double(group.ids.count)
                let volume = c.volume * share
                out.append(QueueProposal(
                    kind: .move(questions: group.ids, from: c.id, to: g.clusters[j].id),
                    improvement: volume * min(1, margin / 0.1),
                    title: "Move \(Int((share * 100).rounded()))% of “\(c.name)” to “\(g.clusters[j].name)”",
                    evidence: "misplaced: \(group.ids.count) of \(c.rows.count) sampled questions sit nearer “\(g.clusters[j].name)”'s centre (by \(figure(margin)) on average)"))
            }
        }
        return out
    }

    /// Outlier questions about as close to a cluster's centre as its own questions are (within twice
    /// their mean distance), grouped by cluster.
    static func homes<Rows: VectorRows>(_ vectors: Rows, _ g: Geometry, outliers: [QueueCluster]) -> [QueueProposal] {
        let d = g.centroids.columns
        var out: [QueueProposal] = []
        for bucket in outliers {
            var groups: [Int: [QuestionID]] = [:]
            g.centroids.withRow(0) { base in
                for (r, row) in bucket.rows.enumerated() {
                    var best = -1, bestScore = -Float.infinity
                    for j in g.clusters.indices {
                        let s = vectors.dot(row: row, base + j * d)
                        if s > bestScore { (best, bestScore) = (j, s) }
                    }
                    // Within twice the cluster's typical distance from its centre.
                    if best >= 0, Double(bestScore) >= 2 * g.cohesion[best] - 1 { groups[best, default: []].append(bucket.questionIDs[r]) }
                }
            }
            for (j, ids) in groups where ids.count >= 3 {
                let share = Double(ids.count) / Double(bucket.rows.count)
                out.append(QueueProposal(
                    kind: .home(questions: ids, from: bucket.id, to: g.clusters[j].id),
                    improvement: bucket.volume * share * 0.5,
                    title: "Give \(ids.count) outliers of “\(bucket.name)” a home in “\(g.clusters[j].name)”",
                    evidence: "outliers worth a home: \(ids.count) of \(bucket.rows.count) sampled outliers sit about as close to “\(g.clusters[j].name)”'s centre as its own questions"))
            }
        }
        return out
    }

    /// Clusters under 0.3% of the volume with fewer than ten questions: not worth a decision of
    /// their own; folding them into the nearest cluster is offered last.
    static func tiny(_ g: Geometry) -> [QueueProposal] {
        guard g.clusters.count > 5, g.totalVolume > 0 else { return [] }
        return g.clusters.indices.compactMap { i in
            let c = g.clusters[i]
            guard c.volume / g.totalVolume < 0.003, c.rows.count < 10, let j = g.nearest(to: i, count: 1).first else { return nil }
            return QueueProposal(kind: .tiny(c.id, nearest: g.clusters[j].id), improvement: c.volume * Double(max(0, g.similarity[i][j])) * 0.1,
                                 title: "Fold tiny “\(c.name)” into “\(g.clusters[j].name)”",
                                 evidence: "tiny: \(String(format: "%.2f", 100 * c.volume / g.totalVolume))% of the volume; nearest cluster \(figure(Double(g.similarity[i][j]))) similar")
        }
    }
}
