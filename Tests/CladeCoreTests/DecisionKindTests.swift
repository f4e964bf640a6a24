@testable import CladeCore
import Testing

/// One test per decision kind: the keys a reviewer presses, the request committed, and the
/// state after, exhaustively (TestStore). Fixture clusters: 1 Documents (11 RFI status,
/// 12 Open RFIs), 2 Cost & budget (21 FY budget, 22 Cost lookup), 3 Weather at the site.
@Suite struct DecisionKindTests {
    /// A store with RFI status (11, a leaf) selected.
    static func onRFIStatus() -> TestStore {
        var store = TestStore()
        Fixtures.press(&store.state_, Fixtures.keys("j"))
        return store
    }

    static let questions = (1...4).map { Question(id: Int64($0), text: "question \($0)") }

    /// RFI status's questions in the Questions pane.
    static func inQuestions() -> TestStore {
        var store = onRFIStatus()
        Fixtures.press(&store.state_, [.tab])
        let page = QuestionPage(query: QuestionQuery(clusterID: 11, memberIDs: [11], order: .tenTen, knownTotal: store.state.dataset.cluster(11)?.stats.rows),
                                rows: questions, total: 4, hasMore: false)
        _ = Reducer.reduce(&store.state_, .questionsLoaded(page))
        return store
    }

    @Test func relabel() {
        var store = Self.onRFIStatus()
        store.open("r", .textDialog, title: "Relabel “RFI status”", effects: [.loadSuggestions(.relabel(11))])
        store.receive(.suggestionsLoaded(.relabel(11), [DialogOption("RFI tracking", value: .label("RFI tracking"))])) { s in
            s.dialog?.options = [DialogOption("RFI tracking", value: .label("RFI tracking"))]
            s.dialog?.loading = false
        }
        store.send([.ctrl("u"), .enter]) { $0.dialog?.text = ""; $0.status = StatusMessage("A cluster needs a name", isError: true) }
        store.send([.down, .enter], effects: [.commit(.relabel(11, name: "RFI tracking", description: nil))]) { $0.committing() }
        store.receiveCommitted(.relabel, summary: "Relabelled “RFI status” as “RFI tracking”")
    }

    @Test func describe() {
        var store = Self.onRFIStatus()
        store.open("D", .textDialog, title: "Description of “RFI status”")
        store.send("Where RFIs stand\r", effects: [.commit(.relabel(11, name: "RFI status", description: "Where RFIs stand"))]) { $0.committing() }
    }

    @Test func note() {
        var store = Self.onRFIStatus()
        store.open("e", .textDialog, title: "Note on “RFI status”")
        store.send("  ask the PMs  \r", effects: [.commit(.setNote(11, "ask the PMs"))]) { $0.committing() }
    }

    @Test func reviewed() {
        var store = Self.onRFIStatus()
        store.send("y", effects: [.commit(.setReviewed(11, true))]) { $0.committing = true }
    }

    @Test func priority() {
        var store = Self.onRFIStatus()
        store.open("p", .choice, title: "Priority of “RFI status”")
        store.send("jj", { $0.dialog?.cursor = 2 })
        store.send("k\r", effects: [.commit(.setPriority(11, 1))]) { $0.committing() }
        var byLetter = Self.onRFIStatus()
        byLetter.open("p", .choice, title: "Priority of “RFI status”")
        byLetter.send("x", effects: [.commit(.setPriority(11, nil))]) { $0.committing() }
    }

    @Test func issueType() {
        var store = Self.onRFIStatus()
        store.open("i", .choice, title: "Issue type of “RFI status”")
        store.send("g", effects: [.commit(.setIssueType(11, .generation))]) { $0.committing() }
    }

    @Test func action() {
        var store = Self.onRFIStatus()
        let dialog = store.open("a", .choice, title: "Action for “RFI status”")
        let segmentDefault = store.state.dataset.segment(of: store.state.dataset.cluster(11)!).defaultAction
        #expect(dialog?.options.first?.value == .action(segmentDefault))
        // The cursor starts on the current choice: none set, so the segment's default.
        store.send("\r", effects: [.commit(.setAction(11, nil))]) { $0.committing() }
        var explicit = Self.onRFIStatus()
        explicit.open("a", .choice, title: "Action for “RFI status”")
        explicit.send("kkkkkkkkkk\r", effects: [.commit(.setAction(11, segmentDefault))]) { $0.committing() }
    }

    @Test func dismissStartsOnCancelAndRefusesParents() {
        var store = Self.onRFIStatus()
        store.open("d", .choice, title: "Dismiss “RFI status”?")
        store.send("\r") { $0.dialog = nil }
        store.open("d", .choice, title: "Dismiss “RFI status”?")
        store.send("r", effects: [.commit(.dismiss(11, reason: .redirect))]) { $0.committing() }

        var parent = TestStore()
        parent.send("d") { $0.status = StatusMessage("A parent cannot be dismissed: pick one of its clusters", isError: true) }
    }

    @Test func mergeIntoAPickedClusterThenPickTheSurvivingLabel() {
        var store = Self.onRFIStatus()
        store.open("m", .picker, title: "Merge “RFI status” into…", effects: [.loadSuggestions(.mergeTarget(sources: [11]))])
        store.send("open") { s in
            s.dialog?.text = "open"
            s.dialog?.cursor = 0
        }
        store.open("\r", .choice, title: "Merge 2 clusters: which label survives?")
        store.send("2", effects: [.commit(.merge(sources: [12], into: 11, name: nil))]) { $0.committing() }
    }

    @Test func mergeMarkedClustersUnderANewName() {
        var store = Self.onRFIStatus()
        store.setUp("  ")  // Space marks and moves down
        #expect(store.state.markedClusters == [11, 12])
        store.open("m", .choice, title: "Merge 2 clusters: which label survives?")
        store.open("n", .textDialog, title: "Name of the merged cluster")
        store.send([.ctrl("u")] + Fixtures.keys("RFIs\r"), effects: [.commit(.merge(sources: [12], into: 11, name: "RFIs"))]) { s in
            s.committing()
            s.markedClusters = []
        }
    }

    @Test func splitMarkedQuestionsOff() {
        var store = Self.inQuestions()
        store.setUp("  ")
        #expect(store.state.markedQuestions == [1, 2])
        store.open("s", .textDialog, title: "Split 2 marked questions off “RFI status”", effects: [.loadSuggestions(.splitName(11, [1, 2]))])
        store.send("\r") { $0.status = StatusMessage("The new cluster needs a name", isError: true) }
        store.send("Closeout RFIs\r", effects: [.commit(.split(11, parts: [SplitPart(name: "Closeout RFIs", questionIDs: [1, 2])]))]) { s in
            s.committing()
            s.markedQuestions = []
        }
    }

    @Test func splitBySuggestion() {
        var store = Self.onRFIStatus()
        store.send("s", effects: [.suggestSplit(clusterID: 11, memberIDs: [11], k: nil)]) { $0.split = SplitPreview(clusterID: 11) }
        store.receive(.splitReady(ModalKeysTests.split)) { s in
            s.split?.proposal = ModalKeysTests.split
            s.split?.progress = nil
            s.split?.computing = false
            s.split?.routes = [.foldBack, .keep]
            s.split?.names = ["Rfi", "Status"]
        }
        // By default the largest part stays (the cluster is named after it), the others become new clusters.
        let request = Recluster(sources: [11], name: "Rfi", description: "What stays: rfi", parts: [
            RoutedPart(questionIDs: [1, 2], route: .foldBack),
            RoutedPart(questionIDs: [3], route: .newCluster(name: "Status", description: "Split off “RFI status”: status")),
        ])
        store.send("\r", effects: [.commit(.recluster(request))]) { s in
            s.split = nil
            s.committing = true
        }
    }

    @Test func moveQuestions() {
        var store = Self.inQuestions()
        store.send("jj") { $0.questions.cursor.index = 2 }
        // The clusters nearest the questions' centre are looked for in the background, then listed first.
        store.open("M", .picker, title: "Move 1 question to…", effects: [.loadSuggestions(.moveTarget(questions: [3]))])
        #expect(store.state.dialog?.loading == true)
        let nearest = DialogOption("Cost lookup", detail: "similarity 0.91 · embeddings", value: .cluster(22), suggested: true)
        store.receive(.suggestionsLoaded(.moveTarget(questions: [3]), [nearest])) { s in
            let rest = s.dialog!.options.filter { $0.value != .cluster(22) }
            s.dialog?.options = [nearest] + rest
            s.dialog?.loading = false
        }
        store.send("cost") { s in
            s.dialog?.text = "cost"
            s.dialog?.cursor = 0
        }
        store.send("\r", effects: [.commit(.move(questions: [3], to: 22))]) { $0.committing() }
    }

    @Test func capabilityVerdicts() {
        var store = TestStore()
        store.send("3") { $0.focus = .capabilities }
        let cluster = store.state.selectedClusterID!
        let first = CapabilityList.rows(store.state)[0].id
        store.send("c", effects: [.commit(.capabilityVerdict(cluster, first, .confirmed))]) { $0.committing = true }
        var reject = TestStore()
        reject.send("3") { $0.focus = .capabilities }
        reject.send("x", effects: [.commit(.capabilityVerdict(cluster, first, .rejected))]) { $0.committing = true }
    }

    @Test func addCapability() {
        var store = TestStore()
        store.send("3") { $0.focus = .capabilities }
        store.open("A", .textDialog, title: "New capability, confirmed on “Documents”")
        store.send("\r") { $0.status = StatusMessage("A capability needs a name", isError: true) }
        store.send("compare projects\r", effects: [.commit(.addCapability(name: "compare projects", description: "", confirmOn: 1))]) { $0.committing() }
    }

    @Test func thresholds() {
        var store = TestStore()
        store.setUp("4")
        store.open("t", .choice, title: "Segment thresholds")
        store.open("r", .textDialog, title: "Low relevance below…")
        let value = try! ThresholdKey.relevanceLow.parse("0.6").get()
        store.send([.ctrl("u")] + Fixtures.keys("0.6\r"), effects: [.commit(.setThreshold(key: ThresholdKey.relevanceLow.rawValue, value: value))]) { $0.committing() }
    }

    @Test func prioritisation() {
        var store = TestStore()
        store.setUp("5")
        let cluster = store.state.selectedCluster!
        store.open("e", .choice, title: "Prioritisation of “\(cluster.name)”")
        store.open("e", .textDialog, title: "Effort of “\(cluster.name)”")
        var inputs = cluster.prioritisation
        PrioritisationField.effort.set(try! PrioritisationField.effort.parse("3").get(), in: &inputs)
        store.send([.ctrl("u")] + Fixtures.keys("3\r"), effects: [.commit(.setPrioritisation(cluster.id, inputs))]) { $0.committing() }
    }

    @Test func everyDecisionCommandHasAKindAndEveryKindIsTested() {
        let decisionCommands = CommandRegistry.all.filter { $0.id.rawValue.hasPrefix("decide.") && $0.id != .undo && $0.id != .redo }
        for command in decisionCommands { #expect(command.decision != nil, "\(command.id) has no decision kind") }
        #expect(CommandRegistry.decisionKinds.count == 17)  // with search everywhere's split-off (GatherDecision)
    }

    @Test func outputFileDialogWritesWhereTyped() {
        var s = Fixtures.state()
        s.dataset.path = "/data/review.sqlite"
        s.dataset.readOnly = true  // reading only: allowed on a read-only database
        _ = Reducer.reduce(&s, .run(.writeReport))
        #expect(s.dialog?.purpose == .outputPath(.report) && s.dialog?.text == "/data/review-report.html")
        let effects = Reducer.reduce(&s, .key(.enter))
        #expect(effects == [.writeFile(OutputRequest(kind: .report, path: "/data/review-report.html"))])
        #expect(s.dialog == nil && s.status?.text.hasPrefix("Writing the report to /data/review-report.html") == true)
        _ = Reducer.reduce(&s, .run(.exportDecisions))
        _ = Reducer.reduce(&s, .key(.ctrl("u")))
        #expect(Reducer.reduce(&s, .key(.enter)).isEmpty && s.dialog != nil, "an empty path is refused, the dialog stays")
    }
}

/// Issue 14: "Split/merge dialogs show no resulting figures" — the merge dialog says what the
/// merged cluster will be, from the same sums the list shows once it is recorded.
@Suite struct MergeFiguresTests {
    @Test func theMergeDialogShowsTheMergedClustersFigures() {
        var s = Fixtures.state()
        let leaves = s.dataset.clusters.filter { s.dataset.isLeaf($0.id) }.prefix(2)
        #expect(leaves.count == 2)
        s.markedClusters = Set(leaves.map(\.id))
        _ = Reducer.reduce(&s, .run(.merge))
        guard let prompt = s.dialog?.prompt else { Issue.record("no merge dialog"); return }
        let volume = leaves.reduce(0.0) { $0 + $1.stats.volume }
        #expect(prompt.hasPrefix("Together: \(Format.volume(volume)) questions"), "\(prompt)")
        #expect(prompt.contains("relevance") && prompt.hasSuffix("Undoable with u."), "\(prompt)")
    }
}
