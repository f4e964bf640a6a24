import CladeCore

/// View 6, the selected cluster's charts: questions per week (bars) with satisfaction per week
/// (a braille line against the threshold), and the relevance histogram with the low-relevance
/// threshold marked. j/k step through the clusters as in the Clusters pane.
enum ChartsView {
    static func draw(_ screen: inout Screen, state: AppState, theme: Theme, rect: Rect) {
        let data = state.dataset
        guard let cluster = state.selectedCluster else {
            screen.box(rect, title: "6 Charts", focused: true, theme: theme)
            screen.put("No cluster selected.", x: rect.x + 2, y: rect.y + 1, style: .dim)
            return
        }
        let segment = data.segment(of: cluster)
        let path = (data.ancestors(of: cluster.id).compactMap { data.cluster($0)?.name } + [cluster.name]).joined(separator: " › ")
        screen.box(rect, title: "6 Charts · " + path, focused: true, theme: theme, rightTitle: "j/k next cluster")
        let inner = rect.inset(by: 1)
        guard inner.width > 20, inner.height > 4 else { return }
        let x = inner.x + 1
        let width = inner.width - 2
        screen.put(data.figures(of: cluster), x: x, y: inner.y, maxWidth: width, style: .normal)
        var sx = x
        sx += screen.put(segment.code(separator: theme.glyphs.segmentSeparator) + " " + segment.reading, x: sx, y: inner.y + 1, maxWidth: width, style: ClustersView.segmentStyle(segment))
        if let action = cluster.action ?? segment.defaultAction {
            screen.put(" \(theme.glyphs.arrow) " + action.title, x: sx, y: inner.y + 1, maxWidth: x + width - sx, style: .accent)
        }
        let area = Rect(x: x, y: inner.y + 3, width: width, height: inner.maxY - inner.y - 3)
        guard let charts = state.charts, charts.query.clusterID == cluster.id else {
            screen.put("Loading the charts…", x: x, y: area.y, style: .dim)
            return
        }
        if area.width >= 50 {
            let left = area.width * 56 / 100
            WeeklyChart.draw(&screen, charts: charts, thresholds: data.thresholds, theme: theme, rect: Rect(x: area.x, y: area.y, width: left, height: area.height))
            RelevanceHistogram.draw(&screen, charts: charts, thresholds: data.thresholds, theme: theme, rect: Rect(x: area.x + left + 2, y: area.y, width: area.width - left - 2, height: area.height))
        } else {
            let top = max(8, area.height * 55 / 100)
            WeeklyChart.draw(&screen, charts: charts, thresholds: data.thresholds, theme: theme, rect: Rect(x: area.x, y: area.y, width: area.width, height: min(top, area.height)))
            RelevanceHistogram.draw(&screen, charts: charts, thresholds: data.thresholds, theme: theme, rect: Rect(x: area.x, y: area.y + top + 1, width: area.width, height: area.height - top - 1))
        }
    }
}

/// Questions per week as columns, then satisfaction per week as a line under them, on the same
/// week axis.
enum WeeklyChart {
    static let labelWidth = 5

    static func draw(_ screen: inout Screen, charts: ClusterCharts, thresholds: Thresholds, theme: Theme, rect: Rect) {
        let weeks = charts.weeks
        guard !weeks.isEmpty, rect.height >= 6, rect.width > labelWidth + weeks.count else {
            if rect.height > 0 { screen.put("No dated questions to chart.", x: rect.x, y: rect.y, maxWidth: rect.width, style: .dim) }
            return
        }
        let g = theme.glyphs
        let barWidth = max(1, min(4, (rect.width - labelWidth - 1) / weeks.count - 1))
        let step = barWidth + 1
        let chartX = rect.x + labelWidth + 1
        let available = rect.height - 3
        let barRows = max(2, available * 55 / 100)
        let lineRows = max(2, available - barRows)
        var y = rect.y
        let volumes = weeks.map(\.volume)
        let top = volumes.max() ?? 0
        screen.put("Questions per week", x: rect.x, y: y, maxWidth: rect.width, style: .title)
        y += 1
        for (i, row) in ColumnChart.rows(volumes, height: barRows, barWidth: barWidth, gap: 1, glyphs: g).enumerated() {
            let label = i == 0 ? Format.volume(top) : (i == barRows - 1 ? "0" : "")
            screen.cell(label, x: rect.x, y: y + i, width: labelWidth, style: .dim, alignRight: true)
            screen.put(g.vertical, x: chartX - 1, y: y + i, style: .border)
            screen.put(row, x: chartX, y: y + i, maxWidth: rect.maxX - chartX, style: .accent)
        }
        y += barRows
        // Week starts (MM-DD) under the columns, as many as fit without touching.
        var nextFree = chartX
        for (i, week) in weeks.enumerated() {
            let label = String(week.start.dropFirst(5))
            let lx = chartX + i * step
            guard lx >= nextFree, lx + label.count <= rect.maxX else { continue }
            screen.put(label, x: lx, y: y, style: .dim)
            nextFree = lx + label.count + 1
        }
        y += 1
        let low = thresholds.satisfactionLow
        var title = rect.x
        title += screen.put("Satisfied per week ", x: title, y: y, maxWidth: rect.width, style: .title)
        screen.put("\(g.dottedRule)\(g.dottedRule) \(Format.percent(low, decimals: 0)) threshold · weeks with < \(ClusterCharts.minWeeklyRatings) ratings left out", x: title, y: y, maxWidth: rect.maxX - title, style: .dim)
        y += 1
        var plot = LinePlot(width: weeks.count * step, height: lineRows, glyphs: g)
        var previous: (x: Int, y: Int)?
        for (i, week) in weeks.enumerated() {
            guard let s = week.satisfaction else { previous = nil; continue }
            let point = (x: plot.dotX(column: Double(i * step) + Double(barWidth) / 2), y: plot.dotY(s))
            if let p = previous { plot.line(from: p, to: point) } else { plot.set(point.x, point.y) }
            previous = point
        }
        let ruleRow = plot.cellRow(low)
        for (i, row) in plot.rows(plotPoint: g.plotPoint).enumerated() {
            let label = i == 0 ? "100%" : (i == lineRows - 1 ? "0%" : (i == ruleRow ? Format.percent(low, decimals: 0) : ""))
            screen.cell(label, x: rect.x, y: y + i, width: labelWidth, style: .dim, alignRight: true)
            screen.put(g.vertical, x: chartX - 1, y: y + i, style: .border)
            for (j, ch) in row.enumerated() where chartX + j < rect.maxX {
                if ch != " " {
                    screen.put(String(ch), x: chartX + j, y: y + i, style: low > 0 && i >= ruleRow ? .bad : .good)
                } else if i == ruleRow {
                    screen.put(g.dottedRule, x: chartX + j, y: y + i, style: .dim)
                }
            }
        }
    }
}

/// How the cluster's questions spread over relevance, highest at the top, with the
/// low-relevance threshold drawn between the bins.
enum RelevanceHistogram {
    static func draw(_ screen: inout Screen, charts: ClusterCharts, thresholds: Thresholds, theme: Theme, rect: Rect) {
        guard rect.height >= 3, rect.width >= 20 else { return }
        let g = theme.glyphs
        screen.put("Relevance of its questions", x: rect.x, y: rect.y, maxWidth: rect.width, style: .title)
        let total = charts.relevanceBins.reduce(0, +) + charts.withoutRelevance
        // Ten bins of 0.1 when there is room for them and the threshold line, else five of 0.2.
        let merge = rect.height - 2 >= ClusterCharts.relevanceBinCount + 1 ? 1 : 2
        let bins = stride(from: 0, to: ClusterCharts.relevanceBinCount, by: merge).map { i in
            (low: Double(i) / 10, high: Double(i + merge) / 10, volume: charts.relevanceBins[i..<min(i + merge, ClusterCharts.relevanceBinCount)].reduce(0, +))
        }
        let top = bins.map(\.volume).max() ?? 0
        let labelWidth = 8
        let pctWidth = 5
        let barWidth = max(1, rect.width - labelWidth - pctWidth - 1)
        var y = rect.y + 1
        var ruleDrawn = false
        for bin in bins.reversed() where y < rect.maxY {
            // The rule goes above the first bin wholly under the threshold; a bin it cuts is a warning.
            let isLow = bin.high <= thresholds.relevanceLow + 1e-9
            let straddles = !isLow && bin.low < thresholds.relevanceLow
            if isLow, !ruleDrawn {
                let rule = " low below \(Format.score(thresholds.relevanceLow)) "
                screen.put(String(repeating: g.dottedRule, count: labelWidth - 1) + rule + String(repeating: g.dottedRule, count: max(0, rect.width - labelWidth - 1 - TextWidth.width(of: rule))),
                           x: rect.x, y: y, maxWidth: rect.width, style: .dim)
                ruleDrawn = true
                y += 1
                guard y < rect.maxY else { break }
            }
            screen.put("\(Format.fixed(bin.low, 1))–\(Format.fixed(bin.high, 1))", x: rect.x, y: y, style: .dim)
            screen.put(Bar.render(top > 0 ? bin.volume / top : 0, glyphs: g, width: barWidth), x: rect.x + labelWidth, y: y, style: isLow ? .bad : (straddles ? .warn : .accent))
            let pct = total > 0 ? Format.percent(bin.volume / total, decimals: 0) : "—"
            screen.cell(pct, x: rect.maxX - pctWidth, y: y, width: pctWidth, style: .normal, alignRight: true)
            y += 1
        }
        if charts.withoutRelevance > 0, y < rect.maxY, total > 0 {
            screen.put("no score: \(Format.percent(charts.withoutRelevance / total, decimals: 0))", x: rect.x, y: y, maxWidth: rect.width, style: .dim)
        }
    }
}
