extension Reducer {
    static func overlayCommand(_ state: inout AppState, _ id: CommandID) -> [Effect] {
        guard var overlay = state.overlay else { return [] }
        let rows = CommandList.rows(overlay)
        let height = overlay.listRows(screenHeight: state.height, count: rows.count)
        if id == .helpLegend {
            overlay.legend.toggle()
            overlay.legendScroll = 0
            state.overlay = overlay
            return []
        }
        if overlay.legend, let delta = [CommandID.listDown: 1, .listUp: -1, .listPageDown: height, .listPageUp: -height][id] {
            overlay.legendScroll = max(0, min(Legend.entries.count - height, overlay.legendScroll + delta))
            state.overlay = overlay
            return []
        }
        if overlay.legend, id == .accept {
            // Nothing to run on the legend: Enter goes back to the keys.
            overlay.legend = false
            state.overlay = overlay
            return []
        }
        switch id {
        case .cancel:
            if overlay.query.isEmpty { state.overlay = nil; return [] }
            overlay.field = TextField()
            overlay.cursor = ListCursor()
        case .closeOverlay:
            state.overlay = nil
            return []
        case .listDown: overlay.cursor.move(by: 1, count: rows.count, height: height)
        case .listUp: overlay.cursor.move(by: -1, count: rows.count, height: height)
        case .listPageDown: overlay.cursor.move(by: height, count: rows.count, height: height)
        case .listPageUp: overlay.cursor.move(by: -height, count: rows.count, height: height)
        case .accept:
            state.overlay = nil
            guard rows.indices.contains(overlay.cursor.index) else { return [] }
            // Help opened over a dialog runs the dialog's command in it.
            if overlay.context.isModal { return performModal(&state, rows[overlay.cursor.index].id, in: overlay.context) }
            return runFromList(&state, rows[overlay.cursor.index])
        default:
            return []
        }
        state.overlay = overlay
        return []
    }

    /// Runs a command picked from help or the palette, first moving to a pane or view where it applies.
    static func runFromList(_ state: inout AppState, _ command: Command) -> [Effect] {
        var effects: [Effect] = []
        if !command.applies(in: state.keyContext), let context = command.contexts.first {
            if let pane = Pane(context) {
                effects += focus(&state, pane)
            } else if let view = View.allCases.first(where: { $0.context == context }) {
                effects += openView(&state, view)
            }
        }
        return effects + perform(&state, command.id)
    }
}
