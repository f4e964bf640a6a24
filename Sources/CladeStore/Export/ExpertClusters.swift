import CladeCore
import Foundation
import GRDB

/// A cluster the review created (a split-off part, with what was moved or merged into it), with
/// what a pipeline needs to assign rows Clade never saw: its members, keywords, the centroid of
/// their embeddings and the rule. See docs/export-format.md, "Scale-out".
public struct ExpertCluster: Codable, Sendable, Equatable {
    public struct Rule: Codable, Sendable, Equatable {
        /// `nearest_centroid` (with embeddings) or `keywords`.
        public var kind: String
        public var minSimilarity: Double?
        public var keywords: [String]?

        enum CodingKeys: String, CodingKey { case kind, minSimilarity = "min_similarity", keywords }

        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(kind, forKey: .kind)
            try c.encodeIfPresent(minSimilarity, forKey: .minSimilarity)
            try c.encodeIfPresent(keywords, forKey: .keywords)
        }
    }

    public var clusterID: Int64
    public var conceptID: String
    public var label: String
    public var description: String
    public var status: ClusterStatus
    public var keywords: [String]
    public var memberQuestionIDs: [Int64]
    public var memberExternalIDs: [String?]
    public var centroid: [Float]?
    public var dimensions: Int?
    public var sourceClusterIDs: [Int64]
    public var sourceTopics: [Int64]
    public var proposedTopic: Int64
    public var rule: Rule

    enum CodingKeys: String, CodingKey {
        case clusterID = "cluster_id", conceptID = "concept_id", label, description, status, keywords
        case memberQuestionIDs = "member_question_ids", memberExternalIDs = "member_external_ids", centroid, dimensions
        case sourceClusterIDs = "source_cluster_ids", sourceTopics = "source_topics", proposedTopic = "proposed_topic", rule
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(clusterID, forKey: .clusterID)
        try c.encode(conceptID, forKey: .conceptID)
        try c.encode(label, forKey: .label)
        try c.encode(description, forKey: .description)
        try c.encode(status, forKey: .status)
        try c.encode(keywords, forKey: .keywords)
        try c.encode(memberQuestionIDs, forKey: .memberQuestionIDs)
        try c.encode(memberExternalIDs, forKey: .memberExternalIDs)
        try c.encode(centroid, forKey: .centroid)
        try c.encode(dimensions, forKey: .dimensions)
        try c.encode(sourceClusterIDs, forKey: .sourceClusterIDs)
        try c.encode(sourceTopics, forKey: .sourceTopics)
        try c.encode(proposedTopic, forKey: .proposedTopic)
        try c.encode(rule, forKey: .rule)
    }
}

/// Collects, during the one pass over the questions, who is where; then builds the expert clusters.
struct ExpertClusterBuilder {
    private var ids: [Int64] = []
    private var externals: [String?] = []
    private var pipelines: [Int64] = []
    private var reviewed: [Int64] = []

    mutating func add(_ q: QuestionLine) {
        ids.append(q.questionID)
        externals.append(q.externalID)
        pipelines.append(q.pipelineClusterID)
        reviewed.append(q.reviewedClusterID)
    }

    /// The expert clusters, and the centroid of what stays in each pipeline cluster that lost
    /// members to one (nil without embeddings).
    func build(_ db: Database, run r: ReviewedRun) throws -> (experts: [ExpertCluster], pipelineCentroids: [String: [Float]]?) {
        guard !r.experts.isEmpty else { return ([], nil) }
        let expertSet = Set(r.experts)
        var members: [ClusterID: [Int]] = [:]
        var sources: [ClusterID: Set<ClusterID>] = [:]
        for i in ids.indices where expertSet.contains(reviewed[i]) {
            members[reviewed[i], default: []].append(i)
            sources[reviewed[i], default: []].insert(pipelines[i])
        }
        let allSources = sources.values.reduce(into: Set<ClusterID>()) { $0.formUnion($1) }
        var remaining: [ClusterID: [Int]] = [:]
        for i in ids.indices where allSources.contains(pipelines[i]) && reviewed[i] == r.survivor(pipelines[i]) && !expertSet.contains(reviewed[i]) {
            remaining[pipelines[i], default: []].append(i)
        }

        // Keywords: c-TF-IDF, each expert cluster against what stays in its source clusters.
        let sourceList = allSources.sorted()
        var docIndices: [Int] = []
        var labels: [Int] = []
        for (k, x) in r.experts.enumerated() { for i in members[x] ?? [] { docIndices.append(i); labels.append(k) } }
        for (k, s) in sourceList.enumerated() { for i in remaining[s] ?? [] { docIndices.append(i); labels.append(r.experts.count + k) } }
        let texts = try Self.fetch(db, ids: docIndices.map { ids[$0] }, sql: "SELECT question_id, text FROM questions") { (row: Row) in row.text("text") ?? "" }
        let tokenizer = Tokenizer()
        let documents = docIndices.map { tokenizer.tokens(texts[ids[$0]] ?? "") }
        let keywords = ClassTFIDF.keywords(documents: documents, labels: labels, classCount: r.experts.count + sourceList.count, top: 10)

        // Centroids, when the run has embeddings.
        var vectors: [Int64: [Float]] = [:]
        if try db.tableExists("question_embeddings") {
            let needed = docIndices.map { ids[$0] }
            vectors = try Self.fetch(db, ids: needed, sql: "SELECT question_id, vector FROM question_embeddings") { (row: Row) -> [Float] in
                let data: Data = row["vector"] ?? Data()
                return Self.floats(data)
            }
        }
        func centroid(_ indices: [Int]) -> [Float]? {
            let rows = indices.compactMap { vectors[ids[$0]] }
            guard rows.count == indices.count, let dim = rows.first?.count, dim > 0, rows.allSatisfy({ $0.count == dim }) else { return nil }
            var sum = [Float](repeating: 0, count: dim)
            for v in rows {
                let n = Self.norm(v)
                guard n > 0 else { continue }
                for d in 0..<dim { sum[d] += v[d] / n }
            }
            let n = Self.norm(sum)
            return n > 0 ? sum.map { $0 / n } : nil
        }

        var experts: [ExpertCluster] = []
        for (k, x) in r.experts.enumerated() {
            let m = members[x] ?? []
            let words = keywords[k].map(\.term)
            let c = m.isEmpty ? nil : centroid(m)
            var rule = ExpertCluster.Rule(kind: "keywords", minSimilarity: nil, keywords: words)
            if let c {
                let lowest = m.compactMap { vectors[ids[$0]] }.map { Self.cosine($0, c) }.min() ?? 0
                rule = ExpertCluster.Rule(kind: "nearest_centroid", minSimilarity: (Double(lowest) * 1000).rounded(.down) / 1000, keywords: nil)
            }
            let src = (sources[x] ?? []).sorted()
            experts.append(ExpertCluster(
                clusterID: x, conceptID: r.conceptID(x), label: r.label(x), description: r.description(x), status: r.status(x), keywords: words,
                memberQuestionIDs: m.map { ids[$0] }, memberExternalIDs: m.map { externals[$0] }, centroid: c, dimensions: c?.count,
                sourceClusterIDs: src, sourceTopics: src.map(r.topic), proposedTopic: r.proposedTopic[x]!, rule: rule
            ))
        }
        guard experts.contains(where: { $0.centroid != nil }) else { return (experts, nil) }
        var pipelineCentroids: [String: [Float]] = [:]
        for s in sourceList { if let c = centroid(remaining[s] ?? []) { pipelineCentroids[String(s)] = c } }
        return (experts, pipelineCentroids)
    }

    static func fetch<T>(_ db: Database, ids: [Int64], sql: String, _ value: (Row) throws -> T) throws -> [Int64: T] {
        var out: [Int64: T] = [:]
        var start = 0
        while start < ids.count {
            let chunk = Array(ids[start..<min(start + 5000, ids.count)])
            for row in try Row.fetchAll(db, sql: sql + " WHERE question_id IN (SELECT value FROM json_each(?))", arguments: [CurrentState.idArray(chunk)]) {
                out[row["question_id"]] = try value(row)
            }
            start += 5000
        }
        return out
    }

    /// Little-endian float32, as `question_embeddings.vector` holds them.
    static func floats(_ data: Data) -> [Float] {
        let count = data.count / 4
        var out = [Float](repeating: 0, count: count)
        data.withUnsafeBytes { raw in
            for i in 0..<count { out[i] = Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: i * 4, as: UInt32.self))) }
        }
        return out
    }

    static func norm(_ v: [Float]) -> Float { v.reduce(0) { $0 + $1 * $1 }.squareRoot() }

    static func cosine(_ a: [Float], _ unit: [Float]) -> Float {
        let n = norm(a)
        guard n > 0, a.count == unit.count else { return 0 }
        var dot: Float = 0
        for i in a.indices { dot += a[i] * unit[i] }
        return dot / n
    }
}
