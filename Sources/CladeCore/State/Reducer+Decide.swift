import Foundation

extension Reducer {
    /// Opens the dialog for a decision, or commits it at once when there is nothing to ask.
    static func decide(_ state: inout AppState, _ id: CommandID) -> [Effect] {
        if state.dataset.readOnly {
            let key = CommandRegistry.command(id).primaryKeyLabel
            state.status = StatusMessage("Read-only: \(key) records nothing here. Open a writable copy of the database to decide.", isError: true)
            return []
        }
        if state.committing { return [] }
        switch id {
        case .undo:
            state.committing = true
            return [.undo]
        case .redo:
            state.committing = true
            return [.redo]
        case .confirmCapability, .rejectCapability, .addCapability:
            return capabilityDecision(&state, id)
        case .editThresholds:
            return openDialog(&state, thresholdsDialog(state), load: false)
        default:
            break
        }
        guard let cluster = state.selectedCluster else { return [] }
        let isLeaf = state.dataset.isLeaf(cluster.id)
        switch id {
        case .relabel:
            return openDialog(&state, Dialog(
                purpose: .relabel(cluster.id), style: .text, title: "Relabel \u{201C}\(cluster.name)\u{201D}",
                prompt: "A name the pipeline should keep. ↓ picks a suggestion.", text: cluster.name, cursor: -1, loading: true
            ), load: true)
        case .describe:
            return openDialog(&state, Dialog(
                purpose: .describe(cluster.id), style: .text, title: "Description of \u{201C}\(cluster.name)\u{201D}",
                prompt: "One sentence: what these users ask about.", text: cluster.description, cursor: -1
            ), load: false)
        case .note:
            return openDialog(&state, Dialog(
                purpose: .note(cluster.id), style: .text, title: "Note on \u{201C}\(cluster.name)\u{201D}",
                prompt: "For the pipeline team and the report. Empty clears it.", text: cluster.note, cursor: -1
            ), load: false)
        case .reviewed:
            return commit(&state, .setReviewed(cluster.id, !cluster.reviewed))
        case .priority:
            var options = (0...3).map { p in
                DialogOption("P\(p)", detail: ["fix now", "next", "later", "someday"][p], key: Character(String(p)), value: .priority(p))
            }
            options.append(DialogOption("No priority", key: "x", value: .priority(nil)))
            return openDialog(&state, Dialog(purpose: .priority(cluster.id), style: .choice, title: "Priority of \u{201C}\(cluster.name)\u{201D}",
                                             prompt: "0–3 sets P0–P3, x clears", options: options, cursor: cluster.priority ?? 0), load: false)
        case .issueType:
            let options: [DialogOption] = [
                DialogOption("inventory", detail: "the right documents are missing or cannot be found", key: "i", value: .issueType(.inventory)),
                DialogOption("capability", detail: "found, but the question needs an operation search cannot do", key: "c", value: .issueType(.capability)),
                DialogOption("generation", detail: "retrieval is fine, the answer is not", key: "g", value: .issueType(.generation)),
                DialogOption("none", detail: "nothing to fix", key: "n", value: .issueType(IssueType.none)),
                DialogOption("Not classified", key: "x", value: .issueType(nil)),
            ]
            let current = options.firstIndex { $0.value == .issueType(cluster.issueType) } ?? 0
            return openDialog(&state, Dialog(purpose: .issueType(cluster.id), style: .choice, title: "Issue type of \u{201C}\(cluster.name)\u{201D}",
                                             prompt: "What kind of problem is it?", options: options, cursor: current), load: false)
        case .action:
            let segmentDefault = state.dataset.segment(of: cluster).defaultAction
            var options = ClusterAction.allCases.map { a in
                DialogOption(a.title, detail: a == segmentDefault ? "the segment's default" : "", value: .action(a), suggested: a == segmentDefault)
            }
            options.sort { $0.suggested && !$1.suggested }
            options.append(DialogOption("Use the segment's default", key: "x", value: .action(nil)))
            let current = options.firstIndex { $0.value == .action(cluster.action) } ?? 0
            return openDialog(&state, Dialog(purpose: .action(cluster.id), style: .choice, title: "Action for \u{201C}\(cluster.name)\u{201D}",
                                             prompt: "Segment \(state.dataset.segment(of: cluster).code()): \(state.dataset.segment(of: cluster).reading)",
                                             options: options, cursor: current), load: false)
        case .dismiss:
            guard isLeaf else { return notOnParent(&state, "dismiss") }
            // The focus starts on Cancel: a stray Enter changes nothing.
            let options: [DialogOption] = cluster.dismissed
                ? [DialogOption("Cancel", key: "c", value: .cancel), DialogOption("Restore it to the review", key: "r", value: .restore)]
                : [DialogOption("Cancel", key: "c", value: .cancel),
                   DialogOption("Out of scope", detail: "tell users \"we don't do that\"", key: "o", value: .dismiss(.outOfScope)),
                   DialogOption("Redirect", detail: "send users to the software that answers it", key: "r", value: .dismiss(.redirect))]
            return openDialog(&state, Dialog(purpose: .dismiss(cluster.id), style: .choice,
                                             title: cluster.dismissed ? "Restore \u{201C}\(cluster.name)\u{201D}?" : "Dismiss \u{201C}\(cluster.name)\u{201D}?",
                                             prompt: "Undoable with u.", options: options, cursor: 0), load: false)
        case .merge:
            return startMerge(&state, cluster)
        case .editPrioritisation:
            return openDialog(&state, prioritisationDialog(state, cluster), load: false)
        case .split:
            guard isLeaf else { return notOnParent(&state, "split") }
            let marked = state.questions.rows.filter { state.markedQuestions.contains($0.id) }.map(\.id)
            if state.focus == .questions, !marked.isEmpty {
                return openDialog(&state, Dialog(
                    purpose: .splitName(cluster.id, marked), style: .text,
                    title: "Split \(marked.count) marked question\(marked.count == 1 ? "" : "s") off \u{201C}\(cluster.name)\u{201D}",
                    prompt: "Name of the new cluster. ↓ picks a suggestion.", text: "", cursor: -1, loading: true
                ), load: true)
            }
            state.split = SplitPreview(clusterID: cluster.id)
            return [.suggestSplit(clusterID: cluster.id, memberIDs: state.dataset.memberClusterIDs(of: cluster.id), k: nil)]
        case .move:
            let marked = state.questions.rows.filter { state.markedQuestions.contains($0.id) }.map(\.id)
            let questions = marked.isEmpty ? state.questions.rows.indices.contains(state.questions.cursor.index) ? [state.questions.rows[state.questions.cursor.index].id] : [] : marked
            guard !questions.isEmpty else { return [] }
            return openDialog(&state, Dialog(
                purpose: .moveTarget(questions: questions), style: .picker,
                title: "Move \(questions.count) question\(questions.count == 1 ? "" : "s") to…", prompt: "Type to find the cluster.",
                options: clusterOptions(state, excluding: [cluster.id])
            ), load: false)
        default:
            return []
        }
    }

    static func notOnParent(_ state: inout AppState, _ verb: String) -> [Effect] {
        state.status = StatusMessage("A parent cannot be \(verb == "split" ? "split" : "dismissed"): pick one of its clusters", isError: true)
        return []
    }

    static func startMerge(_ state: inout AppState, _ cluster: Cluster) -> [Effect] {
        let marked = state.markedClusters.compactMap { state.dataset.cluster($0) }.sorted { $0.stats.volume > $1.stats.volume }
        if marked.count >= 2 {
            return openDialog(&state, survivingLabelDialog(sources: marked.map(\.id), target: marked[0].id, state: state), load: false)
        }
        guard state.dataset.isLeaf(cluster.id) else {
            state.status = StatusMessage("Mark two or more clusters with Space, or pick a cluster inside this parent", isError: true)
            return []
        }
        return openDialog(&state, Dialog(
            purpose: .mergeTarget(sources: [cluster.id]), style: .picker, title: "Merge \u{201C}\(cluster.name)\u{201D} into…",
            prompt: "Nearest clusters first. Type to find another.", options: clusterOptions(state, excluding: [cluster.id]), loading: true
        ), load: true)
    }

    /// Which label survives a merge: one of the clusters' names, or a new one.
    static func survivingLabelDialog(sources: [ClusterID], target: ClusterID, state: AppState) -> Dialog {
        let all = [target] + sources.filter { $0 != target }
        var options = all.enumerated().compactMap { i, id -> DialogOption? in
            guard let c = state.dataset.cluster(id) else { return nil }
            return DialogOption(c.name, detail: "\(c.stats.rows) questions", key: Character(String(i + 1)), value: .cluster(id))
        }
        options.append(DialogOption("A new name…", key: "n", value: .newLabel))
        options.append(DialogOption("Cancel", key: "c", value: .cancel))
        return Dialog(purpose: .survivingLabel(sources: all, target: target), style: .choice,
                      title: "Merge \(all.count) clusters: which label survives?", prompt: "Undoable with u.", options: options, cursor: 0)
    }

    /// Every active leaf as a picker option, largest first.
    static func clusterOptions(_ state: AppState, excluding: Set<ClusterID>) -> [DialogOption] {
        state.dataset.clusters
            .filter { state.dataset.isLeaf($0.id) && !excluding.contains($0.id) }
            .sorted { $0.stats.volume != $1.stats.volume ? $0.stats.volume > $1.stats.volume : $0.id < $1.id }
            .map { c in
                let parent = c.parentID.flatMap { state.dataset.cluster($0)?.name }
                return DialogOption(c.name, detail: [parent, "\(c.stats.rows) questions"].compactMap { $0 }.joined(separator: " · "), value: .cluster(c.id))
            }
    }

    static func openDialog(_ state: inout AppState, _ dialog: Dialog, load: Bool) -> [Effect] {
        state.dialog = dialog
        return load ? [.loadSuggestions(dialog.purpose)] : []
    }

    static func commit(_ state: inout AppState, _ request: DecisionRequest) -> [Effect] {
        state.dialog = nil
        state.committing = true
        return [.commit(request)]
    }

    static func capabilityDecision(_ state: inout AppState, _ id: CommandID) -> [Effect] {
        guard let cluster = state.selectedCluster else { return [] }
        if id == .addCapability {
            return openDialog(&state, Dialog(purpose: .newCapability(cluster.id), style: .text, title: "New capability, confirmed on \u{201C}\(cluster.name)\u{201D}",
                                             prompt: "What users want done, e.g. \u{201C}compare across projects\u{201D}.", cursor: -1), load: false)
        }
        let caps = CapabilityList.rows(state)
        guard caps.indices.contains(state.capabilityCursor.index) else { return [] }
        let cap = caps[state.capabilityCursor.index].id
        let wanted: CapabilityVerdict = id == .confirmCapability ? .confirmed : .rejected
        let verdict: CapabilityVerdict? = cluster.capabilityVerdicts[cap] == wanted ? nil : wanted
        return commit(&state, .capabilityVerdict(cluster.id, cap, verdict))
    }

    // MARK: Dialog commands

    static func dialogCommand(_ state: inout AppState, _ id: CommandID) -> [Effect] {
        guard var dialog = state.dialog else { return [] }
        let visible = dialog.visibleOptions
        let page = max(1, dialog.listRows(screenHeight: state.height))
        switch id {
        case .cancel:
            state.dialog = nil
            return []
        case .listDown, .listPageDown:
            guard !visible.isEmpty else { return [] }
            dialog.cursor = min(dialog.cursor + (id == .listDown ? 1 : page), visible.count - 1)
            if dialog.style == .text, dialog.cursor >= 0 { dialog.text = visible[dialog.cursor].label }
        case .listUp, .listPageUp:
            dialog.cursor = max(dialog.cursor - (id == .listUp ? 1 : page), dialog.style == .text ? -1 : 0)
            if dialog.style == .text, dialog.cursor >= 0 { dialog.text = visible[dialog.cursor].label }
        case .accept:
            if dialog.style == .text { return acceptText(&state, dialog) }
            guard visible.indices.contains(dialog.cursor) else { return [] }
            return choose(&state, dialog, visible[dialog.cursor])
        default:
            return []
        }
        state.dialog = dialog
        return []
    }

    /// A choice dialog's option picked by its letter.
    static func pickByLetter(_ state: inout AppState, _ letter: Character) -> [Effect]? {
        guard let dialog = state.dialog, dialog.style == .choice,
              let option = dialog.visibleOptions.first(where: { $0.key == letter }) else { return nil }
        return choose(&state, dialog, option)
    }

    static func acceptText(_ state: inout AppState, _ dialog: Dialog) -> [Effect] {
        let text = dialog.text.trimmingCharacters(in: .whitespaces)
        switch dialog.purpose {
        case .relabel(let c):
            guard !text.isEmpty else { state.status = StatusMessage("A cluster needs a name", isError: true); return [] }
            return commit(&state, .relabel(c, name: text, description: nil))
        case .note(let c):
            return commit(&state, .setNote(c, text))
        case .describe(let c):
            guard let name = state.dataset.cluster(c)?.name else { return [] }
            return commit(&state, .relabel(c, name: name, description: text))
        case .newCapability(let c):
            guard !text.isEmpty else { return [] }
            return commit(&state, .addCapability(name: text, description: "", confirmOn: c))
        case .splitName(let c, let questions):
            guard !text.isEmpty else { state.status = StatusMessage("The new cluster needs a name", isError: true); return [] }
            state.markedQuestions = []
            return commit(&state, .split(c, parts: [SplitPart(name: text, questionIDs: questions)]))
        case .survivingLabel(let sources, let target):
            guard !text.isEmpty else { return [] }
            state.markedClusters = []
            return commit(&state, .merge(sources: sources.filter { $0 != target }, into: target, name: text))
        case .thresholdValue(let key):
            return acceptThreshold(&state, key, text)
        case .prioritisationValue(let c, let field):
            return acceptPrioritisation(&state, c, field, text)
        default:
            return []
        }
    }

    static func choose(_ state: inout AppState, _ dialog: Dialog, _ option: DialogOption) -> [Effect] {
        switch (dialog.purpose, option.value) {
        case (_, .cancel):
            state.dialog = nil
            return []
        case (.priority(let c), .priority(let p)):
            return commit(&state, .setPriority(c, p))
        case (.issueType(let c), .issueType(let t)):
            return commit(&state, .setIssueType(c, t))
        case (.action(let c), .action(let a)):
            return commit(&state, .setAction(c, a))
        case (.dismiss(let c), .dismiss(let reason)):
            return commit(&state, .dismiss(c, reason: reason))
        case (.dismiss(let c), .restore):
            return commit(&state, .restore(c))
        case (.mergeTarget(let sources), .cluster(let target)):
            state.dialog = survivingLabelDialog(sources: sources, target: target, state: state)
            return []
        case (.survivingLabel(let sources, _), .cluster(let survivor)):
            state.markedClusters = []
            return commit(&state, .merge(sources: sources.filter { $0 != survivor }, into: survivor, name: nil))
        case (.survivingLabel(let sources, let target), .newLabel):
            state.dialog = Dialog(purpose: .survivingLabel(sources: sources, target: target), style: .text,
                                  title: "Name of the merged cluster", prompt: "Enter merges; Esc cancels.",
                                  text: state.dataset.cluster(target)?.name ?? "", cursor: -1)
            return []
        case (.moveTarget(let questions), .cluster(let target)):
            state.markedQuestions = []
            return commit(&state, .move(questions: questions, to: target))
        case (.thresholds, .threshold(let key)):
            state.dialog = thresholdValueDialog(state, key)
            return []
        case (.prioritisation(let c), .prioritisationField(let field)):
            state.dialog = prioritisationValueDialog(state, c, field)
            return []
        case (.prioritisation(let c), .resetPrioritisation):
            return commit(&state, .setPrioritisation(c, PrioritisationInputs()))
        default:
            state.dialog = nil
            return []
        }
    }

    // MARK: Suggested split

    static func splitCommand(_ state: inout AppState, _ id: CommandID) -> [Effect] {
        guard let split = state.split else { return [] }
        switch id {
        case .cancel:
            state.split = nil
            state.status = StatusMessage("Split cancelled")
            return split.proposal == nil ? [.cancelSplit] : []
        case .splitMore:
            return resplit(&state, split, k: (split.proposal?.k ?? 2) + 1)
        case .splitFewer:
            return resplit(&state, split, k: max(2, (split.proposal?.k ?? 3) - 1))
        case .splitAuto:
            return resplit(&state, split, k: nil)
        case .accept:
            guard let proposal = split.proposal, proposal.parts.count > 1 else { return [] }
            state.split = nil
            let origin = state.dataset.cluster(proposal.clusterID)?.name ?? "a cluster"
            let parts = proposal.parts.dropFirst().map { part in
                SplitPart(name: part.suggestedName, description: "Split off \u{201C}\(origin)\u{201D}: " + part.keywords.prefix(5).joined(separator: ", "), questionIDs: part.questionIDs)
            }
            return commit(&state, .split(proposal.clusterID, parts: Array(parts)))
        default:
            return []
        }
    }

    static func resplit(_ state: inout AppState, _ split: SplitPreview, k: Int?) -> [Effect] {
        guard split.proposal != nil || split.error != nil else { return [] }
        let capped = k.map { min($0, 12) }
        state.split = SplitPreview(clusterID: split.clusterID, requestedK: capped)
        return [.suggestSplit(clusterID: split.clusterID, memberIDs: state.dataset.memberClusterIDs(of: split.clusterID), k: capped)]
    }
}
