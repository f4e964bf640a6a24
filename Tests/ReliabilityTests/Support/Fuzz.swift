import CladeCore
import Foundation

/// A generated-input fuzzer small enough for CI: each input is a seed with 1–6 random byte-level
/// mutations (bit flips, interesting bytes, dictionary tokens, deletions, duplications,
/// truncation, splicing with another seed, numbers at their limits). Deterministic for a seed
/// (`CLADE_SEED`), bounded by an iteration budget (`CLADE_FUZZ_SCALE` multiplies the
/// defaults; see docs/reliability.md).
///
/// A failure is a trap (the test process dies) or a broken property the target checks. With
/// `CLADE_FUZZ_SAVE=DIR`, every input is written to `DIR/<target>.current` before it runs, so a
/// trap leaves the input that caused it behind; copy it into `FuzzRegressionTests`.
struct Mutator {
    var rng: SeededGenerator
    var dictionary: [[UInt8]]
    var maxSize = 16 << 10

    static let interestingBytes: [UInt8] = [0, 0x01, 0x07, 0x1B, 0x7F, 0x80, 0xC0, 0xED, 0xFE, 0xFF, 0x22, 0x2C, 0x0A, 0x0D, 0x7B, 0x5B, 0x5C, 0x27, 0x3A]
    static let numbers = ["0", "-1", "1", "2147483648", "9223372036854775807", "99999999999999999999", "1e308", "-1e308", "NaN", "inf", "1.5e-320", "-0", "0x10"]
        .map { Array($0.utf8) }

    init(seed: UInt64, dictionary: [String] = []) {
        rng = SeededGenerator(seed: seed)
        self.dictionary = dictionary.map { Array($0.utf8) }
    }

    mutating func below(_ n: Int) -> Int { n <= 1 ? 0 : rng.nextIndex(below: n) }

    mutating func mutate(_ input: [UInt8], others: [[UInt8]]) -> [UInt8] {
        var out = input
        for _ in 0...below(6) { step(&out, others: others) }
        return out.count > maxSize ? Array(out.prefix(maxSize)) : out
    }

    private mutating func step(_ out: inout [UInt8], others: [[UInt8]]) {
        let at = below(out.count + 1)
        switch below(11) {
        case 0 where !out.isEmpty: out[min(at, out.count - 1)] ^= UInt8(1 << below(8))
        case 1 where !out.isEmpty: out[min(at, out.count - 1)] = UInt8(truncatingIfNeeded: rng.next())
        case 2 where !out.isEmpty: out[min(at, out.count - 1)] = Self.interestingBytes[below(Self.interestingBytes.count)]
        case 3 where !dictionary.isEmpty: out.insert(contentsOf: dictionary[below(dictionary.count)], at: at)
        case 4 where !out.isEmpty:
            let end = min(out.count, at + 1 + below(32))
            out.removeSubrange(min(at, out.count - 1)..<end)
        case 5 where !out.isEmpty:
            let start = below(out.count)
            let chunk = out[start..<min(out.count, start + 1 + below(64))]
            out.insert(contentsOf: Array(chunk), at: at)
        case 6: out.removeSubrange(at..<out.count)
        case 7 where !others.isEmpty:
            let other = others[below(others.count)]
            out = Array(out.prefix(at)) + Array(other.suffix(from: min(other.count, below(other.count + 1))))
        case 8:
            // Replace a run of digits (or insert) with a number at its limits.
            var start = at
            while start > 0, start <= out.count, (48...57).contains(out[start - 1]) { start -= 1 }
            var end = at
            while end < out.count, (48...57).contains(out[end]) { end += 1 }
            out.replaceSubrange(start..<end, with: Self.numbers[below(Self.numbers.count)])
        case 9: out.insert(contentsOf: (0..<(1 + below(8))).map { _ in UInt8(truncatingIfNeeded: rng.next()) }, at: at)
        default:
            // Repeat a token many times: long lines, deep nesting.
            if let token = dictionary.isEmpty ? nil : dictionary[below(dictionary.count)] {
                out.insert(contentsOf: Array(repeating: token, count: 1 + below(200)).flatMap { $0 }, at: at)
            }
        }
    }
}

enum Fuzz {
    /// Runs `body` on `iterations` inputs: the seeds themselves first, then mutations of them.
    /// Returns how many inputs ran. `body` may throw: an error is an expected outcome (the input
    /// was refused); only traps and `#expect` failures count as findings.
    @discardableResult
    static func run(_ target: String, seeds: [[UInt8]], dictionary: [String] = [], iterations: Int, body: ([UInt8], inout Mutator) throws -> Void) -> Int {
        var mutator = Mutator(seed: Budget.seed ^ UInt64(truncatingIfNeeded: target.hashValueStable), dictionary: dictionary)
        let save = ProcessInfo.processInfo.environment["CLADE_FUZZ_SAVE"]
        var count = 0
        for i in 0..<max(iterations, seeds.count) {
            let input = i < seeds.count ? seeds[i] : mutator.mutate(seeds[mutator.below(seeds.count)], others: seeds)
            if let save { try? Data(input).write(to: URL(fileURLWithPath: save).appendingPathComponent("\(target).current")) }
            _ = try? body(input, &mutator)
            count += 1
        }
        Fuzz.report(target, count)
        return count
    }

    static func iterations(_ base: Int) -> Int { base * Budget.value("CLADE_FUZZ_SCALE", default: 1) }

    /// One line per target, for the figures in docs/reliability.md.
    static func report(_ target: String, _ count: Int) {
        print("fuzz \(target): \(count) inputs, seed \(Budget.seed), no trap")
    }
}

extension String {
    /// FNV-1a: a hash that is the same in every process (`hashValue` is not).
    var hashValueStable: UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for b in utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01B3 }
        return h
    }
}
