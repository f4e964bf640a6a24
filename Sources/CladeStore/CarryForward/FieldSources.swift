import CladeCore
import Foundation
import GRDB

/// Which decision set each field of a reviewed cluster to the value in force, so every carried or
/// not-carried item cites the decision it comes from (a label its relabel or split, a priority its
/// set_priority), not merely the cluster's latest decision. Undo and redo give back a value an
/// earlier decision set, so they are not setters themselves.
struct FieldSources {
    private var setter: [String: Int64] = [:]

    init(_ db: Database, run: RunID) throws {
        let rows = try Row.fetchAll(db, sql: """
            SELECT decision_id, old_json, new_json FROM clade_decisions
            WHERE run_id = ? AND op NOT IN (?, ?) ORDER BY decision_id
            """, arguments: [run, DecisionOp.undo, DecisionOp.redo])
        for row in rows {
            guard let old = try? DecisionLog.unwrap(row["old_json"]), let new = try? DecisionLog.unwrap(row["new_json"]) else { continue }
            let id: Int64 = row["decision_id"]
            for (key, value) in new.clusterState {
                guard let after = value else { continue }
                let before = (old.clusterState[key] ?? nil) ?? ClusterStateRow(runID: after.runID)
                for (field, now, was) in Self.fields(after, before) where now != was {
                    setter["\(key)|\(field)|\(now)"] = id
                }
            }
        }
    }

    /// The decision that set `field` of cluster `c` to `value`, if one did.
    func source(_ c: ClusterID, _ field: String, _ value: String) -> Int64? { setter["\(c)|\(field)|\(value)"] }

    static func fields(_ a: ClusterStateRow, _ b: ClusterStateRow) -> [(String, String, String)] {
        func s<T>(_ v: T?) -> String { v.map { "\($0)" } ?? "nil" }
        return [
            ("name", s(a.name), s(b.name)), ("description", s(a.description), s(b.description)), ("status", a.status.rawValue, b.status.rawValue),
            ("priority", s(a.priority), s(b.priority)), ("issue_type", s(a.issueType), s(b.issueType)), ("action", s(a.action), s(b.action)),
            ("note", a.note, b.note), ("reviewed", "\(a.reviewed)", "\(b.reviewed)"),
            ("prioritisation", "\(s(a.impact)) \(s(a.effort)) \(s(a.risk)) \(s(a.success))", "\(s(b.impact)) \(s(b.effort)) \(s(b.risk)) \(s(b.success))"),
        ]
    }

    /// The source of each field of a row as it stands, falling back to the cluster's latest decision.
    func sources(of c: ClusterID, row: ClusterStateRow, fallback: Int64?) -> (label: Int64?, dismiss: Int64?, priority: Int64?, issueType: Int64?,
                                                                               action: Int64?, note: Int64?, reviewed: Int64?, prioritisation: Int64?) {
        let f = Self.fields(row, row)
        func of(_ field: String) -> Int64? { source(c, field, f.first { $0.0 == field }!.1) ?? fallback }
        let label = row.name != nil ? of("name") : of("description")
        return (label, of("status"), of("priority"), of("issue_type"), of("action"), of("note"), of("reviewed"), of("prioritisation"))
    }
}
