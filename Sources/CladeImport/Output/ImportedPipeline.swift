import CladeCore
import CladeStore

/// Everything an importer read and computed, checked and ready to be written as one run of a
/// pipeline database. Clusters and questions refer to each other by array index.
public struct ImportedPipeline: Sendable {
    public struct Question: Equatable, Sendable {
        public var externalID: String?
        public var text: String
        /// ISO 8601.
        public var askedAt: String?
        public var relevance: Double?
        /// −1, +1 or nil.
        public var feedback: Int?
        public var weight: Double
        public var metadata: JSONValue

        public init(
            externalID: String? = nil, text: String, askedAt: String? = nil, relevance: Double? = nil,
            feedback: Int? = nil, weight: Double = 1, metadata: JSONValue = .object([])
        ) {
            self.externalID = externalID
            self.text = text
            self.askedAt = askedAt
            self.relevance = relevance
            self.feedback = feedback
            self.weight = weight
            self.metadata = metadata
        }
    }

    public struct Cluster: Equatable, Sendable {
        public var externalID: String?
        public var name: String
        public var description: String
        public var keywords: [String]
        public var isOutlier: Bool
        /// Index of the parent in `clusters`.
        public var parent: Int?

        public init(externalID: String? = nil, name: String, description: String = "", keywords: [String] = [], isOutlier: Bool = false, parent: Int? = nil) {
            self.externalID = externalID
            self.name = name
            self.description = description
            self.keywords = keywords
            self.isOutlier = isOutlier
            self.parent = parent
        }
    }

    /// A question's cluster, by index: the store's own type.
    public typealias Assignment = PipelineRun.Assignment

    /// `runs.source`: "native" (clustered by Clade), "kura" or "bertopic".
    public var source: String
    public var params: JSONValue
    /// `meta` rows besides the defaults the writer adds (thresholds, relevance metric).
    public var meta: [String: String]
    public var questions: [Question] = []
    public var clusters: [Cluster] = []
    public var assignments: [Assignment] = []
    public var capabilities: [String] = []
    /// (question index, capability index).
    public var questionCapabilities: [(question: Int, capability: Int)] = []
    /// One row per question when the input came with real embeddings.
    public var embeddings: Matrix?

    public init(source: String, params: JSONValue, meta: [String: String]) {
        self.source = source
        self.params = params
        self.meta = meta
    }

    /// Depth of each cluster (roots 0).
    public func depths() -> [Int] { PipelineRun.depths(parents: clusters.map(\.parent)) }

    /// Internal consistency; a failure here is an importer bug or an input that contradicts itself.
    public func validate() throws(ImportError) {
        guard !questions.isEmpty else { throw ImportError("no questions to import") }
        for (i, c) in clusters.enumerated() {
            if let p = c.parent, !clusters.indices.contains(p) { throw ImportError("cluster \(i) has a missing parent") }
        }
        for i in clusters.indices {
            var seen: Set<Int> = [i]
            var current = clusters[i].parent
            while let p = current {
                guard seen.insert(p).inserted else {
                    throw ImportError("the cluster hierarchy has a cycle through '\(clusters[i].name)'")
                }
                current = clusters[p].parent
            }
        }
        var assigned = Set<Int>()
        for a in assignments {
            guard questions.indices.contains(a.question), clusters.indices.contains(a.cluster) else {
                throw ImportError("an assignment refers to a missing question or cluster")
            }
            guard assigned.insert(a.question).inserted else {
                throw ImportError("question '\(questions[a.question].externalID ?? String(a.question + 1))' is assigned to two clusters")
            }
        }
        for q in questions {
            guard q.weight > 0, q.weight.isFinite else { throw ImportError("question weights must be positive") }
            if let f = q.feedback, f != 1 && f != -1 { throw ImportError("feedback must be -1, 1 or empty") }
        }
        for qc in questionCapabilities {
            guard questions.indices.contains(qc.question), capabilities.indices.contains(qc.capability) else {
                throw ImportError("a capability tag refers to a missing question or capability")
            }
        }
        if let e = embeddings, e.rows != questions.count {
            throw ImportError("\(Format.count(e.rows)) embeddings for \(Format.count(questions.count)) questions")
        }
    }
}
