/// `e` in the prioritised list: pick one of the cluster's impact, effort, risk and chance of
/// success, then type it; or reset them all to the defaults. One `.setPrioritisation` each.
public enum PrioritisationDecision: DecisionKind {
    public static func start(_ command: CommandID, _ state: AppState) -> DecisionStep {
        guard let cluster = state.selectedCluster else { return .close }
        let segment = state.dataset.segment(of: cluster)
        let effective = cluster.prioritisation.effective(segment: segment)
        var options = PrioritisationField.allCases.map { f in
            DialogOption("\(f.title) \(f.display(effective.value(f)))",
                         detail: effective.defaulted.contains(f) ? (f == .impact ? "default for \(segment.code())" : "default") : "set",
                         key: f.letter, value: .prioritisationField(f))
        }
        if !cluster.prioritisation.isEmpty { options.append(DialogOption("Reset all to the defaults", key: "x", value: .resetPrioritisation)) }
        options.append(DialogOption("Cancel", key: "c", value: .cancel))
        let share = state.dataset.volumeShare(of: cluster)
        let score = { (f: PriorityFormula) in Format.fixed(f.score(effective, share: share), 2) }
        return .open(Dialog(purpose: .prioritisation(cluster.id), style: .choice, title: "Prioritisation of \u{201C}\(cluster.name)\u{201D}",
                            prompt: "Expected value \(score(.expectedValue)) · value for effort \(score(.valueForEffort)). Pick one to change.",
                            options: options, cursor: 0), load: false)
    }

    public static func owns(_ purpose: Dialog.Purpose) -> Bool {
        switch purpose {
        case .prioritisation, .prioritisationValue: true
        default: false
        }
    }

    public static func finish(_ answer: DialogAnswer, of dialog: Dialog, _ state: AppState) -> DecisionStep {
        switch (dialog.purpose, answer) {
        case (.prioritisation(let c), .picked(let option)):
            switch option.value {
            case .prioritisationField(let field):
                let name = state.dataset.cluster(c)?.name ?? "the cluster"
                let set = state.dataset.cluster(c).flatMap { field.value(in: $0.prioritisation) }
                return .open(Dialog(purpose: .prioritisationValue(c, field), style: .text, title: "\(field.title) of \u{201C}\(name)\u{201D}",
                                    prompt: field.hint, text: set.map(field.editable) ?? "", cursor: -1), load: false)
            case .resetPrioritisation:
                return .commit(.setPrioritisation(c, PrioritisationInputs()))
            default:
                return .close
            }
        case (.prioritisationValue(let c, let field), .text(let text)):
            guard var inputs = state.dataset.cluster(c)?.prioritisation else { return .close }
            switch field.parse(text) {
            case .success(let value):
                field.set(value, in: &inputs)
                return .commit(.setPrioritisation(c, inputs))
            case .failure(let error):
                return .refuse(error.message)
            }
        default:
            return .close
        }
    }
}
