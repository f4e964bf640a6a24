import CladeCore
import GRDB

/// Labels, descriptions, priorities, issue types, actions, notes, reviewed marks, dismissals,
/// prioritisation inputs and capability verdicts: what the reviewer set on one cluster, which
/// follows the cluster to its match.
extension CarryForwardEngine {
    enum Annotation {
        case label(name: String?, description: String?)
        case dismiss(DismissReason)
        case priority(Int)
        case issueType(IssueType)
        case action(ClusterAction)
        case note(String)
        case reviewed
        case prioritisation(PrioritisationInputs)
        case verdict(CapabilityID, CapabilityVerdict, name: String)

        var what: CarryForwardItem.What {
            switch self {
            case .label: .label
            case .dismiss: .dismiss
            case .priority: .priority
            case .issueType: .issueType
            case .action: .action
            case .note: .note
            case .reviewed: .reviewed
            case .prioritisation: .prioritisation
            case .verdict: .capability
            }
        }

        var detail: String {
            switch self {
            case .label(let name, let description):
                [name.map { "label \u{201C}\($0)\u{201D}" }, description.map { _ in "description" }].compactMap { $0 }.joined(separator: " and ")
            case .dismiss(let reason): "dismissed (\(reason == .redirect ? "redirect" : "out of scope"))"
            case .priority(let p): "P\(p)"
            case .issueType(let t): "issue: \(t.rawValue)"
            case .action(let a): "action: \(a.title)"
            case .note(let text): "note \u{201C}\(text.count > 40 ? String(text.prefix(39)) + "…" : text)\u{201D}"
            case .reviewed: "reviewed"
            case .prioritisation: "prioritisation inputs"
            case .verdict(_, let v, let name): "\(v.rawValue) \u{201C}\(name)\u{201D}"
            }
        }
    }

    /// Every reviewed cluster's annotations, on its match (parents on the matching parent).
    mutating func carryAnnotations() throws {
        for cluster in oldDataset.clusters {
            let s = cluster.id
            let wanted = try annotations(of: s)
            guard !wanted.isEmpty else { continue }
            let isParent = old.parents.contains(s)
            let result = isParent ? parentMatch : leafMatch
            let target = isParent ? parentMatch.matched[s]?.cluster : image[s]
            let label = old.label(s)
            guard let target else {
                let why = try groupReason[s] ?? whyUnmatched(s, in: result, members: isParent ? nil : components[s]?.count ?? 0)
                for (a, source) in wanted {
                    items.append(CarryForwardItem(
                        status: .notCarried, what: a.what, oldClusterID: s, oldLabel: label, jaccard: result.best[s]?.jaccard,
                        detail: a.detail, reason: why, sourceDecisionID: source
                    ))
                }
                continue
            }
            let jaccard = isParent ? parentMatch.matched[s]?.jaccard : imageJaccard[s]
            let targetLabel = try newLabel(target)
            for (a, source) in wanted {
                var item = CarryForwardItem(
                    status: .already, what: a.what, oldClusterID: s, oldLabel: label, newClusterID: target, newLabel: targetLabel,
                    jaccard: jaccard, detail: a.detail, sourceDecisionID: source
                )
                if try !isAlready(a, on: target) {
                    switch try commit(request(a, on: target), note: note(from: s, decision: source, jaccard: jaccard)) {
                    case .success(let record):
                        item.status = .carried
                        item.decisionID = record.id
                    case .failure(let refused):
                        item.status = .notCarried
                        item.reason = refused.description
                    }
                }
                items.append(item)
            }
        }
    }

    /// What the reviewer set on a cluster of the reviewed run, each with the decision it came from.
    func annotations(of s: ClusterID) throws -> [(Annotation, Int64?)] {
        var out: [(Annotation, Int64?)] = []
        if let state = old.states[s], state.row.status != .merged {
            let row = state.row
            let source = fieldSources.sources(of: s, row: row, fallback: state.lastDecision)
            // An empty description is no description (a split made without one): the new cluster keeps its own.
            let description = row.description.flatMap { $0.isEmpty ? nil : $0 }
            // A split made again has its name and description already; one the new run has as a
            // cluster of its own (or merged into another side's match) is relabelled.
            let splitAgain = image[s].map { madeBySplit.contains($0) } ?? true
            if row.name != nil || description != nil, !old.isExpert(s) || !splitAgain {
                out.append((.label(name: row.name, description: description), source.label))
            }
            var impliedAction: String?
            if row.status == .dismissed {
                let reason: DismissReason = row.action == ClusterAction.redirect.rawValue ? .redirect : .outOfScope
                impliedAction = reason == .redirect ? ClusterAction.redirect.rawValue : ClusterAction.tellUsers.rawValue
                out.append((.dismiss(reason), source.dismiss))
            }
            if let p = row.priority { out.append((.priority(p), source.priority)) }
            if let t = row.issueType.flatMap(IssueType.init(rawValue:)) { out.append((.issueType(t), source.issueType)) }
            if let a = row.action, a != impliedAction, let action = ClusterAction(rawValue: a) { out.append((.action(action), source.action)) }
            if !row.note.isEmpty { out.append((.note(row.note), source.note)) }
            if row.reviewed { out.append((.reviewed, source.reviewed)) }
            let inputs = PrioritisationInputs(impact: row.impact, effort: row.effort, risk: row.risk, success: row.success)
            if inputs != PrioritisationInputs() { out.append((.prioritisation(inputs), source.prioritisation)) }
        }
        for v in old.verdicts[s] ?? [] {
            let name = try String.fetchOne(db, sql: """
                SELECT name FROM capabilities WHERE capability_id = ? UNION ALL SELECT name FROM clade_capabilities WHERE capability_id = ?
                """, arguments: [v.capability, v.capability]) ?? "capability \(v.capability)"
            out.append((.verdict(v.capability, v.verdict, name: name), v.decision))
        }
        return out
    }

    func request(_ a: Annotation, on t: ClusterID) throws -> DecisionRequest {
        switch a {
        case .label(let name, let description): .relabel(t, name: try name ?? newLabel(t), description: description)
        case .dismiss(let reason): .dismiss(t, reason: reason)
        case .priority(let p): .setPriority(t, p)
        case .issueType(let type): .setIssueType(t, type)
        case .action(let action): .setAction(t, action)
        case .note(let text): .setNote(t, text)
        case .reviewed: .setReviewed(t, true)
        case .prioritisation(let inputs): .setPrioritisation(t, inputs)
        case .verdict(let cap, let verdict, _): .capabilityVerdict(t, cap, verdict)
        }
    }

    /// The new cluster has this already (a split carried its name, the pipeline chose the same label…).
    func isAlready(_ a: Annotation, on t: ClusterID) throws -> Bool {
        let row = try CurrentState.clusterState(db, t)
        switch a {
        case .label(let name, let description):
            let sameName = try name.map { try $0 == newLabel(t) } ?? true
            let sameDescription = description.map { $0 == (row?.description ?? new.descriptions[t] ?? "") } ?? true
            return sameName && sameDescription
        case .dismiss: return row?.status == .dismissed
        case .priority(let p): return row?.priority == p
        case .issueType(let type): return row?.issueType == type.rawValue
        case .action(let action): return row?.action == action.rawValue
        case .note(let text): return row?.note == text
        case .reviewed: return row?.reviewed == true
        case .prioritisation(let inputs):
            return row.map { PrioritisationInputs(impact: $0.impact, effort: $0.effort, risk: $0.risk, success: $0.success) } == inputs
        case .verdict(let cap, let verdict, _): return try CurrentState.verdict(db, t, cap) == verdict.rawValue
        }
    }
}
