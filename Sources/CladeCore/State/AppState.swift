/// The Questions pane: a page of the selected cluster's questions.
public struct QuestionsState: Equatable, Sendable {
    public var clusterID: ClusterID?
    public var order: QuestionOrder = .tenTen
    public var filter: String = ""
    public var rows: [Question] = []
    public var total: Int = 0
    public var hasMore: Bool = false
    public var loading: Bool = false
    public var cursor = ListCursor()

    public init() {}
}

/// A text prompt in the footer: `/` search or `\` filter.
public struct InputPrompt: Equatable, Sendable {
    public enum Kind: Equatable, Sendable { case search, filter }
    public var kind: Kind
    public var pane: Pane
    public var field: TextField
    public var text: String { field.text }
    /// The cursor before a search started, restored when it is cancelled.
    public var origin: Int

    public var prefix: String { kind == .search ? "/" : "\\" }

    /// Where its keys are read.
    public var context: Context { kind == .search ? .search : .filter }
}

/// A list overlay: `?` help or the `:` palette.
public struct CommandListOverlay: Equatable, Sendable {
    public enum Kind: Equatable, Sendable { case help, palette }
    public var kind: Kind
    /// The pane the overlay was opened from: help lists what works there.
    public var context: Context
    public var field = TextField()
    public var query: String { field.text }
    public var cursor = ListCursor()
    /// Help shows the legend instead of the keys (Tab), scrolled this many lines.
    public var legend = false
    public var legendScroll = 0

    public init(kind: Kind, context: Context) {
        self.kind = kind
        self.context = context
    }

    /// Rows of commands the overlay shows on a screen `height` rows high (the view draws this
    /// many; the reducer pages by it).
    public func listRows(screenHeight height: Int, count: Int) -> Int {
        kind == .help ? max(1, height - 8) : max(1, min(height - 4, max(6, count + 4)) - 4)
    }
}

/// A one-line message in the footer until the next key.
public struct StatusMessage: Equatable, Sendable {
    public var text: String
    public var isError: Bool
    public init(_ text: String, isError: Bool = false) {
        self.text = text
        self.isError = isError
    }
}

/// Everything the screen shows. Changed only by `reduce`.
public struct AppState: Equatable, Sendable {
    public var dataset: Dataset
    public var width: Int
    public var height: Int
    public var focus: Pane = .clusters
    /// The three panes, or a full-screen view (segments, priorities, charts, matrix).
    public var view: View = .main
    /// Workshop layouts of the panes (`+` / `_`).
    public var zoom: Zoom = .normal
    /// The high-contrast theme for projectors, switched at runtime (`T`).
    public var highContrast = false

    // Clusters pane
    public var selectedClusterID: ClusterID?
    public var clusterScroll: Int = 0
    public var expanded: Set<ClusterID> = []
    public var sort: ClusterSort = .volume
    public var sortDescending: Bool = true
    public var clusterFilter: String = ""
    public var capabilityFilter: CapabilityID?

    // Capabilities pane
    public var capabilityCursor = ListCursor()
    public var capabilityNameFilter: String = ""

    public var questions = QuestionsState()

    // Full-screen views
    /// First row shown in the prioritised list and the matrix.
    public var viewScroll: Int = 0
    /// First capability column shown in the matrix when they do not all fit.
    public var matrixColumn: Int = 0
    public var formula: PriorityFormula = .expectedValue
    /// The selected cluster's charts, once loaded.
    public var charts: ClusterCharts?

    public var prompt: InputPrompt?
    /// The question opened with Enter in the Questions pane (whole text and metadata).
    public var openQuestion: QuestionDetail?
    /// Clusters an undo or redo changed: the reload selects the first still there.
    public var reveal: [ClusterID] = []
    public var overlay: CommandListOverlay?
    /// The last accepted search, for `n` / `N`.
    public var lastSearch: String = ""
    public var pendingKeys: [Key] = []

    // Curation
    public var markedClusters: Set<ClusterID> = []
    public var markedQuestions: Set<QuestionID> = []
    /// Where `v` started a range in the focused list.
    public var rangeAnchor: Int?
    public var dialog: Dialog?
    public var split: SplitPreview?
    /// Search everywhere (`Ctrl-F`), open over the panes.
    public var searchAll: SearchAllState?
    /// What `u` and `Ctrl-r` would undo and redo, from the decision log.
    public var undoSummary: String?
    public var redoSummary: String?
    /// A decision is being written: further decisions wait for it.
    public var committing = false
    /// Decisions made while one is being written (the file locked by another program): written
    /// in order once it lands, shown in the status line, never dropped.
    public var queuedDecisions: [Effect] = []
    public var status: StatusMessage?
    public var quitting = false
    /// The review queue (view 8, the count in the header), computed in the background.
    public var queue = QueueState()

    public init(dataset: Dataset, width: Int = 80, height: Int = 24) {
        self.dataset = dataset
        self.width = width
        self.height = height
        // Parents start expanded: the whole taxonomy is visible at once.
        expanded = Set(dataset.clusters.filter { !dataset.isLeaf($0.id) }.map(\.id))
        selectedClusterID = ClusterTree.rows(self).first?.id
    }

    public var layout: LayoutMetrics { LayoutMetrics(width: width, height: height, focus: focus, zoom: zoom) }

    public var selectedCluster: Cluster? { selectedClusterID.flatMap { dataset.cluster($0) } }

    /// The context keys are read in.
    public var context: Context {
        // Help opened over a dialog, the split preview or a prompt (F1) reads keys first.
        if let overlay { return overlay.kind == .help ? .help : .palette }
        if let split { return split.field != nil ? .splitField : .split }
        if let dialog { return dialog.context }
        if let searchAll { return searchAll.typing ? .searchAllField : .searchAll }
        if let prompt { return prompt.context }
        if openQuestion != nil { return .questionView }
        return keyContext
    }

    /// The pane or view keys are bound in, under any overlay.
    public var keyContext: Context { view.context ?? Context(focus) }

    /// How the status line names where the reviewer is: "the Clusters pane", "the Segment grid".
    public var placeName: String { view == .main ? "the \(focus.title) pane" : "the \(keyContext.title)" }
}
