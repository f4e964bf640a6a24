/// `a`: what to do about the cluster (or the marked ones), the segment's default first.
public enum ActionDecision: DecisionKind {
    public static func start(_ command: CommandID, _ state: AppState) -> DecisionStep {
        guard let targets = DecisionTargets(state) else { return .close }
        let segments = Set(targets.clusters.map { state.dataset.segment(of: $0) })
        // Several clusters share a default only when they share a segment.
        let segment = segments.count == 1 ? segments.first : nil
        var options = ClusterAction.allCases.map { a in
            DialogOption(a.title, detail: a == segment?.defaultAction ? "the segment's default" : "", value: .action(a), suggested: a == segment?.defaultAction)
        }
        options.sort { $0.suggested && !$1.suggested }
        options.append(DialogOption(targets.isBulk ? "Use each segment's default" : "Use the segment's default", key: "x", value: .action(nil)))
        let current = targets.isBulk ? 0 : options.firstIndex { $0.value == .action(targets.single.action) } ?? 0
        let prompt = segment.map { "Segment \($0.code()): \($0.reading)" } ?? "\(segments.count) segments"
        return .open(Dialog(purpose: .action(targets.ids), style: .choice,
                            title: targets.isBulk ? "Set the action of \(targets.name)" : "Action for \(targets.name)",
                            prompt: prompt, options: options, cursor: current), load: false)
    }

    public static func owns(_ purpose: Dialog.Purpose) -> Bool {
        if case .action = purpose { return true }
        return false
    }

    public static func finish(_ answer: DialogAnswer, of dialog: Dialog, _ state: AppState) -> DecisionStep {
        guard case .action(let ids) = dialog.purpose, case .picked(let option) = answer, case .action(let a) = option.value else { return .close }
        return .commit(DecisionTargets.request(ids) { .setAction($0, a) })
    }
}
