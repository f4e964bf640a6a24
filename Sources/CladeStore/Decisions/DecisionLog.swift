import CladeCore
import Foundation
import GRDB

/// Reads the append-only decision log: history, what undo and redo would act on, and replay.
public enum DecisionLog {
    /// Decision ids whose effect is in force and can be undone (last = next to undo), and undo
    /// rows that can be redone (last = next to redo). Derived from the log alone, so undo and
    /// redo survive restarts. Only the run under review counts: after a re-import, `u` never
    /// reaches back into the decisions of an earlier run.
    static func stacks(_ db: Database) throws -> (undo: [Int64], redo: [Int64]) {
        var undo: [Int64] = []
        var redo: [Int64] = []
        let rows = try Row.fetchCursor(db, sql: """
            SELECT decision_id, op, undoes FROM clade_decisions WHERE run_id = ? ORDER BY decision_id
            """, arguments: [try DatasetLoader.latestRun(db)])
        while let row = try rows.next() {
            let id: Int64 = row["decision_id"]
            let op: DecisionOp = row["op"]
            switch op {
            case .undo:
                undo.removeAll { $0 == (row["undoes"] as Int64?) }
                redo.append(id)
            case .redo:
                redo.removeAll { $0 == (row["undoes"] as Int64?) }
                undo.append(id)
            default:
                undo.append(id)
                redo.removeAll()
            }
        }
        return (undo, redo)
    }

    public struct UndoRedo: Equatable, Sendable {
        public var undo: String?
        public var redo: String?
    }

    /// What `u` and `Ctrl-r` would do now, for the status line.
    public static func undoRedo(_ app: AppDatabase) throws -> UndoRedo {
        guard app.hasCladeTables else { return UndoRedo() }
        return try app.writer.read { db in
            let s = try stacks(db)
            func summary(_ id: Int64?) throws -> String? {
                guard let id else { return nil }
                return try String.fetchOne(db, sql: "SELECT \(summarySQL) FROM clade_decisions WHERE decision_id = ?", arguments: [id])
            }
            return UndoRedo(undo: try summary(s.undo.last), redo: try summary(s.redo.last))
        }
    }

    /// Every decision in order, optionally only those after `since`.
    public static func records(_ app: AppDatabase, since: Int64 = 0) throws -> [DecisionRecord] {
        guard app.hasCladeTables else { return [] }
        return try app.writer.read { db in try records(db, since: since) }
    }

    static func records(_ db: Database, since: Int64) throws -> [DecisionRecord] {
        try DecisionRow.fetchAll(db, sql: "SELECT * FROM clade_decisions WHERE decision_id > ? ORDER BY decision_id", arguments: [since]).map { row in
            DecisionRecord(
                id: row.decisionID ?? 0, runID: row.runID, at: row.at, reviewer: row.reviewer, op: row.op,
                clusterIDs: decodeIDs(row.clusterIDs), questionIDs: decodeIDs(row.questionIDs), note: row.note, undoes: row.undoes,
                summary: (try? summary(ofJSON: row.newJSON)) ?? ""
            )
        }
    }

    /// Rebuilds Clade's state tables from the log alone: empties them, then applies every
    /// decision's new values in order. The result must equal the state kept incrementally.
    public static func replay(_ db: Database) throws {
        for table in stateTables { try db.execute(sql: "DELETE FROM \(table)") }
        // The statistics cache follows the state; rebuild it from scratch afterwards.
        try StatsCache.invalidate(db)
        defer { if let run = try? RunID.fetchOne(db, sql: "SELECT MAX(run_id) FROM runs") { try? StatsCache.ensure(db, run: run) } }
        let rows = try Row.fetchCursor(db, sql: "SELECT decision_id, new_json FROM clade_decisions ORDER BY decision_id")
        while let row = try rows.next() {
            try unwrap(row["new_json"], decision: row["decision_id"]).apply(db, decisionID: row["decision_id"])
        }
    }

    /// The tables a replay rebuilds (settings other than thresholds are kept outside the log).
    public static let stateTables = ["clade_cluster_state", "clade_assignment_override", "clade_cluster_capability", "clade_capabilities", "clade_settings"]

    // MARK: JSON

    /// A change set as the log stores it: its keys, plus `summary` on the new values. Encoded in
    /// one pass (a move of 20,000 questions is 20,000 keys).
    static func wrap(_ changes: ChangeSet, summary: String?) throws -> String {
        // Overrides taken from the log as text (an undo or redo) go back as that text.
        if let raw = changes.overridesJSON {
            var rest = changes
            rest.overridesJSON = nil
            rest.overrides = [:]
            return try splice(overrides: raw, into: encoded(rest, summary: summary)) ?? encoded(changes.withOverridesDecoded(), summary: summary)
        }
        // A split or move of thousands of questions: their overrides (digit keys, integer or null
        // values) are written directly, in the encoder's sorted order; the rest by the encoder.
        let plainKeys = changes.overrides.keys.allSatisfy { !$0.isEmpty && $0.utf8.allSatisfy { $0 == UInt8(ascii: "-") || (48...57).contains($0) } }
        guard changes.overrides.count > 64, plainKeys else { return try encoded(changes, summary: summary) }
        var rest = changes
        rest.overrides = [:]
        // `<` on these ASCII keys is the encoder's byte order, and much cheaper than comparing UTF-8 views.
        let pairs = changes.overrides.sorted { $0.key < $1.key }.map { key, cluster -> String in
            "\"\(key)\":" + (cluster.map(String.init) ?? "null")
        }
        return try splice(overrides: "{" + pairs.joined(separator: ",") + "}", into: encoded(rest, summary: summary)) ?? encoded(changes, summary: summary)
    }

    /// `json` (encoded with no overrides) with `overrides`, a JSON object's text, in their place.
    static func splice(overrides: String, into json: String) -> String? {
        let empty = "\"assignment_override\":{}"
        guard let range = json.range(of: empty) else { return nil }
        return json.replacingCharacters(in: range, with: "\"assignment_override\":" + overrides)
    }

    static func encoded(_ changes: ChangeSet, summary: String?) throws -> String {
        String(decoding: try ChangeSet.encoder.encode(Wrapped(changes: changes, summary: summary)), as: UTF8.self)
    }

    struct Wrapped: Encodable {
        var changes: ChangeSet
        var summary: String?

        enum Key: String, CodingKey { case summary }

        func encode(to encoder: Encoder) throws {
            try changes.encode(to: encoder)
            var container = encoder.container(keyedBy: Key.self)
            try container.encodeIfPresent(summary, forKey: .summary)
        }
    }

    static func unwrap(_ json: String, decision: Int64? = nil) throws -> ChangeSet {
        try ChangeSet.decode(json, decision: decision)
    }

    /// `summary(ofJSON:)` for SQLite, which reads the one key without parsing the change set
    /// into Swift: the text, or '' when it is missing or not a text.
    static let summarySQL = "CASE WHEN json_type(new_json, '$.summary') = 'text' THEN json_extract(new_json, '$.summary') ELSE '' END"

    static func summary(ofJSON json: String) throws -> String {
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        return object?["summary"] as? String ?? ""
    }

    static func encodeIDs(_ ids: [Int64]) -> String { "[" + ids.map(String.init).joined(separator: ",") + "]" }

    static func decodeIDs(_ json: String?) -> [Int64] {
        guard let json, let data = json.data(using: .utf8), let list = try? JSONSerialization.jsonObject(with: data) as? [Any] else { return [] }
        return list.compactMap { ($0 as? NSNumber)?.int64Value }
    }
}
