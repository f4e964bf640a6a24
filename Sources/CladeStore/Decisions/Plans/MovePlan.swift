import CladeCore
import GRDB

/// `M`: the questions are reassigned to the target through overrides.
extension DecisionPlanner {
    func move(_ questions: [QuestionID], to target: ClusterID) throws -> Plan {
        try requireActiveLeaf(target)
        guard !questions.isEmpty else { throw Refusal(description: "Mark the questions to move first") }
        var plan = Plan(clusterIDs: [target], summary: "Moved \(questions.count) question\(questions.count == 1 ? "" : "s") to \u{201C}\(try label(target))\u{201D}")
        try reassign(questions, to: target, in: &plan)
        return plan
    }
}
