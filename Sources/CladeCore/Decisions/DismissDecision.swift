/// `d`: out of scope or redirect, or restore a dismissed cluster, for the marked clusters or the
/// selected one. The focus starts on Cancel, so a stray Enter changes nothing.
public enum DismissDecision: DecisionKind {
    public static func start(_ command: CommandID, _ state: AppState) -> DecisionStep {
        guard let targets = DecisionTargets(state) else { return .close }
        guard targets.clusters.allSatisfy({ state.dataset.isLeaf($0.id) }) else { return DecisionOptions.notOnParent("dismissed") }
        let dismissed = targets.clusters.filter(\.dismissed).count
        let allDismissed = dismissed == targets.clusters.count
        var options = [DialogOption("Cancel", key: "c", value: .cancel)]
        if !allDismissed {
            options += [DialogOption("Out of scope", detail: "tell users \"we don't do that\"", key: "o", value: .dismiss(.outOfScope)),
                        DialogOption("Redirect", detail: "send users to the software that answers it", key: "r", value: .dismiss(.redirect))]
        }
        if dismissed > 0 {
            let restore = allDismissed ? "Restore \(targets.isBulk ? "them" : "it") to the review" : "Restore the \(dismissed) dismissed to the review"
            options.append(DialogOption(restore, key: allDismissed ? "r" : "s", value: .restore))
        }
        return .open(Dialog(purpose: .dismiss(targets.ids), style: .choice,
                            title: allDismissed ? "Restore \(targets.name)?" : "Dismiss \(targets.name)?",
                            prompt: "Undoable with u.", options: options, cursor: 0), load: false)
    }

    public static func owns(_ purpose: Dialog.Purpose) -> Bool {
        if case .dismiss = purpose { return true }
        return false
    }

    public static func finish(_ answer: DialogAnswer, of dialog: Dialog, _ state: AppState) -> DecisionStep {
        guard case .dismiss(let ids) = dialog.purpose, case .picked(let option) = answer else { return .close }
        switch option.value {
        case .dismiss(let reason): return .commit(DecisionTargets.request(ids) { .dismiss($0, reason: reason) })
        case .restore:
            let dismissed = ids.filter { state.dataset.cluster($0)?.dismissed == true }
            return dismissed.isEmpty ? .close : .commit(DecisionTargets.request(dismissed) { .restore($0) })
        default: return .close
        }
    }
}
