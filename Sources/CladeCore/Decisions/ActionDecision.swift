/// `a`: what to do about the cluster, the segment's default first.
public enum ActionDecision: DecisionKind {
    public static func start(_ command: CommandID, _ state: AppState) -> DecisionStep {
        guard let cluster = state.selectedCluster else { return .close }
        let segment = state.dataset.segment(of: cluster)
        var options = ClusterAction.allCases.map { a in
            DialogOption(a.title, detail: a == segment.defaultAction ? "the segment's default" : "", value: .action(a), suggested: a == segment.defaultAction)
        }
        options.sort { $0.suggested && !$1.suggested }
        options.append(DialogOption("Use the segment's default", key: "x", value: .action(nil)))
        let current = options.firstIndex { $0.value == .action(cluster.action) } ?? 0
        return .open(Dialog(purpose: .action(cluster.id), style: .choice, title: "Action for \u{201C}\(cluster.name)\u{201D}",
                            prompt: "Segment \(segment.code()): \(segment.reading)", options: options, cursor: current), load: false)
    }

    public static func owns(_ purpose: Dialog.Purpose) -> Bool {
        if case .action = purpose { return true }
        return false
    }

    public static func finish(_ answer: DialogAnswer, of dialog: Dialog, _ state: AppState) -> DecisionStep {
        guard case .action(let c) = dialog.purpose, case .picked(let option) = answer, case .action(let a) = option.value else { return .close }
        return .commit(.setAction(c, a))
    }
}
