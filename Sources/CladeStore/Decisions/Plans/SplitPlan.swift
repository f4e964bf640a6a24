import CladeCore
import GRDB

/// `s`: each part becomes a new expert cluster beside the original, its questions moved to it.
extension DecisionPlanner {
    func split(_ c: ClusterID, parts: [SplitPart]) throws -> Plan {
        try requireActiveLeaf(c)
        let parts = parts.filter { !$0.questionIDs.isEmpty }
        guard !parts.isEmpty else { throw Refusal(description: "Mark the questions to split off first") }
        let members = try memberClusters(c)
        var plan = Plan(clusterIDs: [c], summary: "")
        var next = try nextExpertID()
        let parent = try parentOf(c)
        // Read once for every part: the check below, the old values and the figures' delta.
        let placed = try placements(parts.flatMap(\.questionIDs), expected: members)
        for part in parts {
            let stray = Self.strays(part.questionIDs, outside: members, placed: placed)
            guard stray == 0 else { throw Refusal(description: "\(stray) of the questions are not in this cluster any more") }
            let id = next
            next -= 1
            plan.clusterIDs.append(id)
            plan.old.clusterState[String(id)] = .some(nil)
            plan.new.clusterState[String(id)] = ClusterStateRow(
                runID: runID, origin: .expert, parentID: parent, name: part.name, description: part.description
            )
            try reassign(part.questionIDs, to: id, in: &plan, placements: placed)
        }
        let moved = parts.reduce(0) { $0 + $1.questionIDs.count }
        plan.summary = "Split \(moved) questions off \u{201C}\(try label(c))\u{201D} into " + parts.map { "\u{201C}\($0.name)\u{201D}" }.joined(separator: ", ")
        return plan
    }
}
