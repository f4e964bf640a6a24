import CladeCore
import CladeReport
import CladeStore
import Foundation
import Testing

/// After the scripted review "Milestones and completion dates" is redirected (its action) and
/// "Weather at the site" dismissed as out of scope: each is named for what it is in the list, the
/// detail and the report, and neither is among the priorities or what to read first.
@Suite(.serialized) struct SentAwayScreenTests {
    @Test func redirectedAndOutOfScopeShowApartAndLeaveThePriorities() throws {
        let first = try SampleApp(width: 120, height: 40)
        try ScriptedReview.apply(to: first.path)
        let app = try SampleApp(width: 120, height: 40, reopening: first)

        let weather = app.type("/weather<Enter>").text
        #expect(weather.contains("Weather at the site (out of scope)"))
        #expect(!weather.contains("(dismissed)"))
        _ = app.resize(160, 40)  // room for the whole name and its mark
        let milestones = app.type("<Esc>/completion dates<Enter>").text
        #expect(milestones.contains("Milestones and completion dates (redirected)"))
        #expect(milestones.contains("· redirected"), "the detail names it")
        let priorities = app.type("<Esc>5").text
        #expect(!priorities.contains("Milestones") && !priorities.contains("Weather"))
        #expect(priorities.contains("Fiscal-year budgets"))

        let r = try ReportBuilder.make(try AppDatabase.open(path: app.path, forceReadOnly: true), generatedAt: "2026-12-01")
        #expect(!r.keyFindings.contains { $0.contains("Milestones") || $0.contains("Weather") })
        #expect(r.keyFindings.count == 3)
        let ranked = r.ranking.entries.compactMap { r.dataset.cluster($0.clusterID)?.name }
        #expect(!ranked.contains("Milestones and completion dates") && !ranked.contains("Weather at the site"))
        let md = MarkdownReport.render(r)
        #expect(md.contains("| Milestones and completion dates (redirected) |"))
        #expect(md.contains("| Weather at the site (out of scope) |"))
        #expect(!md.contains("(dismissed)"))
        let html = HTMLReport.render(r)
        #expect(html.contains("Milestones and completion dates (redirected)") && html.contains("Weather at the site (out of scope)"))
    }
}
