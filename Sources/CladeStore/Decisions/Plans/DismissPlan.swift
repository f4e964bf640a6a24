import CladeCore
import GRDB

/// `d`: dismissed (with the action it implies), or restored to active.
extension DecisionPlanner {
    func dismiss(_ c: ClusterID, reason: DismissReason) throws -> Plan {
        try requireActiveLeaf(c)
        return try annotate(c, "Dismissed \u{201C}\(try label(c))\u{201D}: \(reason.title)") { row in
            row.status = .dismissed
            row.action = reason == .redirect ? ClusterAction.redirect.rawValue : ClusterAction.tellUsers.rawValue
        }
    }

    func restore(_ c: ClusterID) throws -> Plan {
        try annotate(c, "Restored \u{201C}\(try label(c))\u{201D}") { row in
            row.status = .active
            row.action = nil
        }
    }
}
