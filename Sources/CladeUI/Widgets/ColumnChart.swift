/// Vertical bars, one per value, `height` rows tall in eighths of a cell (the sparkline's
/// glyphs), drawn bottom up. A non-zero value always shows at least its lowest mark.
public enum ColumnChart {
    /// The chart's rows, top first; each `values.count × (barWidth + gap)` columns wide.
    public static func rows(_ values: [Double], top: Double? = nil, height: Int, barWidth: Int, gap: Int, glyphs: Glyphs) -> [String] {
        guard height > 0, !values.isEmpty else { return [] }
        let scale = top ?? values.max() ?? 0
        let levels = glyphs.sparks.count
        let eighths = values.map { v -> Int in
            guard scale > 0, v > 0 else { return 0 }
            return max(1, Int((v / scale * Double(height * levels)).rounded()))
        }
        return (0..<height).map { row in
            let fromBottom = height - 1 - row
            return eighths.map { e -> String in
                let filled = min(levels, e - fromBottom * levels)
                let mark = filled <= 0 ? " " : glyphs.sparks[filled - 1]
                return String(repeating: mark, count: barWidth) + String(repeating: " ", count: gap)
            }.joined()
        }
    }
}
