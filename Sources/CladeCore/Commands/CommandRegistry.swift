/// The registry of every command, in the order help lists them.
public enum CommandRegistry {
    private static func k(_ s: String) -> [Key] { s.map { Key.char($0) } }
    /// The full-screen views: they share movement, Enter, Esc and a few decisions.
    private static let views: [Context] = [.segments, .priorities, .charts, .matrix]

    public static let all: [Command] = [
        Command(.moveDown, "Move down", keys: [k("j"), [.down]], footer: "move", footerKeys: "j/k", footerRank: 60),
        Command(.moveUp, "Move up", keys: [k("k"), [.up]]),
        Command(.moveTop, "Go to the first row", keys: [k("gg"), [.home]]),
        Command(.moveBottom, "Go to the last row", keys: [k("G"), [.end]]),
        Command(.pageDown, "Page down", keys: [[.ctrl("d")], [.pageDown]]),
        Command(.pageUp, "Page up", keys: [[.ctrl("u")], [.pageUp]]),

        Command(.nextPane, "Next pane", keys: [[.tab]], footer: "pane", footerRank: 55),
        Command(.previousPane, "Previous pane", keys: [[.backTab]]),
        Command(.focusClusters, "Go to the Clusters pane", keys: [k("1")]),
        Command(.focusQuestions, "Go to the Questions pane", keys: [k("2")]),
        Command(.focusCapabilities, "Go to the Capabilities pane", keys: [k("3")]),
        Command(.viewSegments, "Segment grid: volume × relevance × satisfaction", keys: [k("4")]),
        Command(.viewPriorities, "Prioritised list: clusters ranked by value", keys: [k("5")]),
        Command(.viewCharts, "Charts of the selected cluster: weekly trend, relevance", keys: [k("6")]),
        Command(.viewMatrix, "Capability × topic matrix", keys: [k("7")]),

        Command(.open, "Open the cluster's questions", keys: [[.enter]], contexts: [.clusters], footer: "questions", footerRank: 10),
        Command(.expand, "Expand the cluster, or open its questions", keys: [k("l"), [.right]], contexts: [.clusters]),
        Command(.collapse, "Collapse the cluster, or go to its parent", keys: [k("h"), [.left]], contexts: [.clusters]),
        Command(.toggleAllExpanded, "Expand or collapse every parent", keys: [k("z")], contexts: [.clusters], footer: "fold", footerRank: 70),
        Command(.sortNext, "Sort by the next column", keys: [k("o")], contexts: [.clusters], footer: "sort", footerRank: 40),
        Command(.sortReverse, "Reverse the sort", keys: [k("O")], contexts: [.clusters]),
        Command(.back, "Back to the clusters", keys: [[.escape], k("h"), [.left]], contexts: [.questions], footer: "back", footerRank: 20),
        Command(.previousCluster, "Previous cluster (stay in Questions)", keys: [k("[")], contexts: [.questions], footer: "cluster", footerKeys: "[/]", footerRank: 30),
        Command(.nextCluster, "Next cluster (stay in Questions)", keys: [k("]")], contexts: [.questions]),
        Command(.openQuestion, "Read the question: its whole text and metadata", keys: [[.enter]], contexts: [.questions], footer: "read", footerRank: 20),
        Command(.yank, "Copy the question, or the cluster, to the clipboard", keys: [k("Y")], contexts: [.clusters, .questions, .questionView], footer: "copy", footerRank: 45),
        Command(.questionOrderNext, "Order questions: 10-10, relevance, date", keys: [k("o")], contexts: [.questions], footer: "order", footerRank: 35),
        Command(.toggleCapabilityFilter, "Show only clusters with this capability", keys: [[.enter], k(" ")], contexts: [.capabilities], footer: "filter clusters", footerRank: 10),
        Command(.clearFilters, "Clear the filters", keys: [[.escape]], contexts: [.clusters, .capabilities]),

        Command(.toggleMark, "Mark or unmark the row", keys: [k(" ")], contexts: [.clusters, .questions], footer: "mark", footerKeys: "Space", footerRank: 25),
        Command(.rangeMark, "Mark a range: v, move, v", keys: [k("v")], contexts: [.clusters, .questions]),
        Command(.extendDown, "Extend the marks down", keys: [[.shiftDown]], contexts: [.clusters, .questions]),
        Command(.extendUp, "Extend the marks up", keys: [[.shiftUp]], contexts: [.clusters, .questions]),
        Command(.markAll, "Mark every visible row", keys: [k("*")], contexts: [.clusters, .questions]),
        Command(.unmarkAll, "Unmark all", keys: [k("U")], contexts: [.clusters, .questions]),

        Command(.relabel, "Relabel the cluster (suggestions from its keywords)", keys: [k("r")], contexts: [.clusters, .questions], footer: "relabel", footerRank: 12, decision: RelabelDecision.self),
        Command(.describe, "Edit the cluster's description", keys: [k("D")], contexts: [.clusters, .questions], decision: DescribeDecision.self),
        Command(.merge, "Merge marked clusters, or this one into another", keys: [k("m")], contexts: [.clusters, .questions], destructive: true, footer: "merge", footerRank: 13, decision: MergeDecision.self),
        Command(.split, "Split: marked questions off, or a suggested split", keys: [k("s")], contexts: [.clusters, .questions], destructive: true, footer: "split", footerRank: 14, decision: SplitDecision.self),
        Command(.move, "Move marked questions to another cluster", keys: [k("M")], contexts: [.questions], destructive: true, footer: "move", footerRank: 15, decision: MoveDecision.self),
        Command(.priority, "Set the priority (then 0–3 for P0–P3)", keys: [k("p")], contexts: [.clusters, .questions] + views, footer: "priority", footerRank: 16, decision: PriorityDecision.self),
        Command(.issueType, "Set the issue type (inventory, capability, generation)", keys: [k("i")], contexts: [.clusters, .questions], decision: IssueTypeDecision.self),
        Command(.action, "Set the action (the segment's default first)", keys: [k("a")], contexts: [.clusters, .questions] + views, decision: ActionDecision.self),
        Command(.note, "Edit the cluster's note", keys: [k("e")], contexts: [.clusters, .questions], footer: "note", footerRank: 18, decision: NoteDecision.self),
        Command(.reviewed, "Mark the cluster reviewed, or not", keys: [k("y")], contexts: [.clusters, .questions] + views, footer: "reviewed", footerRank: 19, decision: ReviewedDecision.self),
        Command(.dismiss, "Dismiss as out of scope or redirect (or restore)", keys: [k("d")], contexts: [.clusters, .questions] + views, destructive: true, decision: DismissDecision.self),
        Command(.confirmCapability, "Confirm the capability for the selected cluster", keys: [k("c")], contexts: [.capabilities], footer: "confirm", footerRank: 12, decision: CapabilityVerdictDecision.self),
        Command(.rejectCapability, "Reject the capability for the selected cluster", keys: [k("x")], contexts: [.capabilities], footer: "reject", footerRank: 13, decision: CapabilityVerdictDecision.self),
        Command(.addCapability, "Add a capability (confirmed on the selected cluster)", keys: [k("A")], contexts: [.capabilities], decision: AddCapabilityDecision.self),

        Command(.jumpToCluster, "Go to the cluster in the Clusters pane", keys: [[.enter]], contexts: views, footer: "go to", footerRank: 10),
        Command(.closeView, "Back to the panes", keys: [[.escape]], contexts: views, footer: "back", footerRank: 13),
        Command(.segmentLeft, "The cell to the left", keys: [k("h"), [.left]], contexts: [.segments], footer: "cell", footerKeys: "h/l", footerRank: 14),
        Command(.segmentRight, "The cell to the right", keys: [k("l"), [.right]], contexts: [.segments]),
        Command(.editThresholds, "Edit the segment thresholds and the minimum of ratings", keys: [k("t")], contexts: [.segments], footer: "thresholds", footerRank: 11, decision: ThresholdDecision.self),
        Command(.editPrioritisation, "Edit the cluster's impact, effort, risk and chance of success", keys: [k("e")], contexts: [.priorities], footer: "edit inputs", footerRank: 11, decision: PrioritisationDecision.self),
        Command(.switchFormula, "Rank by expected value or by value for effort", keys: [k("f")], contexts: [.priorities], footer: "formula", footerRank: 12),
        Command(.matrixLeft, "Scroll the capabilities left", keys: [k("h"), [.left]], contexts: [.matrix], footer: "scroll", footerKeys: "h/l", footerRank: 14),
        Command(.matrixRight, "Scroll the capabilities right", keys: [k("l"), [.right]], contexts: [.matrix]),

        Command(.undo, "Undo the last decision", keys: [k("u")], footer: "undo", footerRank: 17),
        Command(.redo, "Redo", keys: [[.ctrl("r")]]),
        Command(.carryForward, "Carry the review of the previous run forward to this run", keys: [k("F")]),
        Command(.exportDecisions, "Export the decisions for the pipeline (JSON, as clade export) to a file", keys: [], keysText: ": export", decision: OutputFileDialog.self),
        Command(.writeReport, "Write the report for the client (HTML; Markdown for a .md file)", keys: [], keysText: ": report", decision: OutputFileDialog.self),

        Command(.search, "Search (incremental)", keys: [k("/")], footer: "search", footerRank: 21),
        Command(.searchAll, "Search every question of the run", keys: [[.ctrl("f")]]),
        Command(.searchNext, "Next match", keys: [k("n")]),
        Command(.searchPrevious, "Previous match", keys: [k("N")]),
        Command(.filter, "Filter the list", keys: [k("\\")], footer: "filter", footerRank: 22),
        Command(.nextUnreviewed, "Next cluster not reviewed yet (nor dismissed)", keys: [k("w")], contexts: [.clusters, .questions], footer: "next to review", footerRank: 26),
        Command(.previousUnreviewed, "Previous cluster not reviewed yet", keys: [k("W")], contexts: [.clusters, .questions]),
        Command(.filterUnreviewed, "Filter: only the clusters not reviewed (\\!reviewed !status:dismissed)", keys: [], contexts: [.clusters, .questions], keysText: ": palette"),
        Command(.filterDangerZone, "Filter: only the danger zone, high volume and low relevance and satisfaction (\\seg:HLL)", keys: [], contexts: [.clusters, .questions], keysText: ": palette"),

        Command(.help, "Help: keys that work here", keys: [k("?"), [.function(1)]], footer: "help", footerRank: 0),
        Command(.palette, "Command palette", keys: [k(":"), [.ctrl("p")]], footer: "commands", footerRank: 23),
        Command(.zoomIn, "Zoom the focused pane, then full screen (workshop)", keys: [k("+")]),
        Command(.zoomOut, "Zoom out", keys: [k("_")]),
        Command(.toggleHighContrast, "High-contrast theme on or off (projectors)", keys: [k("T")]),
        Command(.redraw, "Redraw the screen", keys: [[.ctrl("l")]]),
        Command(.suspend, "Suspend to the shell", keys: [[.ctrl("z")]]),
        Command(.quit, "Quit", keys: [k("q"), [.function(10)], [.ctrl("c")]], footer: "quit", footerRank: 0),
    ] + queue + modal

    /// View 8, the review queue: proposals ranked by expected improvement.
    static let queue: [Command] = [
        Command(.viewQueue, "Review queue: proposals ranked by expected improvement", keys: [k("8")]),
        Command(.queueAccept, "Open the proposal's decision, prefilled (split preview, merge, move, action)", keys: [[.enter]], contexts: [.queue], footer: "decide", footerRank: 10),
        Command(.queueSkip, "Skip the proposal, or bring a skipped one back", keys: [k("x")], contexts: [.queue], footer: "skip", footerRank: 11),
        Command(.queueShowSkipped, "Show the skipped proposals, or the open ones", keys: [k("X")], contexts: [.queue], footer: "skipped", footerRank: 12),
        Command(.closeView, "Back to the panes, on the proposal's first cluster", keys: [[.escape]], contexts: [.queue], footer: "back", footerRank: 13),
    ]

    private static let dialogs: [Context] = [.choice, .picker, .textDialog]
    private static let overlays: [Context] = [.help, .palette]
    /// Where the one text field is: its editing keys work the same in all of them.
    private static let textFields: [Context] = [.picker, .textDialog, .help, .palette, .search, .filter, .splitField, .searchAllField]

    /// The modal contexts' own commands. None inherits the global keys: a dialog's footer,
    /// help and the keymap show only what works in it.
    static let modal: [Command] = [
        Command(.listDown, "Next option", keys: [k("j"), [.down], [.tab], [.ctrl("n")]], contexts: [.choice], footer: "moves", footerKeys: "j/k", footerRank: 30),
        Command(.listUp, "Previous option", keys: [k("k"), [.up], [.backTab], [.ctrl("p")]], contexts: [.choice]),
        Command(.pickByLetter, "Pick the option with that letter", keys: [], contexts: [.choice], keysText: "[letter]"),
        Command(.listDown, "Next in the list", keys: [[.down], [.tab], [.ctrl("n")]], contexts: [.picker, .textDialog], footer: "moves", footerKeys: "↑/↓", footerRank: 30),
        Command(.listUp, "Previous in the list (back to the text)", keys: [[.up], [.backTab], [.ctrl("p")]], contexts: [.picker, .textDialog]),
        Command(.listDown, "Next command", keys: [[.down], [.ctrl("n")]], contexts: overlays, footer: "moves", footerKeys: "↑/↓", footerRank: 30),
        Command(.listUp, "Previous command", keys: [[.up], [.ctrl("p")]], contexts: overlays),
        Command(.listPageDown, "Page down the list", keys: [[.pageDown]], contexts: [.picker] + overlays),
        Command(.listPageUp, "Page up the list", keys: [[.pageUp]], contexts: [.picker] + overlays),

        Command(.accept, "Pick the option", keys: [[.enter]], contexts: [.choice, .picker], footer: "picks", footerRank: 10),
        Command(.accept, "Accept the text", keys: [[.enter]], contexts: [.textDialog], footer: "accepts", footerRank: 10),
        Command(.accept, "Run the command", keys: [[.enter]], contexts: overlays, footer: "runs", footerRank: 10),
        Command(.accept, "Keep the search (n and N go on with it)", keys: [[.enter]], contexts: [.search], footer: "keeps", footerRank: 10),
        Command(.accept, "Keep the filter", keys: [[.enter]], contexts: [.filter], footer: "keeps", footerRank: 10),
        Command(.accept, "Split as routed: one decision, undoable", keys: [[.enter]], contexts: [.split], footer: "splits", footerRank: 10),
        Command(.splitMore, "One more part (k + 1)", keys: [k("+"), k("="), k("l"), [.right]], contexts: [.split], footer: "changes k", footerKeys: "+/-", footerRank: 20),
        Command(.splitFewer, "One part fewer (k − 1)", keys: [k("-"), k("h"), [.left]], contexts: [.split]),
        Command(.splitAuto, "Choose k automatically again", keys: [k("a")], contexts: [.split], footer: "chooses k again", footerRank: 25),

        Command(.cancel, "Cancel: nothing is recorded", keys: [[.escape], [.ctrl("c")]], contexts: dialogs, footer: "cancels", footerRank: 5),
        Command(.cancel, "Cancel: the cluster stays as it is", keys: [[.escape], [.ctrl("c")], k("q")], contexts: [.split], footer: "cancels", footerRank: 5),
        Command(.cancel, "Cancel the search: back where you were", keys: [[.escape], [.ctrl("c")]], contexts: [.search], footer: "cancels", footerRank: 5),
        Command(.cancel, "Clear the filter", keys: [[.escape], [.ctrl("c")]], contexts: [.filter], footer: "clears", footerRank: 5),
        Command(.cancel, "Clear the filter, or close", keys: [[.escape]], contexts: overlays, footer: "closes", footerRank: 5),
        Command(.closeOverlay, "Close help", keys: [k("?"), [.function(1)], [.ctrl("c")]], contexts: [.help]),
        Command(.closeOverlay, "Close the palette", keys: [[.ctrl("c")]], contexts: [.palette]),
        Command(.cancel, "Close the question", keys: [[.escape], [.enter], k("q"), [.ctrl("c")]], contexts: [.questionView], footer: "closes", footerRank: 5),

        Command(.help, "Help: the keys that work here", keys: [[.function(1)]], contexts: dialogs + [.split, .search, .filter, .splitField, .searchAll, .searchAllField, .questionView]),

        Command(.typeText, "Type: edits the text, or filters the list", keys: [], contexts: textFields, keysText: "typing, paste"),
        Command(.textLeft, "Cursor left", keys: [[.left]], contexts: textFields),
        Command(.textRight, "Cursor right", keys: [[.right]], contexts: textFields),
        Command(.textWordLeft, "Cursor to the previous word", keys: [[.ctrlLeft]], contexts: textFields),
        Command(.textWordRight, "Cursor past the next word", keys: [[.ctrlRight]], contexts: textFields),
        Command(.textStart, "Cursor to the start", keys: [[.home], [.ctrl("a")]], contexts: textFields),
        Command(.textEnd, "Cursor to the end", keys: [[.end], [.ctrl("e")]], contexts: textFields),
        Command(.textDeleteBack, "Delete the character before the cursor", keys: [[.backspace]], contexts: textFields),
        Command(.textDeleteForward, "Delete the character under the cursor", keys: [[.delete], [.ctrl("d")]], contexts: textFields),
        Command(.textDeleteWord, "Delete the word before the cursor", keys: [[.ctrl("w")]], contexts: textFields),
        Command(.textDeleteToStart, "Delete to the start (clears the text)", keys: [[.ctrl("u")]], contexts: textFields),

        Command(.splitTypeK, "Type a k: that many parts", keys: (0...9).map { k(String($0)) }, contexts: [.split], keysText: "0–9"),
        Command(.splitNextPart, "Next part", keys: [k("j"), [.down]], contexts: [.split], footer: "part", footerKeys: "j/k", footerRank: 30),
        Command(.splitPreviousPart, "Previous part", keys: [k("k"), [.up]], contexts: [.split]),
        Command(.splitKeep, "Keep the part as a new cluster", keys: [k("n")], contexts: [.split], footer: "new", footerRank: 12),
        Command(.splitFoldBack, "Fold the part back into the cluster", keys: [k("f")], contexts: [.split], footer: "fold back", footerRank: 13),
        Command(.splitMergeInto, "Merge the part into its nearest cluster (again: the next nearest)", keys: [k("m")], contexts: [.split], footer: "merge into", footerRank: 14),
        Command(.splitRename, "Name the part (or, on a folded-back part, the cluster)", keys: [k("e"), k("r")], contexts: [.split], footer: "name", footerRank: 15),
        Command(.accept, "Apply the typed k or name", keys: [[.enter]], contexts: [.splitField], footer: "applies", footerRank: 10),
        Command(.cancel, "Close the field: back to the preview", keys: [[.escape], [.ctrl("c")]], contexts: [.splitField], footer: "back", footerRank: 5),

        Command(.accept, "Search every question of the run", keys: [[.enter]], contexts: [.searchAllField], footer: "searches", footerRank: 10),
        Command(.searchAllMode, "Switch between words in the text and questions similar to the text", keys: [[.tab]], contexts: [.searchAllField], footer: "text/similar", footerRank: 15),
        Command(.listDown, "To the results", keys: [[.down]], contexts: [.searchAllField]),
        Command(.cancel, "Close the search", keys: [[.escape], [.ctrl("c")]], contexts: [.searchAllField, .searchAll], footer: "closes", footerRank: 5),
        Command(.listDown, "Next question", keys: [k("j"), [.down]], contexts: [.searchAll], footer: "move", footerKeys: "j/k", footerRank: 40),
        Command(.listUp, "Previous question", keys: [k("k"), [.up]], contexts: [.searchAll]),
        Command(.listPageDown, "Page down", keys: [[.pageDown], [.ctrl("d")]], contexts: [.searchAll]),
        Command(.listPageUp, "Page up", keys: [[.pageUp], [.ctrl("u")]], contexts: [.searchAll]),
        Command(.toggleMark, "Mark or unmark the question", keys: [k(" ")], contexts: [.searchAll], footer: "mark", footerKeys: "Space", footerRank: 20),
        Command(.searchAllMarkAll, "Mark every question found (again: none)", keys: [k("a"), k("*")], contexts: [.searchAll], footer: "all", footerRank: 21),
        Command(.searchAllMove, "Move the marked questions to a cluster: one decision", keys: [k("M")], contexts: [.searchAll], footer: "move", footerRank: 12, decision: MoveDecision.self),
        Command(.searchAllSplitOff, "Split the marked questions off into a new cluster: one decision", keys: [k("s")], contexts: [.searchAll], footer: "split off", footerRank: 13, decision: GatherDecision.self),
        Command(.searchAllSimilar, "Questions similar to this one", keys: [k("~"), k("=")], contexts: [.searchAll], footer: "similar", footerKeys: "~", footerRank: 14),
        Command(.searchAllEdit, "Edit the query", keys: [k("/"), k("e"), [.tab]], contexts: [.searchAll], footer: "edit", footerKeys: "/", footerRank: 16),
        Command(.textEditor, "Write the text in $VISUAL or $EDITOR (notes and descriptions keep their lines)", keys: [[.ctrl("x")]], contexts: [.textDialog],
                footer: "editor", footerRank: 40),
        Command(.helpLegend, "Legend: what the columns and marks mean (again: the keys)", keys: [[.tab]], contexts: [.help], footer: "legend/keys", footerRank: 20),
    ]

    /// What the footer shows in a context: as many hints as fit `width` (measured by `measure`),
    /// the lowest ranks kept, in registry order.
    public static func footerHints(in context: Context, width: Int, measure: (String) -> Int = { $0.count }) -> [(keys: String, label: String)] {
        var entries = commands(in: context).compactMap { c -> (keys: String, label: String, rank: Int)? in
            guard let label = c.footer else { return nil }
            return (c.footerKeys ?? c.primaryKeyLabel, label, c.footerRank)
        }
        func needed() -> Int { entries.reduce(1) { $0 + measure($1.keys) + measure($1.label) + 3 } }
        while needed() > width, entries.count > 1, let drop = entries.indices.max(by: { entries[$0].rank < entries[$1].rank }) {
            entries.remove(at: drop)
        }
        return entries.map { ($0.keys, $0.label) }
    }

    /// The command's entry; a modal command listed per context gives its first entry.
    /// Every decision kind, from the commands that start them.
    public static let decisionKinds: [any DecisionKind.Type] = {
        var seen: Set<ObjectIdentifier> = []
        return all.compactMap(\.decision).filter { seen.insert(ObjectIdentifier($0)).inserted }
    }()

    public static func command(_ id: CommandID) -> Command {
        all.first { $0.id == id }!
    }

    /// The entry of a command in a context (modal commands have one per kind of context).
    public static func command(_ id: CommandID, in context: Context) -> Command? {
        all.first { $0.id == id && $0.applies(in: context) }
    }

    /// Commands that apply in a context, in registry order.
    public static func commands(in context: Context) -> [Command] {
        all.filter { $0.applies(in: context) }
    }
}
