/// The full-screen views (segment grid, prioritised list, charts, matrix), workshop zoom and the
/// high-contrast switch. A view lists clusters and shares the selection with the panes: moving
/// in a view selects the cluster (revealing it in the tree), Enter or Esc returns to the panes.
extension Reducer {
    static func openView(_ state: inout AppState, _ view: View) -> [Effect] {
        state.view = view
        state.rangeAnchor = nil
        state.viewScroll = 0
        var effects = settleViewSelection(&state)
        clampView(&state)
        if view == .charts, effects.isEmpty { effects += loadCharts(&state) }
        return effects
    }

    /// Keeps the selection on a row of the view: a parent selected in the tree gives way to its
    /// first cluster in the view's order (or the view's first row).
    static func settleViewSelection(_ state: inout AppState) -> [Effect] {
        guard state.view != .main else { return [] }
        let rows = ViewRows.ids(state)
        guard let current = state.selectedClusterID, !rows.contains(current) else { return [] }
        // The ranking is read from the top; elsewhere the parent's first cluster stays close to it.
        let members = state.view == .priorities ? [] : Set(state.dataset.memberClusterIDs(of: current))
        guard let pick = rows.first(where: members.contains) ?? rows.first else { return [] }
        reveal(&state, pick)
        return selectCluster(&state, pick)
    }

    /// Opens the cluster's ancestors in the tree, so the Clusters pane can show it.
    static func reveal(_ state: inout AppState, _ id: ClusterID) {
        state.expanded.formUnion(state.dataset.ancestors(of: id))
    }

    static func moveInView(_ state: inout AppState, by delta: Int) -> [Effect] {
        let rows = ViewRows.ids(state)
        guard !rows.isEmpty else { return [] }
        let current = rows.firstIndex { $0 == state.selectedClusterID } ?? 0
        let target = min(max(current + delta, 0), rows.count - 1)
        reveal(&state, rows[target])
        let effects = selectCluster(&state, rows[target])
        clampView(&state)
        return effects
    }

    /// Scrolls the prioritised list and the matrix to keep the selection in view.
    static func clampView(_ state: inout AppState) {
        switch state.view {
        case .priorities, .matrix:
            let rows = ViewRows.ids(state)
            var cursor = ListCursor(index: rows.firstIndex { $0 == state.selectedClusterID } ?? 0, scroll: state.viewScroll)
            cursor.clamp(count: rows.count, height: state.layout.viewListRows(state.view))
            state.viewScroll = cursor.scroll
            if state.view == .matrix { state.matrixColumn = clampedMatrixColumn(state, state.matrixColumn) }
        default:
            state.viewScroll = 0
        }
    }

    /// Enter and Esc in a view: back to the panes, on the selected cluster.
    static func closeView(_ state: inout AppState, announce: Bool) -> [Effect] {
        let view = state.view
        if let id = state.selectedClusterID { reveal(&state, id) }
        let effects = focus(&state, .clusters)
        if announce, let name = state.selectedCluster?.name, let number = view.number {
            state.status = StatusMessage("\u{201C}\(name)\u{201D} in the Clusters pane · \(number) goes back to \(view.title.lowercased())")
        }
        return effects
    }

    /// `h` / `l` in the grid: the neighbouring cell in the same row (satisfied ↔ unsatisfied).
    static func segmentColumn(_ state: inout AppState, by delta: Int) -> [Effect] {
        let grid = ViewRows.grid(state)
        guard let id = state.selectedClusterID, let index = grid.cells.firstIndex(where: { $0.clusterIDs.contains(id) }) else { return [] }
        let target = index + delta
        guard target >= 0, target < grid.cells.count, target / 2 == index / 2 else { return [] }
        let cell = grid.cells[target]
        guard !cell.clusterIDs.isEmpty else {
            state.status = StatusMessage("No cluster in \(cell.segment.code()) (\(cell.segment.reading))")
            return []
        }
        let position = grid.cells[index].clusterIDs.firstIndex(of: id) ?? 0
        let pick = cell.clusterIDs[min(position, cell.clusterIDs.count - 1)]
        reveal(&state, pick)
        return selectCluster(&state, pick)
    }

    static func scrollMatrix(_ state: inout AppState, by delta: Int) -> [Effect] {
        state.matrixColumn = clampedMatrixColumn(state, state.matrixColumn + delta)
        return []
    }

    static func clampedMatrixColumn(_ state: AppState, _ column: Int) -> Int {
        let count = CapabilityMatrix(dataset: state.dataset).capabilities.count
        let fit = CapabilityMatrix.visibleColumns(width: state.width - 2)
        return min(max(0, column), max(0, count - fit))
    }

    static func loadCharts(_ state: inout AppState) -> [Effect] {
        guard let id = state.selectedClusterID else {
            state.charts = nil
            return []
        }
        return [.loadCharts(ChartQuery(clusterID: id, memberIDs: state.dataset.memberClusterIDs(of: id)))]
    }

    static func chartsLoaded(_ state: inout AppState, _ charts: ClusterCharts) -> [Effect] {
        // Figures for a cluster no longer selected (or since merged into) are stale: drop them.
        guard let id = state.selectedClusterID, charts.query == ChartQuery(clusterID: id, memberIDs: state.dataset.memberClusterIDs(of: id)) else { return [] }
        state.charts = charts
        return []
    }

    static func zoom(_ state: inout AppState, by delta: Int) -> [Effect] {
        guard state.view == .main else {
            state.status = StatusMessage("The views use the whole screen already; + and _ zoom the panes")
            return []
        }
        guard let next = Zoom(rawValue: state.zoom.rawValue + delta) else {
            state.status = StatusMessage(delta > 0 ? "Full screen already: _ zooms out" : "Normal layout already: + zooms the focused pane")
            return []
        }
        state.zoom = next
        state.status = StatusMessage("Layout: \(next.title)" + (next == .normal ? "" : " · _ zooms out"))
        clampAll(&state)
        return []
    }

    static func toggleHighContrast(_ state: inout AppState) -> [Effect] {
        state.highContrast.toggle()
        state.status = StatusMessage("High-contrast theme \(state.highContrast ? "on" : "off") · T switches back")
        return [.setHighContrast(state.highContrast)]
    }

    static func switchFormula(_ state: inout AppState) -> [Effect] {
        state.formula = state.formula.next
        state.status = StatusMessage("Ranked by \(state.formula.title): \(state.formula.formula)")
        clampView(&state)
        return []
    }
}
