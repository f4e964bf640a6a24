/// Silhouette coefficients: how much closer each row is to its own cluster than to the next one
/// (−1 to 1; higher means better separated). Rows alone in their cluster count as 0, as in scikit-learn.
public enum Silhouette {
    /// Mean silhouette under cosine distance (1 − cos) for unit-length rows.
    public static func cosine<Rows: VectorRows>(_ data: Rows, labels: [Int], k: Int) -> Double {
        let values = cosineValues(data, labels: labels, k: k)
        return values.isEmpty ? 0 : values.reduce(0, +) / Double(values.count)
    }

    /// Exact per-row silhouettes under cosine distance, in O(n·k·d) rather than O(n²·d).
    ///
    /// Cosine distance is affine in the other vector, so the mean distance from x to the members
    /// of a cluster with sum S and size m is 1 − x·S/m (excluding x itself from its own cluster:
    /// 1 − (x·S − x·x)/(m − 1)). One pass over the cluster sums gives every row's a and b.
    public static func cosineValues<Rows: VectorRows>(_ data: Rows, labels: [Int], k: Int) -> [Double] {
        precondition(labels.count == data.count, "silhouette: \(labels.count) labels for \(data.count) rows")
        let d = data.dimension
        var sums = Matrix(rows: k, columns: d)
        var sizes = [Int](repeating: 0, count: k)
        sums.withUnsafeMutableStorage { p in
            for (i, l) in labels.enumerated() {
                data.add(row: i, scaledBy: 1, into: p.baseAddress! + l * d)
                sizes[l] += 1
            }
        }
        var out = [Double](repeating: 0, count: data.count)
        sums.withRow(0) { base in
            for i in 0..<data.count {
                let own = labels[i]
                guard sizes[own] > 1 else { continue }
                let selfDot = Double(data.squaredNorm(row: i))
                let a = 1 - (Double(data.dot(row: i, base + own * d)) - selfDot) / Double(sizes[own] - 1)
                var b = Double.infinity
                for c in 0..<k where c != own && sizes[c] > 0 {
                    b = min(b, 1 - Double(data.dot(row: i, base + c * d)) / Double(sizes[c]))
                }
                guard b.isFinite else { continue }
                let scale = max(a, b)
                out[i] = scale > 0 ? (b - a) / scale : 0
            }
        }
        return out
    }

    /// Mean silhouette under Euclidean distance, computed on a random sample of at most
    /// `sampleSize` rows (pairwise within the sample), as scikit-learn's `sample_size`.
    public static func euclidean<Rows: VectorRows>(_ data: Rows, labels: [Int], sampleSize: Int = 2000, seed: UInt64 = 0) -> Double {
        precondition(labels.count == data.count, "silhouette: \(labels.count) labels for \(data.count) rows")
        var rng = SeededGenerator(seed: seed)
        let rows = rng.sample(sampleSize, from: data.count)
        let dense = rows.map { data.denseRow($0) }
        let sampleLabels = rows.map { labels[$0] }
        let clusters = Array(Set(sampleLabels)).sorted()
        let position = Dictionary(uniqueKeysWithValues: clusters.enumerated().map { ($1, $0) })
        let m = rows.count
        var total = 0.0
        for i in 0..<m {
            var sum = [Double](repeating: 0, count: clusters.count)
            var count = [Int](repeating: 0, count: clusters.count)
            for j in 0..<m where j != i {
                let dist = dense[i].withUnsafeBufferPointer { a in
                    dense[j].withUnsafeBufferPointer { b in
                        VectorMath.squaredDistance(a.baseAddress!, b.baseAddress!, count: a.count).squareRoot()
                    }
                }
                let c = position[sampleLabels[j]]!
                sum[c] += Double(dist)
                count[c] += 1
            }
            let own = position[sampleLabels[i]]!
            guard count[own] > 0 else { continue }
            let a = sum[own] / Double(count[own])
            var b = Double.infinity
            for c in clusters.indices where c != own && count[c] > 0 { b = min(b, sum[c] / Double(count[c])) }
            guard b.isFinite else { continue }
            let scale = max(a, b)
            total += scale > 0 ? (b - a) / scale : 0
        }
        return m > 0 ? total / Double(m) : 0
    }
}
