/// The three panes of the main screen.
public enum Pane: Int, CaseIterable, Sendable {
    case clusters, questions, capabilities

    public var title: String {
        switch self {
        case .clusters: "Clusters"
        case .questions: "Questions"
        case .capabilities: "Capabilities"
        }
    }

    /// The pane a context belongs to, if it is one.
    public init?(_ context: Context) {
        switch context {
        case .clusters: self = .clusters
        case .questions: self = .questions
        case .capabilities: self = .capabilities
        default: return nil
        }
    }
}

/// Where a key is being read: decides which commands apply.
public enum Context: String, CaseIterable, Sendable {
    case global, clusters, questions, capabilities, segments, priorities, charts, matrix, queue
    // Modal contexts: each declares its own commands and inherits none of the global ones.
    case choice, picker, textDialog, split, help, palette, search, filter
    /// The split preview's text field (a typed k or a part's name).
    case splitField
    /// Search everywhere: its results list, and its query field.
    case searchAll, searchAllField
    case questionView

    /// The panes and the full-screen views, where the global commands apply.
    public static let keyContexts: [Context] = [.clusters, .questions, .capabilities, .segments, .priorities, .charts, .matrix, .queue]
    /// Dialogs, the split preview, the command overlays and the footer prompt.
    public static let modalContexts: [Context] = [.choice, .picker, .textDialog, .split, .help, .palette, .search, .filter, .splitField, .searchAll, .searchAllField, .questionView]
    /// Every context a key can be read in.
    public static let all: [Context] = keyContexts + modalContexts

    public var isModal: Bool { Self.modalContexts.contains(self) }

    /// Modal contexts with a text field: printable keys and pastes are typed into it.
    public var takesText: Bool { [.picker, .textDialog, .help, .palette, .search, .filter, .splitField, .searchAllField].contains(self) }

    public init(_ pane: Pane) {
        switch pane {
        case .clusters: self = .clusters
        case .questions: self = .questions
        case .capabilities: self = .capabilities
        }
    }

    public var title: String {
        switch self {
        case .global: "Anywhere"
        case .clusters: "Clusters pane"
        case .questions: "Questions pane"
        case .capabilities: "Capabilities pane"
        case .segments: "Segment grid"
        case .priorities: "Prioritised list"
        case .charts: "Charts"
        case .matrix: "Capability × topic matrix"
        case .queue: "Review queue"
        case .choice: "Choice dialogs"
        case .picker: "Cluster pickers"
        case .textDialog: "Text dialogs"
        case .split: "Suggested split"
        case .help: "Help"
        case .palette: "Command palette"
        case .search: "Search prompt"
        case .filter: "Filter prompt"
        case .splitField: "Split preview: typing k or a name"
        case .searchAll: "Search everywhere: results"
        case .searchAllField: "Search everywhere: the query"
        case .questionView: "Question view"
        }
    }
}

/// The column the cluster list is sorted by.
public enum ClusterSort: String, CaseIterable, Sendable {
    case volume, name, relevance, satisfaction, segment, priority, reviewed

    public var title: String {
        switch self {
        case .volume: "questions"
        case .name: "name"
        case .relevance: "relevance"
        case .satisfaction: "satisfaction"
        case .segment: "segment"
        case .priority: "priority"
        case .reviewed: "reviewed"
        }
    }

    /// Largest first for figures, A→Z for names, P0 first for priority.
    public var descendingByDefault: Bool {
        switch self {
        case .volume, .relevance, .satisfaction, .reviewed: true
        case .name, .segment, .priority: false
        }
    }

    public var next: ClusterSort {
        let all = Self.allCases
        return all[(all.firstIndex(of: self)! + 1) % all.count]
    }
}
