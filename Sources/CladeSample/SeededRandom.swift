/// SplitMix64 (Steele, Lea & Flood 2014). The sample must come out identical on every machine and
/// Swift version, so nothing here calls the standard library's random APIs (whose algorithms are not
/// promised) or libm (whose last bits differ between platforms): only integer arithmetic, `+`, `*`
/// and `/` on doubles.
struct SeededRandom {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    /// An independent stream per label, so that changing one part of the story does not reshuffle
    /// every other part.
    init(seed: UInt64, stream: String) {
        var hash = FNV1a64()
        hash.add(stream)
        state = seed ^ hash.value
        _ = next()
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    mutating func unit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// Uniform in 0..<n (the modulo bias is far below anything the sample could show).
    mutating func int(below n: Int) -> Int {
        precondition(n > 0)
        return Int(next() % UInt64(n))
    }

    mutating func int(in range: ClosedRange<Int>) -> Int {
        range.lowerBound + int(below: range.count)
    }

    mutating func chance(_ p: Double) -> Bool {
        unit() < p
    }

    /// Approximately standard normal: the Irwin–Hall sum of twelve uniforms, which needs no `log`.
    mutating func gaussian() -> Double {
        var sum = 0.0
        for _ in 0..<12 { sum += unit() }
        return sum - 6
    }

    mutating func pick<T>(_ items: [T]) -> T {
        items[int(below: items.count)]
    }

    /// An index drawn with probability proportional to `weights`.
    mutating func index(weights: [Double]) -> Int {
        var total = 0.0
        for w in weights { total += w }
        var target = unit() * total
        for (i, w) in weights.enumerated() {
            target -= w
            if target < 0 { return i }
        }
        return weights.count - 1
    }

    /// Fisher–Yates, written out because `shuffle(using:)` does not promise its algorithm.
    mutating func shuffle<T>(_ items: inout [T]) {
        guard items.count > 1 else { return }
        for i in stride(from: items.count - 1, to: 0, by: -1) {
            items.swapAt(i, int(below: i + 1))
        }
    }
}
