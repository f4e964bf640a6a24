import CladeCore
import GRDB

/// `A`: a new expert capability, confirmed on a cluster.
extension DecisionPlanner {
    func addCapability(_ name: String, description: String, confirmOn cluster: ClusterID?) throws -> Plan {
        let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw Refusal(description: "A capability needs a name") }
        let taken = try Int.fetchOne(db, sql: """
            SELECT (SELECT COUNT(*) FROM capabilities WHERE lower(name) = lower(?)) + (SELECT COUNT(*) FROM clade_capabilities WHERE lower(name) = lower(?))
            """, arguments: [trimmed, trimmed]) ?? 0
        guard taken == 0 else { throw Refusal(description: "A capability named \u{201C}\(trimmed)\u{201D} exists already") }
        let id = try CladeIDs.nextExpertCapability(db)
        var plan = Plan(summary: "Added the capability \u{201C}\(trimmed)\u{201D}")
        plan.old.capabilities[String(id)] = .some(nil)
        plan.new.capabilities[String(id)] = CapabilityRow(name: trimmed, description: description)
        if let cluster {
            try requireCluster(cluster)
            plan.clusterIDs = [cluster]
            plan.old.clusterCapabilities["\(cluster):\(id)"] = .some(nil)
            plan.new.clusterCapabilities["\(cluster):\(id)"] = CapabilityVerdict.confirmed.rawValue
            plan.summary += " on \u{201C}\(try label(cluster))\u{201D}"
        }
        return plan
    }
}
