@testable import CladeApp
import CladeCore
@testable import CladeStore
import CladeTerminal
import CladeTestSupport
import CladeUI
import Foundation
import Testing

/// A NUL inside a pipeline's text: GRDB reads a TEXT value only up to its first NUL, so the name
/// "RFI\0status" was shown and exported as "RFI". It is read whole, the NUL shown as ␀.
@Suite("NUL inside text is shown whole")
struct NulTextTests {
    static let shown = "RFI\u{2400}status"

    static func file(_ scratch: Scratch) throws -> String {
        let path = scratch.path("review.sqlite")
        try Pipelines.write(at: path) { db in
            try db.execute(sql: "UPDATE clusters SET name = 'RFI' || char(0) || 'status', description = 'open' || char(0) || 'items' WHERE cluster_id = 10")
            try db.execute(sql: "UPDATE meta SET value = 'Relia' || char(0) || 'bility' WHERE key = 'title'")
            try db.execute(sql: "UPDATE capabilities SET name = 'relative' || char(0) || 'dates' WHERE capability_id = 1")
            try db.execute(sql: """
                UPDATE questions SET text = 'before' || char(0) || 'after', feedback = -1, relevance = 0
                WHERE question_id = (SELECT MIN(question_id) FROM assignments WHERE cluster_id = 10)
                """)
        }
        return path
    }

    @Test func theWindowShowsTheWholeName() throws {
        let scratch = try Scratch()
        let path = try Self.file(scratch)
        let backend = HeadlessBackend(size: Size(width: 140, height: 40))
        let runner = try AppRunner(database: try AppDatabase.open(path: path), backend: backend, theme: .standard, reviewer: "expert")
        runner.drain()
        let cluster = runner.state.dataset.clusters.first { $0.id == 10 }
        #expect(cluster?.name == Self.shown)
        #expect(cluster?.description == "open\u{2400}items")
        #expect(runner.state.dataset.capabilities.first { $0.id == 1 }?.name == "relative\u{2400}dates")
        #expect(backend.lastScreen?.text.contains(Self.shown) == true, "\(backend.lastScreen?.text ?? "no frame")")
    }

    /// A question's text too: in the questions pane, the report's examples and a search of the
    /// whole run (the split preview and the queue read the same way).
    @Test func aQuestionTextIsReadWhole() throws {
        let scratch = try Scratch()
        let path = try Self.file(scratch)
        let app = try AppDatabase.open(path: path)
        defer { app.close() }
        let page = try QuestionReads.page(app, QuestionQuery(clusterID: 10, memberIDs: [10], order: .tenTen))
        #expect(page.rows.contains { $0.text == "before\u{2400}after" }, "\(page.rows.map(\.text).prefix(3))")
        #expect(try ExampleReads.worstRated(app, memberIDs: [10], limit: 3).first?.text == "before\u{2400}after")
        let engine = CurationEngine(app: app)
        #expect(try engine.textsWithIDs(of: [10], limit: 1_000).contains { $0.1 == "before\u{2400}after" })
        let hits = try engine.searchAll(SearchAllQuery(mode: .text, text: "before")).hits
        #expect(hits.contains { $0.text == "before\u{2400}after" }, "\(hits.map(\.text))")
    }

    @Test(.enabled(if: CladeCLI.isAvailable))
    func exportAndReportCarryTheWholeName() throws {
        let scratch = try Scratch()
        let path = try Self.file(scratch)
        for arguments in [["export", path], ["export", path, "--format", "csv", "--table", "clusters"], ["report", path, "--format", "md"]] {
            let r = try CladeCLI.run(arguments)
            #expect(r.status == 0, "\(arguments): \(r.stderr)")
            #expect(r.stdout.contains(Self.shown), "\(arguments) cut the name: \(r.stdout.prefix(400))")
            if arguments[0] == "report" { #expect(r.stdout.contains("Relia\u{2400}bility"), "the title was cut: \(r.stdout.prefix(200))") }
        }
    }
}
