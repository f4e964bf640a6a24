/// View 8, the review queue: asking for it (on opening and after every change of the figures),
/// taking its answers (stale ones dropped), moving, skipping, and opening a proposal's decision
/// through the existing decision kinds, prefilled.
extension Reducer {
    /// Asks for the queue of the dataset shown; any answer still coming for an earlier request
    /// is stale from now on.
    static func requestQueue(_ state: inout AppState) -> [Effect] {
        state.queue.request += 1
        state.queue.phase = .computing(state.queue.request)
        state.queue.progress = nil
        state.queue.cursorMoved = false
        // From the first row the cursor stays on the first row (the best known so far).
        state.queue.following = state.queue.cursor.index == 0 ? [] : state.queue.listed.dropFirst(state.queue.cursor.index).map(\.key)
        return [.computeQueue(request: state.queue.request)]
    }

    static func queueAnswer(_ state: inout AppState, _ action: Action) -> [Effect] {
        switch action {
        case .queueLoaded(let request, let proposals, let basis, let skipped):
            guard request == state.queue.request else { return [] }
            takeQueue(&state, request, proposals, basis, skipped)
            state.queue.phase = .ready
            state.queue.progress = nil
            return []
        case .queuePartial(let request, let proposals, let basis, let skipped, let progress):
            guard request == state.queue.request, state.queue.phase == .computing(request) else { return [] }
            takeQueue(&state, request, proposals, basis, skipped)
            state.queue.progress = progress
            return []
        case .queueFailed(let request, let message):
            guard request == state.queue.request else { return [] }
            state.queue.phase = .failed(message)
            return []
        case .queuePrepared(let key, let requests):
            guard state.queue.preparing == key else { return [] }
            state.queue.preparing = nil
            guard let proposal = state.queue.proposals.first(where: { $0.key == key }), !requests.isEmpty else {
                state.status = StatusMessage("Nothing left to decide for this proposal: the queue is computed again", isError: true)
                return []
            }
            return decidePrepared(&state, proposal, requests)
        case .queueSkipFailed(let key, let skipped, let message):
            if skipped { state.queue.skipped.remove(key) } else { state.queue.skipped.insert(key) }
            state.queue.cursor.clamp(count: state.queue.listed.count, height: QueueState.listRows(screenHeight: state.height))
            state.status = StatusMessage("Not saved: \(message)", isError: true)
            return []
        case .queuePrepareFailed(let key, let message):
            guard state.queue.preparing == key else { return [] }
            state.queue.preparing = nil
            state.status = StatusMessage(message, isError: true)
            return []
        default:
            return []
        }
    }

    static func takeQueue(_ state: inout AppState, _ request: Int, _ proposals: [QueueProposal], _ basis: String, _ skipped: Set<String>) {
        let current = state.queue.selected?.key
        state.queue.proposals = proposals
        state.queue.answered = request
        state.queue.basis = basis
        state.queue.skipped = skipped
        if let key = state.queue.preparing, !proposals.contains(where: { $0.key == key }) { state.queue.preparing = nil }
        // On the first row while the answers stream in and the reviewer has not moved it; else on
        // the proposal it was on at the request, or the first after it still proposed (the next
        // one, after a decision on it); once moved, on the proposal the reviewer chose.
        let listed = state.queue.listed
        func position(_ key: String) -> Int? { listed.firstIndex { $0.key == key } }
        let top = state.queue.following.isEmpty && state.queue.cursor.index == 0 && !state.queue.cursorMoved
        let followed = state.queue.cursorMoved ? nil : state.queue.following.lazy.compactMap(position).first
        let index = top ? 0 : followed ?? current.flatMap(position) ?? state.queue.cursor.index
        state.queue.cursor.moveTo(index, count: state.queue.listed.count, height: QueueState.listRows(screenHeight: state.height))
    }

    static func queueCommand(_ state: inout AppState, _ id: CommandID) -> [Effect] {
        switch id {
        case .queueAccept: return acceptProposal(&state)
        case .queueSkip: return skipProposal(&state)
        case .queueShowSkipped:
            state.queue.showingSkipped.toggle()
            state.queue.cursor = ListCursor()
            let count = state.queue.listed.count
            state.status = StatusMessage(state.queue.showingSkipped
                ? "\(count) skipped proposal\(count == 1 ? "" : "s") · x brings one back · X shows the open ones"
                : "\(count) open proposal\(count == 1 ? "" : "s")")
            return selectProposalCluster(&state)
        default: return []
        }
    }

    static func moveInQueue(_ state: inout AppState, by delta: Int) -> [Effect] {
        state.queue.cursorMoved = true
        state.queue.cursor.move(by: delta, count: state.queue.listed.count, height: QueueState.listRows(screenHeight: state.height))
        return selectProposalCluster(&state)
    }

    /// The selection follows the proposal's first cluster, so Esc lands on it in the panes.
    static func selectProposalCluster(_ state: inout AppState) -> [Effect] {
        guard let first = state.queue.selected?.clusters.first, state.dataset.cluster(first) != nil else { return [] }
        reveal(&state, first)
        return selectCluster(&state, first)
    }

    // MARK: Skipping

    static func skipProposal(_ state: inout AppState) -> [Effect] {
        guard let proposal = state.queue.selected else { return [] }
        if state.dataset.readOnly {
            state.status = StatusMessage("Read-only: x remembers nothing here. Open a writable copy of the database to skip.", isError: true)
            return []
        }
        let skipping = !state.queue.skipped.contains(proposal.key)
        if skipping { state.queue.skipped.insert(proposal.key) } else { state.queue.skipped.remove(proposal.key) }
        state.queue.cursor.clamp(count: state.queue.listed.count, height: QueueState.listRows(screenHeight: state.height))
        state.status = StatusMessage(skipping
            ? "Skipped \u{201C}\(proposal.title)\u{201D} · X lists the skipped ones, x there brings it back"
            : "Back in the queue: \u{201C}\(proposal.title)\u{201D}")
        return [.skipQueueProposal(run: state.dataset.runID, key: proposal.key, title: proposal.title, skipped: skipping)]
            + selectProposalCluster(&state)
    }

    // MARK: Deciding

    /// Enter: the proposal's decision, prefilled, in the dialog its kind already has — merge's
    /// label dialog with both clusters, the split preview at the proposed k, the move dialog
    /// with the questions and the destination chosen, the re-cluster preview over several
    /// clusters at the proposed k.
    static func acceptProposal(_ state: inout AppState) -> [Effect] {
        guard let proposal = state.queue.selected else {
            state.status = StatusMessage(state.queue.isComputing ? "The queue is being computed…" : "Nothing to decide here")
            return []
        }
        if state.dataset.readOnly {
            state.status = StatusMessage("Read-only: Enter records nothing here. Open a writable copy of the database to decide.", isError: true)
            return []
        }
        if state.committing { return [] }
        guard state.queue.isCurrent else {
            state.status = StatusMessage("The queue is being computed again after the last change: a moment")
            return []
        }
        guard proposal.clusters.allSatisfy({ state.dataset.cluster($0) != nil }) else {
            state.status = StatusMessage("A cluster of this proposal is gone: the queue is computed again", isError: true)
            return []
        }
        switch proposal.kind {
        case .merge(let source, let into), .tiny(let source, nearest: let into):
            state.markedClusters = [source, into]
            return apply(&state, MergeDecision.start(.merge, state))
        case .recut(let clusters, let parts):
            // One cluster: the split preview; several: the re-cluster preview over their union
            // (one decision, one undo). Either opens at the k the queue found (+/- still change it).
            var from = state
            from.selectedClusterID = clusters[0]
            from.focus = .clusters
            let step: DecisionStep
            if clusters.count == 1 {
                step = SplitDecision.start(.split, from)
            } else {
                state.markedClusters = Set(clusters)
                from.markedClusters = Set(clusters)
                step = ReclusterDecision.start(.split, from)
            }
            var effects = apply(&state, step)
            guard let split = state.split, Set(split.sources) == Set(clusters) else { return effects }
            state.split?.requestedK = parts.count
            effects = effects.map { effect in
                guard case .suggestSplit(let c, let members, nil) = effect, c == split.clusterID else { return effect }
                return .suggestSplit(clusterID: c, memberIDs: members, k: parts.count)
            }
            return effects
        case .playbook(let clusters, _, let action):
            // The action dialog on the proposal's clusters (one batch, one undo, for several),
            // the playbook's action for the cell chosen.
            var from = state
            from.view = .main
            from.selectedClusterID = clusters[0]
            from.focus = .clusters
            from.markedClusters = clusters.count > 1 ? Set(clusters) : []
            return apply(&state, ActionDecision.start(.action, from).choosing(.action(action)))
        case .move, .home:
            guard state.queue.preparing != proposal.key else { return [] }
            state.queue.preparing = proposal.key
            state.status = StatusMessage("Working out \u{201C}\(proposal.title)\u{201D} on every question…")
            return [.prepareQueueProposal(proposal)]
        }
    }

    /// The store's answer for a proposal that needed every question: a move opens the move
    /// dialog on them with the destination chosen.
    static func decidePrepared(_ state: inout AppState, _ proposal: QueueProposal, _ requests: [DecisionRequest]) -> [Effect] {
        if state.dataset.readOnly || state.committing { return [] }
        switch proposal.kind {
        case .move(_, let from, let to), .home(_, let from, let to):
            guard case .move(let questions, _) = requests[0] else { return [] }
            var source = state
            source.selectedClusterID = from
            source.focus = .questions
            source.questions.rows = questions.map { Question(id: $0, text: "") }
            source.questions.cursor = ListCursor()
            source.markedQuestions = Set(questions)
            return apply(&state, MoveDecision.start(.move, source).choosing(.cluster(to)))
        default:
            // Only moves are worked out by the store; a re-cut opens its preview instead.
            return []
        }
    }
}

private extension DecisionStep {
    /// The step with its dialog's cursor on the option of `value`, when it lists one: a decision
    /// the queue prefills (the move's destination, the playbook's action).
    func choosing(_ value: DialogOption.Value) -> DecisionStep {
        guard case .open(var dialog, let load) = self, let i = dialog.visibleOptions.firstIndex(where: { $0.value == value }) else { return self }
        dialog.cursor = i
        return .open(dialog, load: load)
    }
}
