public enum Sparkline {
    /// One character per value, scaled to the largest; zero stays the lowest mark.
    public static func render(_ values: [Double], glyphs: Glyphs, width: Int) -> String {
        guard !values.isEmpty, width > 0 else { return "" }
        let shown = Array(values.suffix(width))
        let top = shown.max() ?? 0
        guard top > 0, top.isFinite else { return String(repeating: glyphs.sparks[0], count: shown.count) }
        let levels = glyphs.sparks.count
        return shown.map { v in
            let level = (v / top) * Double(levels - 1) + 0.5
            return glyphs.sparks[level.isFinite ? min(levels - 1, max(0, Int(level))) : 0]
        }.joined()
    }
}

public enum Bar {
    /// A horizontal bar `width` cells long for a 0–1 fraction, in eighths of a cell.
    public static func render(_ fraction: Double, glyphs: Glyphs, width: Int) -> String {
        guard width > 0 else { return "" }
        let f = fraction.isFinite ? min(max(fraction, 0), 1) : 0
        let eighths = Int((f * Double(width * 8)).rounded())
        let full = eighths / 8
        let rest = eighths % 8
        var out = String(repeating: glyphs.barEighths[8], count: full)
        if full < width {
            out += glyphs.barEighths[rest]
            out += String(repeating: " ", count: width - full - 1)
        }
        return out
    }
}
