/// `y`: marks the cluster reviewed, or not; nothing to ask. With marks, all of them become
/// reviewed, unless all already are (then none is).
public enum ReviewedDecision: DecisionKind {
    public static func start(_ command: CommandID, _ state: AppState) -> DecisionStep {
        guard let targets = DecisionTargets(state) else { return .close }
        let reviewed = !targets.clusters.allSatisfy(\.reviewed)
        return .commit(targets.request { .setReviewed($0, reviewed) })
    }
}
