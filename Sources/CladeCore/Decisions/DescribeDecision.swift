/// `D`: the cluster's one-sentence description (recorded as a relabel that keeps the name).
public enum DescribeDecision: DecisionKind {
    public static func start(_ command: CommandID, _ state: AppState) -> DecisionStep {
        guard let cluster = state.selectedCluster else { return .close }
        return .open(Dialog(
            purpose: .describe(cluster.id), style: .text, title: "Description of \u{201C}\(cluster.name)\u{201D}",
            prompt: "One sentence: what these users ask about.", text: cluster.description, cursor: -1
        ), load: false)
    }

    public static func owns(_ purpose: Dialog.Purpose) -> Bool {
        if case .describe = purpose { return true }
        return false
    }

    public static func finish(_ answer: DialogAnswer, of dialog: Dialog, _ state: AppState) -> DecisionStep {
        guard case .describe(let c) = dialog.purpose, case .text(let text) = answer,
              let name = state.dataset.cluster(c)?.name else { return .close }
        return .commit(.relabel(c, name: name, description: text))
    }
}
