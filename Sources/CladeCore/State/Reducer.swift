/// The only place the state changes: `reduce(&state, action)` returns the effects the run loop
/// must perform. Pure: no I/O, no clock, no randomness.
public enum Reducer {
    static let keymap = Keymap.standard
    static let pageLimit = 500
    /// Rows from the end of the loaded questions at which the next page is requested.
    static let prefetchMargin = 50

    /// What to do right after opening: load the first cluster's questions.
    public static func start(_ state: inout AppState) -> [Effect] {
        selectCluster(&state, state.selectedClusterID, force: true) + requestQueue(&state)
    }

    public static func reduce(_ state: inout AppState, _ action: Action) -> [Effect] {
        // The review queue is computed again whenever the figures change (a decision, a reload).
        if case .datasetLoaded = action { return reduceAction(&state, action) + requestQueue(&state) }
        return reduceAction(&state, action)
    }

    static func reduceAction(_ state: inout AppState, _ action: Action) -> [Effect] {
        switch action {
        case .key(let key):
            state.status = nil
            if state.layout.tooSmall { return tooSmallKey(&state, key) }
            if state.context.isModal { return modalKey(&state, key) }
            return dispatchKey(&state, key)
        case .resize(let w, let h):
            state.width = w
            state.height = h
            clampAll(&state)
            return []
        case .run(let id):
            return perform(&state, id)
        case .questionsLoaded(let page):
            return questionsLoaded(&state, page)
        case .chartsLoaded(let charts):
            return chartsLoaded(&state, charts)
        case .datasetLoaded(let dataset):
            let previous = state.selectedClusterID
            state.dataset = dataset
            // Parents that appeared (new expert clusters' parents) start expanded like the rest.
            state.expanded.formUnion(dataset.clusters.filter { !dataset.isLeaf($0.id) && !state.expanded.contains($0.id) && $0.isExpert }.map(\.id))
            state.markedClusters = state.markedClusters.filter { dataset.cluster($0) != nil }
            if let id = state.selectedClusterID, dataset.cluster(id) == nil {
                // A merged-away cluster: follow it to the cluster that absorbed it.
                state.selectedClusterID = dataset.absorbed.first { $0.value.contains(id) }?.key
            }
            if state.selectedClusterID == nil { state.selectedClusterID = ClusterTree.rows(state).first?.id }
            revealUndone(&state)
            clampAll(&state)
            let settled = settleViewSelection(&state)
            if !settled.isEmpty { return settled }
            if state.selectedClusterID == previous, state.questions.clusterID == previous, let q = query(state, offset: 0) {
                // Same cluster: refresh its questions (and charts) in place, keeping the cursor.
                var refreshed = q
                refreshed.limit = max(pageLimit, state.questions.rows.count)
                state.questions.loading = true
                return [.loadQuestions(refreshed)] + (state.view == .charts ? loadCharts(&state) : [])
            }
            return selectCluster(&state, state.selectedClusterID, force: true)
        case .failed(let message):
            state.questions.loading = false
            state.committing = false
            state.status = StatusMessage(message, isError: true)
            return []
        case .notice(let text, let isError):
            state.status = StatusMessage(text, isError: isError)
            return []
        case .runLoaded(let dataset):
            SelectionCarry.carry(&state, to: dataset)
            return reduce(&state, .datasetLoaded(dataset))
        case .suggestionsLoaded(let purpose, let options):
            guard var dialog = state.dialog, dialog.purpose == purpose else { return [] }
            dialog.options = options + dialog.options.filter { o in !options.contains { $0.value == o.value } }
            dialog.loading = false
            state.dialog = dialog
            return []
        case .committed(let record):
            state.committing = false
            state.status = StatusMessage(record.summary + (record.op == .undo ? " · Ctrl-R redoes" : " · u undoes"))
            state.markedClusters = state.markedClusters.filter { state.dataset.cluster($0) != nil }
            // Undo and redo bring the cursor to what they changed, once the figures are reloaded.
            if record.op == .undo || record.op == .redo { state.reveal = record.clusterIDs }
            return []
        case .carriedForward(let summary):
            state.committing = false
            state.status = StatusMessage(summary)
            return []
        case .refused(let reason):
            state.committing = false
            state.status = StatusMessage(reason, isError: true)
            return []
        case .historyChanged(let undo, let redo):
            state.undoSummary = undo
            state.redoSummary = redo
            return []
        case .splitProgress(let fraction, let phase):
            state.split?.progress = fraction
            state.split?.phase = phase
            return []
        case .splitReady(let proposal):
            return splitReady(&state, proposal)
        case .splitFailed(let message):
            return splitFailed(&state, message)
        case .queueLoaded, .queueFailed, .queuePrepared, .queuePrepareFailed, .queueSkipFailed, .queuePartial:
            return queueAnswer(&state, action)
        case .searchAllResults(let result):
            return searchAllResults(&state, result)
        case .searchAllFailed(let query, let message):
            return searchAllFailed(&state, query, message)
        case .editorFinished(let text):
            return editorFinished(&state, text)
        case .mouse(let event):
            return mouse(&state, event)
        case .questionDetailLoaded(let detail):
            return questionDetailLoaded(&state, detail)
        case .copied(let what, let file):
            return copied(&state, what: what, toFile: file)
        case .writeSettled:
            return nextQueuedDecision(&state)
        }
    }

    static func dispatchKey(_ state: inout AppState, _ key: Key) -> [Effect] {
        let keys = state.pendingKeys + [key]
        switch keymap.resolve(keys, in: state.keyContext) {
        case .command(let id):
            state.pendingKeys = []
            return perform(&state, id)
        case .pending:
            state.pendingKeys = keys
            return []
        case .unbound:
            state.pendingKeys = []
            // A key that ends a sequence badly may still stand alone (`g` then `j`).
            if keys.count > 1, case .command(let id) = keymap.resolve([key], in: state.keyContext) {
                return perform(&state, id)
            }
            var printable = false
            if case .char(let c) = key { printable = !c.isWhitespace } else if case .alt = key { printable = true }
            if printable {
                state.status = StatusMessage("\(key.label) does nothing here. ? lists the keys that work in \(state.placeName).")
            } else if case .paste = key {
                state.status = StatusMessage("Nothing to paste into here: / searches, \\ filters.")
            }
            return []
        }
    }

    static func perform(_ state: inout AppState, _ id: CommandID) -> [Effect] {
        switch id {
        case .moveDown: return move(&state, by: 1)
        case .moveUp: return move(&state, by: -1)
        case .pageDown: return move(&state, by: pageRows(state))
        case .pageUp: return move(&state, by: -pageRows(state))
        case .moveTop: return move(&state, by: Int.min / 2)
        case .moveBottom: return move(&state, by: Int.max / 2)
        case .nextPane: return focus(&state, Pane(rawValue: (state.focus.rawValue + 1) % Pane.allCases.count)!)
        case .previousPane: return focus(&state, Pane(rawValue: (state.focus.rawValue + Pane.allCases.count - 1) % Pane.allCases.count)!)
        case .focusClusters: return focus(&state, .clusters)
        case .focusQuestions, .open: return focus(&state, .questions)
        case .focusCapabilities: return focus(&state, .capabilities)
        case .viewSegments: return openView(&state, .segments)
        case .viewPriorities: return openView(&state, .priorities)
        case .viewCharts: return openView(&state, .charts)
        case .viewMatrix: return openView(&state, .matrix)
        case .viewQueue: return openView(&state, .queue)
        case .queueAccept, .queueSkip, .queueShowSkipped: return queueCommand(&state, id)
        case .jumpToCluster: return closeView(&state, announce: true)
        case .closeView: return closeView(&state, announce: false)
        case .segmentLeft: return segmentColumn(&state, by: -1)
        case .segmentRight: return segmentColumn(&state, by: 1)
        case .matrixLeft: return scrollMatrix(&state, by: -1)
        case .matrixRight: return scrollMatrix(&state, by: 1)
        case .switchFormula: return switchFormula(&state)
        case .zoomIn: return zoom(&state, by: 1)
        case .zoomOut: return zoom(&state, by: -1)
        case .toggleHighContrast: return toggleHighContrast(&state)
        case .expand: return expand(&state)
        case .collapse: return collapse(&state)
        case .back: return focus(&state, .clusters)
        case .toggleAllExpanded: return toggleAll(&state)
        case .previousCluster: return stepCluster(&state, by: -1)
        case .nextCluster: return stepCluster(&state, by: 1)
        case .sortNext:
            state.sort = state.sort.next
            state.sortDescending = state.sort.descendingByDefault
            state.status = StatusMessage("Sorted by \(state.sort.title)")
            clampAll(&state)
            return []
        case .sortReverse:
            state.sortDescending.toggle()
            state.status = StatusMessage("Sorted by \(state.sort.title), \(state.sortDescending ? "descending" : "ascending")")
            clampAll(&state)
            return []
        case .questionOrderNext:
            state.questions.order = state.questions.order.next
            state.status = StatusMessage("Questions ordered \(state.questions.order.rawValue)")
            return reloadQuestions(&state)
        case .toggleCapabilityFilter: return toggleCapabilityFilter(&state)
        case .clearFilters: return clearFilters(&state)
        case .search, .filter: return openPrompt(&state, id == .search ? .search : .filter)
        case .searchAll:
            state.searchAll = SearchAllState()
            return []
        case .openQuestion: return openQuestion(&state)
        case .yank: return yank(&state)
        case .nextUnreviewed: return stepUnreviewed(&state, forward: true)
        case .previousUnreviewed: return stepUnreviewed(&state, forward: false)
        case .filterUnreviewed: return presetFilter(&state, "!reviewed !status:dismissed")
        case .filterDangerZone: return presetFilter(&state, "seg:HLL")
        case .searchNext: return searchStep(&state, forward: true)
        case .searchPrevious: return searchStep(&state, forward: false)
        case .help, .palette:
            state.overlay = CommandListOverlay(kind: id == .help ? .help : .palette, context: state.keyContext)
            return []
        case .toggleMark, .rangeMark, .markAll, .unmarkAll, .extendUp, .extendDown:
            return mark(&state, id)
        case .redraw: return [.redraw]
        case .suspend: return [.suspend]
        case .quit:
            state.quitting = true
            return [.quit]
        case .listDown, .listUp, .listPageDown, .listPageUp, .accept, .cancel, .closeOverlay, .pickByLetter,
             .splitMore, .splitFewer, .splitAuto, .typeText, .textLeft, .textRight, .textStart, .textEnd,
             .textWordLeft, .textWordRight, .textDeleteBack, .textDeleteForward, .textDeleteWord, .textDeleteToStart:
            // Modal commands: `modalKey` runs them; from a pane there is nothing to act on.
            return []
        case .exportDecisions, .writeReport: return OutputFileDialog.open(&state, id)
        default:
            // Decisions: undo, redo, and every command whose registry entry names a decision kind.
            return decide(&state, id)
        }
    }

    static func clampAll(_ state: inout AppState) {
        let rows = ClusterTree.rows(state)
        if let id = state.selectedClusterID, !rows.contains(where: { $0.id == id }) {
            // The selection was hidden by a filter or a fold: fall back to its nearest visible ancestor.
            let visible = Set(rows.map(\.id))
            state.selectedClusterID = state.dataset.ancestors(of: id).last(where: visible.contains) ?? rows.first?.id
        } else if state.selectedClusterID == nil {
            // A filter that matched nothing left no selection; when rows come back, one is selected.
            state.selectedClusterID = rows.first?.id
        }
        var cursor = ListCursor(index: clusterIndex(state, rows), scroll: state.clusterScroll)
        cursor.clamp(count: rows.count, height: state.layout.listRows(.clusters))
        state.clusterScroll = cursor.scroll
        state.questions.cursor.clamp(count: state.questions.rows.count, height: state.layout.listRows(.questions))
        state.capabilityCursor.clamp(count: CapabilityList.rows(state).count, height: state.layout.listRows(.capabilities))
        clampView(&state)
    }

    /// Rows a page key moves in the focused pane or the view.
    static func pageRows(_ state: AppState) -> Int {
        state.view == .main ? state.layout.listRows(state.focus) : state.layout.viewListRows(state.view)
    }

    static func clusterIndex(_ state: AppState, _ rows: [ClusterTree.Row]) -> Int {
        rows.firstIndex { $0.id == state.selectedClusterID } ?? 0
    }
}
