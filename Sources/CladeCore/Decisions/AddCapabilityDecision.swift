/// `A` in the Capabilities pane: a new capability, confirmed on the selected cluster.
public enum AddCapabilityDecision: DecisionKind {
    public static func start(_ command: CommandID, _ state: AppState) -> DecisionStep {
        guard let cluster = state.selectedCluster else { return .close }
        return .open(Dialog(purpose: .newCapability(cluster.id), style: .text, title: "New capability, confirmed on \u{201C}\(cluster.name)\u{201D}",
                            prompt: "What users want done, e.g. \u{201C}compare across projects\u{201D}.", cursor: -1), load: false)
    }

    public static func owns(_ purpose: Dialog.Purpose) -> Bool {
        if case .newCapability = purpose { return true }
        return false
    }

    public static func finish(_ answer: DialogAnswer, of dialog: Dialog, _ state: AppState) -> DecisionStep {
        guard case .newCapability(let c) = dialog.purpose, case .text(let name) = answer else { return .close }
        guard !name.isEmpty else { return .refuse("A capability needs a name") }
        return .commit(.addCapability(name: name, description: "", confirmOn: c))
    }
}
