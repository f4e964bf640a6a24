import CladeCore
import GRDB

/// `e` in the prioritised list: impact, effort, risk and chance of success.
extension DecisionPlanner {
    func setPrioritisation(_ c: ClusterID, _ inputs: PrioritisationInputs) throws -> Plan {
        return try annotate(c, "Set the prioritisation inputs of \u{201C}\(try label(c))\u{201D}") { row in
            row.impact = inputs.impact
            row.effort = inputs.effort
            row.risk = inputs.risk
            row.success = inputs.success
        }
    }
}
