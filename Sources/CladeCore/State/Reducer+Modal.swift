/// Keys in a modal context (a dialog, the split preview, help, the palette, the footer
/// prompt) resolve through the same registry as the panes: a key works there only if the
/// context declares it, so the footer, `?` and docs/keymap.md list exactly what works.
extension Reducer {
    static func modalKey(_ state: inout AppState, _ key: Key) -> [Effect] {
        let context = state.context
        if case .command(let id) = keymap.resolve([key], in: context) {
            if id == .splitTypeK, case .char(let digit) = key { return typeK(&state, digit) }
            return performModal(&state, id, in: context)
        }
        if context.takesText, let text = key.typedText {
            return editText(&state) { $0.insert(text) }
        }
        if context == .choice, case .char(let c) = key, let effects = pickByLetter(&state, c) {
            return effects
        }
        if key.typedText != nil {
            let cancel = CommandRegistry.command(.cancel, in: context)?.primaryKeyLabel ?? "Esc"
            state.status = StatusMessage("\(key.label) does nothing here. The keys that work are below; \(cancel) cancels.")
        }
        return []
    }

    static func performModal(_ state: inout AppState, _ id: CommandID, in context: Context) -> [Effect] {
        var probe = TextField()
        if probe.apply(id) { return editText(&state) { $0.apply(id) } }
        if id == .textEditor { return openEditor(&state) }
        if id == .help {
            // Help for the dialog, preview or prompt itself: its own commands, from the registry.
            state.overlay = CommandListOverlay(kind: .help, context: context)
            return []
        }
        switch context {
        case .choice, .picker, .textDialog: return dialogCommand(&state, id)
        case .questionView: return questionCommand(&state, id)
        case .split, .splitField: return splitCommand(&state, id)
        case .searchAll, .searchAllField: return searchAllCommand(&state, id)
        case .help, .palette: return overlayCommand(&state, id)
        case .search, .filter: return promptCommand(&state, id)
        default: return []
        }
    }

    /// Edits the open text field; the owner reacts only when the text itself changed.
    static func editText(_ state: inout AppState, _ edit: (inout TextField) -> Void) -> [Effect] {
        if var dialog = state.dialog {
            let before = dialog.text
            edit(&dialog.field)
            if dialog.text != before { dialog.textEdited() }
            state.dialog = dialog
            return []
        }
        if var overlay = state.overlay {
            let before = overlay.query
            edit(&overlay.field)
            // Typing filters the keys: the legend gives way to them.
            if overlay.query != before { overlay.cursor = ListCursor(); overlay.legend = false }
            state.overlay = overlay
            return []
        }
        if var prompt = state.prompt {
            let before = prompt.text
            edit(&prompt.field)
            state.prompt = prompt
            return prompt.text != before ? promptEdited(&state) : []
        }
        if var search = state.searchAll, search.typing {
            edit(&search.field)
            state.searchAll = search
            return []
        }
        if var split = state.split, var field = split.field {
            edit(&field)
            split.field = field
            state.split = split
        }
        return []
    }
}
