import CladeCore
import GRDB

/// One run as the review left it, as every export shape reads it: the pipeline's clusters, the
/// reviewer's state of them, where merges lead, concept ids and BERTopic topic numbers.
struct ReviewedRun {
    struct PipelineCluster {
        var name: String
        var externalID: String?
        var parentID: ClusterID?
        var description: String
    }

    let run: RunID
    let clade: Bool
    var pipeline: [ClusterID: PipelineCluster] = [:]
    var states: [ClusterID: ClusterStateRow] = [:]
    /// Pipeline clusters that are parents (never a topic, never a question's cluster).
    var parents = Set<ClusterID>()
    var concepts: [ClusterID: String] = [:]
    /// The reviewer's clusters of this run that still hold questions (not merged away), oldest first.
    var experts: [ClusterID] = []
    var proposedTopic: [ClusterID: Int64] = [:]

    init(_ db: Database, run: RunID, clade: Bool) throws {
        self.run = run
        self.clade = clade
        for row in try Row.fetchAll(db, sql: "SELECT cluster_id, \(Row.wholeText("name")), external_id, parent_id, \(Row.wholeText("description")) FROM clusters WHERE run_id = ?", arguments: [run]) {
            let parent: ClusterID? = row["parent_id"]
            pipeline[row["cluster_id"]] = PipelineCluster(name: row.text("name") ?? "", externalID: row.text("external_id"), parentID: parent,
                                                          description: row.text("description") ?? "")
            if let parent { parents.insert(parent) }
        }
        if clade {
            states = try ClusterStateRow.fetchByCluster(db, sql: "SELECT * FROM clade_cluster_state WHERE run_id = ?", arguments: [run]).mapValues(\.row)
            concepts = try ConceptIDs.inherited(db, run: run)
        }
        experts = states.filter { $0.value.origin == .expert && $0.value.status != .merged }.keys.sorted(by: >)
        let maxTopic = pipeline.keys.filter { !parents.contains($0) }.map(topic).max() ?? -1
        for (k, x) in experts.enumerated() { proposedTopic[x] = max(maxTopic, -1) + 1 + Int64(k) }
    }

    func survivor(_ id: ClusterID) -> ClusterID {
        var current = id
        var hops = 0
        while let s = states[current], s.status == .merged, let next = s.mergedInto, hops < 64 {
            current = next
            hops += 1
        }
        return current
    }

    func isExpert(_ c: ClusterID) -> Bool { states[c]?.origin == .expert }

    func status(_ c: ClusterID) -> ClusterStatus { states[c]?.status ?? .active }

    func label(_ c: ClusterID) -> String { states[c]?.name ?? pipeline[c]?.name ?? "cluster \(c)" }

    func description(_ c: ClusterID) -> String { states[c]?.description ?? pipeline[c]?.description ?? "" }

    func conceptID(_ c: ClusterID) -> String {
        concepts[c] ?? (isExpert(c) ? "clade:\(run):\(c)" : ConceptIDs.pipeline(clusterID: c, externalID: pipeline[c]?.externalID))
    }

    /// A pipeline cluster's BERTopic topic: its external id when that is an integer, else its id.
    func topic(_ c: ClusterID) -> Int64 {
        if let e = pipeline[c]?.externalID, let n = Int64(e) { return n }
        return c
    }

    /// The topic a question of reviewed cluster `c` is in: the pipeline's topic, an expert
    /// cluster's proposed one, none when dismissed.
    func reviewedTopic(_ c: ClusterID) -> Int64? {
        if status(c) == .dismissed { return nil }
        return isExpert(c) ? proposedTopic[c] : topic(c)
    }

    /// A question's status: its reviewed cluster's, with a dismissal told by its reason.
    func questionStatus(own: ClusterID, reviewed: ClusterID) -> String {
        if status(reviewed) == .dismissed {
            switch states[reviewed]?.action {
            case ClusterAction.redirect.rawValue?: return "redirected"
            case ClusterAction.tellUsers.rawValue?: return "out_of_scope"
            default: return "dismissed"
            }
        }
        return own != reviewed ? "merged" : "active"
    }
}

/// One question as every export shape gives it (a JSONL line, a CSV row, the JSON's `questions`).
public struct QuestionLine: Codable, Sendable, Equatable {
    public var questionID: Int64
    public var externalID: String?
    public var pipelineClusterID: Int64
    public var reviewedClusterID: Int64
    public var conceptID: String
    public var label: String
    public var status: String
    public var topic: Int64?

    /// The review put the question in another cluster, or dismissed it.
    public var changed: Bool { pipelineClusterID != reviewedClusterID || topic == nil }

    enum CodingKeys: String, CodingKey {
        case questionID = "question_id", externalID = "external_id"
        case pipelineClusterID = "pipeline_cluster_id", reviewedClusterID = "reviewed_cluster_id"
        case conceptID = "concept_id", label, status, topic
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(questionID, forKey: .questionID)
        try c.encode(externalID, forKey: .externalID)
        try c.encode(pipelineClusterID, forKey: .pipelineClusterID)
        try c.encode(reviewedClusterID, forKey: .reviewedClusterID)
        try c.encode(conceptID, forKey: .conceptID)
        try c.encode(label, forKey: .label)
        try c.encode(status, forKey: .status)
        try c.encode(topic, forKey: .topic)
    }
}

extension ReviewedRun {
    /// Every question of the run in id order, read with a cursor (nothing held but the current row).
    func forEachQuestion(_ db: Database, _ body: (QuestionLine, _ own: ClusterID) throws -> Void) throws {
        let rows = try Row.fetchCursor(db, sql: """
            SELECT q.question_id, q.external_id, a.cluster_id AS pipeline, \(Membership.cluster(clade)) AS own
            FROM questions q \(Membership.joins(clade)) WHERE q.run_id = ? ORDER BY q.question_id
            """, arguments: [run])
        while let row = try rows.next() {
            let own: ClusterID = row["own"]
            let reviewed = survivor(own)
            try body(QuestionLine(
                questionID: row["question_id"], externalID: row.text("external_id"), pipelineClusterID: row["pipeline"], reviewedClusterID: reviewed,
                conceptID: conceptID(reviewed), label: label(reviewed), status: questionStatus(own: own, reviewed: reviewed), topic: reviewedTopic(reviewed)
            ), own)
        }
    }
}
