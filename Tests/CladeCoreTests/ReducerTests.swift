import Testing
@testable import CladeCore

@Suite struct ReducerTests {
    @Test func startsOnTheLargestTopLevelClusterWithParentsExpanded() {
        let s = Fixtures.state()
        #expect(s.selectedClusterID == 1)  // Documents: 500 questions, the largest top-level cluster
        let rows = ClusterTree.rows(s)
        #expect(rows.map(\.id) == [1, 11, 12, 2, 21, 22, 3])
        #expect(rows.first?.depth == 0 && rows[1].depth == 1)
    }

    @Test func movingSelectsAndLoadsTheNewClustersQuestions() {
        var s = Fixtures.state()
        let effects = Fixtures.press(&s, Fixtures.keys("j"))
        #expect(s.selectedClusterID == 11)
        guard case .loadQuestions(let q)? = effects.first else {
            Issue.record("expected a question load, got \(effects)")
            return
        }
        #expect(q.clusterID == 11 && q.memberIDs == [11] && q.order == .tenTen && q.offset == 0)
    }

    @Test func aParentsQuestionsAreAllItsDescendants() {
        var s = Fixtures.state()
        let effects = Reducer.reduce(&s, .run(.open))
        #expect(s.focus == .questions)
        if case .loadQuestions(let q)? = effects.first { #expect(q.memberIDs == [1, 11, 12]) }
    }

    @Test func ggAndGJumpToTheEnds() {
        var s = Fixtures.state()
        Fixtures.press(&s, Fixtures.keys("G"))
        #expect(s.selectedClusterID == 3)
        Fixtures.press(&s, Fixtures.keys("g"))
        #expect(s.pendingKeys == [.char("g")])
        Fixtures.press(&s, Fixtures.keys("g"))
        #expect(s.selectedClusterID == 1 && s.pendingKeys.isEmpty)
    }

    @Test func collapseHidesChildrenAndHGoesToTheParent() {
        var s = Fixtures.state()
        Fixtures.press(&s, Fixtures.keys("jh"))  // on RFI status: h goes to the parent
        #expect(s.selectedClusterID == 1)
        Fixtures.press(&s, Fixtures.keys("h"))  // on Documents: h collapses
        #expect(ClusterTree.rows(s).map(\.id) == [1, 2, 21, 22, 3])
        Fixtures.press(&s, Fixtures.keys("l"))
        #expect(ClusterTree.rows(s).count == 7)
        Fixtures.press(&s, Fixtures.keys("z"))
        #expect(ClusterTree.rows(s).map(\.id) == [1, 2, 3])
    }

    @Test func sortingCyclesColumnsAndReverses() {
        var s = Fixtures.state()
        Fixtures.press(&s, Fixtures.keys("o"))  // by name, A→Z
        #expect(s.sort == .name)
        #expect(ClusterTree.rows(s).filter { $0.depth == 0 }.map(\.id) == [2, 1, 3])
        Fixtures.press(&s, Fixtures.keys("O"))
        #expect(ClusterTree.rows(s).filter { $0.depth == 0 }.map(\.id) == [3, 1, 2])
        Fixtures.press(&s, Fixtures.keys("o"))  // by relevance, best first
        #expect(s.sort == .relevance)
        #expect(ClusterTree.rows(s).filter { $0.depth == 1 && s.dataset.cluster($0.id)?.parentID == 2 }.map(\.id) == [22, 21])
    }

    @Test func incrementalSearchMovesAsYouTypeAndEscRestores() {
        var s = Fixtures.state()
        Fixtures.press(&s, Fixtures.keys("/fy"))
        #expect(s.prompt?.text == "fy")
        #expect(s.selectedClusterID == 21)
        Fixtures.press(&s, [.escape])
        #expect(s.prompt == nil && s.selectedClusterID == 1)
        Fixtures.press(&s, Fixtures.keys("/rfi\r"))
        #expect(s.selectedClusterID == 1 && s.lastSearch == "rfi")  // Documents' keywords mention rfi
        Fixtures.press(&s, Fixtures.keys("n"))
        #expect(s.selectedClusterID == 11)
        Fixtures.press(&s, Fixtures.keys("n"))
        #expect(s.selectedClusterID == 12)
        Fixtures.press(&s, Fixtures.keys("N"))
        #expect(s.selectedClusterID == 11)
    }

    @Test func searchWithNoMatchSaysSo() {
        var s = Fixtures.state()
        Fixtures.press(&s, Fixtures.keys("/zzz"))
        #expect(s.status?.isError == true)
        #expect(s.selectedClusterID == 1)
    }

    @Test func filterKeepsMatchesAndTheirParents() {
        var s = Fixtures.state()
        Fixtures.press(&s, Fixtures.keys("\\cost"))
        #expect(ClusterTree.rows(s).map(\.id) == [2, 22])
        Fixtures.press(&s, [.enter])
        #expect(s.clusterFilter == "cost" && s.prompt == nil)
        Fixtures.press(&s, [.escape])
        #expect(s.clusterFilter.isEmpty)
        #expect(ClusterTree.rows(s).count == 7)
    }

    @Test func capabilityFilterShowsOnlyTaggedClusters() {
        var s = Fixtures.state()
        Fixtures.press(&s, Fixtures.keys("3"))
        #expect(s.focus == .capabilities)
        #expect(CapabilityList.rows(s).map(\.id) == [101, 100, 102])  // by volume
        Fixtures.press(&s, Fixtures.keys("j\r"))  // relative dates
        #expect(s.capabilityFilter == 100)
        #expect(ClusterTree.rows(s).map(\.id) == [1, 11, 2, 22])
        Fixtures.press(&s, [.escape])
        #expect(s.capabilityFilter == nil)
    }

    @Test func questionsPaneOrdersAndBracketsStepClusters() {
        var s = Fixtures.state()
        Fixtures.press(&s, Fixtures.keys("j\r"))
        #expect(s.focus == .questions && s.questions.clusterID == 11)
        let effects = Fixtures.press(&s, Fixtures.keys("o"))
        #expect(s.questions.order == .worstRelevance)
        #expect(effects.count == 1)
        Fixtures.press(&s, Fixtures.keys("]"))
        #expect(s.selectedClusterID == 12 && s.focus == .questions && s.questions.order == .worstRelevance)
        Fixtures.press(&s, [.escape])
        #expect(s.focus == .clusters)
    }

    @Test func stalePagesAreDropped() {
        var s = Fixtures.state()
        Fixtures.press(&s, Fixtures.keys("j"))
        let stale = QuestionPage(query: QuestionQuery(clusterID: 1, memberIDs: [1, 11, 12], order: .tenTen), rows: [Question(id: 1, text: "x")], total: 1, hasMore: false)
        _ = Reducer.reduce(&s, .questionsLoaded(stale))
        #expect(s.questions.rows.isEmpty)
        let fresh = QuestionPage(query: QuestionQuery(clusterID: 11, memberIDs: [11], order: .tenTen, knownTotal: s.dataset.cluster(11)?.stats.rows),
                                 rows: [Question(id: 2, text: "y")], total: 1, hasMore: false)
        _ = Reducer.reduce(&s, .questionsLoaded(fresh))
        #expect(s.questions.rows.map(\.id) == [2] && !s.questions.loading)
    }

    @Test func moreQuestionsAreRequestedNearTheEnd() {
        var s = Fixtures.state()
        Fixtures.press(&s, Fixtures.keys("j\r"))
        let rows = (1...500).map { Question(id: Int64($0), text: "q\($0)") }
        let page = QuestionPage(query: QuestionQuery(clusterID: 11, memberIDs: [11], order: .tenTen, knownTotal: s.dataset.cluster(11)?.stats.rows),
                                rows: rows, total: 900, hasMore: true)
        #expect(Reducer.reduce(&s, .questionsLoaded(page)).isEmpty)
        let effects = Fixtures.press(&s, Fixtures.keys("G"))
        guard case .loadQuestions(let q)? = effects.first else {
            Issue.record("expected the next page")
            return
        }
        #expect(q.offset == 500)
    }

    @Test func helpListsThisPanesCommandsAndFilters() {
        var s = Fixtures.state()
        Fixtures.press(&s, Fixtures.keys("?"))
        #expect(s.overlay?.kind == .help)
        let all = CommandList.rows(s.overlay!)
        #expect(all.contains { $0.id == .sortNext })
        #expect(!all.contains { $0.id == .questionOrderNext })
        Fixtures.press(&s, Fixtures.keys("sort"))
        #expect(CommandList.rows(s.overlay!).map(\.id).starts(with: [.sortNext]))
        Fixtures.press(&s, [.enter])
        #expect(s.overlay == nil && s.sort == .name)
    }

    @Test func paletteRunsACommandFromAnotherPane() {
        var s = Fixtures.state()
        Fixtures.press(&s, Fixtures.keys(":order q"))
        #expect(CommandList.rows(s.overlay!).first?.id == .questionOrderNext)
        Fixtures.press(&s, [.enter])
        #expect(s.focus == .questions && s.questions.order == .worstRelevance)
    }

    @Test func quitAndUnboundKeys() {
        var s = Fixtures.state()
        Fixtures.press(&s, Fixtures.keys("x"))
        #expect(s.status?.text.contains("does nothing here") == true)
        #expect(Fixtures.press(&s, Fixtures.keys("q")) == [.quit])
        #expect(s.quitting)
    }

    @Test func resizeKeepsTheSelectionVisible() {
        var s = Fixtures.state(width: 120, height: 40)
        Fixtures.press(&s, Fixtures.keys("G"))
        _ = Reducer.reduce(&s, .resize(width: 60, height: 18))
        let rows = ClusterTree.rows(s)
        let index = rows.firstIndex { $0.id == s.selectedClusterID }!
        #expect(index >= s.clusterScroll && index < s.clusterScroll + s.layout.listRows(.clusters))
    }
}
