import CladeCore
import GRDB

/// `a`: the action annotation (nil: the segment's default).
extension DecisionPlanner {
    func setAction(_ c: ClusterID, _ a: ClusterAction?) throws -> Plan {
        return try annotate(c, "Set the action of \u{201C}\(try label(c))\u{201D} to \(a?.title ?? "the segment's default")") { $0.action = a?.rawValue }
    }
}
