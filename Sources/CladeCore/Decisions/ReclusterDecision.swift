/// `s` with two or more clusters marked: their questions re-cut together into k parts, in the
/// same routable preview as a split; the largest keeps its id (and the parts folded back), the
/// others are merged into it, and the whole is one decision (`DecisionRequest.recluster`).
public enum ReclusterDecision: DecisionKind {
    public static func start(_ command: CommandID, _ state: AppState) -> DecisionStep {
        let marked = state.markedClusters.compactMap { state.dataset.cluster($0) }
        guard marked.count >= 2 else { return .refuse("Mark two or more clusters with Space to re-cluster them together") }
        if let parent = marked.first(where: { !state.dataset.isLeaf($0.id) }) {
            return .refuse("\u{201C}\(parent.name)\u{201D} is a parent: mark the clusters inside it instead")
        }
        let ordered = marked.sorted { $0.stats.volume != $1.stats.volume ? $0.stats.volume > $1.stats.volume : $0.id < $1.id }
        return .previewRecluster(ordered.map(\.id))
    }
}
