/// How the main screen's rows and columns are shared between panes. Both the reducer (for
/// paging and scrolling) and the renderer (for drawing) use it, so they always agree.
///
/// ```
/// title bar                                   1 row
/// ┌ Clusters ─────────────┐┌ Capabilities ┐   topHeight   (side by side from 100 columns)
/// ┌ <cluster> ──────────────────────────────┐ bottomHeight: detail rows, column header, questions
/// footer: keys, status or the input prompt    1 row
/// ```
///
/// Workshop zoom (`+`): `zoomed` gives the focused pane most of the rows (or columns, side by
/// side); `full` gives it the whole body and hides the others. The full-screen views (segments,
/// priorities, charts, matrix) always use the whole body.
public struct LayoutMetrics: Equatable, Sendable {
    public static let minimumWidth = 50
    public static let minimumHeight = 14
    /// From this width the Capabilities pane stands beside the Clusters pane.
    public static let sideBySideWidth = 100

    public var width: Int
    public var height: Int
    /// The focused pane gets the larger share of the rows.
    public var focus: Pane
    public var zoom: Zoom

    public init(width: Int, height: Int, focus: Pane = .clusters, zoom: Zoom = .normal) {
        self.width = width
        self.height = height
        self.focus = focus
        self.zoom = zoom
    }

    public var tooSmall: Bool { width < Self.minimumWidth || height < Self.minimumHeight }
    public var sideBySide: Bool { zoom != .full && width >= Self.sideBySideWidth }

    public var titleRows: Int { 1 }
    public var footerRows: Int { 1 }
    public var body: Int { max(0, height - titleRows - footerRows) }

    /// Rows of the selected cluster's detail block (description, keywords, figures, sparkline).
    public var detailRows: Int { height >= 34 ? 4 : (height >= 20 ? 3 : 2) }

    /// Outer height of the clusters and capabilities panes.
    public var topHeight: Int {
        switch zoom {
        case .normal: return max(5, body * (focus == .questions ? 38 : 52) / 100)
        case .zoomed: return max(5, body * (focus == .questions ? 20 : 78) / 100)
        case .full: return focus == .questions ? 0 : body
        }
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
    public var clustersWidth: Int {
        guard sideBySide else { return width }
        switch (zoom, focus) {
        case (.zoomed, .clusters): return width * 75 / 100
        case (.zoomed, .capabilities): return width * 36 / 100
        // Wide enough for names and three figures beside; the rest goes to the clusters. A wide
        // terminal gives capability names room too, rather than the cluster names ever more.
        default: return width - max(30, min(width >= 160 ? 60 : 42, width - 72))
        }
    }
    public var capabilitiesWidth: Int { sideBySide ? width - clustersWidth : width }

    /// Rows of list content in a full-screen view's frame, under its header lines.
    public func viewListRows(_ view: View) -> Int {
        // The list and the matrix have two header lines inside their frame.
        view == .priorities || view == .matrix ? max(1, body - 4) : max(1, body - 2)
    }
}
