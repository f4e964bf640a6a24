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
        Command(.questionOrderNext, "Order questions: 10-10, relevance, date", keys: [k("o")], contexts: [.questions], footer: "order", footerRank: 35),
        Command(.toggleCapabilityFilter, "Show only clusters with this capability", keys: [[.enter], k(" ")], contexts: [.capabilities], footer: "filter clusters", footerRank: 10),
        Command(.clearFilters, "Clear the filters", keys: [[.escape]], contexts: [.clusters, .capabilities]),

        Command(.toggleMark, "Mark or unmark the row", keys: [k(" ")], contexts: [.clusters, .questions], footer: "mark", footerKeys: "Space", footerRank: 25),
        Command(.rangeMark, "Mark a range: v, move, v", keys: [k("v")], contexts: [.clusters, .questions]),
        Command(.extendDown, "Extend the marks down", keys: [[.shiftDown]], contexts: [.clusters, .questions]),
        Command(.extendUp, "Extend the marks up", keys: [[.shiftUp]], contexts: [.clusters, .questions]),
        Command(.markAll, "Mark every visible row", keys: [k("*")], contexts: [.clusters, .questions]),
        Command(.unmarkAll, "Unmark all", keys: [k("U")], contexts: [.clusters, .questions]),

        Command(.relabel, "Relabel the cluster (suggestions from its keywords)", keys: [k("r")], contexts: [.clusters, .questions], footer: "relabel", footerRank: 12),
        Command(.describe, "Edit the cluster's description", keys: [k("D")], contexts: [.clusters, .questions]),
        Command(.merge, "Merge marked clusters, or this one into another", keys: [k("m")], contexts: [.clusters, .questions], destructive: true, footer: "merge", footerRank: 13),
        Command(.split, "Split: marked questions off, or a suggested split", keys: [k("s")], contexts: [.clusters, .questions], destructive: true, footer: "split", footerRank: 14),
        Command(.move, "Move marked questions to another cluster", keys: [k("M")], contexts: [.questions], destructive: true, footer: "move", footerRank: 15),
        Command(.priority, "Set the priority (then 0–3 for P0–P3)", keys: [k("p")], contexts: [.clusters, .questions] + views, footer: "priority", footerRank: 16),
        Command(.issueType, "Set the issue type (inventory, capability, generation)", keys: [k("i")], contexts: [.clusters, .questions]),
        Command(.action, "Set the action (the segment's default first)", keys: [k("a")], contexts: [.clusters, .questions] + views),
        Command(.note, "Edit the cluster's note", keys: [k("e")], contexts: [.clusters, .questions], footer: "note", footerRank: 18),
        Command(.reviewed, "Mark the cluster reviewed, or not", keys: [k("y")], contexts: [.clusters, .questions] + views, footer: "reviewed", footerRank: 19),
        Command(.dismiss, "Dismiss as out of scope or redirect (or restore)", keys: [k("d")], contexts: [.clusters, .questions] + views, destructive: true),
        Command(.confirmCapability, "Confirm the capability for the selected cluster", keys: [k("c")], contexts: [.capabilities], footer: "confirm", footerRank: 12),
        Command(.rejectCapability, "Reject the capability for the selected cluster", keys: [k("x")], contexts: [.capabilities], footer: "reject", footerRank: 13),
        Command(.addCapability, "Add a capability (confirmed on the selected cluster)", keys: [k("A")], contexts: [.capabilities]),

        Command(.jumpToCluster, "Go to the cluster in the Clusters pane", keys: [[.enter]], contexts: views, footer: "go to", footerRank: 10),
        Command(.closeView, "Back to the panes", keys: [[.escape]], contexts: views, footer: "back", footerRank: 13),
        Command(.segmentLeft, "The cell to the left", keys: [k("h"), [.left]], contexts: [.segments], footer: "cell", footerKeys: "h/l", footerRank: 14),
        Command(.segmentRight, "The cell to the right", keys: [k("l"), [.right]], contexts: [.segments]),
        Command(.editThresholds, "Edit the segment thresholds and the minimum of ratings", keys: [k("t")], contexts: [.segments], footer: "thresholds", footerRank: 11),
        Command(.editPrioritisation, "Edit the cluster's impact, effort, risk and chance of success", keys: [k("e")], contexts: [.priorities], footer: "edit inputs", footerRank: 11),
        Command(.switchFormula, "Rank by expected value or by value for effort", keys: [k("f")], contexts: [.priorities], footer: "formula", footerRank: 12),
        Command(.matrixLeft, "Scroll the capabilities left", keys: [k("h"), [.left]], contexts: [.matrix], footer: "scroll", footerKeys: "h/l", footerRank: 14),
        Command(.matrixRight, "Scroll the capabilities right", keys: [k("l"), [.right]], contexts: [.matrix]),

        Command(.undo, "Undo the last decision", keys: [k("u")], footer: "undo", footerRank: 17),
        Command(.redo, "Redo", keys: [[.ctrl("r")]]),
        Command(.carryForward, "Carry the review of the previous run forward to this run", keys: [k("F")]),

        Command(.search, "Search (incremental)", keys: [k("/")], footer: "search", footerRank: 21),
        Command(.searchNext, "Next match", keys: [k("n")]),
        Command(.searchPrevious, "Previous match", keys: [k("N")]),
        Command(.filter, "Filter the list", keys: [k("\\")], footer: "filter", footerRank: 22),

        Command(.help, "Help: keys that work here", keys: [k("?"), [.function(1)]], footer: "help", footerRank: 0),
        Command(.palette, "Command palette", keys: [k(":"), [.ctrl("p")]], footer: "commands", footerRank: 23),
        Command(.zoomIn, "Zoom the focused pane, then full screen (workshop)", keys: [k("+")]),
        Command(.zoomOut, "Zoom out", keys: [k("_")]),
        Command(.toggleHighContrast, "High-contrast theme on or off (projectors)", keys: [k("T")]),
        Command(.redraw, "Redraw the screen", keys: [[.ctrl("l")]]),
        Command(.suspend, "Suspend to the shell", keys: [[.ctrl("z")]]),
        Command(.quit, "Quit", keys: [k("q"), [.function(10)], [.ctrl("c")]], footer: "quit", footerRank: 0),
    ]

    public static func command(_ id: CommandID) -> Command {
        all.first { $0.id == id }!
    }

    /// Commands that apply in a context, in registry order.
    public static func commands(in context: Context) -> [Command] {
        all.filter { $0.applies(in: context) }
    }
}
