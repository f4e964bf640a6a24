import CladeCore
import Foundation
import GRDB

/// The decisions whose effect the reviewed state still shows: what a reader of the report needs,
/// where the log keeps everything (undo and redo rows, decisions undone, values set and set again).
///
/// Derived from the change sets, not from the summaries' words: each decision sets "slots" (one
/// field of one cluster's state, one question's assignment, one verdict, one setting). A decision
/// is in force when it is the last of the decisions not undone to set some slot, and that slot
/// now differs from its value before the review touched it. So an undo chain folds to nothing or
/// to its original, a priority set twice shows once, and a dismissal later restored shows neither.
public enum DecisionsInForce {
    public static func records(_ app: AppDatabase) throws -> [DecisionRecord] {
        guard app.hasCladeTables else { return [] }
        return try app.writer.read { db in
            let all = try DecisionLog.records(db, since: 0)
            let undone = undone(all)
            var baseline: [String: String] = [:]
            var last: [String: (decision: Int64, value: String)] = [:]
            let changes = try Row.fetchCursor(db, sql: "SELECT decision_id, op, old_json, new_json FROM clade_decisions ORDER BY decision_id")
            while let row = try changes.next() {
                let id: Int64 = row["decision_id"]
                guard let op = (row["op"] as String?).flatMap(DecisionOp.init(rawValue:)), op != .undo, op != .redo, !undone.contains(id),
                      let old = try? DecisionLog.unwrap(row["old_json"]), let new = try? DecisionLog.unwrap(row["new_json"]) else { continue }
                for (slot, before, after) in slots(old: old, new: new) {
                    if baseline[slot] == nil { baseline[slot] = before }
                    last[slot] = (id, after)
                }
            }
            var inForce = Set<Int64>()
            for (slot, set) in last where baseline[slot] != set.value { inForce.insert(set.decision) }
            return all.filter { inForce.contains($0.id) }
        }
    }

    /// Decisions whose effect was undone and not redone. An undo row undoes a decision or a
    /// redo; a redo row undoes an undo: each acts on the decision its `undoes` chain ends at.
    public static func undone(_ records: [DecisionRecord]) -> Set<Int64> {
        var out = Set<Int64>()
        let byID = Dictionary(records.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        func original(_ id: Int64) -> Int64 {
            var current = id
            var seen: Set<Int64> = []
            while let r = byID[current], r.op == .undo || r.op == .redo, let next = r.undoes, seen.insert(current).inserted { current = next }
            return current
        }
        for r in records {
            guard let target = r.undoes else { continue }
            if r.op == .undo { out.insert(original(target)) } else if r.op == .redo { out.remove(original(target)) }
        }
        return out
    }

    /// Each slot a decision changed, with its value before and after (as comparable text).
    static func slots(old: ChangeSet, new: ChangeSet) -> [(String, String, String)] {
        var out: [(String, String, String)] = []
        for (key, after) in new.clusterState {
            let before = fields(old.clusterState[key] ?? nil)
            for (field, value) in fields(after) where before[field] != value {
                out.append(("cluster \(key) \(field)", before[field] ?? "", value))
            }
        }
        for (key, after) in new.overrides { out.append(("question \(key)", text(old.overrides[key] ?? nil), text(after))) }
        for (key, after) in new.clusterCapabilities { out.append(("verdict \(key)", text(old.clusterCapabilities[key] ?? nil), text(after))) }
        for (key, after) in new.capabilities {
            out.append(("capability \(key)", text((old.capabilities[key] ?? nil).map { "\($0.name)\u{1F}\($0.description)" }), text(after.map { "\($0.name)\u{1F}\($0.description)" })))
        }
        for (key, after) in new.settings { out.append(("setting \(key)", text(old.settings[key] ?? nil), text(after))) }
        return out
    }

    /// A cluster's state row as field → value; no row reads as an untouched one.
    static func fields(_ row: ClusterStateRow?) -> [String: String] {
        let r = row ?? ClusterStateRow(runID: 0)
        return [
            "origin": r.origin.rawValue, "parent": text(r.parentID), "name": text(r.name), "description": text(r.description),
            "status": r.status.rawValue, "merged_into": text(r.mergedInto), "priority": text(r.priority), "issue": text(r.issueType),
            "action": text(r.action), "reviewed": String(r.reviewed), "note": r.note, "impact": text(r.impact),
            "effort": text(r.effort), "risk": text(r.risk), "success": text(r.success),
        ]
    }

    static func text<T>(_ value: T?) -> String { value.map { "=\($0)" } ?? "" }
}
