/// Dialogs for the numbers behind the segment grid and the prioritised list: the thresholds
/// (a `.setThreshold` decision each) and a cluster's prioritisation inputs (`.setPrioritisation`).
/// Both pick what to change from a short choice, then take the value as text.
extension Reducer {
    static func thresholdsDialog(_ state: AppState) -> Dialog {
        let t = state.dataset.thresholds
        let pipeline = state.dataset.pipelineThresholds
        var options = ThresholdKey.allCases.map { key in
            let changed = key.display(t) != key.display(pipeline)
            return DialogOption("\(key.title) \(key.display(t))", detail: changed ? "pipeline: \(key.display(pipeline))" : "the pipeline's value",
                                key: key.letter, value: .threshold(key))
        }
        options.append(DialogOption("Cancel", key: "c", value: .cancel))
        return Dialog(purpose: .thresholds, style: .choice, title: "Segment thresholds",
                      prompt: "Pick one to change. The grid moves at once; u undoes.", options: options, cursor: 0)
    }

    static func thresholdValueDialog(_ state: AppState, _ key: ThresholdKey) -> Dialog {
        Dialog(purpose: .thresholdValue(key), style: .text, title: "\(key.title)…",
               prompt: "\(key.hint). Empty: the pipeline's \(key.display(state.dataset.pipelineThresholds)).",
               text: key.editable(state.dataset.thresholds), cursor: -1)
    }

    static func acceptThreshold(_ state: inout AppState, _ key: ThresholdKey, _ text: String) -> [Effect] {
        if text.isEmpty { return commit(&state, .setThreshold(key: key.rawValue, value: nil)) }
        switch key.parse(text) {
        case .success(let value): return commit(&state, .setThreshold(key: key.rawValue, value: value))
        case .failure(let error):
            state.status = StatusMessage(error.message, isError: true)
            return []
        }
    }

    static func prioritisationDialog(_ state: AppState, _ cluster: Cluster) -> Dialog {
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
        return Dialog(purpose: .prioritisation(cluster.id), style: .choice, title: "Prioritisation of \u{201C}\(cluster.name)\u{201D}",
                      prompt: "Expected value \(score(.expectedValue)) · value for effort \(score(.valueForEffort)). Pick one to change.",
                      options: options, cursor: 0)
    }

    static func prioritisationValueDialog(_ state: AppState, _ c: ClusterID, _ field: PrioritisationField) -> Dialog {
        let name = state.dataset.cluster(c)?.name ?? "the cluster"
        let set = state.dataset.cluster(c).flatMap { field.value(in: $0.prioritisation) }
        return Dialog(purpose: .prioritisationValue(c, field), style: .text, title: "\(field.title) of \u{201C}\(name)\u{201D}",
                      prompt: field.hint, text: set.map(field.editable) ?? "", cursor: -1)
    }

    static func acceptPrioritisation(_ state: inout AppState, _ c: ClusterID, _ field: PrioritisationField, _ text: String) -> [Effect] {
        guard var inputs = state.dataset.cluster(c)?.prioritisation else { return [] }
        switch field.parse(text) {
        case .success(let value):
            field.set(value, in: &inputs)
            return commit(&state, .setPrioritisation(c, inputs))
        case .failure(let error):
            state.status = StatusMessage(error.message, isError: true)
            return []
        }
    }
}
