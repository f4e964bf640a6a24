/// Every command the reviewer can run. The registry gives each a title, keys and contexts.
public enum CommandID: String, CaseIterable, Sendable {
    // Movement
    case moveDown = "move.down"
    case moveUp = "move.up"
    case moveTop = "move.top"
    case moveBottom = "move.bottom"
    case pageDown = "move.page-down"
    case pageUp = "move.page-up"
    // Panes
    case nextPane = "pane.next"
    case previousPane = "pane.previous"
    case focusClusters = "pane.clusters"
    case focusQuestions = "pane.questions"
    case focusCapabilities = "pane.capabilities"
    // Clusters and levels
    case open = "cluster.open"
    case expand = "cluster.expand"
    case collapse = "cluster.collapse"
    case back = "pane.back"
    case toggleAllExpanded = "cluster.toggle-all"
    case previousCluster = "cluster.previous"
    case nextCluster = "cluster.next"
    case sortNext = "sort.next"
    case sortReverse = "sort.reverse"
    case questionOrderNext = "questions.order"
    case toggleCapabilityFilter = "capability.filter"
    case clearFilters = "filter.clear"
    // Search and filter
    case search = "search.start"
    case searchNext = "search.next"
    case searchPrevious = "search.previous"
    case filter = "filter.start"
    // Overlays and the app
    case help = "app.help"
    case palette = "app.palette"
    case redraw = "app.redraw"
    case suspend = "app.suspend"
    case quit = "app.quit"
}
