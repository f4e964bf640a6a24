/// `d`: out of scope or redirect, or restore a dismissed cluster. The focus starts on
/// Cancel, so a stray Enter changes nothing.
public enum DismissDecision: DecisionKind {
    public static func start(_ command: CommandID, _ state: AppState) -> DecisionStep {
        guard let cluster = state.selectedCluster else { return .close }
        guard state.dataset.isLeaf(cluster.id) else { return DecisionOptions.notOnParent("dismissed") }
        let options: [DialogOption] = cluster.dismissed
            ? [DialogOption("Cancel", key: "c", value: .cancel), DialogOption("Restore it to the review", key: "r", value: .restore)]
            : [DialogOption("Cancel", key: "c", value: .cancel),
               DialogOption("Out of scope", detail: "tell users \"we don't do that\"", key: "o", value: .dismiss(.outOfScope)),
               DialogOption("Redirect", detail: "send users to the software that answers it", key: "r", value: .dismiss(.redirect))]
        return .open(Dialog(purpose: .dismiss(cluster.id), style: .choice,
                            title: cluster.dismissed ? "Restore \u{201C}\(cluster.name)\u{201D}?" : "Dismiss \u{201C}\(cluster.name)\u{201D}?",
                            prompt: "Undoable with u.", options: options, cursor: 0), load: false)
    }

    public static func owns(_ purpose: Dialog.Purpose) -> Bool {
        if case .dismiss = purpose { return true }
        return false
    }

    public static func finish(_ answer: DialogAnswer, of dialog: Dialog, _ state: AppState) -> DecisionStep {
        guard case .dismiss(let c) = dialog.purpose, case .picked(let option) = answer else { return .close }
        switch option.value {
        case .dismiss(let reason): return .commit(.dismiss(c, reason: reason))
        case .restore: return .commit(.restore(c))
        default: return .close
        }
    }
}
