/// `t` in the segment grid: pick a threshold, then type its value (empty: the pipeline's).
/// Each is a `.setThreshold` decision; the grid moves at once.
public enum ThresholdDecision: DecisionKind {
    public static func start(_ command: CommandID, _ state: AppState) -> DecisionStep {
        let t = state.dataset.thresholds
        let pipeline = state.dataset.pipelineThresholds
        var options = ThresholdKey.allCases.map { key in
            let changed = key.display(t) != key.display(pipeline)
            return DialogOption("\(key.title) \(key.display(t))", detail: changed ? "pipeline: \(key.display(pipeline))" : "the pipeline's value",
                                key: key.letter, value: .threshold(key))
        }
        options.append(DialogOption("Cancel", key: "c", value: .cancel))
        return .open(Dialog(purpose: .thresholds, style: .choice, title: "Segment thresholds",
                            prompt: "Pick one to change. The grid moves at once; u undoes.", options: options, cursor: 0), load: false)
    }

    public static func owns(_ purpose: Dialog.Purpose) -> Bool {
        switch purpose {
        case .thresholds, .thresholdValue: true
        default: false
        }
    }

    public static func finish(_ answer: DialogAnswer, of dialog: Dialog, _ state: AppState) -> DecisionStep {
        switch (dialog.purpose, answer) {
        case (.thresholds, .picked(let option)):
            guard case .threshold(let key) = option.value else { return .close }
            return .open(Dialog(purpose: .thresholdValue(key), style: .text, title: "\(key.title)…",
                                prompt: "\(key.hint). Empty: the pipeline's \(key.display(state.dataset.pipelineThresholds)).",
                                text: key.editable(state.dataset.thresholds), cursor: -1), load: false)
        case (.thresholdValue(let key), .text(let text)):
            if text.isEmpty { return .commit(.setThreshold(key: key.rawValue, value: nil)) }
            switch key.parse(text) {
            case .success(let value): return .commit(.setThreshold(key: key.rawValue, value: value))
            case .failure(let error): return .refuse(error.message)
            }
        default:
            return .close
        }
    }
}
