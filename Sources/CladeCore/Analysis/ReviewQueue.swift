import Foundation

/// How far a review queue computation has got: the re-cuts (one k-means each) checked so far of
/// those planned. The proposals that need only centres are known from the start.
public struct QueueProgress: Equatable, Sendable {
    public var checked: Int
    public var total: Int
    public init(checked: Int, total: Int) {
        self.checked = checked
        self.total = total
    }
    public var isComplete: Bool { checked >= total }
}

/// One cluster as the review queue sees it: a sample of its questions (rows of the vectors given
/// to `ReviewQueue.propose`) and its weighted volume.
public struct QueueCluster: Equatable, Sendable {
    public var id: ClusterID
    public var name: String
    /// Rows of the vectors: a sample of the cluster's questions.
    public var rows: [Int]
    /// The questions of `rows`, in the same order.
    public var questionIDs: [QuestionID]
    /// Weighted questions of the whole cluster.
    public var volume: Double
    /// The pipeline's outlier bucket: its questions belong nowhere yet.
    public var isOutlier: Bool
    public var keywords: [String]

    public init(id: ClusterID, name: String, rows: [Int], questionIDs: [QuestionID], volume: Double, isOutlier: Bool = false, keywords: [String] = []) {
        self.id = id
        self.name = name
        self.rows = rows
        self.questionIDs = questionIDs
        self.volume = volume
        self.isOutlier = isOutlier
        self.keywords = keywords
    }
}

/// A part of a proposed re-cut: the sampled questions it holds and its centre, so that every
/// question of the clusters (not only the sample) can be given to its nearest part.
public struct QueuePart: Equatable, Sendable {
    public var questionIDs: [QuestionID]
    public var centroid: [Float]
    public var cohesion: Double
    /// Estimated weighted questions of the part in the whole clusters.
    public var volume: Double
    /// What the part's sampled questions' users said: filled in by the store, which has the
    /// ratings (`QueuePartRatings`); nil where none was rated.
    public var satisfaction: Double? = nil
    public var relevance: Double? = nil
    public var ratedRows = 0
}

public struct QueueProposal: Equatable, Sendable {
    public enum Kind: Equatable, Sendable {
        /// One cluster too broad (split it), or several neighbours whose intents are spread
        /// across them (re-cluster them together): the union re-cut into tighter parts.
        case recut(clusters: [ClusterID], parts: [QueuePart])
        /// Two clusters that are one topic: `source` merges into `into` (the larger).
        case merge(source: ClusterID, into: ClusterID)
        /// Questions nearer another cluster's centre than their own (sampled ids).
        case move(questions: [QuestionID], from: ClusterID, to: ClusterID)
        /// Outlier questions close to a cluster (sampled ids).
        case home(questions: [QuestionID], from: ClusterID, to: ClusterID)
        /// Too small to be worth a decision of its own: fold it into its nearest cluster.
        case tiny(ClusterID, nearest: ClusterID)
        /// Clusters whose segment calls for a decision not made yet: the playbook's action for
        /// the cell (`PlaybookProposals`).
        case playbook(clusters: [ClusterID], segment: Segment, action: ClusterAction)
    }

    public var kind: Kind
    /// Weighted questions expected to be better placed, scaled by how confident the evidence is.
    public var improvement: Double
    /// What to do, in a few words: "Split “Drawing counts and revisions” into 2".
    public var title: String
    /// Why, in one line: the measured evidence.
    public var evidence: String

    /// Stable across recomputations of the same run, for remembering skipped proposals.
    public var key: String {
        switch kind {
        case .recut(let clusters, let parts): "recut:\(clusters.sorted().map(String.init).joined(separator: ",")):\(parts.count)"
        case .merge(let s, let t): "merge:\(min(s, t)),\(max(s, t))"
        case .move(_, let from, let to): "move:\(from)>\(to)"
        case .home(_, let from, let to): "home:\(from)>\(to)"
        case .tiny(let c, _): "tiny:\(c)"
        case .playbook(let clusters, _, _): "playbook:\(clusters.sorted().map(String.init).joined(separator: ","))"
        }
    }

    /// What `improvement` counts, for the figure beside a proposal.
    public var gainUnit: String {
        if case .playbook = kind { return "unhappy questions it may settle" }
        return "questions better placed"
    }

    public var clusters: [ClusterID] {
        switch kind {
        case .recut(let clusters, _): clusters
        case .merge(let s, let t): [s, t]
        case .move(_, let from, let to), .home(_, let from, let to): [from, to]
        case .tiny(let c, let n): [c, n]
        case .playbook(let clusters, _, _): clusters
        }
    }
}

/// Proposals for the reviewer, ranked by expected improvement: clusters too broad, neighbours to
/// re-cluster together, near-duplicates, misplaced questions, outliers worth a home, tiny clusters.
///
/// Every figure is relative to the run itself, never to fixed constants of one embedding model:
/// a cluster is "loose" when its cohesion (mean cosine of its questions to its centre) is below
/// the run's median, and a re-cut stops at the smallest k whose parts are as tight as a typical
/// cluster. Pure and deterministic for a seed.
public enum ReviewQueue {
    public struct Options: Equatable, Sendable {
        /// Nearest clusters considered with each cluster for a joint re-cut.
        public var neighbours = 3
        /// Most parts a re-cut proposes (the split preview shows up to this many).
        public var maxParts = 12
        /// Rows a re-cut clusters at most (a spread-out sample of the union).
        public var recutRows = 2400
        /// A re-cut stops at the first k whose parts, but for a quarter of them, reach this share
        /// of the run's median cohesion.
        public var partTightness = 0.99
        /// Re-cuts evaluated (the most promising by a cheap pre-score), to bound the time.
        public var evaluations = 24
        /// Centres a question is compared with to find a better home: its cluster's nearest ones
        /// (every centre when the run has no more than this many others).
        public var candidateCentres = 48
        /// How much nearer another centre a question must be to count as misplaced.
        public var misplacedMargin: Float = 0.05
        public var seed: UInt64 = 7
        public init() {}
    }

    /// `alongside`: proposals found without the vectors (`PlaybookProposals`), ranked with the rest.
    public static func propose<Rows: VectorRows>(
        _ vectors: Rows, clusters all: [QueueCluster], alongside: [QueueProposal] = [], options: Options = Options(),
        control: AnalysisControl = .none, partial: ((_ proposals: [QueueProposal], _ progress: QueueProgress) -> Void)? = nil
    ) throws(AnalysisError) -> [QueueProposal] {
        let clusters = all.filter { !$0.isOutlier && !$0.rows.isEmpty }
        guard clusters.count >= 1 else { return rankedByImprovement(alongside).map(\.proposal) }
        let geometry = Geometry(vectors, clusters: clusters, neighbourhood: max(options.candidateCentres, options.neighbours))
        // The proposals that need only the centres come first: the re-cuts (k-means each) follow
        // one by one, the most promising first, and every answer on the way ranks what is known.
        var cheap = alongside + nearDuplicates(vectors, geometry, options: options)
        let merged = Set(cheap.flatMap(\.clusters))
        cheap += misplaced(vectors, geometry, options: options, skipping: merged)
        cheap += homes(vectors, geometry, outliers: all.filter { $0.isOutlier && !$0.rows.isEmpty })
        cheap += tiny(geometry)
        // Ranked once: each answer on the way merges its few re-cuts into this order, instead of
        // sorting every proposal again (tens of thousands in a run of thousands of clusters).
        let cheapRanked = rankedByImprovement(cheap)
        func ranked(_ recuts: [QueueProposal]) -> [QueueProposal] {
            exclusive(Self.interleaved(rankedByImprovement(recuts), cheapRanked))
        }
        let plan = recutPlan(vectors, geometry, options: options)
        partial?(ranked([]), QueueProgress(checked: 0, total: plan.count))
        let found = try recuts(vectors, geometry, plan: plan, options: options, control: control) { known, checked in
            partial?(ranked(known), QueueProgress(checked: checked, total: plan.count))
        }
        return ranked(found)
    }

    /// Highest improvement first, ties by key; each key built once, not twice per comparison.
    static func rankedByImprovement(_ proposals: [QueueProposal]) -> [(proposal: QueueProposal, key: String)] {
        proposals.map { ($0, $0.key) }.sorted { a, b in
            a.proposal.improvement != b.proposal.improvement ? a.proposal.improvement > b.proposal.improvement : a.key < b.key
        }
    }

    /// Two ranked lists as one, in the same order as ranking them together.
    static func interleaved(_ a: [(proposal: QueueProposal, key: String)], _ b: [(proposal: QueueProposal, key: String)]) -> [QueueProposal] {
        var out: [QueueProposal] = []
        out.reserveCapacity(a.count + b.count)
        var i = 0, j = 0
        while i < a.count || j < b.count {
            let takeA: Bool
            if i == a.count { takeA = false } else if j == b.count { takeA = true } else {
                let (x, y) = (a[i], b[j])
                takeA = x.proposal.improvement != y.proposal.improvement ? x.proposal.improvement > y.proposal.improvement : x.key <= y.key
            }
            if takeA { out.append(a[i].proposal); i += 1 } else { out.append(b[j].proposal); j += 1 }
        }
        return out
    }

    /// Each cluster in at most one re-cut or merge, the best ranked: the others describe the same
    /// questions another way, and the queue is computed again after each decision anyway.
    static func exclusive(_ ranked: [QueueProposal]) -> [QueueProposal] {
        var rewritten = Set<ClusterID>()
        return ranked.filter { p in
            guard rewritten.isDisjoint(with: p.clusters) else { return false }
            switch p.kind {
            case .recut, .merge: rewritten.formUnion(p.clusters)
            case .move, .home, .tiny, .playbook: break
            }
            return true
        }
    }

    // MARK: Geometry of the run

    /// Centres, cohesion and centre-to-centre similarities of the (non-outlier) clusters.
    struct Geometry {
        let clusters: [QueueCluster]
        let centroids: Matrix
        let cohesion: [Double]
        let similarity: [[Float]]
        /// The run's median cohesion of clusters with enough rows to judge: "as tight as usual".
        let target: Double
        /// The median absolute deviation of those cohesions (at least 0.02): "clearly looser".
        let spread: Double
        let totalVolume: Double

        /// Each cluster's nearest other clusters by centre, nearest first (ties by index), at most
        /// the neighbourhood asked for: a selection, not a sort of every pair.
        let neighbours: [[Int]]
        /// Similarities of distinct pairs, highest first, of the pairs at least as similar as
        /// "clearly closer than usual" (`target + spread`), and the highest below it.
        let closePairs: [Float]
        let highestBelowClose: Float?

        init<Rows: VectorRows>(_ vectors: Rows, clusters: [QueueCluster], neighbourhood: Int) {
            self.clusters = clusters
            // Every row, in order, when no outlier cluster is left out: no copy of the sample.
            let rows = clusters.flatMap(\.rows)
            let sub = rows.elementsEqual(0..<vectors.count) ? vectors : vectors.selecting(rows: rows)
            let labels = clusters.enumerated().flatMap { i, c in Array(repeating: i, count: c.rows.count) }
            let centres = Centroids.compute(sub, labels: labels, k: clusters.count, normalized: true)
            let d = centres.columns
            let n = clusters.count
            var sums = [Double](repeating: 0, count: n)
            centres.withRow(0) { base in
                for (r, l) in labels.enumerated() { sums[l] += Double(sub.dot(row: r, base + l * d)) }
            }
            let cohesions = clusters.indices.map { sums[$0] / Double(clusters[$0].rows.count) }
            // Symmetric: each pair is computed once (a·b and b·a are the same sum).
            // Filled in one flat buffer (4 million cells at 2,000 clusters), then cut into rows.
            var flat = [Float](repeating: 0, count: n * n)
            flat.withUnsafeMutableBufferPointer { out in
                centres.withRow(0) { base in
                    for i in 0..<n {
                        out[i * n + i] = VectorMath.dot(base + i * d, base + i * d, count: d)
                        for j in (i + 1)..<max(i + 1, n) {
                            let s = VectorMath.dot(base + i * d, base + j * d, count: d)
                            out[i * n + j] = s
                            out[j * n + i] = s
                        }
                    }
                }
            }
            let sim = (0..<n).map { Array(flat[($0 * n)..<(($0 + 1) * n)]) }
            similarity = sim
            let judged = clusters.indices.filter { clusters[$0].rows.count >= 10 }.map { cohesions[$0] }
            let judgedOrAll = judged.isEmpty ? cohesions : judged
            let middle = ReviewQueue.median(judgedOrAll)
            target = middle
            spread = max(0.02, ReviewQueue.median(judgedOrAll.map { abs($0 - middle) }))
            centroids = centres
            cohesion = cohesions
            totalVolume = clusters.reduce(0) { $0 + $1.volume }
            neighbours = (0..<n).map { Self.nearest(sim[$0], excluding: $0, count: neighbourhood) }
            var close: [Float] = []
            var below: Float?
            let threshold = middle + spread
            for i in 0..<n {
                for j in (i + 1)..<max(i + 1, n) {
                    let s = sim[i][j]
                    if Double(s) >= threshold { close.append(s) } else if below.map({ s > $0 }) ?? true { below = s }
                }
            }
            closePairs = close.sorted(by: >)
            highestBelowClose = below
        }

        /// The `count` highest of `row` but `excluding`, highest first, ties by index.
        static func nearest(_ row: [Float], excluding: Int, count: Int) -> [Int] {
            guard count > 0 else { return [] }
            var top: [Int] = []
            top.reserveCapacity(count + 1)
            func before(_ a: Int, _ b: Int) -> Bool { row[a] != row[b] ? row[a] > row[b] : a < b }
            for j in row.indices where j != excluding {
                if top.count == count, let last = top.last, !before(j, last) { continue }
                var at = top.count
                while at > 0 && before(j, top[at - 1]) { at -= 1 }
                top.insert(j, at: at)
                if top.count > count { top.removeLast() }
            }
            return top
        }

        func nearest(to i: Int, count: Int) -> [Int] {
            Array(neighbours[i].prefix(count))
        }

        /// The other clusters a question of cluster `i` is compared with: every one in a run of
        /// few clusters, else `i`'s nearest (a question far from its own centre's neighbours is
        /// an outlier, not a misplaced question).
        func candidates(for i: Int, limit: Int) -> [Int] {
            clusters.count - 1 <= limit ? clusters.indices.filter { $0 != i } : neighbours[i]
        }

        /// The highest pair similarity strictly below `s`: "the next pair" in a duplicate's evidence.
        func nextPair(below s: Float) -> Float? {
            // The pairs are sorted highest first: the first below `s` by bisection (a scan per
            // near-duplicate was quadratic in a run of thousands of close pairs).
            var low = 0, high = closePairs.count
            while low < high {
                let mid = (low + high) / 2
                if closePairs[mid] < s { high = mid } else { low = mid + 1 }
            }
            return low < closePairs.count ? closePairs[low] : highestBelowClose.flatMap { $0 < s ? $0 : nil }
        }
    }

    static func median(_ values: [Double]) -> Double {
        guard !values.isEmpty else { return 0 }
        let s = values.sorted()
        return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
    }

    static func percentile(_ values: [Double], _ p: Double) -> Double {
        guard !values.isEmpty else { return 0 }
        let s = values.sorted()
        return s[min(s.count - 1, max(0, Int((Double(s.count - 1) * p).rounded())))]
    }

    static func figure(_ x: Double) -> String { String(format: "%.2f", x) }
}
