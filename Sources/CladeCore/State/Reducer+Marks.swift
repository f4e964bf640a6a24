extension Reducer {
    /// Space, `v`, Shift-↑/↓, `*` and `U` in the Clusters and Questions panes.
    static func mark(_ state: inout AppState, _ id: CommandID) -> [Effect] {
        guard state.focus != .capabilities else { return [] }
        let index = cursorIndex(state)
        switch id {
        case .toggleMark:
            toggle(&state, at: index)
            state.rangeAnchor = nil
            return move(&state, by: 1)
        case .rangeMark:
            if state.rangeAnchor == nil {
                state.rangeAnchor = index
                setMark(&state, at: index, true)
                state.status = StatusMessage("Marking a range: move, then v again")
            } else {
                state.rangeAnchor = nil
                state.status = StatusMessage("\(markCount(state)) marked")
            }
            return []
        case .extendDown, .extendUp:
            setMark(&state, at: index, true)
            let effects = move(&state, by: id == .extendDown ? 1 : -1)
            setMark(&state, at: cursorIndex(state), true)
            return effects
        case .markAll:
            let count = state.focus == .clusters ? ClusterTree.rows(state).count : state.questions.rows.count
            for i in 0..<count { setMark(&state, at: i, true) }
            state.status = StatusMessage("\(markCount(state)) marked")
            return []
        case .unmarkAll:
            if state.focus == .clusters { state.markedClusters = [] } else { state.markedQuestions = [] }
            state.rangeAnchor = nil
            state.status = StatusMessage("Marks cleared")
            return []
        default:
            return []
        }
    }

    /// Extends a `v` range to the cursor after a move.
    static func extendRange(_ state: inout AppState) {
        guard let anchor = state.rangeAnchor else { return }
        let index = cursorIndex(state)
        for i in min(anchor, index)...max(anchor, index) { setMark(&state, at: i, true) }
    }

    static func markCount(_ state: AppState) -> Int {
        state.focus == .clusters ? state.markedClusters.count : state.markedQuestions.count
    }

    static func toggle(_ state: inout AppState, at index: Int) {
        switch state.focus {
        case .clusters:
            let rows = ClusterTree.rows(state)
            guard rows.indices.contains(index) else { return }
            let id = rows[index].id
            guard state.dataset.isLeaf(id) else {
                state.status = StatusMessage("Parents are not marked: mark the clusters inside")
                return
            }
            if !state.markedClusters.insert(id).inserted { state.markedClusters.remove(id) }
        case .questions:
            guard state.questions.rows.indices.contains(index) else { return }
            let id = state.questions.rows[index].id
            if !state.markedQuestions.insert(id).inserted { state.markedQuestions.remove(id) }
        case .capabilities:
            return
        }
    }

    static func setMark(_ state: inout AppState, at index: Int, _ on: Bool) {
        switch state.focus {
        case .clusters:
            let rows = ClusterTree.rows(state)
            guard rows.indices.contains(index), state.dataset.isLeaf(rows[index].id) else { return }
            if on { state.markedClusters.insert(rows[index].id) } else { state.markedClusters.remove(rows[index].id) }
        case .questions:
            guard state.questions.rows.indices.contains(index) else { return }
            let id = state.questions.rows[index].id
            if on { state.markedQuestions.insert(id) } else { state.markedQuestions.remove(id) }
        case .capabilities:
            return
        }
    }
}
