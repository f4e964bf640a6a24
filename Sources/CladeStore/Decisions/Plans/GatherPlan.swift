import CladeCore
import Foundation
import GRDB

/// Search everywhere, `s`: the questions found, wherever they are, into one new expert cluster
/// (top level: its questions come from anywhere). One change set, so one undo.
extension DecisionPlanner {
    func gather(_ questions: [QuestionID], name: String, description: String) throws -> Plan {
        let questions = Array(Set(questions)).sorted()
        guard !questions.isEmpty else { throw Refusal(description: "Mark the questions to split off first") }
        let name = name.trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty else { throw Refusal(description: "The new cluster needs a name") }
        let found = try Int.fetchOne(db, sql: """
            SELECT COUNT(*) FROM questions WHERE run_id = ? AND question_id IN (SELECT value FROM json_each(?))
            """, arguments: [runID, CurrentState.idArray(questions)]) ?? 0
        guard found == questions.count else { throw Refusal(description: "\(questions.count - found) of the questions are not in this run") }
        // The cluster most of them come from, first in the log's cluster ids (where a split reads its origin).
        let from = try ClusterID.fetchOne(db, sql: """
            SELECT COALESCE(o.cluster_id, a.cluster_id) AS c FROM json_each(?) j JOIN assignments a ON a.question_id = j.value
            LEFT JOIN clade_assignment_override o ON o.question_id = j.value GROUP BY c ORDER BY COUNT(*) DESC, c LIMIT 1
            """, arguments: [CurrentState.idArray(questions)])
        let id = try nextExpertID()
        var plan = Plan(clusterIDs: (from.map { [$0] } ?? []) + [id], summary: "")
        plan.old.clusterState[String(id)] = .some(nil)
        plan.new.clusterState[String(id)] = ClusterStateRow(runID: runID, origin: .expert, parentID: nil, name: name, description: description)
        try reassign(questions, to: id, in: &plan)
        plan.summary = "Split \(questions.count) question\(questions.count == 1 ? "" : "s") found across the run off into \u{201C}\(name)\u{201D}"
        return plan
    }
}
