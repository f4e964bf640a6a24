/// `D`: the cluster's one-sentence description (recorded as a relabel that keeps the name), or
/// the same description on each marked cluster.
public enum DescribeDecision: DecisionKind {
    public static func start(_ command: CommandID, _ state: AppState) -> DecisionStep {
        guard let targets = DecisionTargets(state) else { return .close }
        let descriptions = Set(targets.clusters.map(\.description))
        return .open(Dialog(
            purpose: .describe(targets.ids), style: .text, title: "Description of \(targets.name)",
            prompt: targets.isBulk ? "One sentence for each: what these users ask about." : "One sentence: what these users ask about.",
            text: descriptions.count == 1 ? descriptions.first! : "", cursor: -1
        ), load: false)
    }

    public static func owns(_ purpose: Dialog.Purpose) -> Bool {
        if case .describe = purpose { return true }
        return false
    }

    public static func finish(_ answer: DialogAnswer, of dialog: Dialog, _ state: AppState) -> DecisionStep {
        guard case .describe(let ids) = dialog.purpose, case .text(let text) = answer else { return .close }
        let named = ids.compactMap { c in state.dataset.cluster(c).map { (c, $0.name) } }
        guard !named.isEmpty else { return .close }
        let names = Dictionary(uniqueKeysWithValues: named)
        return .commit(DecisionTargets.request(named.map(\.0)) { .relabel($0, name: names[$0]!, description: text) })
    }
}
