/// A set of row vectors the clustering code can work on, dense (`Matrix`) or sparse (`SparseMatrix`).
///
/// Centroids are always dense, so every operation takes or fills a dense vector of `dimension`
/// elements; a sparse row then costs only its non-zeros.
public protocol VectorRows: Sendable {
    /// Number of rows.
    var count: Int { get }
    /// Length of each row.
    var dimension: Int { get }
    /// row · v, where `v` points at `dimension` elements.
    func dot(row: Int, _ v: UnsafePointer<Float>) -> Float
    /// row · row.
    func squaredNorm(row: Int) -> Float
    /// v += alpha · row.
    func add(row: Int, scaledBy alpha: Float, into v: UnsafeMutablePointer<Float>)
    /// The given rows, in the given order.
    func selecting(rows: [Int]) -> Self
}

extension VectorRows {
    /// A dense copy of one row.
    public func denseRow(_ row: Int) -> [Float] {
        var out = [Float](repeating: 0, count: dimension)
        out.withUnsafeMutableBufferPointer { p in
            if let base = p.baseAddress { add(row: row, scaledBy: 1, into: base) }
        }
        return out
    }

    /// Whether every non-zero row has unit L2 norm (within `tolerance`).
    public func rowsAreUnitLength(tolerance: Float = 1e-3) -> Bool {
        for r in 0..<count {
            let n = squaredNorm(row: r)
            if n != 0 && abs(n - 1) > tolerance { return false }
        }
        return true
    }
}
