/// The registry of every command, in the order help lists them.
public enum CommandRegistry {
    private static func k(_ s: String) -> [Key] { s.map { Key.char($0) } }

    public static let all: [Command] = [
        Command(.moveDown, "Move down", keys: [k("j"), [.down]], footer: "move", footerKeys: "j/k"),
        Command(.moveUp, "Move up", keys: [k("k"), [.up]]),
        Command(.moveTop, "Go to the first row", keys: [k("gg"), [.home]]),
        Command(.moveBottom, "Go to the last row", keys: [k("G"), [.end]]),
        Command(.pageDown, "Page down", keys: [[.ctrl("d")], [.pageDown]]),
        Command(.pageUp, "Page up", keys: [[.ctrl("u")], [.pageUp]]),

        Command(.nextPane, "Next pane", keys: [[.tab]], footer: "pane"),
        Command(.previousPane, "Previous pane", keys: [[.backTab]]),
        Command(.focusClusters, "Go to the Clusters pane", keys: [k("1")]),
        Command(.focusQuestions, "Go to the Questions pane", keys: [k("2")]),
        Command(.focusCapabilities, "Go to the Capabilities pane", keys: [k("3")]),

        Command(.open, "Open the cluster's questions", keys: [[.enter]], contexts: [.clusters], footer: "questions"),
        Command(.expand, "Expand the cluster, or open its questions", keys: [k("l"), [.right]], contexts: [.clusters]),
        Command(.collapse, "Collapse the cluster, or go to its parent", keys: [k("h"), [.left]], contexts: [.clusters]),
        Command(.toggleAllExpanded, "Expand or collapse every parent", keys: [k("z")], contexts: [.clusters], footer: "fold"),
        Command(.sortNext, "Sort by the next column", keys: [k("o")], contexts: [.clusters], footer: "sort"),
        Command(.sortReverse, "Reverse the sort", keys: [k("O")], contexts: [.clusters]),
        Command(.back, "Back to the clusters", keys: [[.escape], k("h"), [.left]], contexts: [.questions], footer: "back"),
        Command(.previousCluster, "Previous cluster (stay in Questions)", keys: [k("[")], contexts: [.questions], footer: "cluster", footerKeys: "[/]"),
        Command(.nextCluster, "Next cluster (stay in Questions)", keys: [k("]")], contexts: [.questions]),
        Command(.questionOrderNext, "Order questions: 10-10, relevance, date", keys: [k("o")], contexts: [.questions], footer: "order"),
        Command(.toggleCapabilityFilter, "Show only clusters with this capability", keys: [[.enter], k(" ")], contexts: [.capabilities], footer: "filter clusters"),
        Command(.clearFilters, "Clear the filters", keys: [[.escape]], contexts: [.clusters, .capabilities]),

        Command(.search, "Search (incremental)", keys: [k("/")], footer: "search"),
        Command(.searchNext, "Next match", keys: [k("n")]),
        Command(.searchPrevious, "Previous match", keys: [k("N")]),
        Command(.filter, "Filter the list", keys: [k("\\")], footer: "filter"),

        Command(.help, "Help: keys that work here", keys: [k("?"), [.function(1)]], footer: "help"),
        Command(.palette, "Command palette", keys: [k(":"), [.ctrl("p")]], footer: "commands"),
        Command(.redraw, "Redraw the screen", keys: [[.ctrl("l")]]),
        Command(.suspend, "Suspend to the shell", keys: [[.ctrl("z")]]),
        Command(.quit, "Quit", keys: [k("q"), [.function(10)], [.ctrl("c")]], footer: "quit"),
    ]

    public static func command(_ id: CommandID) -> Command {
        all.first { $0.id == id }!
    }

    /// Commands that apply in a context, in registry order.
    public static func commands(in context: Context) -> [Command] {
        all.filter { $0.applies(in: context) }
    }
}
