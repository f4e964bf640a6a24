/// How the main screen's rows and columns are shared between panes. Both the reducer (for
/// paging and scrolling) and the renderer (for drawing) use it, so they always agree.
///
/// ```
/// title bar                                   1 row
/// ┌ Clusters ─────────────┐┌ Capabilities ┐   topHeight   (side by side from 100 columns)
/// ┌ <cluster> ──────────────────────────────┐ bottomHeight: detail rows, column header, questions
/// footer: keys, status or the input prompt    1 row
/// ```
public struct LayoutMetrics: Equatable, Sendable {
    public static let minimumWidth = 50
    public static let minimumHeight = 14
    /// From this width the Capabilities pane stands beside the Clusters pane.
    public static let sideBySideWidth = 100

    public var width: Int
    public var height: Int
    /// The focused pane gets the larger share of the rows.
    public var focus: Pane

    public init(width: Int, height: Int, focus: Pane = .clusters) {
        self.width = width
        self.height = height
        self.focus = focus
    }

    public var tooSmall: Bool { width < Self.minimumWidth || height < Self.minimumHeight }
    public var sideBySide: Bool { width >= Self.sideBySideWidth }

    public var titleRows: Int { 1 }
    public var footerRows: Int { 1 }
    var body: Int { max(0, height - titleRows - footerRows) }

    /// Rows of the selected cluster's detail block (description, keywords, figures, sparkline).
    public var detailRows: Int { height >= 34 ? 4 : (height >= 20 ? 3 : 2) }

    /// Outer height of the clusters and capabilities panes.
    public var topHeight: Int {
        let share = focus == .questions ? 38 : 52
        return max(5, body * share / 100)
    }

    /// Outer height of the questions pane, whose box also holds the detail block.
    public var bottomHeight: Int { max(0, body - topHeight) }

    /// Rows of list content inside a pane.
    public func listRows(_ pane: Pane) -> Int {
        switch pane {
        case .clusters, .capabilities: max(1, topHeight - 3)
        case .questions: max(1, bottomHeight - 3 - detailRows)
        }
    }

    /// Outer width of the clusters pane (and of the capabilities pane in narrow layouts).
    public var clustersWidth: Int { sideBySide ? width - capabilitiesWidth : width }
    /// Wide enough for names and three figures; the rest goes to the clusters.
    public var capabilitiesWidth: Int { sideBySide ? max(30, min(42, width - 72)) : width }
}
