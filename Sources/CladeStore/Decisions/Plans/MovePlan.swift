import CladeCore
import GRDB

/// `M`: the questions are reassigned to the target through overrides.
extension DecisionPlanner {
    func move(_ questions: [QuestionID], to target: ClusterID) throws -> Plan {
        try requireActiveLeaf(target)
        guard !questions.isEmpty else { throw Refusal(description: "Mark the questions to move first") }
        let known = try Int.fetchOne(db, sql: """
            SELECT COUNT(DISTINCT q.question_id) FROM json_each(?) j JOIN questions q ON q.question_id = j.value AND q.run_id = ?
            """, arguments: [CurrentState.idArray(questions), runID]) ?? 0
        guard known == Set(questions).count else {
            throw Refusal(description: "\(Set(questions).count - known) of the questions to move are not in this run: nothing moved")
        }
        var plan = Plan(clusterIDs: [target], summary: "Moved \(questions.count) question\(questions.count == 1 ? "" : "s") to \u{201C}\(try label(target))\u{201D}")
        try reassign(questions, to: target, in: &plan)
        return plan
    }
}
