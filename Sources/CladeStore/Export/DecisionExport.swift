import CladeCore
import Foundation
import GRDB

/// What a pipeline takes back: the decisions in order, and the state they produce in shapes it
/// can apply directly (a label map, groups to merge, per-question reassignments).
public struct DecisionExport: Encodable, Sendable {
    public struct Decision: Codable, Sendable {
        public var decisionID: Int64
        /// The run the decision was made on (a re-import carries decisions to the new run).
        public var runID: Int64
        public var at: String
        public var reviewer: String
        public var op: String
        public var summary: String
        public var clusterIDs: [Int64]
        public var questionIDs: [Int64]
        public var note: String
        public var undoes: Int64?
        public var old: LogJSON
        public var new: LogJSON

        enum CodingKeys: String, CodingKey {
            case decisionID = "decision_id", runID = "run_id", at, reviewer, op, summary, clusterIDs = "cluster_ids", questionIDs = "question_ids"
            case note, undoes, old, new
        }
    }

    public struct ClusterState: Codable, Sendable {
        public var clusterID: Int64
        public var externalID: String?
        public var conceptID: String
        public var origin: ClusterOrigin
        public var parentID: Int64?
        public var label: String
        public var pipelineLabel: String?
        public var description: String
        public var status: ClusterStatus
        /// For a merged cluster: the cluster its questions are in now.
        public var survivor: Int64
        public var priority: Int?
        public var issueType: String?
        public var action: String?
        /// The action, or the segment's default when the reviewer set none.
        public var effectiveAction: String?
        public var segment: String
        public var reviewed: Bool
        public var note: String
        public var capabilitiesConfirmed: [String]
        public var capabilitiesRejected: [String]
        public var questions: Int
        public var volume: Double

        enum CodingKeys: String, CodingKey {
            case clusterID = "cluster_id", externalID = "external_id", conceptID = "concept_id", origin, parentID = "parent_id", label
            case pipelineLabel = "pipeline_label", description, status, survivor, priority, issueType = "issue_type", action
            case effectiveAction = "effective_action", segment, reviewed, note, capabilitiesConfirmed = "capabilities_confirmed"
            case capabilitiesRejected = "capabilities_rejected", questions, volume
        }
    }

    public typealias QuestionMapping = QuestionLine

    /// What BERTopic takes, in its own terms: integer topic numbers of the pipeline's topics only
    /// (never Clade's negative ids, never a hierarchy parent), the reviewer's clusters as new
    /// topics with their documents, and the order of operations that survives renumbering.
    public struct BERTopicShapes: Codable, Sendable {
        public struct NewTopic: Codable, Sendable {
            public var proposedTopic: Int64
            public var conceptID: String
            public var label: String
            public var questionIDs: [Int64]
            public var externalIDs: [String?]
            public var centroid: [Float]?

            enum CodingKeys: String, CodingKey {
                case proposedTopic = "proposed_topic", conceptID = "concept_id", label, questionIDs = "question_ids", externalIDs = "external_ids", centroid
            }

            public func encode(to encoder: Encoder) throws {
                var c = encoder.container(keyedBy: CodingKeys.self)
                try c.encode(proposedTopic, forKey: .proposedTopic)
                try c.encode(conceptID, forKey: .conceptID)
                try c.encode(label, forKey: .label)
                try c.encode(questionIDs, forKey: .questionIDs)
                try c.encode(externalIDs, forKey: .externalIDs)
                try c.encode(centroid, forKey: .centroid)
            }
        }

        /// topic (a decimal string of BERTopic's integer topic) → label, for `set_topic_labels`.
        public var customLabels: [String: String]
        /// Pipeline topics to merge, survivor first.
        public var topicsToMerge: [[Int64]]
        public var dismissedTopics: [Int64]
        public var newTopics: [NewTopic]
        public var order = [
            "reassign documents (new_topics, moves) and merges via one topics array",
            "update_topics",
            "set_topic_labels",
        ]

        enum CodingKeys: String, CodingKey {
            case customLabels = "custom_labels", topicsToMerge = "topics_to_merge", dismissedTopics = "dismissed_topics", newTopics = "new_topics", order
        }
    }

    public var format = "clade-decisions/2"
    public var runID: Int64
    public var since: Int64
    public var through: Int64
    public var consumer: String?
    public var decisions: [Decision]
    public var clusters: [ClusterState]
    /// Every question (only when asked for: at scale the per-question rows are streamed as JSONL).
    public var questions: [QuestionMapping]
    public var questionsIncluded: Bool
    public var questionCount: Int
    /// Only the questions whose reviewed cluster differs from the pipeline's, or that were dismissed.
    public var reassignments: [QuestionMapping]
    public var expertClusters: [ExpertCluster]
    public var pipelineCentroids: [String: [Float]]?
    public var bertopic: BERTopicShapes

    enum CodingKeys: String, CodingKey {
        case format, runID = "run_id", since, through, consumer, decisions, clusters, questions, questionCount = "question_count", reassignments
        case expertClusters = "expert_clusters", pipelineCentroids = "pipeline_centroids", bertopic
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(format, forKey: .format)
        try c.encode(runID, forKey: .runID)
        try c.encode(since, forKey: .since)
        try c.encode(through, forKey: .through)
        try c.encode(consumer, forKey: .consumer)
        try c.encode(decisions, forKey: .decisions)
        try c.encode(clusters, forKey: .clusters)
        if questionsIncluded { try c.encode(questions, forKey: .questions) }
        try c.encode(questionCount, forKey: .questionCount)
        try c.encode(reassignments, forKey: .reassignments)
        try c.encode(expertClusters, forKey: .expertClusters)
        try c.encode(pipelineCentroids, forKey: .pipelineCentroids)
        try c.encode(bertopic, forKey: .bertopic)
    }

    /// Below this many questions the JSON lists them all unless told otherwise.
    public static let inlineQuestionLimit = 10_000

    public func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }
}

extension DecisionExport {
    /// Builds the export. With a consumer, `since` is where its cursor stands; reading never moves
    /// it (`ConsumerCursor.acknowledge` does, once the pipeline has applied what it read). `runID`:
    /// the state of an earlier run instead of the latest (the decisions listed are those of every run).
    /// `includeQuestions`: nil lists every question only below `inlineQuestionLimit`.
    public static func make(
        _ app: AppDatabase, since explicitSince: Int64?, consumer: String?, runID: RunID? = nil, includeQuestions: Bool? = true
    ) throws -> DecisionExport {
        try checkRun(app, runID)
        let dataset = try DatasetLoader.load(app, runID: runID)
        return try app.writer.read { db in
            let clade = app.hasCladeTables
            var since = explicitSince ?? 0
            if explicitSince == nil, let consumer, clade { since = try ConsumerCursor.position(db, consumer: consumer) }
            let decisions: [Decision] = clade ? try Row.fetchAll(db, sql: "SELECT * FROM clade_decisions WHERE decision_id > ? ORDER BY decision_id", arguments: [since]).map { row in
                let newJSON: String = row["new_json"]
                var new = try LogJSON.parse(newJSON)
                let summary = new.removeKey("summary")?.stringValue ?? ""
                return Decision(
                    decisionID: row["decision_id"], runID: row["run_id"], at: row["at"], reviewer: row["reviewer"], op: row["op"], summary: summary,
                    clusterIDs: DecisionLog.decodeIDs(row["cluster_ids"]), questionIDs: DecisionLog.decodeIDs(row["question_ids"]),
                    note: row["note"], undoes: row["undoes"], old: try LogJSON.parse(row["old_json"]), new: new
                )
            } : []
            let through = decisions.last?.decisionID ?? since
            let r = try ReviewedRun(db, run: dataset.runID, clade: clade)

            var verdicts: [Int64: [(String, String)]] = [:]
            if clade {
                for row in try Row.fetchAll(db, sql: """
                    SELECT v.cluster_id, v.verdict, COALESCE(c.name, k.name) AS name FROM clade_cluster_capability v
                    LEFT JOIN capabilities c ON c.capability_id = v.capability_id
                    LEFT JOIN clade_capabilities k ON k.capability_id = v.capability_id ORDER BY v.cluster_id, name
                    """) {
                    verdicts[row["cluster_id"], default: []].append((row["verdict"], row.text("name") ?? ""))
                }
            }
            let ids = Set(r.pipeline.keys).union(r.states.keys).sorted { ($0 < 0 ? 1 : 0, abs($0)) < ($1 < 0 ? 1 : 0, abs($1)) }
            let clusters: [ClusterState] = ids.map { id in
                let state = r.states[id]
                let shown = dataset.cluster(r.survivor(id))
                let own = dataset.cluster(id)
                let action = state?.action
                let segment = own.map { dataset.segment(of: $0) }
                return ClusterState(
                    clusterID: id, externalID: r.pipeline[id]?.externalID, conceptID: r.conceptID(id), origin: state?.origin ?? .pipeline,
                    parentID: own?.parentID ?? state?.parentID, label: r.label(id),
                    pipelineLabel: r.pipeline[id]?.name, description: own?.description ?? state?.description ?? "",
                    status: r.status(id), survivor: r.survivor(id), priority: state?.priority,
                    issueType: state?.issueType, action: action, effectiveAction: action ?? segment?.defaultAction?.rawValue,
                    segment: (own.map { dataset.segment(of: $0) } ?? shown.map { dataset.segment(of: $0) })?.code(separator: "") ?? "",
                    reviewed: state?.reviewed ?? false, note: state?.note ?? "",
                    capabilitiesConfirmed: (verdicts[id] ?? []).filter { $0.0 == "confirmed" }.map(\.1),
                    capabilitiesRejected: (verdicts[id] ?? []).filter { $0.0 == "rejected" }.map(\.1),
                    questions: own?.stats.rows ?? 0, volume: own?.stats.volume ?? 0
                )
            }

            let count = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM questions WHERE run_id = ?", arguments: [r.run]) ?? 0
            let inline = includeQuestions ?? (count <= inlineQuestionLimit)
            var questions: [QuestionMapping] = []
            var reassignments: [QuestionMapping] = []
            var builder = ExpertClusterBuilder()
            try r.forEachQuestion(db) { q, _ in
                if inline { questions.append(q) }
                if q.changed { reassignments.append(q) }
                builder.add(q)
            }
            let (experts, centroids) = try builder.build(db, run: r)

            return DecisionExport(
                runID: r.run, since: since, through: through, consumer: consumer, decisions: decisions, clusters: clusters,
                questions: questions, questionsIncluded: inline, questionCount: count, reassignments: reassignments,
                expertClusters: experts, pipelineCentroids: centroids, bertopic: bertopicShapes(r, experts: experts)
            )
        }
    }

    static func checkRun(_ app: AppDatabase, _ runID: RunID?) throws {
        if let runID, try app.writer.read({ try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM runs WHERE run_id = ?", arguments: [runID]) }) == 0 {
            throw DecisionStore.Refused(description: "\(app.path) has no run \(runID)")
        }
    }

    /// Labels and merges of the pipeline's own topics (leaves only), dismissed topics, and the
    /// reviewer's clusters as new topics.
    static func bertopicShapes(_ r: ReviewedRun, experts: [ExpertCluster]) -> BERTopicShapes {
        let leaves = r.pipeline.keys.filter { !r.parents.contains($0) }.sorted()
        var labels: [String: String] = [:]
        var groups: [ClusterID: [ClusterID]] = [:]
        var dismissed: [Int64] = []
        for c in leaves {
            let status = r.status(c)
            if status == .merged {
                let s = r.survivor(c)
                if !r.isExpert(s) && r.pipeline[s] != nil { groups[s, default: []].append(c) }
                continue
            }
            if status == .dismissed { dismissed.append(r.topic(c)) }
            if r.label(c) != r.pipeline[c]?.name { labels[String(r.topic(c))] = r.label(c) }
        }
        let merges = groups.keys.sorted().map { s in [r.topic(s)] + groups[s]!.sorted().map(r.topic) }
        let newTopics = experts.filter { $0.status != .dismissed }.map {
            BERTopicShapes.NewTopic(proposedTopic: $0.proposedTopic, conceptID: $0.conceptID, label: $0.label,
                                    questionIDs: $0.memberQuestionIDs, externalIDs: $0.memberExternalIDs, centroid: $0.centroid)
        }
        return BERTopicShapes(customLabels: labels, topicsToMerge: merges, dismissedTopics: dismissed.sorted(), newTopics: newTopics)
    }

    /// The bertopic section alone, as `--format bertopic` prints it.
    public func bertopicJSON() throws -> String {
        struct Shape: Encodable {
            var format = "clade-bertopic/1"
            var run_id: Int64
            var through: Int64
            var consumer: String?
            var bertopic: BERTopicShapes
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(Shape(run_id: runID, through: through, consumer: consumer, bertopic: bertopic)), as: UTF8.self)
    }
}
