/// The clusters pane's rows: the hierarchy flattened, filtered and sorted among siblings.
public enum ClusterTree {
    public struct Row: Equatable, Sendable {
        public var id: ClusterID
        public var depth: Int
        public var hasChildren: Bool
        public var expanded: Bool
    }

    public static func rows(_ state: AppState) -> [Row] {
        let data = state.dataset
        let matching = matches(state)
        // With a filter, keep the matching clusters and the parents that lead to them, opened.
        var keep: Set<ClusterID>?
        if let matching {
            var set = Set<ClusterID>()
            for id in matching {
                set.insert(id)
                set.formUnion(data.ancestors(of: id))
            }
            keep = set
        }
        var out: [Row] = []
        func visit(_ parent: ClusterID?, depth: Int) {
            let kids = sorted(data.children(of: parent), state)
            for id in kids {
                if let keep, !keep.contains(id) { continue }
                let hasChildren = !data.isLeaf(id)
                let open = hasChildren && (keep != nil || state.expanded.contains(id))
                out.append(Row(id: id, depth: depth, hasChildren: hasChildren, expanded: open))
                if open, depth < 32 { visit(id, depth: depth + 1) }
            }
        }
        visit(nil, depth: 0)
        return out
    }

    /// The clusters that pass the text and capability filters, or nil when none is set.
    static func matches(_ state: AppState) -> Set<ClusterID>? {
        let filter = ClusterFilter(state.clusterFilter)
        guard !filter.isEmpty || state.capabilityFilter != nil else { return nil }
        var out = Set<ClusterID>()
        for c in state.dataset.clusters {
            if let cap = state.capabilityFilter, (c.capabilityVolume[cap] ?? 0) <= 0 { continue }
            if !filter.isEmpty, !filter.matches(c, in: state.dataset) { continue }
            if state.capabilityFilter != nil || filter.hasTerms, !state.dataset.isLeaf(c.id) { continue }
            out.insert(c.id)
        }
        return out
    }

    /// The urgency of the most urgent active cluster under a parent (lower is more urgent).
    public static func mostUrgent(below parent: ClusterID, _ data: Dataset) -> Int? {
        leaves(below: parent, data).filter { !$0.dismissed }.map { data.segment(of: $0).urgency }.min()
    }

    /// Every leaf under a parent, at any depth.
    public static func leaves(below parent: ClusterID, _ data: Dataset) -> [Cluster] {
        var out: [Cluster] = []
        var stack = [parent]
        var seen: Set<ClusterID> = [parent]
        while let x = stack.popLast() {
            for k in data.children(of: x) where seen.insert(k).inserted {
                if data.isLeaf(k) { data.cluster(k).map { out.append($0) } } else { stack.append(k) }
            }
        }
        return out
    }

    /// What search and filter look at in a cluster: name, keywords and description.
    public static func searchText(_ c: Cluster) -> String {
        ([c.name] + c.keywords + [c.description]).joined(separator: " ").lowercased()
    }

    /// What siblings are ordered by, taken out of the (large) `Cluster` values once, so that
    /// sorting moves small keys instead of clusters: a key at 2,000 clusters stays well under a
    /// millisecond.
    struct SortKey {
        var id: ClusterID
        var text = ""
        var number: Double?
        var volume: Double
    }

    static func sorted(_ ids: [ClusterID], _ state: AppState) -> [ClusterID] {
        let data = state.dataset
        let keys: [SortKey] = ids.compactMap { id in
            guard let c = data.cluster(id) else { return nil }
            var key = SortKey(id: id, volume: c.stats.volume)
            switch state.sort {
            case .volume: key.number = c.stats.volume
            case .relevance: key.number = c.stats.meanRelevance
            case .satisfaction: key.number = c.stats.satisfaction
            case .priority: key.number = c.priority.map(Double.init)
            case .reviewed: key.number = c.reviewed ? 1 : 0
            // A parent ranks by its most urgent cluster, so the danger zone comes first across parents.
            case .segment: key.number = Double(data.isLeaf(id) ? data.segment(of: c).urgency : mostUrgent(below: id, data) ?? data.segment(of: c).urgency)
            case .name: key.text = c.name.lowercased()
            }
            return key
        }
        let descending = state.sortDescending
        let byName = state.sort == .name
        let ordered = keys.sorted { a, b in
            if byName {
                if a.text != b.text { return descending ? a.text > b.text : a.text < b.text }
            } else {
                // Missing figures sort last whichever the direction.
                switch (a.number, b.number) {
                case let (x?, y?) where x != y: return descending ? x > y : x < y
                case (.some, nil): return true
                case (nil, .some): return false
                default: break
                }
            }
            if a.volume != b.volume { return a.volume > b.volume }
            return a.id < b.id
        }
        return ordered.map(\.id)
    }
}
