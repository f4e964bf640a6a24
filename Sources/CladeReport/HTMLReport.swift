import CladeCore
import Foundation

/// The report as one self-contained HTML5 file: inline CSS and SVG, no script, no network.
public enum HTMLReport {
    public static func render(_ r: Report) -> String {
        var body: [String] = []
        body.append("<header><h1>Review of \(escape(r.title))</h1>")
        body.append("<p class=\"meta\">\(escape(r.generatedAt)) · <span class=\"code\">\(escape(r.databaseName))</span> · \(escape(r.runLine)) · \(escape(r.headline))</p></header>")
        body.append("<main>")
        body.append(summary(r))
        body.append(section("method", "Method", r.methodParagraphs.map { "<p>\(escape($0))</p>" }.joined()))
        body.append(segments(r))
        body.append(section("clusters", "The clusters that matter",
                            r.clusters.isEmpty ? "<p>Every cluster is doing well or works for the few who use it.</p>" : r.clusters.enumerated().map { cluster(r, $0.element, number: $0.offset + 1) }.joined()))
        body.append(decisions(r))
        body.append(priorities(r))
        body.append(gaps(r))
        body.append(section("changes", "What changed since the pipeline run", "<ul>" + MarkdownReport.changes(r.changes, escaping: escape).map { "<li>\($0)</li>" }.joined() + "</ul>"))
        body.append("</main>")
        body.append("<footer>Made by Clade from the reviewed state of <span class=\"code\">\(escape(r.databaseName))</span>. Figures are weighted; the same computations drive the screens.</footer>")
        return """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Review of \(escape(r.title))</title>
            <style>
            \(HTMLStyle.css)
            </style>
            </head>
            <body>
            \(body.joined(separator: "\n"))
            </body>
            </html>

            """
    }

    static func summary(_ r: Report) -> String {
        var html = table(nil, r.summaryRows.map { [escape($0.0), escape($0.1)] }, classes: "summary")
        if !r.keyFindings.isEmpty {
            html += "<h3>Read first</h3><ol>" + r.keyFindings.map { "<li>\(escape($0))</li>" }.joined() + "</ol>"
        }
        html += "<figure>\(SVGCharts.segmentShares(r.grid, id: "shares"))<figcaption>Share of all questions in each segment.</figcaption></figure>"
        return section("summary", "Summary", html)
    }

    static func segments(_ r: Report) -> String {
        var html = "<p>Thresholds: \(escape(r.dataset.thresholds.summary)). Codes read volume · relevance · satisfaction; H high, L low.</p>"
        let sat = ThresholdKey.satisfactionLow.display(r.dataset.thresholds)
        html += "<table class=\"grid\"><thead><tr><th scope=\"col\">Satisfied (≥ \(escape(sat)))</th><th scope=\"col\">Not satisfied (&lt; \(escape(sat)))</th></tr></thead><tbody>"
        for row in 0..<4 {
            html += "<tr>" + [r.grid.cells[2 * row], r.grid.cells[2 * row + 1]].map { gridCell(r, $0) }.joined() + "</tr>"
        }
        html += "</tbody></table>"
        let unjudged = r.grid.unjudged.clusterIDs.compactMap(r.dataset.cluster).map(\.name)
        html += "<p>Not judged yet (fewer than \(escape(ThresholdKey.minRatings.display(r.dataset.thresholds))), or no relevance): "
            + (unjudged.isEmpty ? "none." : escape(unjudged.joined(separator: ", ")) + ".") + "</p>"
        html += "<h3>Every cluster, cell by cell</h3>"
        html += table(["Cluster", "Segment", "#Questions", "#Share", "#Relevance", "#Satisfied", "#Rated", "Action", "P", "Owner"], r.leavesInGridOrder.map { c in
            let s = r.dataset.segment(of: c)
            return [escape(c.name + c.disposition.mark), "<span class=\"code \(SVGCharts.cssClass(s))\">\(s.code())</span>", Format.volume(c.stats.volume), r.share(c),
                    r.relevance(c), r.satisfaction(c), Format.count(c.stats.ratedRows), escape(r.action(c)), c.priority.map { "P\($0)" } ?? "", escape(r.owner(c.id))]
        })
        return section("segments", "Segments", html)
    }

    static func gridCell(_ r: Report, _ cell: SegmentGrid.Cell) -> String {
        let s = cell.segment
        let names = cell.clusterIDs.compactMap(r.dataset.cluster).map { "<li>\(escape($0.name)) <span class=\"muted\">\(r.share($0))</span></li>" }
        let head = "<span class=\"code \(SVGCharts.cssClass(s))\">\(s.code())</span> <span class=\"cell-head\">\(escape(s.reading))</span>"
        let action = "<br><span class=\"muted\">→ \(escape(s.defaultAction?.title ?? ""))</span>"
        let figures = cell.clusterIDs.isEmpty ? "" : " <span class=\"muted\">· \(cell.figures)</span>"
        return "<td\(s.isDangerZone ? " class=\"danger-cell\"" : "")>\(head)\(figures)\(action)" + (names.isEmpty ? "" : "<ul>\(names.joined())</ul>") + "</td>"
    }

    static func cluster(_ r: Report, _ s: Report.ClusterSection, number: Int) -> String {
        let c = s.cluster
        let id = "c\(number)"
        var html = "<article class=\"cluster\" id=\"cluster-\(c.id < 0 ? "x\(c.id.magnitude)" : String(c.id))\">"
        html += "<h3>\(number). \(escape(c.name)) — <span class=\"code \(SVGCharts.cssClass(s.segment))\">\(s.segment.code())</span> \(escape(s.segment.isJudged ? s.segment.reading : "not judged yet"))</h3>"
        html += "<p><strong>\(escape(s.path))</strong> · \(escape(r.dataset.figures(of: c)))</p>"
        var facts = r.decisionFacts(c).map(escape)
        if let low = r.lowRelevanceShare(s) { facts.append("\(Format.percent(low, decimals: 0)) of its questions retrieve below \(Format.score(r.dataset.thresholds.relevanceLow))") }
        html += "<ul>" + facts.map { "<li>\($0)</li>" }.joined() + "</ul>"
        if !c.note.isEmpty { html += "<blockquote>\(escape(c.note))</blockquote>" }
        html += "<div class=\"charts\">"
        html += "<figure>\(SVGCharts.weekly(s.charts, thresholds: r.dataset.thresholds, id: "\(id)-weekly"))<figcaption>Questions (bars) and satisfaction (line) per week, from \(escape(s.charts.weeks.first?.start ?? ""))</figcaption></figure>"
        html += "<figure>\(SVGCharts.histogram(s.charts, thresholds: r.dataset.thresholds, id: "\(id)-relevance"))<figcaption>Relevance of its questions</figcaption></figure>"
        html += "</div>"
        if s.examples.isEmpty {
            html += "<p class=\"muted\">No thumbs-down question to show.</p>"
        } else {
            html += "<p>Worst-rated questions:</p>" + table(["#Relevance", "Asked", "Question"], s.examples.map { [Format.score($0.relevance), escape($0.day ?? "—"), escape($0.text)] })
        }
        return html + "</article>"
    }

    static func decisions(_ r: Report) -> String {
        var html = ""
        let notes = r.dataset.clusters.filter { !$0.note.isEmpty }
        if !notes.isEmpty {
            html += "<h3>Reviewer notes</h3><ul>" + notes.map { "<li><strong>\(escape($0.name))</strong> (\(escape(r.owner($0.id)))): \(escape($0.note))</li>" }.joined() + "</ul>"
        }
        html += "<h3>Decisions in force</h3>"
        let log = r.decisionLog
        if log.isEmpty {
            html += r.decisions.isEmpty ? "<p>No decision recorded yet.</p>" : "<p>No decision is in force: every one was undone or set back.</p>"
        } else {
            html += "<p class=\"muted\">\(r.decisions.count) logged; undone and superseded ones are left out.</p>"
            html += table(["When", "Who", "Decision", "Note"], log.map { [escape($0.at), escape($0.who), escape($0.decision), escape($0.note)] }, classes: "log")
        }
        return section("decisions", "Decisions and reviewer notes", html)
    }

    static func priorities(_ r: Report) -> String {
        let html = "<p>Ranked by expected value = impact × volume% × success; value for effort = (impact × volume%) / (effort × risk). Values in parentheses are defaults.</p>"
            + table(["##", "Cluster", "Segment", "#Share", "#Impact", "#Effort", "#Risk", "#Success", "#Expected value", "#Value for effort", "P", "Owner"], r.ranking.entries.prefix(15).compactMap { e in
                guard let c = r.dataset.cluster(e.clusterID) else { return nil }
                return [String(e.rank), escape(c.name), "<span class=\"code \(SVGCharts.cssClass(e.segment))\">\(e.segment.code())</span>", r.share(c),
                        MarkdownReport.input(e, .impact), MarkdownReport.input(e, .effort), MarkdownReport.input(e, .risk), MarkdownReport.input(e, .success),
                        Format.fixed(e.score, 2), Format.fixed(PriorityFormula.valueForEffort.score(e.inputs, share: e.share), 2), c.priority.map { "P\($0)" } ?? "", escape(r.owner(c.id))]
            })
        return section("priorities", "Priorities and owners", html)
    }

    static func gaps(_ r: Report) -> String {
        var html = "<p>What users need done across topics. “In poor clusters” is the share of a capability’s questions in clusters with low relevance or low satisfaction.</p>"
        html += table(["Capability", "#Questions", "#Share", "#In poor clusters", "Most in", "Verdicts"], r.gaps.map { g in
            let most = g.clusters.prefix(3).map { "\($0.0.name) (\(Format.volume($0.1)))" }.joined(separator: ", ")
            let verdicts = (g.confirmedOn.map { "confirmed on \($0)" } + g.rejectedOn.map { "rejected on \($0)" }).joined(separator: "; ")
            return [escape(g.capability.name), Format.volume(g.capability.volume), Format.percent(g.share, decimals: 0), Format.percent(g.poorShare, decimals: 0), escape(most), escape(verdicts)]
        })
        let caps = r.matrix.capabilities
        if !caps.isEmpty {
            html += "<h3>Capability × topic</h3><p class=\"muted\">Questions per cluster and capability; darker cells are larger (quarters of \(Format.volume(r.matrix.scaleMax))).</p>"
            // At most `matrixColumns` capabilities a table, so that it fits a sheet of paper.
            for start in stride(from: 0, to: caps.count, by: matrixColumns) {
                let part = caps[start..<min(caps.count, start + matrixColumns)]
                html += "<table class=\"matrix\"><thead><tr><th scope=\"col\">Cluster</th>" + part.map { "<th scope=\"col\" class=\"num\"><span>\(escape($0.name))</span></th>" }.joined() + "</tr></thead><tbody>"
                for c in r.leavesInTreeOrder {
                    html += "<tr><td>\(escape(c.name))</td>" + part.map { cap in
                        let v = r.matrix.value(c, cap.id)
                        let shade = r.matrix.shade(v)
                        return "<td class=\"num\(shade > 0 ? " s\(shade)" : "")\">\(v > 0 ? Format.volume(v) : "·")</td>"
                    }.joined() + "</tr>"
                }
                html += "</tbody></table>"
            }
        }
        return section("gaps", "Capability gaps", html)
    }

    /// Capabilities per matrix table: more would not fit across an A4 or Letter page.
    static let matrixColumns = 10

    static func section(_ id: String, _ title: String, _ content: String) -> String {
        "<section id=\"\(id)\"><h2>\(escape(title))</h2>\(content)</section>"
    }

    /// A table; a header starting with `#` is a right-aligned number column (the `#` is dropped).
    static func table(_ headers: [String]?, _ rows: [[String]], classes: String = "") -> String {
        let numeric = (headers ?? []).map { $0.hasPrefix("#") }
        var html = "<table\(classes.isEmpty ? "" : " class=\"\(classes)\"")>"
        if let headers {
            html += "<thead><tr>" + headers.enumerated().map { i, h in
                "<th scope=\"col\"\(numeric[i] ? " class=\"num\"" : "")>\(escape(numeric[i] ? String(h.dropFirst()) : h))</th>"
            }.joined() + "</tr></thead>"
        }
        html += "<tbody>" + rows.map { row in
            "<tr>" + row.enumerated().map { i, cell in
                let isHeader = headers == nil && i == 0
                let tag = isHeader ? "th" : "td"
                let num = i < numeric.count && numeric[i] ? " class=\"num\"" : ""
                return "<\(tag)\(isHeader ? " scope=\"row\"" : num)>\(cell)</\(tag)>"
            }.joined() + "</tr>"
        }.joined() + "</tbody></table>"
        return html
    }

    public static func escape(_ s: String) -> String { OutputText.html(s) }
}
