/// Figures shown beside the segment they decide: a value classed below a threshold must not read
/// as reaching it. Rounding half up shows a 3.97% share as "4.0%" while "Volume ≥ 4.0%" classes
/// it low; here such a value gets one more decimal, truncated ("3.97%", never "4.00%"). Values
/// at or above the threshold, and all others, round as `Format` rounds.
extension Format {
    public static func percent(_ share: Double, decimals: Int = 1, below threshold: Double) -> String {
        let text = percent(share, decimals: decimals)
        guard share < threshold, share * 100 >= 0.1 || decimals != 1, crosses(share * 100, decimals, threshold * 100) else { return text }
        return truncated(share * 100, decimals + 1) + "%"
    }

    public static func score(_ v: Double?, below threshold: Double) -> String {
        guard let v else { return score(nil) }
        return v < threshold && crosses(v, 2, threshold) ? truncated(v, 3) : score(v)
    }

    public static func shortScore(_ v: Double, below threshold: Double) -> String {
        let text = score(v, below: threshold)
        return text.hasPrefix("0.") ? String(text.dropFirst()) : text
    }

    /// Whether `v` (under `threshold`) rounds to a figure at or past it.
    static func crosses(_ v: Double, _ decimals: Int, _ threshold: Double) -> Bool {
        guard let shown = Double(fixed(v, decimals)) else { return false }
        return shown >= threshold - 1e-12
    }

    /// `v` cut (not rounded) to `decimals` places.
    static func truncated(_ v: Double, _ decimals: Int) -> String {
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        return fixed((v * scale + 1e-9).rounded(.down) / scale, decimals)
    }
}

extension Dataset {
    /// A cluster's share of all questions, against the volume threshold.
    public func shareText(of c: Cluster) -> String { Format.percent(volumeShare(of: c), below: thresholds.volumeHighShare) }

    /// `0.36` (`.36` short), against the relevance threshold; `—` without scores.
    public func relevanceText(of c: Cluster, short: Bool = false) -> String {
        guard let r = c.stats.meanRelevance else { return "—" }
        return short ? Format.shortScore(r, below: thresholds.relevanceLow) : Format.score(r, below: thresholds.relevanceLow)
    }

    /// `21%`, against the satisfaction threshold; `—` without ratings.
    public func satisfactionText(of c: Cluster) -> String {
        c.stats.satisfaction.map { Format.percent($0, decimals: 0, below: thresholds.satisfactionLow) } ?? "—"
    }
}
