extension Reducer {
    static func move(_ state: inout AppState, by delta: Int) -> [Effect] {
        if state.view == .queue { return moveInQueue(&state, by: delta) }
        if state.view != .main { return moveInView(&state, by: delta) }
        let height = state.layout.listRows(state.focus)
        switch state.focus {
        case .clusters:
            let rows = ClusterTree.rows(state)
            guard !rows.isEmpty else { return [] }
            var cursor = ListCursor(index: clusterIndex(state, rows), scroll: state.clusterScroll)
            cursor.move(by: delta, count: rows.count, height: height)
            state.clusterScroll = cursor.scroll
            let effects = selectCluster(&state, rows[cursor.index].id)
            extendRange(&state)
            return effects
        case .questions:
            state.questions.cursor.move(by: delta, count: state.questions.rows.count, height: height)
            extendRange(&state)
            return prefetchQuestions(&state)
        case .capabilities:
            state.capabilityCursor.move(by: delta, count: CapabilityList.rows(state).count, height: height)
            return []
        }
    }

    static func focus(_ state: inout AppState, _ pane: Pane) -> [Effect] {
        if state.focus != pane || state.view != .main { state.rangeAnchor = nil }
        state.view = .main
        state.focus = pane
        clampAll(&state)
        if pane == .questions, state.questions.clusterID != state.selectedClusterID {
            return selectCluster(&state, state.selectedClusterID, force: true)
        }
        return []
    }

    /// Selects a cluster and, when it changed, asks for its questions.
    static func selectCluster(_ state: inout AppState, _ id: ClusterID?, force: Bool = false) -> [Effect] {
        let changed = state.selectedClusterID != id
        state.selectedClusterID = id
        let rows = ClusterTree.rows(state)
        var cursor = ListCursor(index: clusterIndex(state, rows), scroll: state.clusterScroll)
        cursor.clamp(count: rows.count, height: state.layout.listRows(.clusters))
        state.clusterScroll = cursor.scroll
        guard changed || force else { return [] }
        var q = QuestionsState()
        q.order = state.questions.order
        q.clusterID = id
        state.questions = q
        if changed { state.markedQuestions = [] }
        return reloadQuestions(&state) + (state.view == .charts ? loadCharts(&state) : [])
    }

    static func query(_ state: AppState, offset: Int) -> QuestionQuery? {
        guard let id = state.questions.clusterID else { return nil }
        return QuestionQuery(
            clusterID: id, memberIDs: state.dataset.memberClusterIDs(of: id), order: state.questions.order,
            filter: state.questions.filter, offset: offset, limit: pageLimit,
            knownTotal: state.questions.filter.isEmpty ? state.dataset.cluster(id)?.stats.rows : nil
        )
    }

    static func reloadQuestions(_ state: inout AppState) -> [Effect] {
        guard let q = query(state, offset: 0) else { return [] }
        state.questions.loading = true
        return [.loadQuestions(q)]
    }

    static func prefetchQuestions(_ state: inout AppState) -> [Effect] {
        let q = state.questions
        guard q.hasMore, !q.loading, q.cursor.index >= q.rows.count - prefetchMargin,
              let next = query(state, offset: q.rows.count) else { return [] }
        state.questions.loading = true
        return [.loadQuestions(next)]
    }

    static func questionsLoaded(_ state: inout AppState, _ page: QuestionPage) -> [Effect] {
        // A page for a cluster, order or filter no longer shown is stale: drop it.
        guard var current = query(state, offset: page.query.offset) else { return [] }
        current.limit = page.query.limit
        guard current == page.query else { return [] }
        if page.query.offset == 0 {
            state.questions.rows = page.rows
        } else if page.query.offset == state.questions.rows.count {
            state.questions.rows += page.rows
        } else {
            return []
        }
        state.questions.total = page.total
        state.questions.hasMore = page.hasMore
        state.questions.loading = false
        state.questions.cursor.clamp(count: state.questions.rows.count, height: state.layout.listRows(.questions))
        return prefetchQuestions(&state)
    }

    static func expand(_ state: inout AppState) -> [Effect] {
        guard let id = state.selectedClusterID else { return [] }
        if !state.dataset.isLeaf(id), !state.expanded.contains(id), state.clusterFilter.isEmpty, state.capabilityFilter == nil {
            state.expanded.insert(id)
            clampAll(&state)
            return []
        }
        return focus(&state, .questions)
    }

    static func collapse(_ state: inout AppState) -> [Effect] {
        guard let id = state.selectedClusterID else { return [] }
        if !state.dataset.isLeaf(id), state.expanded.contains(id), state.clusterFilter.isEmpty, state.capabilityFilter == nil {
            state.expanded.remove(id)
            clampAll(&state)
            return []
        }
        if let parent = state.dataset.cluster(id)?.parentID, state.dataset.cluster(parent) != nil {
            return selectCluster(&state, parent)
        }
        return []
    }

    static func toggleAll(_ state: inout AppState) -> [Effect] {
        let parents = Set(state.dataset.clusters.filter { !state.dataset.isLeaf($0.id) }.map(\.id))
        let before = state.selectedClusterID
        if parents.isSubset(of: state.expanded) {
            state.expanded = []
            state.status = StatusMessage("Collapsed every parent (z expands them)")
        } else {
            state.expanded = parents
            state.status = StatusMessage("Expanded every parent")
        }
        clampAll(&state)
        return before != state.selectedClusterID ? selectCluster(&state, state.selectedClusterID, force: true) : []
    }

    /// `[` and `]`: the previous or next cluster without leaving the Questions pane.
    static func stepCluster(_ state: inout AppState, by delta: Int) -> [Effect] {
        let rows = ClusterTree.rows(state)
        guard !rows.isEmpty else { return [] }
        let i = min(max(clusterIndex(state, rows) + delta, 0), rows.count - 1)
        return selectCluster(&state, rows[i].id)
    }

    static func toggleCapabilityFilter(_ state: inout AppState) -> [Effect] {
        let caps = CapabilityList.rows(state)
        guard caps.indices.contains(state.capabilityCursor.index) else { return [] }
        let cap = caps[state.capabilityCursor.index]
        let before = state.selectedClusterID
        if state.capabilityFilter == cap.id {
            state.capabilityFilter = nil
            state.status = StatusMessage("Showing every cluster")
        } else {
            state.capabilityFilter = cap.id
            state.status = StatusMessage("Showing clusters with \u{201C}\(cap.name)\u{201D} (Esc clears)")
        }
        clampAll(&state)
        return before != state.selectedClusterID ? selectCluster(&state, state.selectedClusterID, force: true) : []
    }

    static func clearFilters(_ state: inout AppState) -> [Effect] {
        let hadFilter = !state.clusterFilter.isEmpty || state.capabilityFilter != nil || !state.capabilityNameFilter.isEmpty
        guard hadFilter else { return [] }
        let before = state.selectedClusterID
        state.clusterFilter = ""
        state.capabilityFilter = nil
        state.capabilityNameFilter = ""
        state.status = StatusMessage("Filters cleared")
        clampAll(&state)
        return before != state.selectedClusterID ? selectCluster(&state, state.selectedClusterID, force: true) : []
    }
}

extension Reducer {
    /// `w` / `W`: the next (previous) cluster not reviewed nor dismissed, in list order as if
    /// every parent were open (its parents are opened), wrapping around.
    static func stepUnreviewed(_ state: inout AppState, forward: Bool) -> [Effect] {
        let data = state.dataset
        var open = state
        open.expanded = Set(data.clusters.map(\.id))
        let order = ClusterTree.rows(open).map(\.id).filter { data.isLeaf($0) }
        let pending = Set(order.filter { data.cluster($0).map { !ReviewProgress.isDone($0) } ?? false })
        guard !pending.isEmpty else {
            state.status = StatusMessage(state.clusterFilter.isEmpty ? "Every cluster is reviewed or dismissed" : "Every cluster the filter shows is reviewed or dismissed")
            return []
        }
        let n = order.count
        let current = state.selectedClusterID.flatMap { order.firstIndex(of: $0) } ?? (forward ? -1 : n)
        guard let target = (1...n).lazy.map({ order[((current + (forward ? $0 : -$0)) % n + n) % n] }).first(where: pending.contains) else { return [] }
        state.expanded.formUnion(data.ancestors(of: target))
        let others = pending.count - 1
        state.status = StatusMessage(others == 0 ? "The last cluster to review" : "\(others) more to review after this one")
        return selectCluster(&state, target)
    }

    /// A filter from the palette: as if typed after `\`.
    static func presetFilter(_ state: inout AppState, _ text: String) -> [Effect] {
        let effects = (state.view == .main ? focus(&state, .clusters) : []) + applyFilter(&state, pane: .clusters, text: text)
        if state.status == nil { state.status = StatusMessage("Filter \\\(text) · \\ edits it, Esc clears it") }
        return effects
    }
}

extension Reducer {
    /// After an undo or redo: the first cluster it changed that exists is selected, its parents
    /// opened and, if a filter hides it, the filter is left alone and the cursor stays.
    static func revealUndone(_ state: inout AppState) {
        let wanted = state.reveal
        state.reveal = []
        guard let target = wanted.first(where: { state.dataset.cluster($0) != nil }) else { return }
        state.expanded.formUnion(state.dataset.ancestors(of: target))
        var probe = state
        probe.selectedClusterID = target
        guard ClusterTree.rows(probe).contains(where: { $0.id == target }) || state.view != .main else { return }
        state.selectedClusterID = target
    }
}
