/// Cluster centres and the rows nearest to them.
public enum Centroids {
    /// The centroid of each cluster 0 ..< k: the mean of its rows, or their normalised sum when
    /// `normalized` (the spherical k-means centre). Rows with a negative label are skipped; an empty
    /// cluster gets a zero row.
    public static func compute<Rows: VectorRows>(_ data: Rows, labels: [Int], k: Int, normalized: Bool) -> Matrix {
        precondition(labels.count == data.count, "centroids: \(labels.count) labels for \(data.count) rows")
        let d = data.dimension
        var sums = Matrix(rows: k, columns: d)
        var sizes = [Int](repeating: 0, count: k)
        sums.withUnsafeMutableStorage { p in
            for (i, l) in labels.enumerated() where l >= 0 {
                data.add(row: i, scaledBy: 1, into: p.baseAddress! + l * d)
                sizes[l] += 1
            }
        }
        finish(&sums, sizes: sizes, normalized: normalized)
        return sums
    }

    /// Turns per-cluster sums into centroids: unit length when `normalized` (spherical), else
    /// the mean. Empty clusters keep their row as it is.
    static func finish(_ sums: inout Matrix, sizes: [Int], normalized: Bool) {
        let d = sums.columns, rows = sums.rows
        sums.withUnsafeMutableStorage { p in
            for c in 0..<rows where sizes[c] > 0 {
                let row = p.baseAddress! + c * d
                if normalized {
                    VectorMath.normalize(row, count: d)
                } else {
                    let inverse = 1 / Float(sizes[c])
                    for j in 0..<d { row[j] *= inverse }
                }
            }
        }
    }

    /// The members of each cluster nearest to its centroid (highest cosine when `spherical`,
    /// else smallest Euclidean distance), at most `count` per cluster, nearest first.
    public static func mostCentral<Rows: VectorRows>(
        _ data: Rows, labels: [Int], centroids: Matrix, count: Int, spherical: Bool = true
    ) -> [[Int]] {
        precondition(labels.count == data.count, "most central: \(labels.count) labels for \(data.count) rows")
        let d = data.dimension
        var scored = [[(row: Int, score: Float)]](repeating: [], count: centroids.rows)
        centroids.withRow(0) { base in
            for (i, l) in labels.enumerated() where l >= 0 {
                let c = base + l * d
                let dot = data.dot(row: i, c)
                let score = spherical ? dot : 2 * dot - data.squaredNorm(row: i) - VectorMath.dot(c, c, count: d)
                scored[l].append((i, score))
            }
        }
        return scored.map { members in
            members.sorted { $0.score != $1.score ? $0.score > $1.score : $0.row < $1.row }.prefix(count).map(\.row)
        }
    }
}
