import CladeCore
import GRDB

/// `i`: the issue type annotation.
extension DecisionPlanner {
    func setIssueType(_ c: ClusterID, _ t: IssueType?) throws -> Plan {
        return try annotate(c, "Marked \u{201C}\(try label(c))\u{201D} as a\(t == .inventory ? "n" : "") \(t?.rawValue ?? "unclassified") issue") { $0.issueType = t?.rawValue }
    }
}
