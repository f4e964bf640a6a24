/// `r`: a new name for the cluster, with suggestions from its keywords.
public enum RelabelDecision: DecisionKind {
    public static func start(_ command: CommandID, _ state: AppState) -> DecisionStep {
        guard let cluster = state.selectedCluster else { return .close }
        return .open(Dialog(
            purpose: .relabel(cluster.id), style: .text, title: "Relabel \u{201C}\(cluster.name)\u{201D}",
            prompt: "A name the pipeline should keep. ↓ picks a suggestion.", text: cluster.name, cursor: -1, loading: true
        ), load: true)
    }

    public static func owns(_ purpose: Dialog.Purpose) -> Bool {
        if case .relabel = purpose { return true }
        return false
    }

    public static func finish(_ answer: DialogAnswer, of dialog: Dialog, _ state: AppState) -> DecisionStep {
        guard case .relabel(let c) = dialog.purpose, case .text(let name) = answer else { return .close }
        guard !name.isEmpty else { return .refuse("A cluster needs a name") }
        return .commit(.relabel(c, name: name, description: nil))
    }
}
