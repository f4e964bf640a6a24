import Foundation

extension ReviewQueue {
    /// Re-cuts: each cluster alone (is it too broad?) and with its nearest neighbours (are their
    /// intents spread across them?). The union is clustered with k-means for k = the number of
    /// clusters it holds (at least 2) upwards, stopping at the first k whose parts are, but for
    /// a quarter of them, about as tight as the run's median cluster. The improvement is the cohesion
    /// gained, in weighted questions: Σ over the union of (cos to its part − cos to its cluster).
    static func recutPlan<Rows: VectorRows>(_ vectors: Rows, _ g: Geometry, options: Options) -> [[Int]] {
        // Alone: only clusters clearly looser than the run's median (by its spread). With neighbours: only neighbours
        // whose questions mingle (a share of either sits near the boundary between the two).
        var hoods: [[Int]] = []
        var seen = Set<[Int]>()
        for i in g.clusters.indices where g.clusters[i].rows.count >= 6 {
            if g.cohesion[i] < g.target - g.spread, seen.insert([i]).inserted { hoods.append([i]) }
            let neighbours = g.nearest(to: i, count: options.neighbours).filter { mingle(vectors, g, i, $0, margin: options.misplacedMargin) }
            if !neighbours.isEmpty, seen.insert(([i] + neighbours).sorted()).inserted { hoods.append(([i] + neighbours).sorted()) }
        }
        // The loosest mass first: only the most promising are clustered, to bound the time.
        func looseness(_ hood: [Int]) -> Double { hood.reduce(0) { $0 + g.clusters[$1].volume * (1 - g.cohesion[$1]) } }
        return Array(hoods.sorted { looseness($0) != looseness($1) ? looseness($0) > looseness($1) : $0.lexicographicallyPrecedes($1) }
            .prefix(options.evaluations))
    }

    /// The planned re-cuts, in order; after each, `found` is told the proposals known so far
    /// and how many were checked. A joint re-cut is only known once every one of its clusters'
    /// own re-cut (if planned) has been checked: once told, it is kept (a proposal told earlier
    /// gives way only to a better-ranked one on the same clusters).
    static func recuts<Rows: VectorRows>(
        _ vectors: Rows, _ g: Geometry, plan: [[Int]], options: Options, control: AnalysisControl,
        found: ([QueueProposal], Int) -> Void = { _, _ in }
    ) throws(AnalysisError) -> [QueueProposal] {
        var singles: [Int: Double] = [:]
        var pendingSingles = Set(plan.filter { $0.count == 1 }.map { $0[0] })
        var joint: [(hood: [Int], proposal: QueueProposal)] = []
        var out: [QueueProposal] = []
        // Re-clustering neighbours together must do clearly better than splitting them one by one.
        func accepted() -> [QueueProposal] {
            out + joint.filter { hood, p in
                pendingSingles.isDisjoint(with: hood) && p.improvement > 1.25 * hood.reduce(0) { $0 + (singles[$1] ?? 0) }
            }.map(\.proposal)
        }
        for (n, hood) in plan.enumerated() {
            try control.checkCancellation()
            control.report("looking for clusters to re-cut", n, plan.count)
            if let p = try recut(vectors, g, hood: hood, options: options, control: control) {
                if hood.count == 1 {
                    singles[hood[0]] = p.improvement
                    out.append(p)
                } else {
                    joint.append((hood, p))
                }
            }
            if hood.count == 1 { pendingSingles.remove(hood[0]) }
            found(accepted(), n + 1)
        }
        return accepted()
    }

    /// Whether at least 5% of either cluster's sampled questions sit within `margin` of the other's centre.
    static func mingle<Rows: VectorRows>(_ vectors: Rows, _ g: Geometry, _ i: Int, _ j: Int, margin: Float) -> Bool {
        let d = g.centroids.columns
        return g.centroids.withRow(0) { base in
            func share(_ a: Int, _ b: Int) -> Double {
                let rows = g.clusters[a].rows
                let near = rows.filter { vectors.dot(row: $0, base + b * d) >= vectors.dot(row: $0, base + a * d) - margin }.count
                return Double(near) / Double(max(1, rows.count))
            }
            return share(i, j) >= 0.05 || share(j, i) >= 0.05
        }
    }

    static func recut<Rows: VectorRows>(
        _ vectors: Rows, _ g: Geometry, hood: [Int], options: Options, control: AnalysisControl
    ) throws(AnalysisError) -> QueueProposal? {
        // A spread-out sample of the union, each row remembering its cluster.
        var rows: [Int] = [], ids: [QuestionID] = [], owner: [Int] = []
        let total = hood.reduce(0) { $0 + g.clusters[$1].rows.count }
        let step = max(1, (total + options.recutRows - 1) / options.recutRows)
        for i in hood {
            let c = g.clusters[i]
            for r in stride(from: 0, to: c.rows.count, by: step) {
                rows.append(c.rows[r])
                ids.append(c.questionIDs[r])
                owner.append(i)
            }
        }
        let data = vectors.selecting(rows: rows)
        let smallest = max(2, hood.count)
        let largest = min(options.maxParts, 3 * hood.count + 1, data.count / 5)
        guard largest >= smallest else { return nil }
        let d = g.centroids.columns
        let before = g.centroids.withRow(0) { base in
            (0..<data.count).reduce(0.0) { $0 + Double(data.dot(row: $1, base + owner[$1] * d)) }
        }
        var fit: KMeans.Result?
        var cohesions: [Double] = []
        for k in smallest...largest {
            let candidate = try KMeans.fit(data, options: .init(k: k, maxIterations: 40, restarts: 2, seed: options.seed), control: control)
            fit = candidate
            cohesions = partCohesions(data, candidate)
            if percentile(cohesions, 0.25) >= g.target * options.partTightness { break }
        }
        guard let fit else { return nil }
        let after = fit.centroids.withRow(0) { base in
            (0..<data.count).reduce(0.0) { $0 + Double(data.dot(row: $1, base + fit.labels[$1] * d)) }
        }
        let volume = hood.reduce(0) { $0 + g.clusters[$1].volume }
        let gainPerRow = (after - before) / Double(data.count)
        // Worth a decision only if it removes a tenth of the dispersion: below that, k-means
        // splits any cluster a little, and the reviewer would be chasing noise.
        let oldCohesion = before / Double(data.count), newCohesion = after / Double(data.count)
        guard gainPerRow / max(0.05, 1 - oldCohesion) >= 0.15 else { return nil }
        let parts: [QueuePart] = (0..<fit.centroids.rows).compactMap { p in
            let members = fit.labels.indices.filter { fit.labels[$0] == p }
            guard !members.isEmpty else { return nil }
            return QueuePart(questionIDs: members.map { ids[$0] }, centroid: fit.centroids.row(p), cohesion: cohesions[p],
                             volume: volume * Double(members.count) / Double(data.count))
        }.sorted { $0.volume != $1.volume ? $0.volume > $1.volume : $0.questionIDs[0] < $1.questionIDs[0] }
        // Parts that only repeat clusters outside the re-cut are misplaced questions, not a new
        // topic: when every part but the largest does, the moves say it better.
        let outside = g.clusters.indices.filter { !hood.contains($0) }
        let echoes = parts.dropFirst().allSatisfy { part in
            outside.contains { j in Double(VectorMath.dot(part.centroid, g.centroids.row(j))) >= g.target }
        }
        if echoes && !outside.isEmpty { return nil }
        // Neighbours re-cut into as many parts as they were only move their boundaries: the
        // misplaced-question proposals say that with the questions named.
        if hood.count > 1 && parts.count <= hood.count { return nil }
        let names = hood.map { "“\(g.clusters[$0].name)”" }
        let title = hood.count == 1
            ? "Split \(names[0]) into \(parts.count)"
            : "Re-cluster \(names.joined(separator: ", ")) into \(parts.count)"
        var evidence = hood.count == 1
            ? "too broad: cohesion \(figure(oldCohesion)) (the run's median \(figure(g.target))); \(parts.count) parts reach \(figure(newCohesion))"
            : "intents spread across neighbours (centres \(figure(Double(hood.dropFirst().map { g.similarity[hood[0]][$0] }.min() ?? 0)))+ similar): cohesion \(figure(oldCohesion)) → \(figure(newCohesion)) in \(parts.count) parts"
        let tightest = parts.map(\.cohesion).min() ?? 0
        evidence += "; loosest part \(figure(tightest))"
        return QueueProposal(kind: .recut(clusters: hood.map { g.clusters[$0].id }, parts: parts),
                             improvement: volume * gainPerRow / max(0.05, 1 - oldCohesion), title: title, evidence: evidence)
    }

    static func partCohesions(_ data: some VectorRows, _ fit: KMeans.Result) -> [Double] {
        var sums = [Double](repeating: 0, count: fit.centroids.rows)
        let d = fit.centroids.columns
        fit.centroids.withRow(0) { base in
            for (r, l) in fit.labels.enumerated() { sums[l] += Double(data.dot(row: r, base + l * d)) }
        }
        return sums.indices.map { fit.sizes[$0] > 0 ? sums[$0] / Double(fit.sizes[$0]) : 0 }
    }
}
