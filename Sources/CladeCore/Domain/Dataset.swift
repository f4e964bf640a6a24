import Foundation

/// A topic cluster as the reviewer sees it: the pipeline's cluster with the reviewer's state applied.
public struct Cluster: Identifiable, Equatable, Sendable {
    public var id: ClusterID
    public var parentID: ClusterID?
    public var name: String
    public var description: String
    public var keywords: [String]
    public var isOutlier: Bool
    /// Statistics of the questions effectively in this cluster (for a parent: of all its descendants).
    public var stats: ClusterStats
    /// Weighted volume per week of the run, oldest first.
    public var weekly: [Double]
    /// Weighted volume per capability among this cluster's questions.
    public var capabilityVolume: [CapabilityID: Double]
    public var priority: Int?
    public var reviewed: Bool
    public var issueType: IssueType?
    public var action: ClusterAction?
    public var note: String
    /// Dismissed as out of scope ("we don't do that" / redirect).
    public var dismissed: Bool
    /// Created by the reviewer (a split), not by the pipeline.
    public var isExpert: Bool
    /// The reviewer's verdicts on capabilities for this cluster.
    public var capabilityVerdicts: [CapabilityID: CapabilityVerdict] = [:]
    /// Prioritisation inputs (impact, effort, risk, chance of success).
    public var prioritisation = PrioritisationInputs()

    public init(
        id: ClusterID, parentID: ClusterID? = nil, name: String, description: String = "", keywords: [String] = [],
        isOutlier: Bool = false, stats: ClusterStats = .zero, weekly: [Double] = [],
        capabilityVolume: [CapabilityID: Double] = [:], priority: Int? = nil, reviewed: Bool = false,
        issueType: IssueType? = nil, action: ClusterAction? = nil, note: String = "", dismissed: Bool = false,
        isExpert: Bool = false
    ) {
        self.id = id
        self.parentID = parentID
        self.name = name
        self.description = description
        self.keywords = keywords
        self.isOutlier = isOutlier
        self.stats = stats
        self.weekly = weekly
        self.capabilityVolume = capabilityVolume
        self.priority = priority
        self.reviewed = reviewed
        self.issueType = issueType
        self.action = action
        self.note = note
        self.dismissed = dismissed
        self.isExpert = isExpert
    }
}

/// A capability: what users want done (time filters, comparison, aggregation…).
public struct Capability: Identifiable, Equatable, Sendable {
    public var id: CapabilityID
    public var name: String
    public var description: String
    /// Tagged question rows in the run.
    public var rows: Int
    /// Weighted volume of tagged questions.
    public var volume: Double

    public init(id: CapabilityID, name: String, description: String = "", rows: Int = 0, volume: Double = 0) {
        self.id = id
        self.name = name
        self.description = description
        self.rows = rows
        self.volume = volume
    }
}

/// One user question.
public struct Question: Identifiable, Equatable, Sendable {
    public var id: QuestionID
    public var text: String
    /// ISO 8601 date-time as the pipeline wrote it.
    public var askedAt: String?
    public var relevance: Double?
    /// -1 thumbs-down, +1 thumbs-up, nil unrated.
    public var feedback: Int?
    public var weight: Double

    public init(id: QuestionID, text: String, askedAt: String? = nil, relevance: Double? = nil, feedback: Int? = nil, weight: Double = 1) {
        self.id = id
        self.text = text
        self.askedAt = askedAt
        self.relevance = relevance
        self.feedback = feedback
        self.weight = weight
    }

    /// The date part (`2026-03-14`) of `askedAt`.
    public var day: String? { askedAt.map { String($0.prefix(10)) } }
}

/// Everything the browsing screens need about one run, loaded once on open.
public struct Dataset: Equatable, Sendable {
    public var title: String
    public var path: String
    public var runID: RunID
    public var relevanceMetric: String
    public var thresholds: Thresholds
    /// The thresholds the pipeline wrote (its `meta`), before the reviewer's overrides.
    public var pipelineThresholds: Thresholds
    /// Clusters in pipeline order (parents and leaves).
    public var clusters: [Cluster]
    public var capabilities: [Capability]
    /// Statistics of the whole run.
    public var total: ClusterStats
    /// Monday of each week covered by `Cluster.weekly` (ISO date).
    public var weekStarts: [String]
    public var readOnly: Bool
    /// For a cluster that absorbed others by merges: their ids, whose pipeline assignments now count in it.
    public var absorbed: [ClusterID: [ClusterID]]

    public init(
        title: String, path: String = "", runID: RunID = 1, relevanceMetric: String = "cosine",
        thresholds: Thresholds = .standard, pipelineThresholds: Thresholds? = nil, clusters: [Cluster], capabilities: [Capability],
        total: ClusterStats, weekStarts: [String] = [], readOnly: Bool = false, absorbed: [ClusterID: [ClusterID]] = [:]
    ) {
        self.title = title
        self.path = path
        self.runID = runID
        self.relevanceMetric = relevanceMetric
        self.thresholds = thresholds
        self.pipelineThresholds = pipelineThresholds ?? thresholds
        self.clusters = clusters
        self.capabilities = capabilities
        self.total = total
        self.weekStarts = weekStarts
        self.readOnly = readOnly
        self.absorbed = absorbed
        reindex()
    }

    // Lookup tables, rebuilt whenever `clusters` changes through `reindex()`.
    public private(set) var indexByID: [ClusterID: Int] = [:]
    public private(set) var childrenByParent: [ClusterID?: [ClusterID]] = [:]

    public mutating func reindex() {
        indexByID = Dictionary(clusters.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        var children: [ClusterID?: [ClusterID]] = [:]
        for c in clusters {
            let parent = c.parentID.flatMap { indexByID[$0] != nil ? $0 : nil }
            children[parent, default: []].append(c.id)
        }
        childrenByParent = children
    }

    public func cluster(_ id: ClusterID) -> Cluster? { indexByID[id].map { clusters[$0] } }
    public func children(of id: ClusterID?) -> [ClusterID] { childrenByParent[id] ?? [] }
    public func isLeaf(_ id: ClusterID) -> Bool { children(of: id).isEmpty }
    public var leafCount: Int { clusters.filter { isLeaf($0.id) }.count }
    public var ratedShare: Double { total.rows > 0 ? Double(total.ratedRows) / Double(total.rows) : 0 }

    public func segment(of cluster: Cluster) -> Segment {
        Segment(stats: cluster.stats, totalVolume: total.volume, thresholds: thresholds)
    }

    public func volumeShare(of cluster: Cluster) -> Double {
        total.volume > 0 ? cluster.stats.volume / total.volume : 0
    }

    public func capability(_ id: CapabilityID) -> Capability? { capabilities.first { $0.id == id } }

    /// Every cluster id whose questions belong to this cluster: its leaves (itself, or a parent's
    /// descendants) and the clusters merged into them.
    public func memberClusterIDs(of id: ClusterID) -> [ClusterID] {
        var out: [ClusterID] = []
        var stack = [id]
        var seen = Set<ClusterID>()
        while let c = stack.popLast() {
            guard seen.insert(c).inserted else { continue }
            out.append(c)
            out.append(contentsOf: absorbed[c] ?? [])
            stack.append(contentsOf: children(of: c))
        }
        return out.sorted()
    }

    /// Ancestors from the root down to the cluster's parent.
    public func ancestors(of id: ClusterID) -> [ClusterID] {
        var chain: [ClusterID] = []
        var current = cluster(id)?.parentID
        var guardCount = 0
        while let p = current, indexByID[p] != nil, guardCount < 64 {
            chain.insert(p, at: 0)
            current = cluster(p)?.parentID
            guardCount += 1
        }
        return chain
    }
}
