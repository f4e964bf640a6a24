@testable import CladeCore

/// Synthetic data with a known answer, shared by the analysis tests.
enum AnalysisFixtures {
    /// `clusters` blobs of `perCluster` unit vectors in `dimension` dimensions: blob c is spread
    /// around basis vector c with Gaussian-ish noise of size `noise`. Rows are interleaved so that
    /// the labels are not sorted.
    static func blobs(clusters: Int, perCluster: Int, dimension: Int, noise: Float = 0.15, seed: UInt64 = 7) -> (data: Matrix, labels: [Int]) {
        var rng = SeededGenerator(seed: seed)
        var rows: [[Float]] = []
        var labels: [Int] = []
        for i in 0..<perCluster {
            for c in 0..<clusters {
                var v = (0..<dimension).map { _ in noise * gaussian(&rng) }
                v[c] += 1
                rows.append(VectorMath.normalized(v))
                labels.append(c)
                _ = i
            }
        }
        return (Matrix(rowVectors: rows), labels)
    }

    static func gaussian(_ rng: inout SeededGenerator) -> Float {
        // Sum of uniforms: close enough to normal for test data, and deterministic.
        var s = 0.0
        for _ in 0..<6 { s += rng.nextUnit() }
        return Float(s - 3) / 0.7071
    }
}
