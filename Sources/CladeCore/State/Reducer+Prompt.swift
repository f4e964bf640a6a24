extension Reducer {
    static func openPrompt(_ state: inout AppState, _ kind: InputPrompt.Kind) -> [Effect] {
        // In a view, the filter narrows its clusters, as in the Clusters pane.
        let pane = state.view == .main ? state.focus : .clusters
        let text: String
        switch (kind, pane) {
        case (.search, _): text = ""
        case (.filter, .clusters): text = state.clusterFilter
        case (.filter, .questions): text = state.questions.filter
        case (.filter, .capabilities): text = state.capabilityNameFilter
        }
        state.prompt = InputPrompt(kind: kind, pane: pane, field: TextField(text), origin: cursorIndex(state))
        return []
    }

    static func promptCommand(_ state: inout AppState, _ id: CommandID) -> [Effect] {
        guard let prompt = state.prompt else { return [] }
        switch id {
        case .cancel:
            state.prompt = nil
            if prompt.kind == .search { return setCursor(&state, prompt.origin) }
            return applyFilter(&state, pane: prompt.pane, text: "")
        case .accept:
            state.prompt = nil
            if prompt.kind == .search {
                state.lastSearch = prompt.text
                if !prompt.text.isEmpty, findMatch(state, prompt.text, from: cursorIndex(state), forward: true, includeStart: true) == nil {
                    state.status = StatusMessage("No match for \u{201C}\(prompt.text)\u{201D}", isError: true)
                }
            }
            return []
        default:
            return []
        }
    }

    /// The prompt's text changed: search moves to the first match, the filter narrows.
    static func promptEdited(_ state: inout AppState) -> [Effect] {
        guard let prompt = state.prompt else { return [] }
        switch prompt.kind {
        case .search:
            if prompt.text.isEmpty { return setCursor(&state, prompt.origin) }
            if let i = findMatch(state, prompt.text, from: prompt.origin, forward: true, includeStart: true) {
                return setCursor(&state, i)
            }
            state.status = StatusMessage("No match for \u{201C}\(prompt.text)\u{201D}", isError: true)
            return []
        case .filter:
            return applyFilter(&state, pane: prompt.pane, text: prompt.text)
        }
    }

    static func applyFilter(_ state: inout AppState, pane: Pane, text: String) -> [Effect] {
        switch pane {
        case .clusters:
            let before = state.selectedClusterID
            state.clusterFilter = text
            clampAll(&state)
            let filter = ClusterFilter(text)
            if let problem = filter.problems.first {
                state.status = StatusMessage(problem, isError: true)
            } else if !filter.isEmpty, ClusterTree.rows(state).isEmpty {
                state.status = StatusMessage("No cluster matches \u{201C}\(text)\u{201D}", isError: true)
            }
            let settled = settleViewSelection(&state)
            if !settled.isEmpty { return settled }
            return before != state.selectedClusterID ? selectCluster(&state, state.selectedClusterID, force: true) : []
        case .questions:
            guard state.questions.filter != text else { return [] }
            state.questions.filter = text
            state.questions.cursor = ListCursor()
            return reloadQuestions(&state)
        case .capabilities:
            state.capabilityNameFilter = text
            clampAll(&state)
            return []
        }
    }

    /// `n` and `N`: the next or previous row matching the last search, wrapping around.
    static func searchStep(_ state: inout AppState, forward: Bool) -> [Effect] {
        guard !state.lastSearch.isEmpty else {
            state.status = StatusMessage("No search yet: / starts one")
            return []
        }
        guard let i = findMatch(state, state.lastSearch, from: cursorIndex(state), forward: forward, includeStart: false) else {
            state.status = StatusMessage("No match for \u{201C}\(state.lastSearch)\u{201D}", isError: true)
            return []
        }
        return setCursor(&state, i)
    }

    /// The texts search looks at in the focused pane, one per row.
    public static func searchableRows(_ state: AppState) -> [String] {
        if state.view != .main {
            return ViewRows.ids(state).map { state.dataset.cluster($0).map(ClusterTree.searchText) ?? "" }
        }
        switch state.focus {
        case .clusters:
            return ClusterTree.rows(state).map { row in state.dataset.cluster(row.id).map(ClusterTree.searchText) ?? "" }
        case .questions:
            return state.questions.rows.map { $0.text.lowercased() }
        case .capabilities:
            return CapabilityList.rows(state).map { $0.name.lowercased() }
        }
    }

    static func findMatch(_ state: AppState, _ text: String, from start: Int, forward: Bool, includeStart: Bool) -> Int? {
        let rows = searchableRows(state)
        guard !rows.isEmpty else { return nil }
        let needle = text.lowercased()
        let n = rows.count
        for step in (includeStart ? 0 : 1)...n {
            let i = ((start + (forward ? step : -step)) % n + n) % n
            if rows[i].contains(needle) { return i }
        }
        return nil
    }

    static func cursorIndex(_ state: AppState) -> Int {
        if state.view != .main { return ViewRows.ids(state).firstIndex { $0 == state.selectedClusterID } ?? 0 }
        return switch state.focus {
        case .clusters: clusterIndex(state, ClusterTree.rows(state))
        case .questions: state.questions.cursor.index
        case .capabilities: state.capabilityCursor.index
        }
    }

    static func setCursor(_ state: inout AppState, _ index: Int) -> [Effect] {
        move(&state, by: index - cursorIndex(state))
    }
}

// MARK: The external editor

extension Reducer {
    /// Ctrl-X in a text dialog: the text goes to `$EDITOR`; the dialog waits for it.
    static func openEditor(_ state: inout AppState) -> [Effect] {
        guard let dialog = state.dialog, dialog.style == .text else { return [] }
        return [.editText(dialog.text)]
    }

    /// What the editor saved: a note or description is recorded with its lines; any other text
    /// comes back into the field (on one line) to be checked and accepted.
    static func editorFinished(_ state: inout AppState, _ text: String?) -> [Effect] {
        guard var dialog = state.dialog, dialog.style == .text else { return [] }
        guard let text else {
            state.status = StatusMessage("The editor failed or saved nothing: the text is as it was", isError: true)
            return []
        }
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        switch dialog.purpose {
        case .note, .describe:
            return dialogResult(&state, dialog, .answered(.text(trimmed)))
        default:
            dialog.field = TextField()
            dialog.field.insert(trimmed)
            dialog.textEdited()
            state.dialog = dialog
            return []
        }
    }
}
