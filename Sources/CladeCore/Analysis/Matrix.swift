/// A dense row-major matrix of `Float`: `rows` vectors of `columns` elements, stored contiguously.
public struct Matrix: Equatable, Sendable {
    public let rows: Int
    public let columns: Int
    /// Row-major elements: row `r` occupies `storage[r * columns ..< (r + 1) * columns]`.
    public private(set) var storage: [Float]

    public init(rows: Int, columns: Int, repeating value: Float = 0) {
        precondition(rows >= 0 && columns >= 0, "Matrix: negative shape")
        self.rows = rows
        self.columns = columns
        storage = [Float](repeating: value, count: rows * columns)
    }

    public init(rows: Int, columns: Int, storage: [Float]) {
        precondition(storage.count == rows * columns, "Matrix: \(storage.count) elements for \(rows)×\(columns)")
        self.rows = rows
        self.columns = columns
        self.storage = storage
    }

    /// A matrix whose rows are the given vectors, which must all have the same length.
    public init(rowVectors: [[Float]]) {
        let columns = rowVectors.first?.count ?? 0
        var storage: [Float] = []
        storage.reserveCapacity(rowVectors.count * columns)
        for v in rowVectors {
            precondition(v.count == columns, "Matrix: ragged rows (\(v.count) vs \(columns))")
            storage.append(contentsOf: v)
        }
        self.init(rows: rowVectors.count, columns: columns, storage: storage)
    }

    public subscript(row: Int, column: Int) -> Float {
        get { storage[row * columns + column] }
        set { storage[row * columns + column] = newValue }
    }

    /// A copy of one row.
    public func row(_ r: Int) -> [Float] { Array(storage[r * columns ..< (r + 1) * columns]) }

    public mutating func setRow(_ r: Int, _ values: [Float]) {
        precondition(values.count == columns, "Matrix.setRow: \(values.count) values for \(columns) columns")
        storage.replaceSubrange(r * columns ..< (r + 1) * columns, with: values)
    }

    /// Calls `body` with a pointer to the first element of row `r`.
    @inlinable
    public func withRow<R>(_ r: Int, _ body: (UnsafePointer<Float>) throws -> R) rethrows -> R {
        try storage.withUnsafeBufferPointer { try body($0.baseAddress! + r * columns) }
    }

    /// Mutable access to the whole storage, for kernels that fill many rows.
    public mutating func withUnsafeMutableStorage<R>(_ body: (UnsafeMutableBufferPointer<Float>) throws -> R) rethrows -> R {
        try storage.withUnsafeMutableBufferPointer { try body($0) }
    }

    /// Scales every non-zero row to unit L2 norm.
    public mutating func normalizeRows() {
        let columns = columns
        guard columns > 0 else { return }
        storage.withUnsafeMutableBufferPointer { p in
            for r in 0..<rows { VectorMath.normalize(p.baseAddress! + r * columns, count: columns) }
        }
    }

    /// The L2 norm of each row.
    public func rowNorms() -> [Float] {
        (0..<rows).map { squaredNorm(row: $0).squareRoot() }
    }
}

extension Matrix: VectorRows {
    public var count: Int { rows }
    public var dimension: Int { columns }

    public func dot(row: Int, _ v: UnsafePointer<Float>) -> Float {
        storage.withUnsafeBufferPointer { VectorMath.dot($0.baseAddress! + row * columns, v, count: columns) }
    }

    public func squaredNorm(row: Int) -> Float {
        storage.withUnsafeBufferPointer { p in
            let x = p.baseAddress! + row * columns
            return VectorMath.dot(x, x, count: columns)
        }
    }

    public func add(row: Int, scaledBy alpha: Float, into v: UnsafeMutablePointer<Float>) {
        storage.withUnsafeBufferPointer { VectorMath.addScaled($0.baseAddress! + row * columns, alpha: alpha, into: v, count: columns) }
    }

    public func selecting(rows indices: [Int]) -> Matrix {
        var out: [Float] = []
        out.reserveCapacity(indices.count * columns)
        for r in indices { out.append(contentsOf: storage[r * columns ..< (r + 1) * columns]) }
        return Matrix(rows: indices.count, columns: columns, storage: out)
    }
}
