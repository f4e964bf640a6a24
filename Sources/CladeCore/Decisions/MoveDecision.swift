/// `M`: the marked questions (or the one under the cursor) to a picked cluster; the clusters
/// nearest their centre are suggested first (computed in the background).
public enum MoveDecision: DecisionKind {
    public static func start(_ command: CommandID, _ state: AppState) -> DecisionStep {
        if let search = state.searchAll { return fromSearch(search, state) }
        guard let cluster = state.selectedCluster else { return .close }
        let questions = DecisionOptions.questions(state)
        guard !questions.isEmpty else { return .close }
        return .open(Dialog(
            purpose: .moveTarget(questions: questions), style: .picker,
            title: "Move \(questions.count) question\(questions.count == 1 ? "" : "s") to…", prompt: "Nearest clusters first. Type to find another.",
            options: DecisionOptions.clusters(state, excluding: [cluster.id]), loading: true
        ), load: true)
    }

    /// `M` in search everywhere: the marked questions, from any clusters, to one picked cluster.
    static func fromSearch(_ search: SearchAllState, _ state: AppState) -> DecisionStep {
        let questions = search.chosen
        guard !questions.isEmpty else { return .refuse("Mark the questions to move first (Space)") }
        let chosen = Set(questions)
        let from = Set(search.hits.filter { chosen.contains($0.questionID) }.map(\.clusterID))
        return .open(Dialog(
            purpose: .moveTarget(questions: questions), style: .picker,
            title: "Move \(questions.count) question\(questions.count == 1 ? "" : "s") from \(from.count) cluster\(from.count == 1 ? "" : "s") to…",
            prompt: "Nearest clusters first. Type to find another.",
            options: DecisionOptions.clusters(state, excluding: from.count == 1 ? from : []), loading: true
        ), load: true)
    }

    public static func owns(_ purpose: Dialog.Purpose) -> Bool {
        if case .moveTarget = purpose { return true }
        return false
    }

    public static func finish(_ answer: DialogAnswer, of dialog: Dialog, _ state: AppState) -> DecisionStep {
        guard case .moveTarget(let questions) = dialog.purpose, case .picked(let option) = answer,
              case .cluster(let target) = option.value else { return .close }
        return .commit(.move(questions: questions, to: target))
    }
}
