/// `c` and `x` in the Capabilities pane: confirm or reject the capability for the selected
/// cluster; the same key again clears the verdict.
public enum CapabilityVerdictDecision: DecisionKind {
    public static func start(_ command: CommandID, _ state: AppState) -> DecisionStep {
        guard let cluster = state.selectedCluster else { return .close }
        let caps = CapabilityList.rows(state)
        guard caps.indices.contains(state.capabilityCursor.index) else { return .close }
        let cap = caps[state.capabilityCursor.index].id
        let wanted: CapabilityVerdict = command == .confirmCapability ? .confirmed : .rejected
        return .commit(.capabilityVerdict(cluster.id, cap, cluster.capabilityVerdicts[cap] == wanted ? nil : wanted))
    }
}
