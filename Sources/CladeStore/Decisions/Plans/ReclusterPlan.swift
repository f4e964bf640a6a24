import Foundation
import CladeCore
import GRDB

/// `s` with its parts routed, on one cluster or on several marked ones: the other sources are
/// merged into the first, kept parts become expert clusters beside it, parts routed elsewhere
/// are moved there, folded-back parts stay, and the first source may be renamed after what
/// stays. One change set, so one undo reverses all of it.
extension DecisionPlanner {
    func recluster(_ r: Recluster) throws -> Plan {
        guard let survivor = r.sources.first else { throw Refusal(description: "Pick the clusters to re-cut first") }
        guard Set(r.sources).count == r.sources.count else { throw Refusal(description: "A cluster is listed twice in the re-cut") }
        for s in r.sources { try requireActiveLeaf(s) }
        let parts = r.parts.filter { !$0.questionIDs.isEmpty }
        let all = parts.flatMap(\.questionIDs)
        guard Set(all).count == all.count else { throw Refusal(description: "A question is in two parts of the re-cut") }
        var members: Set<ClusterID> = []
        for s in r.sources { members.formUnion(try memberClusters(s)) }
        // Read once for every part: the check below, the old values and the figures' delta.
        let placed = try placements(all, expected: members)
        let stray = Self.strays(all, outside: members, placed: placed)
        guard stray == 0 else { throw Refusal(description: "\(stray) of the questions are not in \(r.sources.count == 1 ? "this cluster" : "these clusters") any more") }
        let survivorLabel = try label(survivor)
        let otherNames = try r.sources.dropFirst().map { "\u{201C}\(try label($0))\u{201D}" }
        var plan = Plan(clusterIDs: r.sources, summary: "")
        for s in r.sources.dropFirst() {
            try updateCluster(s, in: &plan) { row in
                row.status = .merged
                row.mergedInto = survivor
            }
        }
        var next = try nextExpertID()
        let parent = try parentOf(survivor)
        var made: [String] = []
        var elsewhere: [String] = []
        var targets: [ClusterID] = []
        for part in parts {
            switch part.route {
            case .foldBack:
                // Questions moved earlier into a merged source follow it into the survivor; an
                // override pointing elsewhere cannot be in a source (strays are refused above).
                continue
            case .newCluster(let name, let description):
                guard !name.trimmingCharacters(in: .whitespaces).isEmpty else { throw Refusal(description: "A kept part needs a name") }
                let id = next
                next -= 1
                plan.clusterIDs.append(id)
                plan.old.clusterState[String(id)] = .some(nil)
                plan.new.clusterState[String(id)] = ClusterStateRow(runID: runID, origin: .expert, parentID: parent, name: name, description: description)
                try reassign(part.questionIDs, to: id, in: &plan, placements: placed)
                made.append("\u{201C}\(name)\u{201D}")
            case .into(let target):
                guard !r.sources.contains(target) else { throw Refusal(description: "A part cannot be merged into a cluster being re-cut; fold it back instead") }
                try requireActiveLeaf(target)
                try reassign(part.questionIDs, to: target, in: &plan, placements: placed)
                if !targets.contains(target) { targets.append(target) }
                elsewhere.append("\(part.questionIDs.count) into \u{201C}\(try label(target))\u{201D}")
            }
        }
        plan.clusterIDs += targets
        if let name = r.name, !name.isEmpty, name != survivorLabel {
            try updateCluster(survivor, in: &plan) { $0.name = name }
        }
        if let description = r.description {
            try updateCluster(survivor, in: &plan) { $0.description = description }
        }
        let moved = parts.filter { $0.route != .foldBack }.reduce(0) { $0 + $1.questionIDs.count }
        var summary = r.sources.count == 1
            ? "Split \(moved) questions off \u{201C}\(survivorLabel)\u{201D}"
            : "Re-clustered \u{201C}\(survivorLabel)\u{201D} with " + otherNames.joined(separator: ", ") + ", \(moved) questions out"
        if !made.isEmpty { summary += " into " + made.joined(separator: ", ") }
        if !elsewhere.isEmpty { summary += (made.isEmpty ? ": " : "; ") + elsewhere.joined(separator: ", ") }
        if let name = r.name, !name.isEmpty, name != survivorLabel { summary += "; the rest is \u{201C}\(name)\u{201D}" }
        plan.summary = summary
        return plan
    }
}
