/// `s`: marked questions off into a new named cluster; with clusters marked, a re-cluster of
/// them together (`ReclusterDecision`); otherwise a suggested split computed in the background
/// and previewed, its parts routed there (the preview's keys: `Reducer+SplitPreview.swift`).
public enum SplitDecision: DecisionKind {
    public static func start(_ command: CommandID, _ state: AppState) -> DecisionStep {
        guard let cluster = state.selectedCluster else { return .close }
        let marked = state.questions.rows.filter { state.markedQuestions.contains($0.id) }.map(\.id)
        if state.focus != .questions || marked.isEmpty, state.markedClusters.count >= 2 {
            return ReclusterDecision.start(command, state)
        }
        guard state.dataset.isLeaf(cluster.id) else { return DecisionOptions.notOnParent("split") }
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

    public struct Refusal: Error, Equatable {
        public var reason: String
    }

    /// The one decision a routed preview records: the parts kept become new clusters, those
    /// folded back stay, those merged go to their cluster; the cluster keeping its id is named
    /// after what stays in it (or as the reviewer typed).
    public static func request(accepting split: SplitPreview, _ state: AppState) -> Result<DecisionRequest, Refusal> {
        guard let proposal = split.proposal, proposal.parts.count == split.routes.count else {
            return .failure(Refusal(reason: "Nothing to record yet"))
        }
        let origin = state.dataset.cluster(split.clusterID)?.name ?? "a cluster"
        guard split.routes.contains(.foldBack) else {
            return .failure(Refusal(reason: "Fold one part back (f): \u{201C}\(origin)\u{201D} keeps it and its id"))
        }
        guard split.routes.contains(where: { $0 != .foldBack }) else {
            return .failure(Refusal(reason: "Every part is folded back: nothing would change (n keeps a part, m merges it)"))
        }
        let parts = zip(proposal.parts, split.routes).enumerated().map { i, pair -> RoutedPart in
            let (part, route) = pair
            switch route {
            case .keep:
                let description = (split.isRecluster ? "Re-clustered from " : "Split off ") + "\u{201C}\(origin)\u{201D}: " + part.keywords.prefix(5).joined(separator: ", ")
                return RoutedPart(questionIDs: part.questionIDs, route: .newCluster(name: split.names[i], description: description))
            case .foldBack: return RoutedPart(questionIDs: part.questionIDs, route: .foldBack)
            case .into(let target): return RoutedPart(questionIDs: part.questionIDs, route: .into(target))
            }
        }
        let stays = staying(split)
        let description = "What stays: " + (stays?.keywords.prefix(5).joined(separator: ", ") ?? "")
        return .success(.recluster(Recluster(sources: split.sources, name: survivorName(split, state), description: description, parts: parts)))
    }

    /// The largest part folded back: what the cluster keeping its id is named after.
    public static func staying(_ split: SplitPreview) -> SplitProposal.Part? {
        guard let proposal = split.proposal else { return nil }
        return zip(proposal.parts, split.routes).first { $0.1 == .foldBack }?.0
    }

    /// The name the cluster keeping its id gets: typed, or the keywords of what stays in it.
    public static func survivorName(_ split: SplitPreview, _ state: AppState) -> String {
        split.survivorName ?? staying(split)?.suggestedName ?? state.dataset.cluster(split.clusterID)?.name ?? ""
    }
}
