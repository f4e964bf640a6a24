import CladeCore
import GRDB

/// `r` and `D`: a new name, or a description under the same name.
extension DecisionPlanner {
    func relabel(_ c: ClusterID, name: String, description: String?) throws -> Plan {
        let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw Refusal(description: "A cluster needs a name") }
        try requireCluster(c)
        let before = try label(c)
        let summary = trimmed == before && description != nil
            ? "Described \u{201C}\(before)\u{201D}: \(description!)"
            : "Relabelled \u{201C}\(before)\u{201D} as \u{201C}\(trimmed)\u{201D}"
        var plan = Plan(clusterIDs: [c], summary: summary)
        try updateCluster(c, in: &plan) { row in
            row.name = trimmed
            if let description { row.description = description }
        }
        return plan
    }
}
