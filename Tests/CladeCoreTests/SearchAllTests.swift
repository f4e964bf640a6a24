@testable import CladeCore
import Testing

/// Search everywhere as a reviewer drives it: a query over the whole run, results grouped by
/// cluster, marks, similar questions, and a move or split-off of the marked as one decision.
@Suite struct SearchAllTests {
    static let query = SearchAllQuery(mode: .text, text: "rfi")
    static let result = SearchAllResult(query: query, hits: [
        SearchHit(questionID: 1, text: "rfi 12 status", clusterID: 11),
        SearchHit(questionID: 5, text: "open rfi list", clusterID: 12),
        SearchHit(questionID: 2, text: "rfi 13 answered?", clusterID: 11),
    ], total: 3, basis: "text")

    /// Search open with `result` shown.
    static func found() -> TestStore {
        var store = TestStore()
        Fixtures.press(&store.state_, [.ctrl("f")] + Fixtures.keys("rfi\r"))
        _ = Reducer.reduce(&store.state_, .searchAllResults(result))
        return store
    }

    @Test func aQueryRunsInTheBackgroundAndItsResultsAreGroupedByCluster() {
        var store = TestStore()
        store.send([.ctrl("f")]) { $0.searchAll = SearchAllState() }
        #expect(store.state.context == .searchAllField)
        store.send("rfi") { $0.searchAll?.field = TextField("rfi") }
        store.send("\r", effects: [.searchAll(Self.query)]) { s in
            s.searchAll?.pending = Self.query
            s.searchAll?.typing = false
        }
        // An answer to another query is dropped.
        store.receive(.searchAllResults(SearchAllResult(query: SearchAllQuery(mode: .text, text: "rf"), hits: [], total: 0, basis: "text")))
        store.receive(.searchAllResults(Self.result)) { s in
            s.searchAll?.pending = nil
            s.searchAll?.result = Self.result
            s.searchAll?.groups = [
                .init(clusterID: 11, hits: [Self.result.hits[0], Self.result.hits[2]]),
                .init(clusterID: 12, hits: [Self.result.hits[1]]),
            ]
        }
        #expect(store.state.context == .searchAll)
        #expect(store.state.searchAll?.hits.map(\.questionID) == [1, 2, 5])
    }

    /// Keys for the results typed before they come are kept, shown as waiting, and act in order
    /// on the results (they used to act on the empty list and were lost).
    @Test func keysTypedWhileSearchingActOnTheResultsWhenTheyCome() {
        var store = TestStore()
        store.send([.ctrl("f")]) { $0.searchAll = SearchAllState() }
        store.send("rfi") { $0.searchAll?.field = TextField("rfi") }
        store.send("\r", effects: [.searchAll(Self.query)]) { s in
            s.searchAll?.pending = Self.query
            s.searchAll?.typing = false
        }
        store.send("j ") { s in
            s.searchAll?.waiting = [.listDown, .toggleMark]
        }
        store.receive(.searchAllResults(Self.result)) { s in
            s.searchAll?.pending = nil
            s.searchAll?.waiting = []
            s.searchAll?.result = Self.result
            s.searchAll?.groups = [
                .init(clusterID: 11, hits: [Self.result.hits[0], Self.result.hits[2]]),
                .init(clusterID: 12, hits: [Self.result.hits[1]]),
            ]
            // j moved to the second hit, Space marked it and moved on.
            s.searchAll?.marked = [2]
            s.searchAll?.cursor = 2
        }
    }

    /// Keys waiting for a search that finds nothing are said, not silently lost.
    @Test func keysWaitingForAnEmptyResultAreSaid() {
        var store = TestStore()
        Fixtures.press(&store.state_, [.ctrl("f")] + Fixtures.keys("rfi\rjj"))
        #expect(store.state.searchAll?.waiting == [.listDown, .listDown])
        _ = Reducer.reduce(&store.state_, .searchAllResults(SearchAllResult(query: Self.query, hits: [], total: 0, basis: "text")))
        #expect(store.state.searchAll?.waiting == [])
        #expect(store.state.status?.text.contains("2 keys typed meanwhile had nothing to act on") == true)
    }

    @Test func marksSomeOrAllThenSplitsThemOffAsOneDecision() {
        var store = Self.found()
        store.send(" ") { s in
            s.searchAll?.marked = [1]
            s.searchAll?.cursor = 1
        }
        store.send("j ") { s in
            s.searchAll?.marked = [1, 5]
            s.searchAll?.cursor = 2
        }
        store.send("a") { s in
            s.searchAll?.marked = [1, 2, 5]
            s.status = StatusMessage("3 marked")
        }
        store.send("*") { s in
            s.searchAll?.marked = []
            s.status = StatusMessage("0 marked")
        }
        store.send("a") { s in
            s.searchAll?.marked = [1, 2, 5]
            s.status = StatusMessage("3 marked")
        }
        store.open("s", .textDialog, title: "Split 3 questions from 2 clusters off into a new cluster", effects: [.loadSuggestions(.gatherName([1, 2, 5]))])
        store.send([.ctrl("u")] + Fixtures.keys("RFIs everywhere\r"),
                   effects: [.commit(.gather(questions: [1, 2, 5], name: "RFIs everywhere", description: "Found by a search across the run")), .searchAll(Self.query)]) { s in
            s.dialog = nil
            s.committing = true
            s.searchAll?.marked = []
            s.searchAll?.pending = Self.query
            s.status = nil
        }
        // The search stays open and is run again on the new clusters.
        #expect(store.state.context == .searchAll)
    }

    @Test func movesTheMarkedToAPickedClusterAsOneDecision() {
        var store = Self.found()
        store.setUp("  ")
        let dialog = store.open("M", .picker, title: "Move 2 questions from 1 cluster to…", effects: [.loadSuggestions(.moveTarget(questions: [1, 2]))])
        #expect(dialog?.options.contains { $0.value == .cluster(11) } == false, "their own cluster is not offered")
        store.send("cost\r", effects: [.commit(.move(questions: [1, 2], to: 22)), .searchAll(Self.query)]) { s in
            s.dialog = nil
            s.committing = true
            s.searchAll?.marked = []
            s.searchAll?.pending = Self.query
        }
    }

    @Test func similarToTheQuestionUnderTheCursorAndBackToTheQuery() {
        var store = Self.found()
        let similar = SearchAllQuery(mode: .similarToQuestion(2), text: "rfi 13 answered?")
        store.send("j~", effects: [.searchAll(similar)]) { s in
            s.searchAll?.cursor = 1
            s.searchAll?.field = TextField("rfi 13 answered?")
            s.searchAll?.similar = true
            s.searchAll?.pending = similar
        }
        store.send("/") { $0.searchAll?.typing = true }
        store.send([.tab]) { $0.searchAll?.similar = false }
        store.send([.escape]) { $0.searchAll = nil }
    }

    @Test func nothingMarkedActsOnTheQuestionUnderTheCursorAndAnEmptyQuerySaysSo() {
        var store = Self.found()
        store.open("s", .textDialog, title: "Split 1 question from 1 cluster off into a new cluster", effects: [.loadSuggestions(.gatherName([1]))])
        var empty = TestStore()
        empty.send([.ctrl("f")]) { $0.searchAll = SearchAllState() }
        empty.send("\r") { $0.status = StatusMessage("Type what to look for first", isError: true) }
    }
}
