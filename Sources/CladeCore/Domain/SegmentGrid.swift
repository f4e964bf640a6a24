/// Every leaf cluster placed in one of the eight cells of volume × relevance × satisfaction, or
/// among the clusters that cannot be judged yet (fewer than `minRatings` rated rows, or no
/// relevance scores). The grid screen, the report's segment table and the tests all read this.
public struct SegmentGrid: Equatable, Sendable {
    public struct Cell: Equatable, Sendable {
        /// The cell's segment; for the unjudged cell, `?·?·?`.
        public var segment: Segment
        /// Largest first.
        public var clusterIDs: [ClusterID]
        public var volume: Double
        /// Share of the whole run's volume.
        public var share: Double
    }

    /// The eight cells in `Segment.cells` order.
    public var cells: [Cell]
    /// Clusters whose segment has an unknown letter.
    public var unjudged: Cell

    public static let unjudgedSegment = Segment(volume: .unknown, relevance: .unknown, satisfaction: .unknown)

    /// Places the dataset's leaves; `including`, when given, keeps only those ids (a filter).
    public init(dataset: Dataset, including: Set<ClusterID>? = nil) {
        let leaves = dataset.clusters.filter { dataset.isLeaf($0.id) && (including?.contains($0.id) ?? true) }
            .sorted { $0.stats.volume != $1.stats.volume ? $0.stats.volume > $1.stats.volume : $0.id < $1.id }
        var byCell: [Segment: [Cluster]] = [:]
        var unknown: [Cluster] = []
        for c in leaves {
            let s = dataset.segment(of: c)
            if s.isJudged { byCell[s, default: []].append(c) } else { unknown.append(c) }
        }
        func cell(_ s: Segment, _ members: [Cluster]) -> Cell {
            let volume = members.reduce(0) { $0 + $1.stats.volume }
            return Cell(segment: s, clusterIDs: members.map(\.id), volume: volume, share: dataset.total.volume > 0 ? volume / dataset.total.volume : 0)
        }
        cells = Segment.cells.map { cell($0, byCell[$0] ?? []) }
        unjudged = cell(Self.unjudgedSegment, unknown)
    }

    /// Every placed cluster in reading order: cell by cell, then the unjudged.
    public var order: [ClusterID] { cells.flatMap(\.clusterIDs) + unjudged.clusterIDs }

    /// The cells in reading order, the unjudged last.
    public var allCells: [Cell] { cells + [unjudged] }

    /// The cell holding a cluster.
    public func cell(of id: ClusterID) -> Cell? { allCells.first { $0.clusterIDs.contains(id) } }
}
