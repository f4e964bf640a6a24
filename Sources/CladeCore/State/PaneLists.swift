/// The rows of the capabilities pane and the command overlays, derived from the state so that
/// the reducer and the renderer list exactly the same things.
public enum CapabilityList {
    public static func rows(_ state: AppState) -> [Capability] {
        let filter = state.capabilityNameFilter.lowercased()
        return state.dataset.capabilities
            .filter { filter.isEmpty || $0.name.lowercased().contains(filter) }
            .sorted { $0.volume != $1.volume ? $0.volume > $1.volume : $0.id < $1.id }
    }
}

public enum CommandList {
    /// Help lists what works in the pane it was opened from, filtered by plain substring; the
    /// palette lists everything, best fuzzy match first.
    public static func rows(_ overlay: CommandListOverlay) -> [Command] {
        let candidates: [Command]
        switch overlay.kind {
        case .help:
            // What is special to the pane first, then what works everywhere.
            let all = CommandRegistry.commands(in: overlay.context)
            candidates = all.filter { !$0.contexts.contains(.global) } + all.filter { $0.contexts.contains(.global) }
        case .palette:
            candidates = CommandRegistry.all.filter { $0.id != .palette && !$0.contexts.allSatisfy(\.isModal) }
        }
        guard !overlay.query.isEmpty else { return candidates }
        if overlay.kind == .help {
            // Help filters plainly, by words in the title or the key, and keeps its order.
            let q = overlay.query.lowercased()
            return candidates.filter { $0.title.lowercased().contains(q) || $0.keyLabel.lowercased().contains(q) || $0.id.rawValue.contains(q) }
        }
        let scored = candidates.compactMap { c -> (Command, Int)? in
            let title = FuzzyMatch.score(overlay.query, in: c.title)
            let key = c.keys.contains { $0.map(\.label).joined() == overlay.query } ? 10_000 : nil
            guard let s = [title, key].compactMap({ $0 }).max() else { return nil }
            return (c, s)
        }
        return scored.enumerated().sorted { a, b in
            a.element.1 != b.element.1 ? a.element.1 > b.element.1 : a.offset < b.offset
        }.map(\.element.0)
    }
}

/// The clusters each full-screen view lists, in its order: the segment grid's reading order, the
/// prioritised ranking, or the cluster tree (charts, matrix). Moves, search and the renderer all
/// read this, so they agree. The grid and the ranking list leaves only, honouring the filters.
public enum ViewRows {
    public static func ids(_ state: AppState) -> [ClusterID] {
        switch state.view {
        case .segments: grid(state).order
        case .priorities: ranking(state).order
        case .main, .charts, .matrix: ClusterTree.rows(state).map(\.id)
        // The queue lists proposals, not clusters: its cursor is its own (`QueueState`).
        case .queue: []
        }
    }

    public static func grid(_ state: AppState) -> SegmentGrid {
        SegmentGrid(dataset: state.dataset, including: ClusterTree.matches(state))
    }

    public static func ranking(_ state: AppState) -> PriorityRanking {
        PriorityRanking(dataset: state.dataset, formula: state.formula, including: ClusterTree.matches(state))
    }
}
