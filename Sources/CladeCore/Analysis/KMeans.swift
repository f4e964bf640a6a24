import Foundation

/// k-means clustering with greedy k-means++ seeding, deterministic for a given seed.
///
/// The spherical variant (for unit-length rows such as sentence embeddings or TF-IDF) assigns
/// each row to the centroid of highest cosine similarity and keeps centroids at unit length;
/// the Euclidean variant is Lloyd's algorithm on squared distances.
public enum KMeans {
    public struct Options: Equatable, Sendable {
        /// Number of clusters.
        public var k: Int
        /// Cosine (true; rows should be unit length) or squared Euclidean distance (false).
        public var spherical: Bool
        /// Iteration cap of each run.
        public var maxIterations: Int
        /// Independent runs from different seedings; the one with the lowest objective wins.
        public var restarts: Int
        public var seed: UInt64
        /// A run stops when an iteration improves the objective by less than this fraction.
        public var tolerance: Double

        public init(k: Int, spherical: Bool = true, maxIterations: Int = 100, restarts: Int = 1, seed: UInt64 = 0, tolerance: Double = 1e-6) {
            self.k = k
            self.spherical = spherical
            self.maxIterations = maxIterations
            self.restarts = restarts
            self.seed = seed
            self.tolerance = tolerance
        }
    }

    public struct Result: Equatable, Sendable {
        /// Cluster of each row, in 0 ..< k.
        public var labels: [Int]
        /// One centroid per cluster (unit length when spherical).
        public var centroids: Matrix
        /// Rows per cluster.
        public var sizes: [Int]
        /// Σ (1 − cos) when spherical, Σ squared distance otherwise: lower is tighter.
        public var objective: Double
        /// Iterations of the winning run.
        public var iterations: Int
        /// Whether the winning run stopped before the iteration cap.
        public var converged: Bool
    }

    /// Clusters the rows of `data` into `options.k` clusters.
    public static func fit<Rows: VectorRows>(
        _ data: Rows, options: Options, control: AnalysisControl = .none
    ) throws(AnalysisError) -> Result {
        let n = data.count
        guard options.k >= 1 else { throw .invalidInput("k must be at least 1 (got \(options.k))") }
        guard n >= options.k else { throw .invalidInput("cannot make \(options.k) clusters of \(n) rows") }
        guard options.maxIterations >= 1, options.restarts >= 1 else {
            throw .invalidInput("k-means needs at least one iteration and one run")
        }
        var rng = SeededGenerator(seed: options.seed)
        var best: Result?
        for run in 0..<options.restarts {
            let result = try lloyd(data, options: options, run: run, rng: &rng, control: control)
            if best == nil || result.objective < best!.objective { best = result }
        }
        return best!
    }

    /// Lloyd iterations from the given centres (no seeding, one run): refines on every row a fit
    /// made on a sample of them.
    public static func refine<Rows: VectorRows>(
        _ data: Rows, from initial: Matrix, options: Options, control: AnalysisControl = .none
    ) throws(AnalysisError) -> Result {
        guard initial.rows == options.k, initial.columns == data.dimension, data.count >= options.k, options.maxIterations >= 1 else {
            throw .invalidInput("cannot refine \(initial.rows) centres of \(initial.columns) dimensions on \(data.count) rows")
        }
        var rng = SeededGenerator(seed: options.seed)
        return try lloyd(data, options: options, run: 0, rng: &rng, control: control, initial: initial)
    }

    /// The nearest centroid of each row (highest cosine when `spherical`, else smallest distance).
    public static func assign<Rows: VectorRows>(_ data: Rows, to centroids: Matrix, spherical: Bool) -> [Int] {
        precondition(centroids.columns == data.dimension, "assign: centroid dimension differs from the rows'")
        var labels = [Int](repeating: 0, count: data.count)
        let norms = centroidSquaredNorms(centroids)
        centroids.withRow(0) { base in
            for i in 0..<data.count {
                labels[i] = nearest(data, row: i, centroids: base, k: centroids.rows, squaredNorms: norms, spherical: spherical).index
            }
        }
        return labels
    }

    // MARK: - One run

    private static func lloyd<Rows: VectorRows>(
        _ data: Rows, options: Options, run: Int, rng: inout SeededGenerator, control: AnalysisControl, initial: Matrix? = nil
    ) throws(AnalysisError) -> Result {
        let n = data.count, d = data.dimension, k = options.k
        // One progress scale per run: k seeding steps, then up to maxIterations iterations.
        let stage = "k-means k=\(k)"
        let perRun = k + options.maxIterations
        let total = options.restarts * perRun
        var centroids: Matrix
        if let initial {
            centroids = initial
        } else {
            centroids = try seed(data, k: k, spherical: options.spherical, rng: &rng, control: control) { step in
                control.report(stage, run * perRun + step, total)
            }
        }
        var labels = [Int](repeating: -1, count: n)
        var distance = [Float](repeating: 0, count: n)
        var previousObjective = Double.infinity
        var objective = Double.infinity
        var iterations = 0
        var converged = false

        while iterations < options.maxIterations {
            try control.checkCancellation()
            iterations += 1
            let norms = centroidSquaredNorms(centroids)
            var changed = 0
            objective = 0
            // The next centres' sums are added up in the same pass, while each row is at hand
            // (the same additions in the same order as a pass of their own).
            var sums = Matrix(rows: k, columns: d)
            var sizes = [Int](repeating: 0, count: k)
            centroids.withRow(0) { base in
                sums.withUnsafeMutableStorage { next in
                    for i in 0..<n {
                        let (c, score) = nearest(data, row: i, centroids: base, k: k, squaredNorms: norms, spherical: options.spherical)
                        if labels[i] != c { changed += 1 }
                        labels[i] = c
                        let dist = options.spherical ? 1 - score : max(0, data.squaredNorm(row: i) - score)
                        distance[i] = dist
                        objective += Double(dist)
                        data.add(row: i, scaledBy: 1, into: next.baseAddress! + c * d)
                        sizes[c] += 1
                    }
                }
            }
            control.report(stage, run * perRun + k + iterations, total)
            let improvement = previousObjective - objective
            if changed == 0 || (previousObjective.isFinite && improvement <= options.tolerance * max(objective, 1e-12)) {
                converged = true
                break
            }
            if iterations == options.maxIterations { break }
            previousObjective = objective
            centroids = update(data, labels: labels, distance: distance, sums: sums, sizes: sizes, spherical: options.spherical)
        }
        control.report(stage, (run + 1) * perRun, total)
        var sizes = [Int](repeating: 0, count: k)
        for l in labels { sizes[l] += 1 }
        return Result(
            labels: labels, centroids: Matrix(rows: k, columns: d, storage: centroids.storage),
            sizes: sizes, objective: objective, iterations: iterations, converged: converged
        )
    }

    /// Index and score of the nearest centroid: the score is cos when spherical, else 2x·c − |c|²
    /// (so that |x − c|² = |x|² − score), and higher is nearer in both cases.
    @inline(__always)
    private static func nearest<Rows: VectorRows>(
        _ data: Rows, row i: Int, centroids base: UnsafePointer<Float>, k: Int, squaredNorms: [Float], spherical: Bool
    ) -> (index: Int, score: Float) {
        let d = data.dimension
        var bestIndex = 0
        var bestScore = -Float.infinity
        for c in 0..<k {
            let dot = data.dot(row: i, base + c * d)
            let score = spherical ? dot : 2 * dot - squaredNorms[c]
            if score > bestScore {
                bestScore = score
                bestIndex = c
            }
        }
        return (bestIndex, bestScore)
    }

    private static func centroidSquaredNorms(_ centroids: Matrix) -> [Float] {
        (0..<centroids.rows).map { centroids.squaredNorm(row: $0) }
    }

    /// Means (or normalised sums) of the members, from their `sums` and `sizes` by cluster; an
    /// empty cluster takes the row farthest from its own centroid, so k stays k.
    private static func update<Rows: VectorRows>(
        _ data: Rows, labels: [Int], distance: [Float], sums: Matrix, sizes: [Int], spherical: Bool
    ) -> Matrix {
        let d = data.dimension
        var sums = sums
        var sizes = sizes
        var labels = labels
        let empty = sizes.indices.filter { sizes[$0] == 0 }
        if !empty.isEmpty {
            let farthest = labels.indices.sorted { distance[$0] != distance[$1] ? distance[$0] > distance[$1] : $0 < $1 }
            var next = farthest.makeIterator()
            for c in empty {
                while let i = next.next() {
                    let from = labels[i]
                    guard sizes[from] > 1 else { continue }
                    sums.withUnsafeMutableStorage { p in
                        data.add(row: i, scaledBy: -1, into: p.baseAddress! + from * d)
                        data.add(row: i, scaledBy: 1, into: p.baseAddress! + c * d)
                    }
                    sizes[from] -= 1
                    sizes[c] = 1
                    labels[i] = c
                    break
                }
            }
        }
        Centroids.finish(&sums, sizes: sizes, normalized: spherical)
        return sums
    }

    // MARK: - Seeding

    /// Greedy k-means++ (as scikit-learn): each new centre is the best of 2 + ⌊ln k⌋ candidates
    /// drawn with probability proportional to the squared distance to the nearest chosen centre.
    static func seed<Rows: VectorRows>(
        _ data: Rows, k: Int, spherical: Bool, rng: inout SeededGenerator, control: AnalysisControl, report: (Int) -> Void
    ) throws(AnalysisError) -> Matrix {
        let n = data.count, d = data.dimension
        let rowNorms = (0..<n).map { data.squaredNorm(row: $0) }
        var centres = Matrix(rows: k, columns: d)
        let trials = 2 + Int(log(Double(k)))

        func distances(to candidate: [Float]) -> [Float] {
            let cNorm = VectorMath.dot(candidate, candidate)
            return candidate.withUnsafeBufferPointer { p in
                (0..<n).map { max(0, rowNorms[$0] + cNorm - 2 * data.dot(row: $0, p.baseAddress!)) }
            }
        }

        var first = data.denseRow(rng.nextIndex(below: n))
        if spherical { first = VectorMath.normalized(first) }
        centres.setRow(0, first)
        var closest = distances(to: first)
        for c in 1..<max(k, 1) {
            try control.checkCancellation()
            report(c)
            let potential = closest.reduce(0.0) { $0 + Double($1) }
            var bestCandidate: [Float] = []
            var bestDistances: [Float] = []
            var bestPotential = Double.infinity
            for _ in 0..<trials {
                let index = potential > 0 ? sampleProportional(closest, total: potential, rng: &rng) : rng.nextIndex(below: n)
                var candidate = data.denseRow(index)
                if spherical { candidate = VectorMath.normalized(candidate) }
                var newDistances = distances(to: candidate)
                var sum = 0.0
                for i in 0..<n {
                    newDistances[i] = min(newDistances[i], closest[i])
                    sum += Double(newDistances[i])
                }
                if sum < bestPotential {
                    bestPotential = sum
                    bestCandidate = candidate
                    bestDistances = newDistances
                }
            }
            centres.setRow(c, bestCandidate)
            closest = bestDistances
        }
        return centres
    }

    private static func sampleProportional(_ weights: [Float], total: Double, rng: inout SeededGenerator) -> Int {
        let target = rng.nextUnit() * total
        var running = 0.0
        for (i, w) in weights.enumerated() {
            running += Double(w)
            if running > target { return i }
        }
        return weights.lastIndex { $0 > 0 } ?? 0
    }
}
