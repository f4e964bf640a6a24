/// Decisions, generically: the registry names the kind behind a decision command, the kind
/// says what to open or commit (`Sources/CladeCore/Decisions/`), the dialog reduces its own
/// keys, and this file turns the kind's steps into state and effects.
extension Reducer {
    static func decide(_ state: inout AppState, _ id: CommandID) -> [Effect] {
        if state.dataset.readOnly {
            let key = CommandRegistry.command(id).primaryKeyLabel
            state.status = StatusMessage("Read-only: \(key) records nothing here. Open a writable copy of the database to decide.", isError: true)
            return []
        }
        switch id {
        case .undo:
            return write(&state, .undo)
        case .redo:
            return write(&state, .redo)
        case .carryForward:
            if state.committing { return refuseWhileSaving(&state, "carrying the review forward") }
            state.committing = true
            state.status = StatusMessage("Carrying the review of the previous run forward…")
            return [.carryForward]
        default:
            guard let kind = CommandRegistry.command(id).decision else { return [] }
            return apply(&state, kind.start(id, state))
        }
    }

    /// Where a kind's step leads: a dialog, a commit, a refusal, the split preview or nothing.
    static func apply(_ state: inout AppState, _ step: DecisionStep) -> [Effect] {
        switch step {
        case .open(let dialog, let load):
            state.dialog = dialog
            return load ? [.loadSuggestions(dialog.purpose)] : []
        case .commit(let request):
            return commit(&state, request)
        case .refuse(let reason):
            state.status = StatusMessage(reason, isError: true)
            return []
        case .previewSplit(let cluster):
            return openSplitPreview(&state, sources: [cluster])
        case .previewRecluster(let sources):
            return openSplitPreview(&state, sources: sources)
        case .close:
            state.dialog = nil
            return []
        case .write(let request):
            state.dialog = nil
            state.status = StatusMessage("Writing \(request.kind.title) to \(request.path)\u{2026}")
            return [.writeFile(request)]
        }
    }

    /// Records a request: the dialog closes, further decisions wait, and the marks the
    /// request used are cleared.
    static func commit(_ state: inout AppState, _ request: DecisionRequest) -> [Effect] {
        state.dialog = nil
        if var search = state.searchAll, let query = search.result?.query {
            // The search stays open; what was found is looked for again once the decision is written.
            search.marked = []
            search.pending = query
            state.searchAll = search
            switch request {
            case .split, .move, .gather: state.markedQuestions = []
            default: break
            }
            return write(&state, .commit(request)) + [.searchAll(query)]
        }
        switch request {
        case .merge, .batch: state.markedClusters = []
        case .split, .move, .gather: state.markedQuestions = []
        case .recluster(let r) where r.sources.count > 1: state.markedClusters = []
        default: break
        }
        return write(&state, .commit(request))
    }

    // MARK: The open dialog

    static func dialogCommand(_ state: inout AppState, _ id: CommandID) -> [Effect] {
        guard var dialog = state.dialog else { return [] }
        let result = dialog.reduce(id, screenHeight: state.height)
        state.dialog = dialog
        return dialogResult(&state, dialog, result)
    }

    /// A choice dialog's option picked by its letter; nil when no option has it.
    static func pickByLetter(_ state: inout AppState, _ letter: Character) -> [Effect]? {
        guard let dialog = state.dialog, let result = dialog.pick(letter: letter) else { return nil }
        return dialogResult(&state, dialog, result)
    }

    static func dialogResult(_ state: inout AppState, _ dialog: Dialog, _ result: DialogResult) -> [Effect] {
        switch result {
        case .stillOpen:
            return []
        case .cancelled:
            state.dialog = nil
            return []
        case .answered(let answer):
            guard let kind = CommandRegistry.decisionKinds.first(where: { $0.owns(dialog.purpose) }) else {
                state.dialog = nil
                return []
            }
            return apply(&state, kind.finish(answer, of: dialog, state))
        }
    }
}
