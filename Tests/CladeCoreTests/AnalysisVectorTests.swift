import Testing
@testable import CladeCore

@Suite("Analysis: vectors and matrices")
struct AnalysisVectorTests {
    @Test func dotAndNormalise() {
        let a: [Float] = (0..<37).map { Float($0) }
        let b: [Float] = (0..<37).map { Float(37 - $0) }
        let expected = zip(a, b).reduce(Float(0)) { $0 + $1.0 * $1.1 }
        #expect(VectorMath.dot(a, b) == expected)
        let unit = VectorMath.normalized([3, 4])
        #expect(abs(unit[0] - 0.6) < 1e-6 && abs(unit[1] - 0.8) < 1e-6)
        #expect(VectorMath.normalized([0, 0]) == [0, 0])
    }

    @Test func squaredDistanceMatchesDefinition() {
        let a: [Float] = (0..<19).map { Float($0) * 0.5 }
        let b: [Float] = (0..<19).map { Float($0 % 3) }
        let expected = zip(a, b).reduce(Float(0)) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
        let got = a.withUnsafeBufferPointer { pa in
            b.withUnsafeBufferPointer { VectorMath.squaredDistance(pa.baseAddress!, $0.baseAddress!, count: 19) }
        }
        #expect(abs(got - expected) < 1e-4)
    }

    @Test func matrixRowsAndSelection() {
        var m = Matrix(rowVectors: [[1, 2], [3, 4], [0, 0]])
        #expect(m.rows == 3 && m.columns == 2)
        #expect(m[1, 0] == 3)
        #expect(m.selecting(rows: [2, 0]).storage == [0, 0, 1, 2])
        m.normalizeRows()
        #expect(abs(m.rowNorms()[0] - 1) < 1e-6)
        #expect(m.row(2) == [0, 0])
        #expect(m.rowsAreUnitLength())
    }

    @Test func sparseRowsBehaveLikeDenseRows() {
        let sparse = SparseMatrix(columns: 5, rows: [
            SparseVector(indices: [0, 3], values: [1, 2]),
            SparseVector(indices: [], values: []),
            SparseVector(indices: [1, 3, 4], values: [1, 1, 1]),
        ])
        let dense = Matrix(rowVectors: [[1, 0, 0, 2, 0], [0, 0, 0, 0, 0], [0, 1, 0, 1, 1]])
        let v: [Float] = [1, 2, 3, 4, 5]
        v.withUnsafeBufferPointer { p in
            for r in 0..<3 {
                #expect(sparse.dot(row: r, p.baseAddress!) == dense.dot(row: r, p.baseAddress!))
                #expect(sparse.squaredNorm(row: r) == dense.squaredNorm(row: r))
            }
        }
        #expect(sparse.denseRow(2) == dense.row(2))
        #expect(sparse.selecting(rows: [2]).row(0) == sparse.row(2))
        #expect(sparse.row(0).dot(sparse.row(2)) == 2)
    }

    @Test func seededGeneratorIsDeterministic() {
        var a = SeededGenerator(seed: 42)
        var b = SeededGenerator(seed: 42)
        var c = SeededGenerator(seed: 43)
        let sa = (0..<5).map { _ in a.next() }
        #expect(sa == (0..<5).map { _ in b.next() })
        #expect(sa != (0..<5).map { _ in c.next() })
        let sample = a.sample(10, from: 100)
        #expect(sample.count == 10 && Set(sample).count == 10 && sample == sample.sorted())
    }
}
