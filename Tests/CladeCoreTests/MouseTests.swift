@testable import CladeCore
import Testing

/// Clicks select rows and focus panes, the wheel moves the pane under the pointer, a click on a
/// footer hint runs it. Fixture at 120×40: Clusters pane from row 1, its list from row 3.
@Suite struct MouseTests {
    @Test func aClickSelectsAClusterAndFocusesItsPane() {
        var s = Fixtures.state()
        #expect(ClusterTree.rows(s).map(\.id).prefix(3) == [1, 11, 12])
        _ = Reducer.reduce(&s, .mouse(MouseEvent(.press, x: 10, y: 5)))
        #expect(s.selectedClusterID == 12 && s.focus == .clusters)
        // Below the last row: nothing changes.
        _ = Reducer.reduce(&s, .mouse(MouseEvent(.press, x: 10, y: 15)))
        #expect(s.selectedClusterID == 12)
    }

    @Test func theWheelScrollsTheQuestionsUnderThePointer() {
        var store = DecisionKindTests.inQuestions()
        _ = Reducer.reduce(&store.state_, .key(.tab))  // away from the Questions pane
        #expect(store.state.focus != .questions)
        let y = store.state.layout.titleRows + store.state.layout.topHeight + 2 + store.state.layout.detailRows
        _ = Reducer.reduce(&store.state_, .mouse(MouseEvent(.wheelDown, x: 5, y: y)))
        #expect(store.state.focus == .questions && store.state.questions.cursor.index == 3)
        _ = Reducer.reduce(&store.state_, .mouse(MouseEvent(.wheelUp, x: 5, y: y)))
        #expect(store.state.questions.cursor.index == 0)
        // The focused Questions pane is taller now: the click lands where it is drawn.
        let top = store.state.layout.titleRows + store.state.layout.topHeight + 2 + store.state.layout.detailRows
        _ = Reducer.reduce(&store.state_, .mouse(MouseEvent(.press, x: 5, y: top + 2)))
        #expect(store.state.questions.cursor.index == 2)
    }

    @Test func aClickOnAFooterHintRunsIt() {
        var s = Fixtures.state()
        let hints = CommandRegistry.footerHints(in: s.context, width: s.width)
        var x = 1
        for h in hints.prefix { $0.label != "help" } { x += h.keys.count + 1 + h.label.count + 2 }
        _ = Reducer.reduce(&s, .mouse(MouseEvent(.press, x: x, y: s.height - 1)))
        #expect(s.overlay?.kind == .help)
    }
}

/// Undo and redo bring the cursor to the cluster they changed.
@Suite struct UndoCursorTests {
    @Test func undoSelectsWhatItChanged() {
        var s = Fixtures.state()
        #expect(s.selectedClusterID == 1)
        s.expanded = []
        let record = DecisionRecord(id: 2, runID: 1, at: "2026-01-01T00:00:00Z", reviewer: "t", op: .undo, clusterIDs: [22],
                                    questionIDs: [], note: "", undoes: 1, summary: "Undid: Set “Cost lookup” to P1")
        _ = Reducer.reduce(&s, .committed(record))
        _ = Reducer.reduce(&s, .datasetLoaded(s.dataset))
        #expect(s.selectedClusterID == 22 && s.expanded.contains(2))
    }
}
