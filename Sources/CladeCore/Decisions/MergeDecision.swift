/// `m`: marked clusters into one, or this one into a picked neighbour; then which label
/// survives (one of theirs, or a new name).
public enum MergeDecision: DecisionKind {
    public static func start(_ command: CommandID, _ state: AppState) -> DecisionStep {
        guard let cluster = state.selectedCluster else { return .close }
        let marked = state.markedClusters.compactMap { state.dataset.cluster($0) }.sorted { $0.stats.volume > $1.stats.volume }
        if marked.count >= 2 {
            return .open(survivingLabel(sources: marked.map(\.id), target: marked[0].id, state), load: false)
        }
        guard state.dataset.isLeaf(cluster.id) else {
            return .refuse("Mark two or more clusters with Space, or pick a cluster inside this parent")
        }
        return .open(Dialog(
            purpose: .mergeTarget(sources: [cluster.id]), style: .picker, title: "Merge \u{201C}\(cluster.name)\u{201D} into…",
            prompt: "Nearest clusters first. Type to find another.",
            options: DecisionOptions.clusters(state, excluding: [cluster.id]), loading: true
        ), load: true)
    }

    public static func owns(_ purpose: Dialog.Purpose) -> Bool {
        switch purpose {
        case .mergeTarget, .survivingLabel: true
        default: false
        }
    }

    public static func finish(_ answer: DialogAnswer, of dialog: Dialog, _ state: AppState) -> DecisionStep {
        switch (dialog.purpose, answer) {
        case (.mergeTarget(let sources), .picked(let option)):
            guard case .cluster(let target) = option.value else { return .close }
            return .open(survivingLabel(sources: sources, target: target, state), load: false)
        case (.survivingLabel(let sources, let target), .picked(let option)):
            switch option.value {
            case .cluster(let survivor):
                return .commit(.merge(sources: sources.filter { $0 != survivor }, into: survivor, name: nil))
            case .newLabel:
                return .open(Dialog(purpose: .survivingLabel(sources: sources, target: target), style: .text,
                                    title: "Name of the merged cluster", prompt: "Enter merges; Esc cancels.",
                                    text: state.dataset.cluster(target)?.name ?? "", cursor: -1), load: false)
            default:
                return .close
            }
        case (.survivingLabel(let sources, let target), .text(let name)):
            guard !name.isEmpty else { return .refuse("The merged cluster needs a name") }
            return .commit(.merge(sources: sources.filter { $0 != target }, into: target, name: name))
        default:
            return .close
        }
    }

    /// Which label survives a merge: one of the clusters' names, or a new one.
    static func survivingLabel(sources: [ClusterID], target: ClusterID, _ state: AppState) -> Dialog {
        let all = [target] + sources.filter { $0 != target }
        var options = all.enumerated().compactMap { i, id -> DialogOption? in
            guard let c = state.dataset.cluster(id) else { return nil }
            return DialogOption(c.name, detail: "\(Format.volume(c.stats.volume)) questions", key: i < 9 ? Character(String(i + 1)) : nil, value: .cluster(id))  // "10" is no one key
        }
        options.append(DialogOption("A new name…", key: "n", value: .newLabel))
        options.append(DialogOption("Cancel", key: "c", value: .cancel))
        return Dialog(purpose: .survivingLabel(sources: all, target: target), style: .choice,
                      title: "Merge \(all.count) clusters: which label survives?", prompt: together(all, state) + "Undoable with u.", options: options, cursor: 0)
    }

    /// What the merged cluster will be, from the same sums the list shows once it is recorded:
    /// "Together: 1,072 questions (21.3%) · relevance 0.61 · 70% satisfied of 300 rated · H·H·H. ".
    static func together(_ ids: [ClusterID], _ state: AppState) -> String {
        let clusters = ids.compactMap { state.dataset.cluster($0) }
        guard var merged = clusters.first else { return "" }
        merged.stats = clusters.dropFirst().reduce(merged.stats) { $0 + $1.stats }
        let segment = state.dataset.segment(of: merged)
        return "Together: \(state.dataset.figures(of: merged)) · \(segment.code()) (\(segment.reading)). "
    }
}
