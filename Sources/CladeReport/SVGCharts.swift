import CladeCore

/// Inline SVG charts for the HTML report. Each is labelled in text (title, axes, values), marks
/// what is below a threshold with a pattern and a dashed rule as well as a colour, and takes an
/// `id` prefix so several charts can share one page.
enum SVGCharts {
    /// Questions per week as bars, satisfaction per week as a line with markers (right axis),
    /// the satisfaction threshold dashed.
    static func weekly(_ charts: ClusterCharts, thresholds: Thresholds, id: String) -> String {
        let weeks = charts.weeks
        guard !weeks.isEmpty else { return "" }
        let w = 560.0, h = 190.0, left = 44.0, right = 44.0, top = 14.0, bottom = 30.0
        let plotW = w - left - right, plotH = h - top - bottom
        let step = plotW / Double(weeks.count)
        let maxVolume = max(1, weeks.map(\.volume).max() ?? 1)
        var svg = open(w, h, id: id, title: "Questions and satisfaction per week",
                       desc: "Bars: questions per week, up to \(Format.volume(maxVolume)). Line with dots: share satisfied per week (weeks with fewer than \(ClusterCharts.minWeeklyRatings) ratings are left out). Dashed line: the \(Format.percent(thresholds.satisfactionLow, decimals: 0)) threshold.")
        svg += axis(x1: left, y1: top + plotH, x2: left + plotW, y2: top + plotH)
        svg += label(Format.volume(maxVolume), x: left - 6, y: top + 4, anchor: "end")
        svg += label("0", x: left - 6, y: top + plotH, anchor: "end")
        svg += label("100%", x: left + plotW + 6, y: top + 4, anchor: "start")
        svg += label("0%", x: left + plotW + 6, y: top + plotH, anchor: "start")
        for (i, week) in weeks.enumerated() {
            let bh = week.volume / maxVolume * plotH
            svg += "<rect class=\"bar\" x=\"\(n(left + Double(i) * step + step * 0.15))\" y=\"\(n(top + plotH - bh))\" width=\"\(n(step * 0.7))\" height=\"\(n(bh))\"><title>\(week.start): \(Format.volume(week.volume)) questions</title></rect>"
            if i % 2 == 0 { svg += label(String(week.start.dropFirst(5)), x: left + Double(i) * step + step / 2, y: h - 10, anchor: "middle") }
        }
        let ty = top + plotH * (1 - thresholds.satisfactionLow)
        svg += "<line class=\"threshold\" x1=\"\(n(left))\" y1=\"\(n(ty))\" x2=\"\(n(left + plotW))\" y2=\"\(n(ty))\"/>"
        svg += label(Format.percent(thresholds.satisfactionLow, decimals: 0), x: left + plotW + 6, y: ty + 4, anchor: "start")
        var run: [String] = []
        func flush() {
            if run.count > 1 { svg += "<polyline class=\"line\" points=\"\(run.joined(separator: " "))\"/>" }
            run = []
        }
        for (i, week) in weeks.enumerated() {
            guard let s = week.satisfaction else { flush(); continue }
            let x = left + Double(i) * step + step / 2, y = top + plotH * (1 - s)
            run.append("\(n(x)),\(n(y))")
        }
        flush()
        for (i, week) in weeks.enumerated() {
            guard let s = week.satisfaction else { continue }
            let x = left + Double(i) * step + step / 2, y = top + plotH * (1 - s)
            svg += "<circle class=\"\(s < thresholds.satisfactionLow ? "dot low" : "dot")\" cx=\"\(n(x))\" cy=\"\(n(y))\" r=\"3.5\"><title>\(week.start): \(Format.percent(s, decimals: 0)) satisfied of \(week.ratedRows) rated</title></circle>"
        }
        return svg + "</svg>"
    }

    /// The share of the cluster's questions in each tenth of relevance; bins under the threshold
    /// hatched, the threshold dashed.
    static func histogram(_ charts: ClusterCharts, thresholds: Thresholds, id: String) -> String {
        let bins = charts.relevanceBins
        let total = bins.reduce(0, +) + charts.withoutRelevance
        guard total > 0 else { return "" }
        let w = 340.0, h = 190.0, left = 36.0, right = 10.0, top = 14.0, bottom = 30.0
        let plotW = w - left - right, plotH = h - top - bottom
        let step = plotW / Double(bins.count)
        let maxShare = max(0.01, (bins.map { $0 / total }.max() ?? 0))
        var svg = open(w, h, id: id, title: "Relevance of the cluster's questions",
                       desc: "Share of questions in each tenth of relevance. Hatched bars: below the \(Format.score(thresholds.relevanceLow)) threshold (dashed).")
        svg += "<defs><pattern id=\"\(id)-hatch\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" class=\"hatch-bg\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" class=\"hatch\"/></pattern></defs>"
        svg += axis(x1: left, y1: top + plotH, x2: left + plotW, y2: top + plotH)
        svg += label(Format.percent(maxShare, decimals: 0), x: left - 4, y: top + 4, anchor: "end")
        svg += label("0%", x: left - 4, y: top + plotH, anchor: "end")
        for (i, v) in bins.enumerated() {
            let share = v / total
            let bh = share / maxShare * plotH
            let low = Double(i + 1) / 10 <= thresholds.relevanceLow + 1e-9
            // A style attribute: the stylesheet's bar colour would win over a fill attribute.
            let fill = low ? " style=\"fill: url(#\(id)-hatch)\"" : ""
            svg += "<rect class=\"\(low ? "bar low" : "bar")\"\(fill) x=\"\(n(left + Double(i) * step + 2))\" y=\"\(n(top + plotH - bh))\" width=\"\(n(step - 4))\" height=\"\(n(bh))\"><title>\(Format.fixed(Double(i) / 10, 1))–\(Format.fixed(Double(i + 1) / 10, 1)): \(Format.percent(share, decimals: 0))</title></rect>"
            if i % 2 == 0 { svg += label(Format.fixed(Double(i) / 10, 1), x: left + Double(i) * step, y: h - 10, anchor: "middle") }
        }
        svg += label("1.0", x: left + plotW, y: h - 10, anchor: "middle")
        let tx = left + plotW * min(1, max(0, thresholds.relevanceLow))
        svg += "<line class=\"threshold\" x1=\"\(n(tx))\" y1=\"\(n(top))\" x2=\"\(n(tx))\" y2=\"\(n(top + plotH))\"/>"
        return svg + "</svg>"
    }

    /// One horizontal bar per segment cell: the share of all questions in it.
    static func segmentShares(_ grid: SegmentGrid, id: String) -> String {
        let cells = grid.allCells.filter { !$0.clusterIDs.isEmpty }
        let row = 24.0, left = 230.0, w = 560.0
        let h = Double(cells.count) * row + 10
        let top = max(0.01, cells.map(\.share).max() ?? 0)
        var svg = open(w, h, id: id, title: "Share of questions per segment", desc: "One bar per segment cell, labelled with its code, reading and share.")
        for (i, cell) in cells.enumerated() {
            let y = 5 + Double(i) * row
            let bw = cell.share / top * (w - left - 60)
            let name = cell.segment.isJudged ? cell.segment.code() + " " + cell.segment.reading : "?·?·? not judged yet"
            svg += label(name, x: left - 8, y: y + 16, anchor: "end")
            svg += "<rect class=\"bar \(cssClass(cell.segment))\" x=\"\(n(left))\" y=\"\(n(y + 4))\" width=\"\(n(bw))\" height=\"\(n(row - 8))\"/>"
            svg += label(Format.percent(cell.share), x: left + bw + 6, y: y + 16, anchor: "start")
        }
        return svg + "</svg>"
    }

    static func cssClass(_ s: Segment) -> String {
        if s.isDangerZone { return "danger" }
        if !s.isJudged { return "unjudged" }
        if s.satisfaction == .low || s.relevance == .low { return "warn" }
        return "ok"
    }

    static func open(_ w: Double, _ h: Double, id: String, title: String, desc: String) -> String {
        // Whole-number width and height, and the accessible name as aria-label, keep HTML
        // validators (tidy) quiet; the title and description are there for tooltips and readers.
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" id=\"\(id)\" viewBox=\"0 0 \(Int(w.rounded())) \(Int(h.rounded()))\" width=\"\(Int(w.rounded()))\" height=\"\(Int(h.rounded()))\" role=\"img\" aria-label=\"\(HTMLReport.escape(title + ". " + desc))\">"
            + "<title>\(HTMLReport.escape(title))</title><desc>\(HTMLReport.escape(desc))</desc>"
    }

    static func axis(x1: Double, y1: Double, x2: Double, y2: Double) -> String {
        "<line class=\"axis\" x1=\"\(n(x1))\" y1=\"\(n(y1))\" x2=\"\(n(x2))\" y2=\"\(n(y2))\"/>"
    }

    static func label(_ text: String, x: Double, y: Double, anchor: String) -> String {
        "<text x=\"\(n(x))\" y=\"\(n(y))\" text-anchor=\"\(anchor)\">\(HTMLReport.escape(text))</text>"
    }

    /// Coordinates with one decimal, locale-free.
    static func n(_ v: Double) -> String { Format.fixed(v, 1) }
}
