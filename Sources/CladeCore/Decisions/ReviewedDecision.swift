/// `y`: marks the cluster reviewed, or not; nothing to ask.
public enum ReviewedDecision: DecisionKind {
    public static func start(_ command: CommandID, _ state: AppState) -> DecisionStep {
        guard let cluster = state.selectedCluster else { return .close }
        return .commit(.setReviewed(cluster.id, !cluster.reviewed))
    }
}
