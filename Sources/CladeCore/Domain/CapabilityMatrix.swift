/// The capability × topic matrix: how many questions of each cluster need each capability
/// (weighted), with a shade level per cell so the eye finds the heavy cells first.
public struct CapabilityMatrix: Equatable, Sendable {
    /// Columns: the capabilities that tag any question, most used first.
    public var capabilities: [Capability]
    /// The largest leaf cell: the top of the shade scale (parents, sums of leaves, clip at it).
    public var scaleMax: Double

    public static let shadeLevels = 4

    public init(dataset: Dataset) {
        capabilities = dataset.capabilities.filter { $0.volume > 0 }
            .sorted { $0.volume != $1.volume ? $0.volume > $1.volume : $0.id < $1.id }
        scaleMax = dataset.clusters.filter { dataset.isLeaf($0.id) }.flatMap { $0.capabilityVolume.values }.max() ?? 0
    }

    public func value(_ cluster: Cluster, _ capability: CapabilityID) -> Double {
        cluster.capabilityVolume[capability] ?? 0
    }

    /// 0 for an empty cell, else 1…4 by the value's quarter of the scale.
    public func shade(_ value: Double) -> Int {
        guard value > 0, scaleMax > 0 else { return 0 }
        let level = Int((value / scaleMax * Double(Self.shadeLevels)).rounded(.up))
        return min(Self.shadeLevels, max(1, level))
    }

    /// Width of a count column: two shade marks, a space, a count of up to four digits, a gap.
    public static let columnWidth = 8

    /// Width of the topic column for a frame `width` columns wide inside.
    public static func nameWidth(width: Int) -> Int { min(34, max(14, width * 30 / 100)) }

    /// How many capability columns fit beside the topic column.
    public static func visibleColumns(width: Int) -> Int {
        max(1, (width - 1 - nameWidth(width: width)) / columnWidth)
    }
}
