/// `p`: P0–P3 or none, from a choice (`0`–`3`, `x`), for the marked clusters or the selected one.
public enum PriorityDecision: DecisionKind {
    public static func start(_ command: CommandID, _ state: AppState) -> DecisionStep {
        guard let targets = DecisionTargets(state) else { return .close }
        var options = (0...3).map { p in
            DialogOption("P\(p)", detail: ["fix now", "next", "later", "someday"][p], key: Character(String(p)), value: .priority(p))
        }
        options.append(DialogOption("No priority", key: "x", value: .priority(nil)))
        let current = targets.isBulk ? nil : targets.single.priority
        return .open(Dialog(purpose: .priority(targets.ids), style: .choice,
                            title: targets.isBulk ? "Set priority of \(targets.name)" : "Priority of \(targets.name)",
                            prompt: "0–3 sets P0–P3, x clears", options: options, cursor: current ?? 0), load: false)
    }

    public static func owns(_ purpose: Dialog.Purpose) -> Bool {
        if case .priority = purpose { return true }
        return false
    }

    public static func finish(_ answer: DialogAnswer, of dialog: Dialog, _ state: AppState) -> DecisionStep {
        guard case .priority(let ids) = dialog.purpose, case .picked(let option) = answer, case .priority(let p) = option.value else { return .close }
        return .commit(DecisionTargets.request(ids) { .setPriority($0, p) })
    }
}
