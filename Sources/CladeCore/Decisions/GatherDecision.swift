import Foundation

/// `s` in search everywhere: the marked questions, from any clusters, into one new named cluster.
/// The kind is started from the search's reducer (`Reducer+SearchAll.swift`), not from a pane key.
public enum GatherDecision: DecisionKind {
    public static func start(_ command: CommandID, _ state: AppState) -> DecisionStep {
        guard let search = state.searchAll else { return .close }
        let questions = search.chosen
        guard !questions.isEmpty else { return .refuse("Mark the questions to split off first (Space)") }
        let clusters = Set(search.hits.filter { questions.contains($0.questionID) }.map(\.clusterID)).count
        return .open(Dialog(
            purpose: .gatherName(questions), style: .text,
            title: "Split \(questions.count) question\(questions.count == 1 ? "" : "s") from \(clusters) cluster\(clusters == 1 ? "" : "s") off into a new cluster",
            prompt: "Name of the new cluster. ↓ picks a suggestion.", text: search.result?.query.text ?? "", cursor: -1, loading: true
        ), load: true)
    }

    public static func owns(_ purpose: Dialog.Purpose) -> Bool {
        if case .gatherName = purpose { return true }
        return false
    }

    public static func finish(_ answer: DialogAnswer, of dialog: Dialog, _ state: AppState) -> DecisionStep {
        guard case .gatherName(let questions) = dialog.purpose, case .text(let name) = answer else { return .close }
        guard !name.trimmingCharacters(in: .whitespaces).isEmpty else { return .refuse("The new cluster needs a name") }
        return .commit(.gather(questions: questions, name: name, description: "Found by a search across the run"))
    }
}
