/// A sparse vector: non-zero `values` at strictly increasing `indices`.
public struct SparseVector: Equatable, Sendable {
    public var indices: [Int]
    public var values: [Float]

    public init(indices: [Int] = [], values: [Float] = []) {
        precondition(indices.count == values.count, "SparseVector: \(indices.count) indices, \(values.count) values")
        self.indices = indices
        self.values = values
    }

    public var nonZeroCount: Int { indices.count }

    public var squaredNorm: Float { values.reduce(0) { $0 + $1 * $1 } }

    /// Dot product of two sparse vectors (merge of the sorted index lists).
    public func dot(_ other: SparseVector) -> Float {
        var i = 0, j = 0
        var sum: Float = 0
        while i < indices.count && j < other.indices.count {
            if indices[i] == other.indices[j] {
                sum += values[i] * other.values[j]
                i += 1
                j += 1
            } else if indices[i] < other.indices[j] {
                i += 1
            } else {
                j += 1
            }
        }
        return sum
    }

    /// The vector scaled to unit L2 norm (a zero vector is returned unchanged).
    public func normalized() -> SparseVector {
        let norm = squaredNorm.squareRoot()
        guard norm > 0 else { return self }
        return SparseVector(indices: indices, values: values.map { $0 / norm })
    }
}

/// Sparse rows in compressed sparse row (CSR) layout.
public struct SparseMatrix: Equatable, Sendable {
    public let columns: Int
    /// Row `r`'s non-zeros are at `rowStarts[r] ..< rowStarts[r + 1]` of `columnIndices` and `values`.
    public private(set) var rowStarts: [Int]
    public private(set) var columnIndices: [Int]
    public private(set) var values: [Float]

    public init(columns: Int, rows: [SparseVector] = []) {
        self.columns = columns
        rowStarts = [0]
        columnIndices = []
        values = []
        for r in rows { append(r) }
    }

    public mutating func append(_ row: SparseVector) {
        precondition(row.indices.allSatisfy { $0 >= 0 && $0 < columns }, "SparseMatrix: index out of range")
        columnIndices.append(contentsOf: row.indices)
        values.append(contentsOf: row.values)
        rowStarts.append(columnIndices.count)
    }

    public func row(_ r: Int) -> SparseVector {
        let range = rowStarts[r] ..< rowStarts[r + 1]
        return SparseVector(indices: Array(columnIndices[range]), values: Array(values[range]))
    }
}

extension SparseMatrix: VectorRows {
    public var count: Int { rowStarts.count - 1 }
    public var dimension: Int { columns }

    public func dot(row: Int, _ v: UnsafePointer<Float>) -> Float {
        var sum: Float = 0
        for k in rowStarts[row] ..< rowStarts[row + 1] { sum += values[k] * v[columnIndices[k]] }
        return sum
    }

    public func squaredNorm(row: Int) -> Float {
        var sum: Float = 0
        for k in rowStarts[row] ..< rowStarts[row + 1] { sum += values[k] * values[k] }
        return sum
    }

    public func add(row: Int, scaledBy alpha: Float, into v: UnsafeMutablePointer<Float>) {
        for k in rowStarts[row] ..< rowStarts[row + 1] { v[columnIndices[k]] += alpha * values[k] }
    }

    public func selecting(rows indices: [Int]) -> SparseMatrix {
        var out = SparseMatrix(columns: columns)
        for r in indices { out.append(row(r)) }
        return out
    }
}
