/// Number formatting that does not depend on the locale, so screens are the same everywhere.
public enum Format {
    /// `12,345`
    public static func count(_ n: Int) -> String {
        let digits = String(n.magnitude)
        var out = ""
        for (i, ch) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(ch)
        }
        return n < 0 ? "-" + out : out
    }

    /// A weighted volume shown as a whole number of questions (beyond what an Int holds, or not
    /// finite — a pipeline's absurd weights — in scientific notation rather than a trap).
    public static func volume(_ v: Double) -> String {
        guard v.isFinite, abs(v) < 9e18 else { return v.isFinite ? "\(v)" : "—" }
        return count(Int(v.rounded()))
    }

    /// `4.1%` from a 0–1 share; `<0.1%` for tiny non-zero shares.
    public static func percent(_ share: Double, decimals: Int = 1) -> String {
        if share > 0, share * 100 < 0.1, decimals == 1 { return "<0.1%" }
        return fixed(share * 100, decimals) + "%"
    }

    /// `0.71`
    public static func score(_ v: Double?) -> String { v.map { fixed($0, 2) } ?? "—" }

    /// `.71` for scores in 0–1 (fits a 4-column cell), `0.71` style otherwise.
    public static func shortScore(_ v: Double) -> String {
        let text = fixed(v, 2)
        return text.hasPrefix("0.") ? String(text.dropFirst()) : text
    }

    /// Fixed-point with `decimals` places, rounded half away from zero.
    public static func fixed(_ v: Double, _ decimals: Int) -> String {
        guard v.isFinite else { return "—" }
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        guard abs(v) * scale < 9e18 else { return "\(v)" }
        let scaled = (abs(v) * scale).rounded()
        let whole = Int(scaled / scale)
        let frac = Int(scaled) - whole * Int(scale)
        let sign = v < 0 && scaled != 0 ? "-" : ""
        guard decimals > 0 else { return sign + String(whole) }
        let fracText = String(frac)
        return sign + String(whole) + "." + String(repeating: "0", count: decimals - fracText.count) + fracText
    }
}
