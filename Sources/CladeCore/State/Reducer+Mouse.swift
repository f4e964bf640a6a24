/// Clicks and the wheel: a click selects the row under it (and focuses its pane) or runs the
/// footer hint under it; the wheel moves the pane under the pointer. Where things are comes from
/// `LayoutMetrics`, which the views draw by, so a click lands where the eye sees.
extension Reducer {
    static func mouse(_ state: inout AppState, _ event: MouseEvent) -> [Effect] {
        let layout = state.layout
        guard !layout.tooSmall else { return [] }
        // The footer showed the status line, not hints, if there was one.
        let statusShown = state.status != nil
        state.status = nil
        if event.y == state.height - 1 {
            guard event.kind == .press, state.prompt == nil, !statusShown, let id = footerCommand(state, x: event.x) else { return [] }
            return state.context.isModal ? performModal(&state, id, in: state.context) : perform(&state, id)
        }
        // A dialog, the split preview, help or a prompt keeps its keys; the panes under it do not take clicks.
        guard !state.context.isModal, state.view == .main, let (pane, row) = paneRow(state, x: event.x, y: event.y) else { return [] }
        var effects = state.focus == pane ? [] : focus(&state, pane)
        switch event.kind {
        case .wheelUp: return effects + move(&state, by: -3)
        case .wheelDown: return effects + move(&state, by: 3)
        case .press:
            guard let row else { return effects }
            let first = listScroll(state, pane)
            let count = listCount(state, pane)
            guard first + row < count else { return effects }
            effects += setCursor(&state, first + row)
            return effects
        }
    }

    /// The pane under a cell, and the list row (from the first shown) when it is on one.
    static func paneRow(_ state: AppState, x: Int, y: Int) -> (Pane, Int?)? {
        let layout = state.layout
        let top = layout.titleRows
        if layout.topHeight > 0, y >= top, y < top + layout.topHeight {
            let pane: Pane = layout.sideBySide ? (x < layout.clustersWidth ? .clusters : .capabilities)
                : (state.focus == .capabilities ? .capabilities : .clusters)
            // Border, then the column header, then the list.
            let row = y - top - 2
            return (pane, row >= 0 && row < layout.listRows(pane) ? row : nil)
        }
        let bottom = top + layout.topHeight
        if layout.bottomHeight > 0, y >= bottom, y < bottom + layout.bottomHeight {
            // Border, the cluster's detail block, the column header, then the questions.
            let row = y - bottom - 2 - layout.detailRows
            return (.questions, row >= 0 && row < layout.listRows(.questions) ? row : nil)
        }
        return nil
    }

    static func listScroll(_ state: AppState, _ pane: Pane) -> Int {
        switch pane {
        case .clusters: state.clusterScroll
        case .questions: state.questions.cursor.scroll
        case .capabilities: state.capabilityCursor.scroll
        }
    }

    static func listCount(_ state: AppState, _ pane: Pane) -> Int {
        switch pane {
        case .clusters: ClusterTree.rows(state).count
        case .questions: state.questions.rows.count
        case .capabilities: CapabilityList.rows(state).count
        }
    }

    /// The command of the footer hint under column `x`, laid out as the footer draws them.
    static func footerCommand(_ state: AppState, x: Int) -> CommandID? {
        let context = state.context
        var left = 1
        for entry in CommandRegistry.footerHints(in: context, width: state.width, measure: { $0.count }) {
            let right = left + entry.keys.count + 1 + entry.label.count
            if x >= left, x < right {
                return CommandRegistry.commands(in: context).first { $0.footer == entry.label && ($0.footerKeys ?? $0.primaryKeyLabel) == entry.keys }?.id
            }
            left = right + 2
        }
        return nil
    }
}
