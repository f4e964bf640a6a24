import CladeCore
import GRDB

/// `c` / `x`: a capability's verdict on a cluster.
extension DecisionPlanner {
    func capabilityVerdict(_ c: ClusterID, _ cap: CapabilityID, _ verdict: CapabilityVerdict?) throws -> Plan {
        try requireCluster(c)
        var plan = Plan(clusterIDs: [c], summary: "")
        let key = "\(c):\(cap)"
        plan.old.clusterCapabilities[key] = .some(try CurrentState.verdict(db, c, cap))
        plan.new.clusterCapabilities[key] = .some(verdict?.rawValue)
        let name = try capabilityName(cap)
        let cluster = try label(c)
        if let verdict {
            plan.summary = "\(verdict == .confirmed ? "Confirmed" : "Rejected") \u{201C}\(name)\u{201D} on \u{201C}\(cluster)\u{201D}"
        } else {
            plan.summary = "Cleared the verdict on \u{201C}\(name)\u{201D} for \u{201C}\(cluster)\u{201D}"
        }
        return plan
    }
}
