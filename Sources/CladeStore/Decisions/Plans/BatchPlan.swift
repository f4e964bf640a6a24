import CladeCore
import GRDB

/// The same annotation on several marked clusters: one change set, one log row, so one undo
/// reverts them all. Each part is planned as it would be alone; the first value read for a key
/// is its old value and the last planned is its new one.
extension DecisionPlanner {
    func batch(_ parts: [DecisionRequest]) throws -> Plan {
        guard let first = parts.first else { throw Refusal(description: "Nothing to record") }
        for part in parts {
            switch part {
            case .relabel, .setPriority, .setIssueType, .setAction, .setNote, .setReviewed, .dismiss, .restore,
                 .capabilityVerdict, .setPrioritisation:
                continue
            default:
                throw Refusal(description: "Only annotations of clusters can be recorded together")
            }
        }
        if parts.count == 1 { return try self.plan(first) }
        var plan = Plan(summary: "")
        var labels: [String] = []
        for part in parts {
            let one = try self.plan(part)
            for (key, value) in one.old.clusterState where plan.old.clusterState.index(forKey: key) == nil { plan.old.clusterState[key] = value }
            for (key, value) in one.old.overrides where plan.old.overrides.index(forKey: key) == nil { plan.old.overrides[key] = value }
            for (key, value) in one.old.clusterCapabilities where plan.old.clusterCapabilities.index(forKey: key) == nil { plan.old.clusterCapabilities[key] = value }
            for (key, value) in one.old.capabilities where plan.old.capabilities.index(forKey: key) == nil { plan.old.capabilities[key] = value }
            for (key, value) in one.old.settings where plan.old.settings.index(forKey: key) == nil { plan.old.settings[key] = value }
            plan.new.clusterState.merge(one.new.clusterState) { $1 }
            plan.new.overrides.merge(one.new.overrides) { $1 }
            plan.new.clusterCapabilities.merge(one.new.clusterCapabilities) { $1 }
            plan.new.capabilities.merge(one.new.capabilities) { $1 }
            plan.new.settings.merge(one.new.settings) { $1 }
            for c in one.clusterIDs where !plan.clusterIDs.contains(c) {
                plan.clusterIDs.append(c)
                labels.append("\u{201C}\(try label(c))\u{201D}")
            }
            plan.questionIDs += one.questionIDs
        }
        let change = Self.change(first)
        plan.summary = Self.batchSummary(first, count: plan.clusterIDs.count, uniform: change != nil && parts.allSatisfy { Self.change($0) == change })
            + ": " + Self.nameList(labels)
        return plan
    }

    /// What the batch did, in the words the single decision uses: "Set 3 clusters to P1".
    static func batchSummary(_ first: DecisionRequest, count n: Int, uniform: Bool) -> String {
        let clusters = "\(n) clusters"
        guard uniform else { return "Recorded \(n) decisions on \(clusters)" }
        switch first {
        case .setPriority(_, let p): return p.map { "Set \(clusters) to P\($0)" } ?? "Cleared the priority of \(clusters)"
        case .setReviewed(_, let r): return "\(r ? "Marked" : "Unmarked") \(clusters) as reviewed"
        case .dismiss(_, let reason): return "Dismissed \(clusters) (\(reason == .redirect ? "redirect" : "out of scope"))"
        case .restore: return "Restored \(clusters)"
        case .setIssueType(_, let t): return "Marked \(clusters) as \(t?.rawValue ?? "unclassified") issues"
        case .setAction(_, let a): return "Set the action of \(clusters) to \(a?.title ?? "the segment's default")"
        case .setNote(_, let note): return note.isEmpty ? "Cleared the note on \(clusters)" : "Noted on \(clusters) (\(note))"
        case .relabel(_, _, let description): return description.map { "Described \(clusters) (\($0))" } ?? "Relabelled \(clusters)"
        default: return "Recorded \(n) decisions"
        }
    }

    /// What a part changes, without the cluster it changes: parts alike share one summary.
    static func change(_ request: DecisionRequest) -> String? {
        switch request {
        case .setPriority(_, let p): "priority \(p.map(String.init) ?? "-")"
        case .setReviewed(_, let r): "reviewed \(r)"
        case .dismiss(_, let reason): "dismiss \(reason.rawValue)"
        case .restore: "restore"
        case .setIssueType(_, let t): "issue \(t?.rawValue ?? "-")"
        case .setAction(_, let a): "action \(a?.rawValue ?? "-")"
        case .setNote(_, let note): "note \(note)"
        case .relabel(_, _, let description): description.map { "description \($0)" }
        default: nil
        }
    }

    /// "“A”, “B” and “C”", or the first three "and 4 more".
    static func nameList(_ labels: [String]) -> String {
        let shown = labels.prefix(3)
        let rest = labels.count - shown.count
        if rest > 0 { return shown.joined(separator: ", ") + " and \(rest) more" }
        guard shown.count > 1 else { return shown.joined() }
        return shown.dropLast().joined(separator: ", ") + " and " + shown.last!
    }
}
