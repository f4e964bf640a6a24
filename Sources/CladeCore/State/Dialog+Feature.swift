import Foundation

/// A dialog as a child feature: its keys change only its own state, and it reports whether
/// it is still open, was cancelled, or answered. The decision kind that opened it decides
/// what an answer leads to (`DecisionKind.finish`).
public enum DialogResult: Equatable, Sendable {
    case stillOpen
    case cancelled
    case answered(DialogAnswer)
}

extension Dialog {
    /// Where its keys are read: each style declares its own commands in the registry.
    public var context: Context {
        switch style {
        case .choice: .choice
        case .picker: .picker
        case .text: .textDialog
        }
    }

    /// Runs one of the dialog's registry commands (list moves, accept, cancel). Text editing
    /// goes to `field` through the shared text-field commands.
    public mutating func reduce(_ command: CommandID, screenHeight: Int) -> DialogResult {
        let visible = visibleOptions
        let page = max(1, listRows(screenHeight: screenHeight))
        switch command {
        case .cancel:
            return .cancelled
        case .listDown, .listPageDown:
            guard !visible.isEmpty else { return .stillOpen }
            cursor = min(cursor + (command == .listDown ? 1 : page), visible.count - 1)
            if style == .text, cursor >= 0 { text = visible[cursor].label }
        case .listUp, .listPageUp:
            cursor = max(cursor - (command == .listUp ? 1 : page), style == .text ? -1 : 0)
            if style == .text, cursor >= 0 { text = visible[cursor].label }
        case .accept:
            if style == .text { return .answered(.text(text.trimmingCharacters(in: .whitespaces))) }
            guard visible.indices.contains(cursor) else { return .stillOpen }
            return answer(visible[cursor])
        default:
            break
        }
        return .stillOpen
    }

    /// A choice dialog's option picked by its letter; nil when no option has it.
    public func pick(letter: Character) -> DialogResult? {
        guard style == .choice, let option = visibleOptions.first(where: { $0.key == letter }) else { return nil }
        return answer(option)
    }

    private func answer(_ option: DialogOption) -> DialogResult {
        option.value == .cancel ? .cancelled : .answered(.picked(option))
    }

    /// The edited text has changed: a picker goes back to its best match, a text dialog to
    /// its text line.
    mutating func textEdited() {
        cursor = style == .picker ? 0 : -1
    }
}
