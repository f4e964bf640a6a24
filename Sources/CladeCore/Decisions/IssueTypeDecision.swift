/// `i`: inventory, capability, generation or none, for the marked clusters or the selected one.
public enum IssueTypeDecision: DecisionKind {
    public static func start(_ command: CommandID, _ state: AppState) -> DecisionStep {
        guard let targets = DecisionTargets(state) else { return .close }
        let options: [DialogOption] = [
            DialogOption("inventory", detail: "the right documents are missing or cannot be found", key: "i", value: .issueType(.inventory)),
            DialogOption("capability", detail: "found, but the question needs an operation search cannot do", key: "c", value: .issueType(.capability)),
            DialogOption("generation", detail: "retrieval is fine, the answer is not", key: "g", value: .issueType(.generation)),
            DialogOption("none", detail: "nothing to fix", key: "n", value: .issueType(IssueType.none)),
            DialogOption("Not classified", key: "x", value: .issueType(nil)),
        ]
        let current = targets.isBulk ? 0 : options.firstIndex { $0.value == .issueType(targets.single.issueType) } ?? 0
        return .open(Dialog(purpose: .issueType(targets.ids), style: .choice,
                            title: targets.isBulk ? "Set the issue type of \(targets.name)" : "Issue type of \(targets.name)",
                            prompt: "What kind of problem is it?", options: options, cursor: current), load: false)
    }

    public static func owns(_ purpose: Dialog.Purpose) -> Bool {
        if case .issueType = purpose { return true }
        return false
    }

    public static func finish(_ answer: DialogAnswer, of dialog: Dialog, _ state: AppState) -> DecisionStep {
        guard case .issueType(let ids) = dialog.purpose, case .picked(let option) = answer, case .issueType(let t) = option.value else { return .close }
        return .commit(DecisionTargets.request(ids) { .setIssueType($0, t) })
    }
}
