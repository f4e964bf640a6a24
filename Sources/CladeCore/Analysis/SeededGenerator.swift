/// A small, fast, deterministic random number generator (xoshiro256**, seeded through SplitMix64).
///
/// The analysis code uses its own generator so that a seed gives the same clusters on every
/// platform and Swift version (the standard library's generator is neither seedable nor stable).
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var s0: UInt64, s1: UInt64, s2: UInt64, s3: UInt64

    public init(seed: UInt64) {
        var x = seed
        func splitMix() -> UInt64 {
            x &+= 0x9E37_79B9_7F4A_7C15
            var z = x
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        s0 = splitMix()
        s1 = splitMix()
        s2 = splitMix()
        s3 = splitMix()
    }

    public mutating func next() -> UInt64 {
        let result = rotl(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = rotl(s3, 45)
        return result
    }

    /// A uniform double in [0, 1).
    public mutating func nextUnit() -> Double { Double(next() >> 11) * 0x1p-53 }

    /// A uniform integer in 0 ..< upperBound.
    public mutating func nextIndex(below upperBound: Int) -> Int {
        precondition(upperBound > 0, "nextIndex: empty range")
        return Int(next(upperBound: UInt64(upperBound)))
    }

    /// `count` distinct indices of 0 ..< population, in increasing order.
    public mutating func sample(_ count: Int, from population: Int) -> [Int] {
        if count >= population { return Array(0..<population) }
        var pool = Array(0..<population)
        for i in 0..<count { pool.swapAt(i, i + nextIndex(below: population - i)) }
        return pool[0..<count].sorted()
    }

    private func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }
}
