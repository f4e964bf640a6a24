import CladeCore
import GRDB

/// `p`: the priority annotation.
extension DecisionPlanner {
    func setPriority(_ c: ClusterID, _ p: Int?) throws -> Plan {
        if let p, !(0...3).contains(p) { throw Refusal(description: "Priorities run from P0 to P3") }
        return try annotate(c, p.map { "Set \u{201C}\(try label(c))\u{201D} to P\($0)" } ?? "Cleared the priority of \u{201C}\(try label(c))\u{201D}") { $0.priority = p }
    }
}
