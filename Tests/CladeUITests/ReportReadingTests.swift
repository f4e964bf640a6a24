import CladeCore
import CladeReport
import CladeStore
import Foundation
import Testing

/// The report as a client reads it: the decisions in force with their notes (no undo chains),
/// plain words, owners that are people, and Markdown that a CommonMark renderer shows as written.
@Suite(.serialized) struct ReportReadingTests {
    /// A copy of the sample after the scripted review, and a store to add decisions with.
    static func reviewedCopy() throws -> (path: String, folder: URL) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("clade-report-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("sample.sqlite").path
        try FileManager.default.copyItem(atPath: Golden.repoRoot.appendingPathComponent("sample-data/construction.sqlite").path, toPath: path)
        try ScriptedReview.apply(to: path)
        return (path, folder)
    }

    static func report(_ path: String) throws -> Report {
        try ReportBuilder.make(try AppDatabase.open(path: path, forceReadOnly: true), generatedAt: "2026-12-01")
    }

    static func id(_ app: AppDatabase, _ name: String) throws -> ClusterID {
        try #require(try DatasetLoader.load(app).clusters.first { $0.name == name }).id
    }

    @Test func decisionLogHoldsTheDecisionsInForceWithTheirNotes() throws {
        let (path, folder) = try Self.reviewedCopy()
        defer { try? FileManager.default.removeItem(at: folder) }
        let app = try AppDatabase.open(path: path)
        let cy = DecisionStore(app: app, reviewer: "cy")
        let specs = try Self.id(app, "Specifications")
        try cy.commit(.setPriority(specs, 2))
        try cy.commit(.setPriority(specs, 3))  // supersedes P2
        let weather = try Self.id(app, "Weather at the site")
        try cy.commit(.restore(weather))  // sets ben's dismissal back
        try cy.commit(.setIssueType(specs, .generation))
        try cy.undo()
        try cy.redo()  // the issue type stands, once
        try cy.commit(.setReviewed(specs, true))
        try cy.undo()
        try cy.redo()
        try cy.undo()  // reviewed: undone after a redo

        let r = try Self.report(path)
        let md = MarkdownReport.render(r)
        let html = HTMLReport.render(r)
        for text in [md, html] {
            for gone in ["Undid", "Redid", "to P2", "Dismissed \u{201C}Weather", "Restored", "as reviewed", "Noted on", "(undone)"] {
                #expect(!text.contains(gone), "\(gone)")
            }
        }
        let log = r.decisionLog
        #expect(log.contains { $0.decision == "Set \u{201C}Specifications\u{201D} to P3" && $0.who == "cy" })
        #expect(log.filter { $0.decision.contains("Specifications") && $0.decision.contains("issue") }.count == 1, "\(log.map(\.decision))")
        // Notes fill the Note column, on the latest row of their cluster, not rows of their own.
        let fiscal = log.filter { $0.decision.contains("Fiscal-year budgets") }
        #expect(fiscal.last?.note == "Cost sheets are filed by calendar year: normalise FY dates before retrieval")
        #expect(fiscal.dropLast().allSatisfy { $0.note.isEmpty })
        #expect(log.contains { $0.decision.contains("Milestones") && $0.note.hasPrefix("Answered in the scheduling software") })
        #expect(md.contains("| Cost sheets are filed by calendar year: normalise FY dates before retrieval |"))
        #expect(log.count == r.inForce.count - 2, "two note decisions folded into their clusters' rows")
        #expect(r.inForce.count < r.decisions.count - 8)
        #expect(md.contains("| Decisions | \(r.inForce.count) in force (\(r.decisions.count) logged"))
    }

    @Test func reportSpeaksPlainWords() throws {
        let (path, folder) = try Self.reviewedCopy()
        defer { try? FileManager.default.removeItem(at: folder) }
        let r = try Self.report(path)
        let md = MarkdownReport.render(r)
        #expect(!md.contains("(native)") && !md.contains("run 1 ("))
        #expect(md.contains("Pipeline run 1, imported 2026-"))
        #expect(HTMLReport.render(r).contains("Pipeline run 1, imported 2026-"))
    }

    @Test func theReviewerIsAPersonEvenWithoutUSER() {
        #expect(ReviewerName.resolve(environment: ["USER": "ana", "LOGNAME": "x"], account: { "root" }) == "ana")
        #expect(ReviewerName.resolve(environment: ["USER": "", "LOGNAME": "ben"], account: { "root" }) == "ben")
        #expect(ReviewerName.resolve(environment: [:], account: { "cy" }) == "cy")
        let fallback = ReviewerName.resolve(environment: [:], account: { nil })
        #expect(fallback != "reviewer" && fallback.hasPrefix("uid "))
        #expect(ReviewerName.accountName().map { !$0.isEmpty } ?? true)
    }

    /// A renderer of CommonMark with GitHub's tables and strikethrough: markdown-it (Python).
    static let python: String? = {
        let env = ProcessInfo.processInfo.environment
        let candidates = [env["CLADE_PYTHON"], Tool.find("python3")].compactMap { $0 }
        return candidates.first { (try? Tool.output($0, ["-c", "import markdown_it"]))?.status == 0 }
    }()

    @Test(.enabled(if: python != nil, "markdown-it (Python) is not installed"))
    func markdownShowsHostileTextAsWritten() throws {
        let (path, folder) = try Self.reviewedCopy()
        defer { try? FileManager.default.removeItem(at: folder) }
        let app = try AppDatabase.open(path: path)
        let store = DecisionStore(app: app, reviewer: "R&D <lab>")
        let hostile = "A & B <b>x</b> *em* _u_ `c` [l](http://e.x) ![i](y) ~~s~~ a|b &amp; \\ $m$ @who www.x.org #5"
        let note = "# not a heading 1. <script>alert(1)</script> &lt; **bold** > quote"
        let target = try Self.id(app, "Specifications")
        try store.commit(.relabel(target, name: hostile, description: nil))
        try store.commit(.setNote(target, note))
        try store.commit(.setPriority(target, 1))
        let md = MarkdownReport.render(try Self.report(path))
        let unescaped = md.replacingOccurrences(of: "\\&", with: "")
        #expect(!unescaped.contains("&amp;") && !unescaped.contains("&lt;") && !unescaped.contains("&gt;"), "entities in the Markdown")

        let python = try #require(Self.python)
        let script = """
            import sys, json
            from markdown_it import MarkdownIt
            md = MarkdownIt("commonmark").enable("table").enable("strikethrough")
            tokens = md.parse(sys.stdin.read())
            out = {"text": [], "tags": []}
            for t in tokens:
                out["tags"].append(t.tag)
                for c in t.children or []:
                    out["tags"].append(c.tag)
                    if c.type in ("text", "code_inline"): out["text"].append(c.content)
            print(json.dumps(out))
            """
        let result = try Tool.output(python, ["-c", script], input: md)
        #expect(result.status == 0, "\(result.stderr)")
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: [String]])
        let texts = parsed["text"] ?? []
        let tags = Set(parsed["tags"] ?? [])
        // Each name, note and reviewer reads as itself: one text run, no markup made of it.
        #expect(texts.contains { $0.contains(hostile) }, "the name as written")
        #expect(texts.contains { $0.contains(note) }, "the note as written")
        #expect(texts.contains { $0.contains("R&D <lab>") }, "the reviewer as written")
        for made in ["a", "img", "em", "s", "del", "h4", "h5", "h6", "blockquote"] { #expect(!tags.contains(made), "<\(made)> from a name") }
    }
}

extension Tool {
    /// Runs a program with `input` on its standard input; its output and error.
    static func output(_ path: String, _ arguments: [String], input: String = "") throws -> (status: Int32, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        let (inp, out, err) = (Pipe(), Pipe(), Pipe())
        process.standardInput = inp
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let writer = Thread { inp.fileHandleForWriting.write(Data(input.utf8)); try? inp.fileHandleForWriting.close() }
        writer.start()
        nonisolated(unsafe) var errData = Data()
        let reader = Thread { errData = err.fileHandleForReading.readDataToEndOfFile() }
        reader.start()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        while reader.isExecuting || !reader.isFinished { usleep(1000) }
        return (process.terminationStatus, String(decoding: stdout, as: UTF8.self), String(decoding: errData, as: UTF8.self))
    }
}
