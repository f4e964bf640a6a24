import Testing
@testable import CladeCore

/// The segment grid, the prioritised list and their inputs, on the fixture dataset:
/// RFI status (11), Open RFIs (12) and Cost lookup (22) are high-volume and fine, FY budget (21)
/// is the danger zone, Weather (3) is small with only 5 ratings (not judged at the default 10).
@Suite struct SegmentsAndPrioritiesTests {
    @Test func gridPlacesEveryLeafInItsCellOrAmongTheUnjudged() {
        let grid = SegmentGrid(dataset: Fixtures.dataset)
        func cell(_ code: String) -> [ClusterID] { grid.cells.first { $0.segment.code() == code }!.clusterIDs }
        #expect(cell("H·H·H") == [11, 12, 22])  // largest first
        #expect(cell("H·L·L") == [21])
        #expect(grid.unjudged.clusterIDs == [3])
        #expect(grid.order == [11, 12, 22, 21, 3])
        #expect(grid.cells.map { $0.segment.code() } == ["H·H·H", "H·H·L", "H·L·H", "H·L·L", "L·H·H", "L·H·L", "L·L·H", "L·L·L"])
        let share = grid.cells.reduce(0) { $0 + $1.share } + grid.unjudged.share
        #expect(abs(share - 1) < 1e-9)
    }

    @Test func loweringTheMinimumOfRatingsJudgesTheSmallCluster() {
        var d = Fixtures.dataset
        d.thresholds.minRatings = 5
        let grid = SegmentGrid(dataset: d)
        #expect(grid.unjudged.clusterIDs.isEmpty)
        #expect(grid.cells.first { $0.segment.code() == "L·L·L" }?.clusterIDs == [3])
    }

    @Test func thresholdInputIsParsedInTheUnitsShown() {
        #expect(ThresholdKey.volumeHighShare.parse("5") == .success("0.05"))
        #expect(ThresholdKey.volumeHighShare.parse(" 2.5 % ") == .success("0.025"))
        #expect(ThresholdKey.satisfactionLow.parse("55") == .success("0.55"))
        #expect(ThresholdKey.relevanceLow.parse("0,45") == .success("0.45"))
        #expect(ThresholdKey.minRatings.parse("25") == .success("25"))
        for bad in ["0", "abc", "-3", "2.5"] {
            guard case .failure = ThresholdKey.minRatings.parse(bad) else { Issue.record("\(bad) accepted"); continue }
        }
        guard case .failure = ThresholdKey.volumeHighShare.parse("150") else { Issue.record("150% accepted"); return }
        #expect(ThresholdKey.volumeHighShare.describe(stored: "0.05") == "5.0%")
        #expect(ThresholdKey.volumeHighShare.editable(.standard) == "4")
    }

    @Test func rankingUsesTheDefaultsAndTheFormula() {
        var d = Fixtures.dataset
        let ev = PriorityRanking(dataset: d, formula: .expectedValue)
        // The danger zone's default impact (5) puts it first with every other input at its default.
        #expect(ev.order.first == 21)
        let fy = ev.entry(21)!
        #expect(fy.inputs.defaulted == Set(PrioritisationField.allCases))
        #expect(abs(fy.score - 5 * (250.0 / 910 * 100) * 0.5) < 1e-9)
        // A cheap, safe fix on a healthy cluster wins on value for effort.
        d.clusters[d.indexByID[22]!].prioritisation = PrioritisationInputs(impact: 5, effort: 1, risk: 1)
        let vfe = PriorityRanking(dataset: d, formula: .valueForEffort)
        #expect(vfe.order.first == 22)
        #expect(vfe.entry(22)!.inputs.defaulted == [.success])
        #expect(vfe.entries.map(\.rank) == Array(1...5))
    }

    @Test func matrixShadesByQuartersOfTheLargestLeafCell() {
        let m = CapabilityMatrix(dataset: Fixtures.dataset)
        #expect(m.capabilities.map(\.id) == [101, 100, 102])
        #expect(m.scaleMax == 200)
        #expect(m.shade(0) == 0 && m.shade(10) == 1 && m.shade(100) == 2 && m.shade(151) == 4 && m.shade(400) == 4)
    }

    // MARK: The views in the reducer

    @Test func segmentViewSelectsALeafMovesByCellAndEnterGoesBack() {
        var s = Fixtures.state()
        #expect(s.selectedClusterID == 1)
        Fixtures.press(&s, Fixtures.keys("4"))
        #expect(s.view == .segments && s.keyContext == .segments)
        #expect(s.selectedClusterID == 11)  // Documents' first cluster in the grid
        Fixtures.press(&s, Fixtures.keys("jj"))
        #expect(s.selectedClusterID == 22)
        Fixtures.press(&s, Fixtures.keys("j"))
        #expect(s.selectedClusterID == 21)
        Fixtures.press(&s, Fixtures.keys("h"))  // H·L·H is empty
        #expect(s.selectedClusterID == 21 && s.status?.text.contains("No cluster in H·L·H") == true)
        Fixtures.press(&s, [.enter])
        #expect(s.view == .main && s.focus == .clusters && s.selectedClusterID == 21)
        #expect(ClusterTree.rows(s).contains { $0.id == 21 })
    }

    @Test func aViewRevealsItsSelectionInACollapsedTree() {
        var s = Fixtures.state()
        Fixtures.press(&s, Fixtures.keys("z"))  // collapse every parent
        #expect(!ClusterTree.rows(s).contains { $0.id == 21 })
        Fixtures.press(&s, Fixtures.keys("5"))
        #expect(s.selectedClusterID == 21)  // the top of the ranking
        Fixtures.press(&s, [.escape])
        #expect(s.view == .main && s.selectedClusterID == 21 && ClusterTree.rows(s).contains { $0.id == 21 })
    }

    @Test func thresholdsAreEditedThroughADialogAndCommittedAsADecision() {
        var s = Fixtures.state()
        Fixtures.press(&s, Fixtures.keys("4t"))
        #expect(s.dialog?.purpose == .thresholds)
        Fixtures.press(&s, Fixtures.keys("r"))
        #expect(s.dialog?.purpose == .thresholdValue(.relevanceLow) && s.dialog?.text == "0.5")
        Fixtures.press(&s, [.ctrl("u")] + Fixtures.keys("nope\r"))
        #expect(s.status?.isError == true && s.dialog != nil)
        let effects = Fixtures.press(&s, [.ctrl("u")] + Fixtures.keys("0.75\r"))
        #expect(effects == [.commit(.setThreshold(key: "relevance_low", value: "0.75"))])
        #expect(s.dialog == nil && s.committing)
    }

    @Test func anEmptyThresholdGoesBackToThePipelinesValue() {
        var s = Fixtures.state()
        Fixtures.press(&s, Fixtures.keys("4tm"))
        let effects = Fixtures.press(&s, [.ctrl("u"), .enter])
        #expect(effects == [.commit(.setThreshold(key: "min_ratings", value: nil))])
    }

    @Test func prioritisationInputsAreEditedOneAtATime() {
        var s = Fixtures.state()
        Fixtures.press(&s, Fixtures.keys("5e"))
        #expect(s.dialog?.purpose == .prioritisation(21))
        Fixtures.press(&s, Fixtures.keys("s"))
        #expect(s.dialog?.purpose == .prioritisationValue(21, .success) && s.dialog?.text == "")
        Fixtures.press(&s, Fixtures.keys("120\r"))
        #expect(s.status?.isError == true)
        let effects = Fixtures.press(&s, [.ctrl("u")] + Fixtures.keys("70\r"))
        #expect(effects == [.commit(.setPrioritisation(21, PrioritisationInputs(success: 0.7)))])
    }

    @Test func thePaletteOpensTheViewACommandBelongsTo() {
        var s = Fixtures.state()
        Fixtures.press(&s, Fixtures.keys(":thresholds"))
        #expect(CommandList.rows(s.overlay!).first?.id == .editThresholds)
        Fixtures.press(&s, [.enter])
        #expect(s.view == .segments && s.dialog?.purpose == .thresholds)
    }

    @Test func formulaSwitchReordersTheList() {
        var s = Fixtures.state()
        Fixtures.press(&s, Fixtures.keys("5f"))
        #expect(s.formula == .valueForEffort)
        #expect(s.status?.text.contains("(impact × volume%) / (effort × risk)") == true)
    }

    @Test func chartsLoadForTheSelectionAndStaleOnesAreDropped() {
        var s = Fixtures.state()
        Fixtures.press(&s, Fixtures.keys("j"))
        let effects = Fixtures.press(&s, Fixtures.keys("6"))
        #expect(effects == [.loadCharts(ChartQuery(clusterID: 11, memberIDs: [11]))])
        let moved = Fixtures.press(&s, Fixtures.keys("j"))
        #expect(moved.contains(.loadCharts(ChartQuery(clusterID: 12, memberIDs: [12]))))
        _ = Reducer.reduce(&s, .chartsLoaded(ClusterCharts(query: ChartQuery(clusterID: 11, memberIDs: [11]), relevanceBins: [], weeks: [])))
        #expect(s.charts == nil)
        let fresh = ClusterCharts(query: ChartQuery(clusterID: 12, memberIDs: [12]), relevanceBins: [1], weeks: [])
        _ = Reducer.reduce(&s, .chartsLoaded(fresh))
        #expect(s.charts == fresh)
    }

    @Test func zoomStepsThroughTheWorkshopLayouts() {
        var s = Fixtures.state(width: 80, height: 24)
        let normal = s.layout.listRows(.clusters)
        Fixtures.press(&s, Fixtures.keys("+"))
        #expect(s.zoom == .zoomed && s.layout.listRows(.clusters) > normal)
        Fixtures.press(&s, Fixtures.keys("+"))
        #expect(s.zoom == .full && s.layout.topHeight == s.layout.body && s.layout.bottomHeight == 0 && !s.layout.sideBySide)
        Fixtures.press(&s, Fixtures.keys("+"))
        #expect(s.zoom == .full && s.status?.text.contains("_ zooms out") == true)
        Fixtures.press(&s, Fixtures.keys("2"))
        #expect(s.layout.topHeight == 0 && s.layout.bottomHeight == s.layout.body)
        Fixtures.press(&s, Fixtures.keys("__"))
        #expect(s.zoom == .normal)
    }

    @Test func highContrastIsSwitchedAtRuntime() {
        var s = Fixtures.state()
        #expect(Fixtures.press(&s, Fixtures.keys("T")) == [.setHighContrast(true)])
        #expect(s.highContrast)
        #expect(Fixtures.press(&s, Fixtures.keys("T")) == [.setHighContrast(false)])
    }

    @Test func searchInAViewFollowsTheViewsOrder() {
        var s = Fixtures.state()
        Fixtures.press(&s, Fixtures.keys("4/weather\r"))
        #expect(s.view == .segments && s.selectedClusterID == 3)
    }
}
