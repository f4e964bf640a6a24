/// While the terminal is too small to show the panes or a dialog, nothing can be decided unseen:
/// `q` quits (outside a text field), Esc closes a dialog, prompt or preview, Ctrl-L repaints, and
/// every other key is refused in words on the too-small screen.
extension Reducer {
    static func tooSmallKey(_ state: inout AppState, _ key: Key) -> [Effect] {
        let modal = state.context.isModal
        switch key {
        case .escape where modal:
            return modalKey(&state, key)
        case .char("q") where !modal:
            return dispatchKey(&state, key)
        case .ctrl("l"):
            return dispatchKey(&state, key)
        default:
            state.pendingKeys = []
            state.status = StatusMessage("\(key.label) ignored: nothing is done unseen while the terminal is too small" + (modal ? " (Esc closes the dialog)" : ""), isError: true)
            return []
        }
    }
}
