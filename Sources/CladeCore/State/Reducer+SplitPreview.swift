import Foundation

/// The split preview's keys: k changed by +/-, typed, or chosen again (each recompute is
/// in-flight state: the proposal on screen stays, keys go on working, the newest k wins), parts
/// routed (kept, folded back, merged into a neighbour) and named, Enter records one decision.
extension Reducer {
    static func openSplitPreview(_ state: inout AppState, sources: [ClusterID]) -> [Effect] {
        state.dialog = nil
        let split = SplitPreview(clusterID: sources[0], sources: sources)
        state.split = split
        return [suggest(state, split)]
    }

    static func suggest(_ state: AppState, _ split: SplitPreview) -> Effect {
        .suggestSplit(clusterID: split.clusterID, memberIDs: split.sources.flatMap { state.dataset.memberClusterIDs(of: $0) }, k: split.requestedK)
    }

    static func splitReady(_ state: inout AppState, _ proposal: SplitProposal) -> [Effect] {
        // An answer to an earlier request (another cluster, or a k since changed) is dropped.
        guard var split = state.split, split.clusterID == proposal.clusterID, proposal.requestedK == split.requestedK else { return [] }
        split.proposal = proposal
        split.progress = nil
        split.computing = false
        split.error = nil
        split.routes = proposal.parts.indices.map { $0 == 0 ? .foldBack : .keep }
        split.names = proposal.parts.map(\.suggestedName)
        split.cursor = min(split.cursor, max(0, proposal.parts.count - 1))
        state.split = split
        guard split.acceptWhenReady else { return [] }
        state.split?.acceptWhenReady = false
        return splitCommand(&state, .accept)
    }

    static func splitFailed(_ state: inout AppState, _ message: String) -> [Effect] {
        guard state.split != nil else { return [] }
        state.split?.error = message
        state.split?.progress = nil
        state.split?.computing = false
        state.split?.acceptWhenReady = false
        return []
    }

    static func splitCommand(_ state: inout AppState, _ id: CommandID) -> [Effect] {
        guard var split = state.split else { return [] }
        if split.field != nil { return splitFieldCommand(&state, split, id) }
        switch id {
        case .cancel:
            state.split = nil
            state.status = StatusMessage(split.isRecluster ? "Re-cluster cancelled" : "Split cancelled")
            return split.computing ? [.cancelSplit] : []
        case .splitMore:
            return recompute(&state, split, k: currentK(split) + 1)
        case .splitFewer:
            guard currentK(split) > 2 else {
                state.status = StatusMessage("Two parts is the fewest; Esc cancels the split")
                return []
            }
            return recompute(&state, split, k: currentK(split) - 1)
        case .splitAuto:
            return recompute(&state, split, k: nil)
        case .accept:
            if split.computing {
                split.acceptWhenReady = true
                state.split = split
                state.status = StatusMessage("Recorded as soon as \(split.requestedK.map { "k=\($0)" } ?? "the chosen k") is ready; Esc cancels")
                return []
            }
            switch SplitDecision.request(accepting: split, state) {
            case .success(let request):
                state.split = nil
                return commit(&state, request)
            case .failure(let refusal):
                state.status = StatusMessage(refusal.reason, isError: true)
                return []
            }
        case .splitNextPart, .splitPreviousPart:
            guard let count = split.proposal?.parts.count, count > 0 else { return [] }
            split.cursor = (split.cursor + (id == .splitNextPart ? 1 : count - 1)) % count
            state.split = split
            return []
        case .splitKeep, .splitFoldBack, .splitMergeInto, .splitRename:
            return route(&state, split, id)
        default:
            return []
        }
    }

    /// The k the next + or − starts from: the newest asked for, else the one shown.
    static func currentK(_ split: SplitPreview) -> Int {
        split.requestedK ?? split.proposal?.k ?? 2
    }

    /// The largest k a reviewer may ask for: parts of two questions at least, 60 at most.
    static func largestK(_ state: AppState, _ split: SplitPreview) -> Int {
        let rows = split.sources.reduce(0) { $0 + (state.dataset.cluster($1)?.stats.rows ?? 0) }
        return max(2, min(60, rows / 2))
    }

    static func recompute(_ state: inout AppState, _ split: SplitPreview, k: Int?) -> [Effect] {
        var split = split
        let top = largestK(state, split)
        if let k, k > top { state.status = StatusMessage("At most \(top) parts here (two questions a part)") }
        split.requestedK = k.map { min(max(2, $0), top) }
        if split.requestedK == split.proposal?.requestedK, split.proposal != nil, split.computing {
            // Back to the k already shown: nothing to wait for.
            split.computing = false
            state.split = split
            return [.cancelSplit]
        }
        split.computing = true
        split.error = nil
        split.progress = 0
        split.phase = split.requestedK.map { "Cutting into \($0) parts" } ?? "Choosing k"
        state.split = split
        return [suggest(state, split)]
    }

    /// Digits open the field to type a k.
    static func typeK(_ state: inout AppState, _ digit: Character) -> [Effect] {
        guard var split = state.split else { return [] }
        split.field = TextField(String(digit))
        split.editing = .k
        state.split = split
        return []
    }

    static func route(_ state: inout AppState, _ split: SplitPreview, _ id: CommandID) -> [Effect] {
        var split = split
        guard let proposal = split.proposal, !split.computing, split.routes.indices.contains(split.cursor) else {
            state.status = StatusMessage("The parts are being computed; route them when they show")
            return []
        }
        let i = split.cursor
        let part = proposal.parts[i]
        switch id {
        case .splitKeep:
            split.routes[i] = .keep
        case .splitFoldBack:
            split.routes[i] = .foldBack
        case .splitMergeInto:
            guard !part.nearest.isEmpty else {
                state.status = StatusMessage("No cluster outside the split to merge this part into", isError: true)
                return []
            }
            var next = 0
            if case .into(let current) = split.routes[i], let at = part.nearest.firstIndex(where: { $0.clusterID == current }) {
                next = (at + 1) % part.nearest.count
            }
            split.routes[i] = .into(part.nearest[next].clusterID)
        case .splitRename:
            switch split.routes[i] {
            case .keep:
                split.field = TextField(split.names[i])
                split.editing = .partName(i)
            case .foldBack:
                split.field = TextField(SplitDecision.survivorName(split, state))
                split.editing = .survivorName
            case .into:
                state.status = StatusMessage("This part is merged into another cluster: n keeps it as a new cluster to name it")
                return []
            }
        default:
            return []
        }
        state.split = split
        return []
    }

    /// Enter and Esc in the field: a typed k recomputes, a name is kept; Esc closes the field.
    static func splitFieldCommand(_ state: inout AppState, _ split: SplitPreview, _ id: CommandID) -> [Effect] {
        var split = split
        let text = (split.field?.text ?? "").trimmingCharacters(in: .whitespaces)
        switch id {
        case .cancel:
            split.field = nil
            split.editing = nil
            state.split = split
            return []
        case .accept:
            switch split.editing {
            case .k:
                guard let k = Int(text), k >= 2 else {
                    state.status = StatusMessage("k is a whole number of parts, 2 or more", isError: true)
                    return []
                }
                split.field = nil
                split.editing = nil
                return recompute(&state, split, k: k)
            case .partName(let i):
                guard !text.isEmpty else {
                    state.status = StatusMessage("A new cluster needs a name", isError: true)
                    return []
                }
                if split.names.indices.contains(i) { split.names[i] = text }
            case .survivorName:
                split.survivorName = text.isEmpty ? nil : text
            case nil:
                break
            }
            split.field = nil
            split.editing = nil
            state.split = split
            return []
        default:
            return []
        }
    }
}
