extension Reducer {
    static func overlayKey(_ state: inout AppState, _ key: Key) -> [Effect] {
        guard var overlay = state.overlay else { return [] }
        let rows = CommandList.rows(overlay)
        let height = max(1, state.height - 8)
        switch key {
        case .escape:
            if overlay.query.isEmpty { state.overlay = nil; return [] }
            overlay.query = ""
            overlay.cursor = ListCursor()
        case .char("?") where overlay.kind == .help && overlay.query.isEmpty, .function(1):
            state.overlay = nil
            return []
        case .ctrl("c"):
            state.overlay = nil
            return []
        case .down, .ctrl("n"), .ctrl("j"): overlay.cursor.move(by: 1, count: rows.count, height: height)
        case .up, .ctrl("p"), .ctrl("k"): overlay.cursor.move(by: -1, count: rows.count, height: height)
        case .pageDown, .ctrl("d"): overlay.cursor.move(by: height, count: rows.count, height: height)
        case .pageUp, .ctrl("u"): overlay.cursor.move(by: -height, count: rows.count, height: height)
        case .home: overlay.cursor.moveTo(0, count: rows.count, height: height)
        case .end: overlay.cursor.moveTo(rows.count - 1, count: rows.count, height: height)
        case .backspace:
            guard !overlay.query.isEmpty else { return [] }
            overlay.query.removeLast()
            overlay.cursor = ListCursor()
        case .char(let c):
            overlay.query.append(c)
            overlay.cursor = ListCursor()
        case .enter:
            state.overlay = nil
            guard rows.indices.contains(overlay.cursor.index) else { return [] }
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
