import CladeCore
import CladeStore
import CladeUI
import Foundation
import GRDB
import Testing

/// View 8 on the bundled sample, through the real run loop: the planted findings lead, Enter
/// opens their decisions prefilled, skips survive a restart, and the queue works on TF-IDF when
/// the run has no embeddings.
@Suite(.serialized) struct QueueViewTests {
    @Test func goldenScreens() throws {
        for (w, h) in [(120, 40), (80, 24)] {
            Golden.check("queue-\(w)x\(h)", try SampleApp(width: w, height: h).type("8"))
        }
    }

    /// A playbook proposal's preview: the evidence, the playbook's advice, and what its users
    /// said (the first thumbs-down and thumbs-up questions); Enter opens the action dialog.
    @Test func aPlaybookProposalPreviewsItsRatedQuestions() throws {
        let app = try SampleApp(width: 120, height: 40)
        app.type("8")
        let index = try #require(app.state.queue.listed.firstIndex { if case .playbook(_, let s, _) = $0.kind { s.isDangerZone } else { false } })
        let screen = app.type(String(repeating: "j", count: index))
        Golden.check("queue-danger-zone-120x40", screen)
        #expect(screen.text.contains("Fix retrieval for “Fiscal-year budgets”"))
        #expect(screen.text.contains("Rated questions (Esc, then 2: all of them):"))
        #expect(screen.text.contains("-1 "))
        app.type("<Enter>")
        guard case .action(let ids) = app.state.dialog?.purpose, let dialog = app.state.dialog else { Issue.record("no action dialog"); return }
        #expect(ids == app.state.queue.listed[index].clusters)
        #expect(dialog.visibleOptions[dialog.cursor].value == .action(.fixRetrieval))
    }

    @Test func theOverBroadClusterAndTheRFITwinsAreAmongTheFirstFive() throws {
        let app = try SampleApp(width: 120, height: 40)
        // Before the background answer the header says it is computing.
        #expect(app.runner.frame().text.contains("queue: computing…"))
        let screen = app.type("8")
        let data = app.state.dataset
        let drawings = try #require(data.clusters.first { $0.name == "Drawing counts and revisions" })
        let open = try #require(data.clusters.first { $0.name == "Open RFIs" })
        let status = try #require(data.clusters.first { $0.name == "RFI status" })
        let first = app.state.queue.listed.prefix(5)
        #expect(first.contains { if case .recut([drawings.id], _) = $0.kind { true } else { false } }, "\(first.map(\.title))")
        #expect(first.contains { $0.kind == .merge(source: open.id, into: status.id) }, "\(first.map(\.title))")
        #expect(screen.text.contains("queue \(app.state.queue.openCount)"))
    }

    @Test func enterOnTheTwinsMergesThemAndTheQueueIsComputedAgain() throws {
        let app = try SampleApp(width: 120, height: 40)
        app.type("8")
        let index = try #require(app.state.queue.listed.firstIndex { if case .merge = $0.kind { true } else { false } })
        let merge = app.state.queue.listed[index]
        app.type(String(repeating: "j", count: index) + "<Enter>")
        guard case .survivingLabel(let sources, _) = app.state.dialog?.purpose else { Issue.record("no merge dialog"); return }
        #expect(Set(sources) == Set(merge.clusters))
        app.type("<Enter>")
        #expect(app.state.status?.text.contains("u undoes") == true)
        #expect(app.state.queue.phase == .ready && !app.state.queue.proposals.contains { $0.key == merge.key })
        app.type("u")
        #expect(app.state.queue.proposals.contains { $0.key == merge.key })
    }

    @Test func enterOnTheBroadClusterPreviewsItsSplitAtTheProposedK() throws {
        let app = try SampleApp(width: 120, height: 40)
        app.type("8")
        let index = try #require(app.state.queue.listed.firstIndex { if case .recut(let c, _) = $0.kind { c.count == 1 } else { false } })
        guard case .recut(let clusters, let parts) = app.state.queue.listed[index].kind else { return }
        app.type(String(repeating: "j", count: index) + "<Enter>")
        #expect(app.state.split?.clusterID == clusters[0])
        #expect(app.state.split?.proposal?.k == parts.count)
    }

    @Test func skipsSurviveARestartAndXBringsThemBack() throws {
        let app = try SampleApp(width: 120, height: 40)
        app.type("8")
        let skipped = try #require(app.state.queue.selected)
        let open = app.state.queue.openCount
        app.type("x")
        #expect(app.state.queue.openCount == open - 1 && !app.state.queue.listed.contains(skipped))
        let reopened = try SampleApp(width: 120, height: 40, reopening: app)
        reopened.type("8")
        #expect(reopened.state.queue.skipped == [skipped.key] && reopened.state.queue.openCount == open - 1)
        let screen = reopened.type("X")
        #expect(reopened.state.queue.listed == [skipped])
        #expect(screen.text.contains(skipped.title))
        reopened.type("x")
        let again = try SampleApp(width: 120, height: 40, reopening: reopened)
        again.type("8")
        #expect(again.state.queue.skipped.isEmpty && again.state.queue.openCount == open)
    }

    @Test func withoutEmbeddingsTheQueueWorksOnTFIDF() throws {
        let first = try SampleApp(width: 120, height: 40)
        try first.runner.database.writer.write { try $0.execute(sql: "DELETE FROM question_embeddings") }
        let app = try SampleApp(width: 120, height: 40, reopening: first)
        let screen = app.type("8")
        #expect(app.state.queue.basis == "TF-IDF")
        #expect(!app.state.queue.listed.isEmpty)
        #expect(screen.text.contains("TF-IDF"))
    }

    @Test func readOnlyFilesListTheQueueButRecordNothing() throws {
        let app = try SampleApp(width: 120, height: 40, readOnly: true)
        app.type("8")
        #expect(!app.state.queue.listed.isEmpty)
        app.type("x")
        #expect(app.state.queue.skipped.isEmpty && app.state.status?.isError == true)
        app.type("<Enter>")
        #expect(app.state.dialog == nil && app.state.split == nil && app.state.status?.isError == true)
    }
}
