import CladeCore
import GRDB

/// `y`: the reviewed flag.
extension DecisionPlanner {
    func setReviewed(_ c: ClusterID, _ reviewed: Bool) throws -> Plan {
        return try annotate(c, "\(reviewed ? "Marked" : "Unmarked") \u{201C}\(try label(c))\u{201D} as reviewed") { $0.reviewed = reviewed }
    }
}
