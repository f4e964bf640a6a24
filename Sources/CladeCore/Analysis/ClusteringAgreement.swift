import Foundation

/// Agreement between two labelings of the same items (e.g. clusters against true intents).
/// Both measures are symmetric and ignore how the labels are named.
public enum ClusteringAgreement {
    /// Normalised mutual information with the arithmetic-mean normalisation (scikit-learn's
    /// default): I(A;B) / ((H(A) + H(B)) / 2), in 0–1. Two single-cluster labelings score 1.
    public static func normalizedMutualInformation<A: Hashable, B: Hashable>(_ a: [A], _ b: [B]) -> Double {
        let table = Contingency(a, b)
        let n = Double(a.count)
        guard n > 0 else { return 1 }
        if table.rowSums.count == 1 && table.columnSums.count == 1 { return 1 }
        func entropy(_ sums: [Int]) -> Double {
            sums.reduce(0.0) { h, c in
                let p = Double(c) / n
                return h - p * log(p)
            }
        }
        var mutual = 0.0
        for (cell, count) in table.cells {
            let nij = Double(count)
            mutual += nij / n * log(n * nij / (Double(table.rowSums[cell.row]) * Double(table.columnSums[cell.column])))
        }
        let normaliser = (entropy(table.rowSums) + entropy(table.columnSums)) / 2
        return normaliser > 0 ? max(0, min(1, mutual / normaliser)) : 1
    }

    /// Adjusted Rand index (Hubert & Arabie): pair-counting agreement corrected for chance;
    /// 1 for identical partitions, about 0 for independent ones, negative below chance.
    public static func adjustedRandIndex<A: Hashable, B: Hashable>(_ a: [A], _ b: [B]) -> Double {
        let table = Contingency(a, b)
        func pairs(_ x: Int) -> Double { Double(x) * Double(x - 1) / 2 }
        let index = table.cells.values.reduce(0.0) { $0 + pairs($1) }
        let rowPairs = table.rowSums.reduce(0.0) { $0 + pairs($1) }
        let columnPairs = table.columnSums.reduce(0.0) { $0 + pairs($1) }
        let totalPairs = pairs(a.count)
        guard totalPairs > 0 else { return 1 }
        let expected = rowPairs * columnPairs / totalPairs
        let maximum = (rowPairs + columnPairs) / 2
        guard maximum != expected else { return 1 }
        return (index - expected) / (maximum - expected)
    }

    private struct Contingency {
        struct Cell: Hashable {
            var row: Int
            var column: Int
        }
        var cells: [Cell: Int] = [:]
        var rowSums: [Int] = []
        var columnSums: [Int] = []

        init<A: Hashable, B: Hashable>(_ a: [A], _ b: [B]) {
            precondition(a.count == b.count, "agreement: labelings of different lengths (\(a.count) vs \(b.count))")
            var rowIndex: [A: Int] = [:]
            var columnIndex: [B: Int] = [:]
            for (x, y) in zip(a, b) {
                let r: Int
                if let known = rowIndex[x] {
                    r = known
                } else {
                    r = rowSums.count
                    rowIndex[x] = r
                    rowSums.append(0)
                }
                let c: Int
                if let known = columnIndex[y] {
                    c = known
                } else {
                    c = columnSums.count
                    columnIndex[y] = c
                    columnSums.append(0)
                }
                rowSums[r] += 1
                columnSums[c] += 1
                cells[Cell(row: r, column: c), default: 0] += 1
            }
        }
    }
}
