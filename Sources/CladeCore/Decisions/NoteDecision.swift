/// `e`: a note on the cluster for the pipeline team and the report; empty clears it.
public enum NoteDecision: DecisionKind {
    public static func start(_ command: CommandID, _ state: AppState) -> DecisionStep {
        guard let cluster = state.selectedCluster else { return .close }
        return .open(Dialog(
            purpose: .note(cluster.id), style: .text, title: "Note on \u{201C}\(cluster.name)\u{201D}",
            prompt: "For the pipeline team and the report. Empty clears it.", text: cluster.note, cursor: -1
        ), load: false)
    }

    public static func owns(_ purpose: Dialog.Purpose) -> Bool {
        if case .note = purpose { return true }
        return false
    }

    public static func finish(_ answer: DialogAnswer, of dialog: Dialog, _ state: AppState) -> DecisionStep {
        guard case .note(let c) = dialog.purpose, case .text(let text) = answer else { return .close }
        return .commit(.setNote(c, text))
    }
}
