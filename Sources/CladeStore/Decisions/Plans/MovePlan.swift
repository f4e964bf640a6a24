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
        // Counted as the list counts: rows that stand for more questions say how many (weighted).
        let weighted = try Double.fetchOne(db, sql: "SELECT SUM(COALESCE(weight, 1)) FROM questions WHERE question_id IN (SELECT value FROM json_each(?))",
                                           arguments: [CurrentState.idArray(questions)]) ?? Double(questions.count)
        let standsFor = abs(weighted - Double(questions.count)) >= 0.5 ? " (\u{2248}\(Format.volume(weighted)))" : ""
        var plan = Plan(clusterIDs: [target], summary: "Moved \(questions.count) question\(questions.count == 1 ? "" : "s")\(standsFor) to \u{201C}\(try label(target))\u{201D}")
        try reassign(questions, to: target, in: &plan)
        return plan
    }
}
