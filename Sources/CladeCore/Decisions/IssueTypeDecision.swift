/// `i`: inventory, capability, generation or none.
public enum IssueTypeDecision: DecisionKind {
    public static func start(_ command: CommandID, _ state: AppState) -> DecisionStep {
        guard let cluster = state.selectedCluster else { return .close }
        let options: [DialogOption] = [
            DialogOption("inventory", detail: "the right documents are missing or cannot be found", key: "i", value: .issueType(.inventory)),
            DialogOption("capability", detail: "found, but the question needs an operation search cannot do", key: "c", value: .issueType(.capability)),
            DialogOption("generation", detail: "retrieval is fine, the answer is not", key: "g", value: .issueType(.generation)),
            DialogOption("none", detail: "nothing to fix", key: "n", value: .issueType(IssueType.none)),
            DialogOption("Not classified", key: "x", value: .issueType(nil)),
        ]
        let current = options.firstIndex { $0.value == .issueType(cluster.issueType) } ?? 0
        return .open(Dialog(purpose: .issueType(cluster.id), style: .choice, title: "Issue type of \u{201C}\(cluster.name)\u{201D}",
                            prompt: "What kind of problem is it?", options: options, cursor: current), load: false)
    }

    public static func owns(_ purpose: Dialog.Purpose) -> Bool {
        if case .issueType = purpose { return true }
        return false
    }

    public static func finish(_ answer: DialogAnswer, of dialog: Dialog, _ state: AppState) -> DecisionStep {
        guard case .issueType(let c) = dialog.purpose, case .picked(let option) = answer, case .issueType(let t) = option.value else { return .close }
        return .commit(.setIssueType(c, t))
    }
}
