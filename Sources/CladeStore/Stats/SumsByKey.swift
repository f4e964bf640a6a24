/// Sums by non-negative integer key, in an open-addressing table with a multiplicative hash and
/// each key beside its sum: an addition touches one cache line, where a `Dictionary` (seeded
/// SipHash, keys and values apart) costs several times as much.
struct SumsByKey {
    private struct Cell {
        var key: Int64
        var sum: Double
    }

    private static let empty: Int64 = -1
    private var cells = Array(repeating: Cell(key: empty, sum: 0), count: 64)
    private var shift: UInt64 = 64 - 6
    private(set) var count = 0

    mutating func add(_ key: Int64, _ value: Double) {
        precondition(key >= 0)
        let mask = cells.count - 1
        var i = Int(truncatingIfNeeded: (UInt64(bitPattern: key) &* 0x9E37_79B9_7F4A_7C15) >> shift)
        cells.withUnsafeMutableBufferPointer { cells in
            while cells[i].key != Self.empty {
                if cells[i].key == key {
                    cells[i].sum += value
                    return
                }
                i = (i + 1) & mask
            }
            cells[i] = Cell(key: key, sum: value)
            count += 1
        }
        if 4 * count > 3 * cells.count { grow() }
    }

    private mutating func grow() {
        let old = cells
        cells = Array(repeating: Cell(key: Self.empty, sum: 0), count: 2 * old.count)
        shift -= 1
        count = 0
        for cell in old where cell.key != Self.empty { add(cell.key, cell.sum) }
    }

    func forEach(_ body: (Int64, Double) throws -> Void) rethrows {
        for cell in cells where cell.key != Self.empty { try body(cell.key, cell.sum) }
    }
}
