import CladeCore
import CladeReport
import CladeStore
import Foundation
import Testing

/// The verdicts `c` and `x` record are shown where the cluster is read: its detail in the app
/// and its section in the report.
@Suite(.serialized) struct CapabilityVerdictScreenTests {
    @Test func verdictsShowInTheDetailAndTheReport() throws {
        let first = try SampleApp(width: 120, height: 40)
        try ScriptedReview.apply(to: first.path)  // confirms "Fiscal-year dates" on Fiscal-year budgets
        let database = try AppDatabase.open(path: first.path)
        let data = try DatasetLoader.load(database)
        let fiscal = try #require(data.clusters.first { $0.name == "Fiscal-year budgets" })
        let ownership = try #require(data.capabilities.first { $0.name == "Ownership" })
        try DecisionStore(app: database, reviewer: "ana").commit(.capabilityVerdict(fiscal.id, ownership.id, .rejected))
        let app = try SampleApp(width: 120, height: 40, reopening: first)

        let screen = app.type("/fiscal<Enter>").text
        #expect(screen.contains("confirmed: Fiscal-year dates"), "the detail names the confirmed capability")
        #expect(screen.contains("rejected: Ownership"), "and the rejected one")

        let r = try ReportBuilder.make(try AppDatabase.open(path: app.path, forceReadOnly: true), generatedAt: "2026-12-01")
        let md = MarkdownReport.render(r)
        let section = try #require(md.components(separatedBy: "### 1. Fiscal-year budgets").last?.components(separatedBy: "### 2.").first)
        #expect(section.contains("- Capability confirmed: Fiscal-year dates"))
        #expect(section.contains("- Capability rejected: Ownership"))
        #expect(HTMLReport.render(r).contains("<li>Capability rejected: Ownership</li>"))
    }
}
