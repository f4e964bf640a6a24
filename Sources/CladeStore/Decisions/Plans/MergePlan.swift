import CladeCore
import GRDB

/// `m`: the sources are marked merged into the target; a new name renames the target.
extension DecisionPlanner {
    func merge(_ sources: [ClusterID], into target: ClusterID, name: String?) throws -> Plan {
        let sources = sources.filter { $0 != target }
        guard !sources.isEmpty else { throw Refusal(description: "Pick at least one other cluster to merge") }
        try requireActiveLeaf(target)
        for s in sources { try requireActiveLeaf(s) }
        let names = try sources.map(label).map { "\u{201C}\($0)\u{201D}" }.joined(separator: ", ")
        var plan = Plan(clusterIDs: [target] + sources, summary: "Merged \(names) into \u{201C}\(try label(target))\u{201D}")
        for s in sources {
            try updateCluster(s, in: &plan) { row in
                row.status = .merged
                row.mergedInto = target
            }
        }
        if let name, !name.isEmpty, name != (try label(target)) {
            try updateCluster(target, in: &plan) { $0.name = name }
            plan.summary += " as \u{201C}\(name)\u{201D}"
        }
        return plan
    }
}
