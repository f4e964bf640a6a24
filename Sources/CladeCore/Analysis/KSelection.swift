import Foundation

/// Picks the number of clusters by silhouette: k-means is run for each candidate k on a random
/// sample of the rows, and the k with the highest mean silhouette wins (the smaller k on ties).
public enum KSelection {
    public struct Options: Equatable, Sendable {
        /// Values of k to try; empty means `defaultCandidates(rowCount:)`.
        public var candidates: [Int]
        /// Rows used for the trial clusterings (all rows when there are fewer).
        public var sampleSize: Int
        /// Cosine geometry (unit-length rows) or Euclidean.
        public var spherical: Bool
        public var seed: UInt64
        public var maxIterations: Int

        public init(candidates: [Int] = [], sampleSize: Int = 4000, spherical: Bool = true, seed: UInt64 = 0, maxIterations: Int = 50) {
            self.candidates = candidates
            self.sampleSize = sampleSize
            self.spherical = spherical
            self.seed = seed
            self.maxIterations = maxIterations
        }
    }

    public struct Score: Equatable, Sendable {
        public var k: Int
        public var silhouette: Double
    }

    public struct Result: Equatable, Sendable {
        public var k: Int
        /// Every candidate's score, in the order tried.
        public var scores: [Score]
    }

    /// About ten values spaced geometrically from max(2, kMax/12) to kMax, where
    /// kMax = min(120, √(2n)) keeps clusters at a size a reviewer can read (dozens of questions).
    public static func defaultCandidates(rowCount n: Int) -> [Int] {
        let kMax = min(120, max(2, Int((2 * Double(n)).squareRoot())))
        let kMin = max(2, kMax / 12)
        guard kMax > kMin else { return [kMin] }
        let steps = 10
        var out: [Int] = []
        for s in 0..<steps {
            let value = Double(kMin) * pow(Double(kMax) / Double(kMin), Double(s) / Double(steps - 1))
            let k = Int(value.rounded())
            if out.last != k { out.append(k) }
        }
        return out
    }

    public static func choose<Rows: VectorRows>(
        _ data: Rows, options: Options = Options(), control: AnalysisControl = .none
    ) throws(AnalysisError) -> Result {
        var rng = SeededGenerator(seed: options.seed)
        let rows = rng.sample(options.sampleSize, from: data.count)
        let sample = rows.count == data.count ? data : data.selecting(rows: rows)
        let candidates = (options.candidates.isEmpty ? defaultCandidates(rowCount: data.count) : options.candidates)
            .filter { $0 >= 2 && $0 < sample.count }
        guard !candidates.isEmpty else {
            throw .invalidInput("too few rows (\(data.count)) to choose a number of clusters")
        }
        var scores: [Score] = []
        for (i, k) in candidates.enumerated() {
            try control.checkCancellation()
            control.report("choosing k (trying \(k))", i, candidates.count)
            let inner = AnalysisControl(progress: { _ in }, isCancelled: control.isCancelled)
            let fit = try KMeans.fit(
                sample,
                options: KMeans.Options(k: k, spherical: options.spherical, maxIterations: options.maxIterations, seed: options.seed),
                control: inner
            )
            let value = options.spherical
                ? Silhouette.cosine(sample, labels: fit.labels, k: k)
                : Silhouette.euclidean(sample, labels: fit.labels, seed: options.seed)
            scores.append(Score(k: k, silhouette: value))
        }
        control.report("choosing k", candidates.count, candidates.count)
        let best = scores.max { $0.silhouette != $1.silhouette ? $0.silhouette < $1.silhouette : $0.k > $1.k }!
        return Result(k: best.k, scores: scores)
    }
}
