import CladeCore
import CladeStore

/// Everything the consultant's report says, computed once from the reviewed state and written
/// out as Markdown or HTML. The figures come from the same `Dataset`, `SegmentGrid`,
/// `PriorityRanking` and `CapabilityMatrix` the screens draw, formatted by the same `Format`.
public struct Report: Sendable {
    public var title: String
    public var databaseName: String
    public var generatedAt: String
    public var run: RunInfo
    public var dataset: Dataset
    public var grid: SegmentGrid
    public var ranking: PriorityRanking
    public var matrix: CapabilityMatrix
    /// Danger zone first, then by the playbook's urgency and expected value.
    public var clusters: [ClusterSection]
    public var decisions: [DecisionRecord]
    /// The decisions whose effect the reviewed state still shows (see `DecisionsInForce`).
    public var inForce: [DecisionRecord]
    /// Owner of each cluster: the reviewer of the latest decision in force on it.
    public var owners: [ClusterID: String]
    public var gaps: [CapabilityGap]
    public var changes: Changes

    /// One cluster that matters, with what shows its problem.
    public struct ClusterSection: Sendable {
        public var cluster: Cluster
        public var path: String
        public var segment: Segment
        public var examples: [Question]
        public var charts: ClusterCharts
    }

    /// A capability and where it hurts: its volume, and how much of it sits in clusters whose
    /// answers or retrieval are poor.
    public struct CapabilityGap: Sendable {
        public var capability: Capability
        public var share: Double
        /// Volume of its questions in clusters with low satisfaction or low relevance.
        public var poorVolume: Double
        /// The clusters using it most, with their volume for it.
        public var clusters: [(Cluster, Double)]
        public var confirmedOn: [String]
        public var rejectedOn: [String]
        public var poorShare: Double { capability.volume > 0 ? poorVolume / capability.volume : 0 }
    }

    /// What the review changed since the pipeline run.
    public struct Changes: Sendable {
        public var relabels: [(from: String, to: String)] = []
        public var merges: [(absorbed: [String], into: String)] = []
        public var splits: [(name: String, from: String, questions: Double)] = []
        /// Dismissed clusters with the action the dismissal carries (redirect, tell users).
        public var dismissed: [(name: String, action: ClusterAction?)] = []
        public var movedQuestions = 0
        public var thresholds: [(key: ThresholdKey, pipeline: String, now: String)] = []
        public var verdicts: [(cluster: String, capability: String, verdict: String)] = []
        public var pipelineLeaves = 0
        public var reviewedLeaves = 0
        public var isEmpty: Bool {
            relabels.isEmpty && merges.isEmpty && splits.isEmpty && dismissed.isEmpty && movedQuestions == 0 && thresholds.isEmpty && verdicts.isEmpty
        }
    }

    // MARK: Figures, formatted as the screens format them

    public func share(_ c: Cluster) -> String { dataset.shareText(of: c) }
    public func relevance(_ c: Cluster) -> String { dataset.relevanceText(of: c) }
    public func satisfaction(_ c: Cluster) -> String { dataset.satisfactionText(of: c) }
    public func code(_ s: Segment) -> String { s.code() }
    public func action(_ c: Cluster) -> String { (c.action ?? dataset.segment(of: c).defaultAction)?.title ?? "read the questions" }

    /// `5,034 questions · 28 clusters · 38% rated`, as the title bar says it.
    public var headline: String {
        "\(Format.volume(dataset.total.volume)) questions · \(dataset.leafCount) clusters · \(Format.percent(dataset.ratedShare, decimals: 0)) rated"
    }

    public var dangerZone: SegmentGrid.Cell { grid.cells.first { $0.segment.isDangerZone }! }

    /// Share of volume in cells whose default action is a fix (not monitor, promote or tell users).
    public var needsActionShare: Double {
        grid.cells.filter { [.fixRetrieval, .fixGeneration, .investigate].contains($0.segment.defaultAction) }.reduce(0) { $0 + $1.share }
    }

    public func owner(_ id: ClusterID) -> String { owners[id] ?? "—" }
}
