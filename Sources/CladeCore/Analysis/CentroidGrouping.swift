/// Groups cluster centroids into parents: the "clusters of clusters" level.
public enum CentroidGrouping {
    public enum Method: Equatable, Sendable {
        /// Agglomerative clustering with Ward's criterion, centroids weighted by cluster size:
        /// each step merges the pair whose union increases the within-group variance the least.
        case ward
        /// Spherical k-means on the (unweighted) centroids.
        case kMeans(seed: UInt64)
    }

    /// The group (0 ..< groups, numbered in order of first appearance) of each centroid.
    public static func group(
        _ centroids: Matrix, weights: [Double], groups: Int, method: Method = .ward
    ) throws(AnalysisError) -> [Int] {
        let n = centroids.rows
        guard weights.count == n else { throw .invalidInput("\(weights.count) weights for \(n) centroids") }
        guard groups >= 1, groups <= n else { throw .invalidInput("cannot make \(groups) groups of \(n) clusters") }
        let raw: [Int]
        switch method {
        case .ward:
            raw = ward(centroids, weights: weights, groups: groups)
        case .kMeans(let seed):
            raw = try KMeans.fit(centroids, options: KMeans.Options(k: groups, spherical: true, restarts: 4, seed: seed)).labels
        }
        var renumber: [Int: Int] = [:]
        return raw.map { g in
            if let r = renumber[g] { return r }
            renumber[g] = renumber.count
            return renumber.count - 1
        }
    }

    /// O(n³) with n = number of centroids, fine for the hundreds a review has.
    private static func ward(_ centroids: Matrix, weights: [Double], groups: Int) -> [Int] {
        let n = centroids.rows, d = centroids.columns
        var centre = (0..<n).map { centroids.row($0).map(Double.init) }
        var weight = weights.map { max($0, 1e-9) }
        var members = (0..<n).map { [$0] }
        var active = Array(0..<n)

        func cost(_ a: Int, _ b: Int) -> Double {
            var sq = 0.0
            for j in 0..<d {
                let diff = centre[a][j] - centre[b][j]
                sq += diff * diff
            }
            return weight[a] * weight[b] / (weight[a] + weight[b]) * sq
        }

        while active.count > groups {
            var best = (a: 0, b: 1, cost: Double.infinity)
            for x in 0..<active.count {
                for y in (x + 1)..<active.count {
                    let c = cost(active[x], active[y])
                    if c < best.cost { best = (x, y, c) }
                }
            }
            let a = active[best.a], b = active[best.b]
            let w = weight[a] + weight[b]
            for j in 0..<d { centre[a][j] = (weight[a] * centre[a][j] + weight[b] * centre[b][j]) / w }
            weight[a] = w
            members[a] += members[b]
            active.remove(at: best.b)
        }
        var labels = [Int](repeating: 0, count: n)
        for (g, root) in active.enumerated() {
            for m in members[root] { labels[m] = g }
        }
        return labels
    }
}
