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
        public var origin: String
        public var parentID: Int64?
        public var label: String
        public var pipelineLabel: String?
        public var description: String
        public var status: String
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
            case clusterID = "cluster_id", externalID = "external_id", origin, parentID = "parent_id", label
            case pipelineLabel = "pipeline_label", description, status, survivor, priority, issueType = "issue_type", action
            case effectiveAction = "effective_action", segment, reviewed, note, capabilitiesConfirmed = "capabilities_confirmed"
            case capabilitiesRejected = "capabilities_rejected", questions, volume
        }
    }

    public struct QuestionMapping: Codable, Sendable {
        public var questionID: Int64
        public var externalID: String?
        public var pipelineClusterID: Int64
        public var reviewedClusterID: Int64

        enum CodingKeys: String, CodingKey {
            case questionID = "question_id", externalID = "external_id"
            case pipelineClusterID = "pipeline_cluster_id", reviewedClusterID = "reviewed_cluster_id"
        }
    }

    public struct BERTopicShapes: Codable, Sendable {
        /// topic → label, for `topic_model.set_topic_labels(...)`.
        public var customLabels: [String: String]
        /// Groups for `topic_model.merge_topics(docs, topics_to_merge)`, survivor first.
        public var topicsToMerge: [[String]]

        enum CodingKeys: String, CodingKey {
            case customLabels = "custom_labels", topicsToMerge = "topics_to_merge"
        }
    }

    public var format = "clade-decisions/1"
    public var runID: Int64
    public var since: Int64
    public var through: Int64
    public var consumer: String?
    public var decisions: [Decision]
    public var clusters: [ClusterState]
    public var questions: [QuestionMapping]
    /// Only the questions whose reviewed cluster differs from the pipeline's.
    public var reassignments: [QuestionMapping]
    public var bertopic: BERTopicShapes

    enum CodingKeys: String, CodingKey {
        case format, runID = "run_id", since, through, consumer, decisions, clusters, questions, reassignments, bertopic
    }

    public func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }
}

extension DecisionExport {
    /// Builds the export. With a consumer, `since` is where it stopped last time; `advance`
    /// then records how far it has now read (the one write an export makes). `runID`: the state
    /// of an earlier run instead of the latest (the decisions listed are those of every run).
    public static func make(_ app: AppDatabase, since explicitSince: Int64?, consumer: String?, runID: RunID? = nil) throws -> DecisionExport {
        if let runID, try app.writer.read({ try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM runs WHERE run_id = ?", arguments: [runID]) }) == 0 {
            throw DecisionStore.Refused(description: "\(app.path) has no run \(runID)")
        }
        let dataset = try DatasetLoader.load(app, runID: runID)
        return try app.writer.read { db in
            let clade = app.hasCladeTables
            var since = explicitSince ?? 0
            if explicitSince == nil, let consumer, clade {
                since = try Int64.fetchOne(db, sql: "SELECT last_decision_id FROM clade_consumer_cursor WHERE consumer = ?", arguments: [consumer]) ?? 0
            }
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
            let run = dataset.runID

            // Pipeline clusters, their reviewed state, and the reviewer's own clusters.
            var pipeline: [Int64: (name: String, external: String?)] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT cluster_id, name, external_id FROM clusters WHERE run_id = ?", arguments: [run]) {
                pipeline[row["cluster_id"]] = (row.text("name") ?? "", row.text("external_id"))
            }
            var states: [Int64: Row] = [:]
            if clade {
                for row in try Row.fetchAll(db, sql: "SELECT * FROM clade_cluster_state WHERE run_id = ?", arguments: [run]) { states[row["cluster_id"]] = row }
            }
            func survivor(_ id: Int64) -> Int64 {
                var current = id
                var hops = 0
                while let s = states[current], (s["status"] as String?) == "merged", let next: Int64 = s["merged_into"], hops < 64 {
                    current = next
                    hops += 1
                }
                return current
            }
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
            let ids = Set(pipeline.keys).union(states.keys).sorted { ($0 < 0 ? 1 : 0, abs($0)) < ($1 < 0 ? 1 : 0, abs($1)) }
            let clusters: [ClusterState] = ids.map { id in
                let state = states[id]
                let shown = dataset.cluster(survivor(id))
                let own = dataset.cluster(id)
                let action: String? = state?["action"]
                let segment = own.map { dataset.segment(of: $0) }
                return ClusterState(
                    clusterID: id, externalID: pipeline[id]?.external, origin: state?["origin"] ?? "pipeline",
                    parentID: own?.parentID ?? (state?["parent_id"] as Int64?), label: (state?["name"] as String?) ?? pipeline[id]?.name ?? "",
                    pipelineLabel: pipeline[id]?.name, description: own?.description ?? (state?["description"] as String?) ?? "",
                    status: state?["status"] ?? "active", survivor: survivor(id), priority: state?["priority"],
                    issueType: state?["issue_type"], action: action, effectiveAction: action ?? segment?.defaultAction?.rawValue,
                    segment: (own.map { dataset.segment(of: $0) } ?? shown.map { dataset.segment(of: $0) })?.code(separator: "") ?? "",
                    reviewed: (state?["reviewed"] as Int?) == 1, note: state?["note"] ?? "",
                    capabilitiesConfirmed: (verdicts[id] ?? []).filter { $0.0 == "confirmed" }.map(\.1),
                    capabilitiesRejected: (verdicts[id] ?? []).filter { $0.0 == "rejected" }.map(\.1),
                    questions: own?.stats.rows ?? 0, volume: own?.stats.volume ?? 0
                )
            }

            var questions: [QuestionMapping] = []
            let rows = try Row.fetchCursor(db, sql: """
                SELECT q.question_id, q.external_id, a.cluster_id AS pipeline, \(Membership.cluster(clade)) AS effective
                FROM questions q \(Membership.joins(clade)) WHERE q.run_id = ? ORDER BY q.question_id
                """, arguments: [run])
            while let row = try rows.next() {
                questions.append(QuestionMapping(questionID: row["question_id"], externalID: row.text("external_id"),
                                                 pipelineClusterID: row["pipeline"], reviewedClusterID: survivor(row["effective"])))
            }

            func topic(_ id: Int64) -> String {
                if let external = pipeline[id]?.external, Int(external) != nil { return external }
                return String(id)
            }
            var labels: [String: String] = [:]
            for c in clusters where c.status != "merged" && c.label != c.pipelineLabel { labels[topic(c.clusterID)] = c.label }
            var groups: [Int64: [Int64]] = [:]
            for c in clusters where c.status == "merged" { groups[c.survivor, default: []].append(c.clusterID) }
            let merges = groups.keys.sorted().map { s in [topic(s)] + groups[s]!.sorted().map(topic) }

            return DecisionExport(
                runID: run, since: since, through: through, consumer: consumer, decisions: decisions, clusters: clusters,
                questions: questions, reassignments: questions.filter { $0.pipelineClusterID != $0.reviewedClusterID },
                bertopic: BERTopicShapes(customLabels: labels, topicsToMerge: merges)
            )
        }
    }

    /// Records that `consumer` has read the log through `through`.
    public static func advance(_ app: AppDatabase, consumer: String, through: Int64) throws {
        guard !app.readOnly else { throw DecisionStore.Refused(description: "The database is read-only: cannot record where \(consumer) stopped") }
        try app.writer.write { db in
            try db.execute(sql: """
                INSERT INTO clade_consumer_cursor (consumer, last_decision_id, updated_at) VALUES (?, ?, ?)
                ON CONFLICT(consumer) DO UPDATE SET last_decision_id = excluded.last_decision_id, updated_at = excluded.updated_at
                """, arguments: [consumer, through, DecisionStore.timestamp(Date())])
        }
    }
}
