/// `e`: a note on the cluster (or on each marked one) for the pipeline team and the report;
/// empty clears it.
public enum NoteDecision: DecisionKind {
    public static func start(_ command: CommandID, _ state: AppState) -> DecisionStep {
        guard let targets = DecisionTargets(state) else { return .close }
        // Several clusters start from their shared note, or from nothing.
        let notes = Set(targets.clusters.map(\.note))
        return .open(Dialog(
            purpose: .note(targets.ids), style: .text, title: "Note on \(targets.name)",
            prompt: targets.isBulk ? "The same note on each. Empty clears them." : "For the pipeline team and the report. Empty clears it.",
            text: notes.count == 1 ? notes.first! : "", cursor: -1
        ), load: false)
    }

    public static func owns(_ purpose: Dialog.Purpose) -> Bool {
        if case .note = purpose { return true }
        return false
    }

    public static func finish(_ answer: DialogAnswer, of dialog: Dialog, _ state: AppState) -> DecisionStep {
        guard case .note(let ids) = dialog.purpose, case .text(let text) = answer else { return .close }
        return .commit(DecisionTargets.request(ids) { .setNote($0, text) })
    }
}
