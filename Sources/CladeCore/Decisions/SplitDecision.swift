/// `s`: marked questions off into a new named cluster, or (nothing marked) a suggested split
/// computed in the background and previewed (the preview's keys: `Reducer.splitCommand`).
public enum SplitDecision: DecisionKind {
    public static func start(_ command: CommandID, _ state: AppState) -> DecisionStep {
        guard let cluster = state.selectedCluster else { return .close }
        guard state.dataset.isLeaf(cluster.id) else { return DecisionOptions.notOnParent("split") }
        let marked = state.questions.rows.filter { state.markedQuestions.contains($0.id) }.map(\.id)
        guard state.focus == .questions, !marked.isEmpty else { return .previewSplit(cluster.id) }
        return .open(Dialog(
            purpose: .splitName(cluster.id, marked), style: .text,
            title: "Split \(marked.count) marked question\(marked.count == 1 ? "" : "s") off \u{201C}\(cluster.name)\u{201D}",
            prompt: "Name of the new cluster. ↓ picks a suggestion.", text: "", cursor: -1, loading: true
        ), load: true)
    }

    public static func owns(_ purpose: Dialog.Purpose) -> Bool {
        if case .splitName = purpose { return true }
        return false
    }

    public static func finish(_ answer: DialogAnswer, of dialog: Dialog, _ state: AppState) -> DecisionStep {
        guard case .splitName(let c, let questions) = dialog.purpose, case .text(let name) = answer else { return .close }
        guard !name.isEmpty else { return .refuse("The new cluster needs a name") }
        return .commit(.split(c, parts: [SplitPart(name: name, questionIDs: questions)]))
    }

    /// The request a previewed split commits: every part but the largest becomes a new cluster.
    static func request(accepting proposal: SplitProposal, _ state: AppState) -> DecisionRequest? {
        guard proposal.parts.count > 1 else { return nil }
        let origin = state.dataset.cluster(proposal.clusterID)?.name ?? "a cluster"
        let parts = proposal.parts.dropFirst().map { part in
            SplitPart(name: part.suggestedName, description: "Split off \u{201C}\(origin)\u{201D}: " + part.keywords.prefix(5).joined(separator: ", "), questionIDs: part.questionIDs)
        }
        return .split(proposal.clusterID, parts: Array(parts))
    }
}
