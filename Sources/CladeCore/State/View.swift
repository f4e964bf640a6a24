/// What fills the screen: the three panes, or one of the full-screen views over the same data.
/// Every view shares the selected cluster, so moving in one moves in all.
public enum View: String, CaseIterable, Sendable {
    case main, segments, priorities, charts, matrix, queue

    public var title: String {
        switch self {
        case .main: "Clusters"
        case .segments: "Segments"
        case .priorities: "Priorities"
        case .charts: "Charts"
        case .matrix: "Capabilities × topics"
        case .queue: "Review queue"
        }
    }

    /// The number key that opens it, shown in its frame like the panes' `1` `2` `3`.
    public var number: Int? {
        switch self {
        case .main: nil
        case .segments: 4
        case .priorities: 5
        case .charts: 6
        case .matrix: 7
        case .queue: 8
        }
    }

    /// The context its keys are read in.
    public var context: Context? {
        switch self {
        case .main: nil
        case .segments: .segments
        case .priorities: .priorities
        case .charts: .charts
        case .matrix: .matrix
        case .queue: .queue
        }
    }
}

/// Workshop layouts: `+` zooms the focused pane, then gives it the whole screen; `_` steps back.
public enum Zoom: Int, CaseIterable, Sendable {
    case normal, zoomed, full

    public var title: String {
        switch self {
        case .normal: "normal layout"
        case .zoomed: "focused pane zoomed"
        case .full: "focused pane full screen"
        }
    }
}
