import CladeCore
import GRDB

/// One run as carry-forward compares it: its questions and which cluster each is in (the
/// reviewer's move or split first), its clusters, and the reviewer's state of them.
struct RunSnapshot {
    struct QuestionRow {
        var id: QuestionID
        var externalID: String?
        var text: String
        var pipelineCluster: ClusterID
        /// The reviewer's move or split of this question, and the decision that made it.
        var override: (cluster: ClusterID, decision: Int64)?

        /// The cluster the question is in before merges are followed.
        var ownCluster: ClusterID { override?.cluster ?? pipelineCluster }
    }

    struct State {
        var row: ClusterStateRow
        var lastDecision: Int64?
    }

    struct Verdict {
        var capability: CapabilityID
        var verdict: CapabilityVerdict
        var decision: Int64
    }

    let run: RunID
    var questions: [QuestionRow] = []
    /// Pipeline clusters' names and parents.
    var names: [ClusterID: String] = [:]
    var descriptions: [ClusterID: String] = [:]
    var pipelineParent: [ClusterID: ClusterID] = [:]
    /// Pipeline clusters without children: where questions are assigned.
    var leaves: [ClusterID] = []
    /// Pipeline clusters with children.
    var parents: [ClusterID] = []
    var states: [ClusterID: State] = [:]
    var verdicts: [ClusterID: [Verdict]] = [:]

    static func load(_ db: Database, run: RunID) throws -> RunSnapshot {
        var s = RunSnapshot(run: run)
        let rows = try Row.fetchCursor(db, sql: """
            SELECT q.question_id, q.external_id, q.text, a.cluster_id, o.cluster_id AS moved_to, o.decision_id
            FROM questions q JOIN assignments a ON a.question_id = q.question_id
            LEFT JOIN clade_assignment_override o ON o.question_id = q.question_id
            WHERE q.run_id = ? ORDER BY q.question_id
            """, arguments: [run])
        while let row = try rows.next() {
            let movedTo: ClusterID? = row["moved_to"]
            s.questions.append(QuestionRow(
                id: row["question_id"], externalID: row["external_id"], text: row["text"] ?? "",
                pipelineCluster: row["cluster_id"], override: movedTo.map { ($0, row["decision_id"]) }
            ))
        }
        var hasChildren = Set<ClusterID>()
        var order: [ClusterID] = []
        for row in try Row.fetchAll(db, sql: "SELECT cluster_id, parent_id, name, description FROM clusters WHERE run_id = ? ORDER BY cluster_id", arguments: [run]) {
            let id: ClusterID = row["cluster_id"]
            order.append(id)
            s.names[id] = row["name"] ?? ""
            s.descriptions[id] = row["description"] ?? ""
            if let p: ClusterID = row["parent_id"] {
                s.pipelineParent[id] = p
                hasChildren.insert(p)
            }
        }
        s.leaves = order.filter { !hasChildren.contains($0) }
        s.parents = order.filter { hasChildren.contains($0) }
        for (id, state) in try ClusterStateRow.fetchByCluster(db, sql: "SELECT * FROM clade_cluster_state WHERE run_id = ?", arguments: [run]) {
            s.states[id] = State(row: state.row, lastDecision: state.lastDecision)
        }
        let known = Set(order).union(s.states.keys)
        for row in try Row.fetchAll(db, sql: "SELECT cluster_id, capability_id, verdict, decision_id FROM clade_cluster_capability ORDER BY cluster_id, capability_id") {
            let id: ClusterID = row["cluster_id"]
            guard known.contains(id), let verdict = CapabilityVerdict(rawValue: row["verdict"]) else { continue }
            s.verdicts[id, default: []].append(Verdict(capability: row["capability_id"], verdict: verdict, decision: row["decision_id"]))
        }
        return s
    }

    /// The reviewer's own clusters (splits), oldest first.
    var experts: [ClusterID] {
        states.filter { $0.value.row.origin == .expert }.keys.sorted(by: >)
    }

    func isExpert(_ c: ClusterID) -> Bool { states[c]?.row.origin == .expert }

    /// The label the reviewer sees.
    func label(_ c: ClusterID) -> String { states[c]?.row.name ?? names[c] ?? "cluster \(c)" }

    /// The cluster whose figures hold `c`'s questions: `c`, or where it was merged.
    func survivor(_ c: ClusterID) -> ClusterID {
        var current = c
        var hops = 0
        while let s = states[current], s.row.status == .merged, let next = s.row.mergedInto, hops < 64 {
            current = next
            hops += 1
        }
        return current
    }

    /// Parent of a cluster: the pipeline's, or for a split the parent it was given.
    func parent(_ c: ClusterID) -> ClusterID? {
        if let s = states[c], s.row.origin == .expert { return s.row.parentID }
        return pipelineParent[c]
    }

    /// Indices of the questions in each cluster before merges (leaves and the reviewer's clusters).
    func membersByOwnCluster() -> [ClusterID: [Int]] {
        var out: [ClusterID: [Int]] = [:]
        for (i, q) in questions.enumerated() { out[q.ownCluster, default: []].append(i) }
        return out
    }
}
