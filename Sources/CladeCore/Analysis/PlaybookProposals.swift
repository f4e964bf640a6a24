import Foundation

/// The review queue's findings that are not about structure: clusters whose segment (volume ×
/// relevance × satisfaction) calls for a decision the reviewer has not made yet — the danger zone,
/// answers that fail, the odd cells, the small unhappy ones. Enter opens the action dialog with
/// the playbook's default for the cell.
///
/// Ranked with the structural proposals by the questions at stake: the weighted questions of the
/// cluster that were answered badly (its volume × its unsatisfied share), times the chance the
/// playbook's action settles them. A canned "we don't do that" settles every one; fixing retrieval
/// or generation about half (the playbook's default chance of success); the cells the playbook
/// acts on only "when cheap", a quarter. Siblings under one parent in the same cell are one
/// proposal: the reviewer decides them together ("these scheduling questions are not a priority").
public enum PlaybookProposals {
    /// Clusters without a reviewer's action, priority, issue type or review mark, whose cell
    /// calls for more than monitoring or promoting.
    public static func make(_ dataset: Dataset) -> [QueueProposal] {
        var groups: [(segment: Segment, action: ClusterAction, members: [Cluster])] = []
        var index: [String: Int] = [:]
        for cluster in dataset.clusters where dataset.isLeaf(cluster.id) && isOpen(cluster) {
            let segment = dataset.segment(of: cluster)
            guard segment.isJudged, let action = segment.defaultAction, chance(segment) > 0 else { continue }
            let key = cluster.parentID.map { "\($0)|\(segment.code())" } ?? "\(cluster.id)"
            if let i = index[key] { groups[i].members.append(cluster) } else {
                index[key] = groups.count
                groups.append((segment, action, [cluster]))
            }
        }
        return groups.map { proposal($0.members, segment: $0.segment, action: $0.action, in: dataset) }
    }

    static func isOpen(_ c: Cluster) -> Bool {
        !c.isOutlier && !c.dismissed && !c.reviewed && c.action == nil && c.priority == nil && c.issueType == nil && c.stats.rows > 0
    }

    /// The share of the unhappy questions the cell's default action can be expected to settle.
    static func chance(_ segment: Segment) -> Double {
        switch (segment.volume, segment.relevance, segment.satisfaction) {
        case (.low, .low, .low): 1
        case (.high, .low, .low), (.high, .high, .low): 0.5
        case (.low, .high, .low), (.high, .low, .high), (.low, .low, .high): 0.25
        default: 0
        }
    }

    static func proposal(_ members: [Cluster], segment: Segment, action: ClusterAction, in dataset: Dataset) -> QueueProposal {
        let stats = members.dropFirst().reduce(members[0].stats) { $0 + $1.stats }
        let unhappy = stats.volume * (1 - (stats.satisfaction ?? 1))
        let names = members.map { "\u{201C}\($0.name)\u{201D}" }
        let subject: String
        if members.count == 1 {
            subject = names[0]
        } else if let parent = members[0].parentID.flatMap(dataset.cluster) {
            subject = "the \(members.count) clusters of \u{201C}\(parent.name)\u{201D}"
        } else {
            subject = names.joined(separator: ", ")
        }
        let share = dataset.total.volume > 0 ? stats.volume / dataset.total.volume : 0
        var figures = [String(format: "%.1f%% of questions", share * 100)]
        if let r = stats.meanRelevance { figures.append(String(format: "relevance %.2f", r)) }
        if let s = stats.satisfaction { figures.append(String(format: "%.0f%% satisfied of %@ rated", s * 100, Format.count(stats.ratedRows))) }
        let cell = (members.count == 1 ? "" : members.count == 2 ? "both " : "all \(members.count) ") + "\(segment.code()) \(segment.reading)"
            + (members.count == 1 ? " — " : " — together ")
        return QueueProposal(
            kind: .playbook(clusters: members.map(\.id), segment: segment, action: action),
            improvement: unhappy * chance(segment),
            title: action == .investigate ? "Investigate " + subject : capitalized(action.title) + " for " + subject,
            evidence: cell + figures.joined(separator: ", ") + "; ≈\(Format.count(Int(unhappy.rounded()))) answered badly")
    }

    static func capitalized(_ s: String) -> String { s.prefix(1).uppercased() + s.dropFirst() }
}
