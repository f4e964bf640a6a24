import Foundation

/// How many parts a suggested split (or re-cluster) should have. k-means is tried from k = 2 up
/// to a cap of at least 12; the first k whose parts are as tight as the run's typical cluster
/// (for three quarters of the rows) wins. Without such a k (or without a typical cohesion to aim
/// at) the knee of the cohesion curve wins: the k farthest above the chord from k = 2 to the cap,
/// which is never the cap itself, so the choice does not sit at its ceiling.
public enum SplitK {
    /// The largest k tried: 12 for one cluster, six more per extra cluster re-cut together,
    /// never more than a third of the rows (parts of at least three questions).
    public static func cap(rows: Int, sources: Int = 1) -> Int {
        max(2, min(max(12, 6 * sources), 40, rows / 3))
    }

    public struct Trial: Equatable, Sendable {
        public var k: Int
        /// Mean cohesion of the parts, each weighted by its rows.
        public var cohesion: Double
        /// Share of rows in parts at least as tight as the target.
        public var tightShare: Double
    }

    public enum Criterion: Equatable, Sendable {
        /// Parts as tight as the run's median cluster (its cohesion).
        case typicalCohesion(Double)
        /// The knee of the cohesion curve.
        case knee
        /// Only one k could be tried.
        case only

        public var title: String {
            switch self {
            case .typicalCohesion(let target): "parts as tight as the run's median cluster (\(String(format: "%.2f", target)))"
            case .knee: "knee of the cohesion curve"
            case .only: "the only k possible"
            }
        }
    }

    public struct Choice: Equatable, Sendable {
        public var k: Int
        public var criterion: Criterion
        public var trials: [Trial]
    }

    /// Share of rows that must sit in parts as tight as the target.
    static let tightShareNeeded = 0.75
    /// "As tight as" allows 1% below the target, as the review queue does.
    static let tightTolerance = 0.99

    /// Chooses k over `data` (unit rows). `target` is the run's median cluster cohesion, when known.
    public static func choose<Rows: VectorRows>(
        _ data: Rows, target: Double?, cap: Int, seed: UInt64 = 7, control: AnalysisControl = .none
    ) throws(AnalysisError) -> Choice {
        let top = min(cap, data.count - 1)
        guard top >= 2 else { throw .invalidInput("too few rows (\(data.count)) to split") }
        var trials: [Trial] = []
        for k in 2...top {
            try control.checkCancellation()
            control.report("choosing k (trying \(k))", k - 2, top - 1)
            let inner = AnalysisControl(progress: { _ in }, isCancelled: control.isCancelled)
            let fit = try KMeans.fit(data, options: KMeans.Options(k: k, maxIterations: 40, seed: seed), control: inner)
            let cohesions = PartFigures.cohesions(data, labels: fit.labels, centroids: fit.centroids)
            let total = Double(data.count)
            let mean = cohesions.indices.reduce(0) { $0 + cohesions[$1] * Double(fit.sizes[$1]) } / total
            let tight = target.map { t in cohesions.indices.filter { cohesions[$0] >= t * tightTolerance }.reduce(0) { $0 + Double(fit.sizes[$1]) } / total } ?? 0
            trials.append(Trial(k: k, cohesion: mean, tightShare: tight))
            if let target, tight >= tightShareNeeded { return Choice(k: k, criterion: .typicalCohesion(target), trials: trials) }
        }
        guard trials.count > 1 else { return Choice(k: trials[0].k, criterion: .only, trials: trials) }
        return Choice(k: knee(trials), criterion: .knee, trials: trials)
    }

    /// The k whose cohesion lies farthest above the straight line from the first trial to the
    /// last (Kneedle); the smaller k on ties, and the first when the curve is straight.
    static func knee(_ trials: [Trial]) -> Int {
        let first = trials.first!, last = trials.last!
        let span = Double(last.k - first.k)
        let rise = last.cohesion - first.cohesion
        var best = (k: first.k, gap: 0.0)
        for t in trials {
            let line = first.cohesion + rise * Double(t.k - first.k) / span
            let gap = t.cohesion - line
            if gap > best.gap + 1e-12 { best = (t.k, gap) }
        }
        return best.k
    }
}

/// The figures a split preview shows for its parts, computed the way the review queue and the
/// decisions measure clusters: cohesion is the mean cosine of the rows to their part's
/// (normalised) centre.
public enum PartFigures {
    /// Mean cosine of each part's rows to its centroid (0 for an empty part).
    public static func cohesions<Rows: VectorRows>(_ data: Rows, labels: [Int], centroids: Matrix) -> [Double] {
        var sums = [Double](repeating: 0, count: centroids.rows)
        var sizes = [Int](repeating: 0, count: centroids.rows)
        let d = centroids.columns
        centroids.withRow(0) { base in
            for (r, l) in labels.enumerated() where l >= 0 {
                sums[l] += Double(data.dot(row: r, base + l * d))
                sizes[l] += 1
            }
        }
        return sums.indices.map { sizes[$0] > 0 ? sums[$0] / Double(sizes[$0]) : 0 }
    }

    /// The members of each part nearest a centroid of another part (smallest margin between
    /// their own centre and the best other), at most `count` per part, most borderline first.
    public static func borderline<Rows: VectorRows>(_ data: Rows, labels: [Int], centroids: Matrix, count: Int) -> [[Int]] {
        let k = centroids.rows, d = centroids.columns
        guard k > 1 else { return Array(repeating: [], count: k) }
        var scored = [[(row: Int, margin: Float)]](repeating: [], count: k)
        centroids.withRow(0) { base in
            for (r, l) in labels.enumerated() where l >= 0 {
                let own = data.dot(row: r, base + l * d)
                var other = -Float.infinity
                for j in 0..<k where j != l { other = max(other, data.dot(row: r, base + j * d)) }
                scored[l].append((r, own - other))
            }
        }
        return scored.map { members in
            members.sorted { $0.margin != $1.margin ? $0.margin < $1.margin : $0.row < $1.row }.prefix(count).map(\.row)
        }
    }

    /// Cosine between each part centre and each of `others` (unit rows): the nearest first, at most `count`.
    public static func nearest(_ centroids: Matrix, to others: Matrix, count: Int) -> [[(index: Int, similarity: Double)]] {
        guard others.rows > 0, others.columns == centroids.columns else { return Array(repeating: [], count: centroids.rows) }
        let d = centroids.columns
        var out: [[(index: Int, similarity: Double)]] = []
        for p in 0..<centroids.rows {
            var scored: [(index: Int, similarity: Double)] = []
            centroids.withRow(p) { c in
                others.withRow(0) { base in
                    for j in 0..<others.rows { scored.append((j, Double(VectorMath.dot(c, base + j * d, count: d)))) }
                }
            }
            scored.sort { $0.similarity != $1.similarity ? $0.similarity > $1.similarity : $0.index < $1.index }
            out.append(Array(scored.prefix(count)))
        }
        return out
    }

    /// The run's typical cluster cohesion: the median over clusters with at least ten rows
    /// (all clusters when none has), as the review queue measures it.
    public static func typicalCohesion(_ cohesions: [Double], rows: [Int]) -> Double? {
        let judged = cohesions.indices.filter { rows[$0] >= 10 }.map { cohesions[$0] }
        guard !cohesions.isEmpty else { return nil }
        return ReviewQueue.median(judged.isEmpty ? cohesions : judged)
    }
}
