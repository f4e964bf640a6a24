/// `p`: P0–P3 or none, from a choice (`0`–`3`, `x`).
public enum PriorityDecision: DecisionKind {
    public static func start(_ command: CommandID, _ state: AppState) -> DecisionStep {
        guard let cluster = state.selectedCluster else { return .close }
        var options = (0...3).map { p in
            DialogOption("P\(p)", detail: ["fix now", "next", "later", "someday"][p], key: Character(String(p)), value: .priority(p))
        }
        options.append(DialogOption("No priority", key: "x", value: .priority(nil)))
        return .open(Dialog(purpose: .priority(cluster.id), style: .choice, title: "Priority of \u{201C}\(cluster.name)\u{201D}",
                            prompt: "0–3 sets P0–P3, x clears", options: options, cursor: cluster.priority ?? 0), load: false)
    }

    public static func owns(_ purpose: Dialog.Purpose) -> Bool {
        if case .priority = purpose { return true }
        return false
    }

    public static func finish(_ answer: DialogAnswer, of dialog: Dialog, _ state: AppState) -> DecisionStep {
        guard case .priority(let c) = dialog.purpose, case .picked(let option) = answer, case .priority(let p) = option.value else { return .close }
        return .commit(.setPriority(c, p))
    }
}
