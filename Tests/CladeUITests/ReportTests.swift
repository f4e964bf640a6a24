import CladeCore
import CladeReport
import CladeStore
import CladeUI
import Foundation
import Testing

/// `clade report` after a scripted review of the sample: the figures equal those on the
/// screens, the HTML is self-contained and valid, and Chromium renders and prints it. The
/// report, its screenshot and PDF are kept in `test-output/report/`.
@Suite(.serialized) struct ReportTests {
    static let output = Golden.repoRoot.appendingPathComponent("test-output/report")

    /// A reviewed copy of the sample, reopened in the app at 120×40, and its report.
    func reviewed() throws -> (SampleApp, Report) {
        let first = try SampleApp(width: 120, height: 40)
        try ScriptedReview.apply(to: first.path)
        let app = try SampleApp(width: 120, height: 40, reopening: first)
        let report = try ReportBuilder.make(try AppDatabase.open(path: app.path, forceReadOnly: true), generatedAt: "2026-12-01")
        return (app, report)
    }

    static func lines(_ text: String) -> [String] { text.split(separator: "\n").map(String.init) }

    @Test func figuresInTheReportEqualThoseOnTheScreens() throws {
        let (app, r) = try reviewed()
        let md = MarkdownReport.render(r)
        let mdLines = Self.lines(md)
        func mdRow(_ name: String) -> String? { mdLines.first { $0.hasPrefix("| \(name) |") || $0.hasPrefix("| \(name) (") } }

        // The title bar's figures.
        let main = app.type("").text
        #expect(Self.lines(main)[0].contains(r.headline))
        #expect(md.contains(r.headline))

        // The segment grid: each cell's count and share, each cluster's share and satisfaction.
        let grid = app.type("4").text
        for cell in r.grid.cells where !cell.clusterIDs.isEmpty {
            #expect(grid.contains(cell.figures), "\(cell.segment.code())")
            let row = mdLines.first { $0.hasPrefix("| \(cell.segment.code()) |") }
            #expect(row?.contains("| \(cell.clusterIDs.count) | \(Format.percent(cell.share)) |") == true, "\(cell.segment.code())")
        }
        var compared = 0
        for c in r.leavesInGridOrder {
            guard let line = Self.lines(grid).first(where: { $0.contains(c.name + " ") }) else { continue }
            let segment = r.dataset.segment(of: c)
            let row = try #require(mdRow(c.name), "\(c.name) missing from the report")
            for figure in [r.share(c), r.satisfaction(c)] {
                #expect(line.contains(figure), "\(c.name): \(figure) on screen")
                #expect(row.contains("| \(figure) |"), "\(c.name): \(figure) in the report")
            }
            #expect(row.contains("| \(segment.code()) |"))
            compared += 1
        }
        #expect(compared >= 20)
        #expect(grid.contains("judged from 20 ratings*") && md.contains("judged from 20 ratings"))

        // The prioritised list: rank order and expected value.
        let priorities = app.type("5").text
        for e in r.ranking.entries.prefix(12) {
            let c = try #require(r.dataset.cluster(e.clusterID))
            let score = Format.fixed(e.score, 2)
            let line = try #require(Self.lines(priorities).first { $0.contains(" \(c.name) ") }, "\(c.name) on screen")
            #expect(line.contains(score) && line.contains(" \(e.rank) "), "\(c.name)")
            let row = try #require(mdLines.first { $0.hasPrefix("| \(e.rank) | \(c.name) |") }, "\(c.name) in the priorities")
            #expect(row.contains("| \(score) |"))
        }
        #expect(r.ranking.entries.first.flatMap { r.dataset.cluster($0.clusterID)?.name } == "Fiscal-year budgets")

        // The charts' figure line for the danger zone, and its section in the report.
        let charts = app.type("/fiscal<Enter>6").text
        let fiscal = try #require(r.clusters.first)
        #expect(fiscal.cluster.name == "Fiscal-year budgets" && fiscal.segment.isDangerZone)
        let figures = r.dataset.figures(of: fiscal.cluster)
        #expect(figures == "235 questions (4.7%) · relevance 0.36 · 21% satisfied of 102 rated")
        #expect(charts.contains(figures))
        #expect(md.contains(figures))
    }

    @Test func theReportTellsTheReviewsStory() throws {
        let (_, r) = try reviewed()
        let md = MarkdownReport.render(r)
        #expect(r.clusters.first?.segment.isDangerZone == true)  // danger zone first
        #expect(r.clusters.allSatisfy { $0.examples.allSatisfy { $0.feedback == -1 } })
        #expect(md.contains("Merged “Open RFIs” into “RFI status”"))
        #expect(md.contains("Relabelled “Unclustered” as “Chit-chat and odd requests”"))
        #expect(md.contains("Declared “Weather at the site” out of scope: tell users \"we don't do that\""))
        #expect(md.contains("Threshold judge satisfaction from: 10 ratings in the pipeline, 20 ratings after review"))
        #expect(md.contains("Capability “Fiscal-year dates” confirmed on “Fiscal-year budgets”"))
        #expect(md.contains("**Milestones and completion dates** (ben): Answered in the scheduling software"))
        #expect(!md.contains("Marked “Specifications” as reviewed"))  // undone: not in force
        #expect(r.owner(try #require(r.dataset.clusters.first { $0.name == "Fiscal-year budgets" }).id) == "ana")
        #expect(md.contains("| 1 | Fiscal-year budgets | H·L·L | 4.7% | 5 | 2 | 2 | 70% |"))
        // Every table row has as many cells as its header.
        var columns: Int?
        for line in Self.lines(md) {
            guard line.hasPrefix("|") else { columns = nil; continue }
            let cells = line.replacingOccurrences(of: "\\|", with: "").filter { $0 == "|" }.count
            if let columns { #expect(cells == columns, "\(line)") } else { columns = cells }
        }
    }

    @Test func htmlIsSelfContainedValidAndKeptForReview() throws {
        let (_, r) = try reviewed()
        let html = HTMLReport.render(r)
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        for banned in ["<script", "<link", " src=", "@import", "url(http"] { #expect(!html.contains(banned), "\(banned)") }
        #expect(html.replacingOccurrences(of: "http://www.w3.org/2000/svg", with: "").range(of: "http") == nil)
        #expect(html.contains("@media print"))
        #expect(html.components(separatedBy: "<svg").count - 1 == 1 + 2 * r.clusters.count)
        try FileManager.default.createDirectory(at: Self.output, withIntermediateDirectories: true)
        let file = Self.output.appendingPathComponent("report.html")
        try html.write(to: file, atomically: true, encoding: .utf8)
        try MarkdownReport.render(r).write(to: Self.output.appendingPathComponent("report.md"), atomically: true, encoding: .utf8)
        if let tidy = Tool.find("tidy") {
            let result = try Tool.run(tidy, ["-q", "-e", file.path], timeout: 60)
            #expect(result.status == 0, "tidy: \(result.stderr)")
        }
    }

    static var chromium: String? { Tool.find("chromium") ?? Tool.find("chromium-browser") }
    static let chromiumFlags = ["--headless=new", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
                                "--user-data-dir=" + output.appendingPathComponent("chromium-profile").path]

    @Test(.enabled(if: chromium != nil, "Chromium is not installed"))
    func chromiumRendersAndPrintsTheHTML() throws {
        let (_, r) = try reviewed()
        try FileManager.default.createDirectory(at: Self.output, withIntermediateDirectories: true)
        let file = Self.output.appendingPathComponent("report.html")
        try HTMLReport.render(r).write(to: file, atomically: true, encoding: .utf8)
        let chromium = try #require(Self.chromium)
        let png = Self.output.appendingPathComponent("report.png")
        try? FileManager.default.removeItem(at: png)
        _ = try Tool.run(chromium, Self.chromiumFlags + ["--window-size=1280,4000", "--screenshot=" + png.path, file.absoluteString], timeout: 120)
        let image = try Data(contentsOf: png)
        #expect(image.starts(with: [0x89, 0x50, 0x4E, 0x47]) && image.count > 50_000)
        // On paper: the printer's sheet decides (no size is forced), and each prints.
        for (paper, points) in [("A4", "594.9"), ("letter", "612 792]")] {
            let pdf = Self.output.appendingPathComponent("report-\(paper).pdf")
            try? FileManager.default.removeItem(at: pdf)
            let page = try Self.injected(HTMLReport.render(r), css: "@page { size: \(paper); }", name: "report-\(paper)-print.html")
            _ = try Tool.run(chromium, Self.chromiumFlags + ["--no-pdf-header-footer", "--print-to-pdf=" + pdf.path, page.absoluteString], timeout: 120)
            let printed = try Data(contentsOf: pdf)
            #expect(printed.starts(with: Array("%PDF".utf8)) && printed.count > 20_000, "\(paper)")
            #expect(String(decoding: printed, as: UTF8.self).contains("/MediaBox [0 0 \(points)"), "\(paper) sheet")
        }
    }

    /// Nothing wider than the window at 1280 px, nor than an A4 or Letter sheet's printable width
    /// (210 mm or 8.5 in less the 14 mm margins, at Chromium's 96 px an inch) laid out with the
    /// print rules; with a cluster name and a note that have no place to break.
    @Test(.enabled(if: chromium != nil, "Chromium is not installed"))
    func noTableOverflowsTheWindowOrTheSheet() throws {
        let first = try SampleApp(width: 120, height: 40)
        try ScriptedReview.apply(to: first.path)
        let app = try AppDatabase.open(path: first.path)
        let store = DecisionStore(app: app, reviewer: "consultant-with-a-rather-long-account-name")
        let long = try #require(try DatasetLoader.load(app).clusters.first { $0.name == "Fiscal-year budgets" })
        try store.commit(.relabel(long.id, name: "Fiscal-year-budgets-and-" + String(repeating: "cost-codes-", count: 12), description: nil))
        try store.commit(.setNote(long.id, "See https://intranet.example.com/" + String(repeating: "finance/", count: 20) + " before retrieval"))
        let r = try ReportBuilder.make(try AppDatabase.open(path: first.path, forceReadOnly: true), generatedAt: "2026-12-01")
        let html = HTMLReport.render(r)
        for (name, width, css) in [("screen", 1280, ""), ("A4", 687, HTMLStyle.printRules), ("letter", 710, HTMLStyle.printRules)] {
            let page = try Self.injected(html, css: css, script: Self.measuring, name: "report-\(name)-measured.html")
            let dom = try Tool.output(try #require(Self.chromium), Self.chromiumFlags + ["--window-size=\(width),1000", "--dump-dom", page.absoluteString])
            let json = try #require(dom.stdout.components(separatedBy: "<pre id=\"measure\">").last?.components(separatedBy: "</pre>").first, "\(name): \(dom.stderr)")
            let m = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
            let (scroll, client) = (m["scrollWidth"] as? Int ?? -1, m["clientWidth"] as? Int ?? -1)
            #expect(client == width, "\(name)")
            #expect(scroll <= client, "\(name): \(scroll) px wide in \(client): \(m["wide"] ?? "")")
        }
    }

    /// Reports its widths into the page (the HTML report itself has no script).
    static let measuring = """
        addEventListener('load', () => {
          const root = document.documentElement, limit = root.clientWidth;
          const wide = [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > limit + 0.5)
            .map(e => e.tagName + (typeof e.className === 'string' && e.className ? '.' + e.className : '') + ' ' + Math.round(e.getBoundingClientRect().right));
          const out = document.createElement('pre'); out.id = 'measure';
          out.textContent = JSON.stringify({scrollWidth: root.scrollWidth, clientWidth: limit, wide: wide.slice(0, 12)});
          document.body.appendChild(out);
        });
        """

    /// A copy of the report with extra CSS (and a script) before `</head>`, kept with the others.
    static func injected(_ html: String, css: String, script: String = "", name: String) throws -> URL {
        let url = output.appendingPathComponent(name)
        let extra = "<style>\n\(css)\n</style>" + (script.isEmpty ? "" : "<script>\n\(script)\n</script>")
        try html.replacingOccurrences(of: "</head>", with: extra + "</head>").write(to: url, atomically: true, encoding: .utf8)
        return url
    }
}

/// External programs the report tests use when they are installed.
enum Tool {
    static func find(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Runs a program, killing it after `timeout` seconds.
    static func run(_ path: String, _ arguments: [String], timeout: Double) throws -> (status: Int32, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        let err = Pipe()
        process.standardError = err
        process.standardOutput = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        let done = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in done.signal() }
        try process.run()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        if done.wait(timeout: .now() + timeout) == .timedOut { process.terminate() }
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: stderr, as: UTF8.self))
    }
}
