import CladeCore
import Foundation
import GRDB

/// The reviewed state of one cluster: a row of `clade_cluster_state` (without its key and
/// bookkeeping columns).
struct ClusterStateRow: Codable, Equatable {
    var runID: Int64
    var origin: ClusterOrigin = .pipeline
    var parentID: Int64?
    var name: String?
    var description: String?
    var status: ClusterStatus = .active
    var mergedInto: Int64?
    var priority: Int?
    var issueType: String?
    var action: String?
    var reviewed: Bool = false
    var note: String = ""
    var impact: Double?
    var effort: Double?
    var risk: Double?
    var success: Double?

    enum CodingKeys: String, CodingKey {
        case runID = "run_id", origin, parentID = "parent_id", name, description, status, mergedInto = "merged_into"
        case priority, issueType = "issue_type", action, reviewed, note, impact, effort, risk, success
    }

    /// A pipeline cluster nobody has touched: no row is kept for it.
    func isPristine() -> Bool { self == ClusterStateRow(runID: runID) }
}

/// A capability the reviewer added.
struct CapabilityRow: Codable, Equatable {
    var name: String
    var description: String
}

/// The state a decision changes: for each key touched, its value (nil: no row). A decision
/// stores the values before (`old_json`) and after (`new_json`); undo applies a decision's old
/// values, replay applies every decision's new values in order.
struct ChangeSet: Codable, Equatable {
    var clusterState: [String: ClusterStateRow?] = [:]
    var overrides: [String: Int64?] = [:]
    var clusterCapabilities: [String: String?] = [:]
    var capabilities: [String: CapabilityRow?] = [:]
    var settings: [String: String?] = [:]
    /// The overrides as the log's JSON object text (`{"17":-3,"18":null}`), when an undo or redo
    /// takes them from the log as they are: SQLite reads and writes them, with no Swift value per
    /// question. `overrides` is then empty. Never encoded as such (`DecisionLog.wrap` splices it).
    var overridesJSON: String? = nil

    enum CodingKeys: String, CodingKey {
        case clusterState = "cluster_state", overrides = "assignment_override"
        case clusterCapabilities = "cluster_capability", capabilities, settings
    }

    var isEmpty: Bool {
        clusterState.isEmpty && overrides.isEmpty && overridesJSON == nil && clusterCapabilities.isEmpty && capabilities.isEmpty && settings.isEmpty
    }

    /// Writes these values into Clade's state tables; returns the clusters whose cached figures changed.
    @discardableResult
    func apply(_ db: Database, decisionID: Int64) throws -> Set<ClusterID> {
        try applying(db, decisionID: decisionID, figures: nil).figuresChanged
    }

    /// `apply`, also returning the change it made to the cached figures (nil: no override, or no
    /// cache). `known`: that change when the caller has it (an undo has its decision's, negated):
    /// the moved questions are then not read at all.
    /// `placements`: where the planner found the questions (the figures' delta then needs no
    /// second read of the assignments).
    func applying(_ db: Database, decisionID: Int64, figures known: FiguresDelta?,
                  placements: [QuestionID: DecisionPlanner.Placement] = [:]) throws -> (figuresChanged: Set<ClusterID>, figures: FiguresDelta?) {
        var figuresChanged = Set<ClusterID>()
        var figures: FiguresDelta?
        // Keys are ids written by Clade; one that is not (a hand-edited log) is skipped, never trapped on.
        for (key, row) in clusterState.sorted(by: { $0.key < $1.key }) {
            guard let id = Int64(key) else { continue }
            if let row {
                try ClusterStateRecord(clusterID: id, state: row, lastDecisionID: decisionID).insert(db, onConflict: .replace)
            } else {
                try db.execute(sql: "DELETE FROM clade_cluster_state WHERE cluster_id = ?", arguments: [id])
            }
        }
        if !overrides.isEmpty || overridesJSON != nil {
            let moves = known == nil ? try moves(from: placements) ?? effectiveMoves(db) : [:]
            try writeOverrides(db, decisionID: decisionID)
            if let known, try StatsCache.available(db) {
                figuresChanged = try StatsCache.apply(db, known)
                figures = known
            } else if let applied = try StatsCache.move(db, moves) {
                figuresChanged = applied.clusters
                figures = applied
            }
        }
        for (key, verdict) in clusterCapabilities {
            let parts = key.split(separator: ":").compactMap { Int64($0) }
            guard parts.count == 2 else { continue }
            if let verdict {
                try ClusterCapabilityRecord(clusterID: parts[0], capabilityID: parts[1], verdict: verdict, decisionID: decisionID).insert(db, onConflict: .replace)
            } else {
                try db.execute(sql: "DELETE FROM clade_cluster_capability WHERE cluster_id = ? AND capability_id = ?", arguments: [parts[0], parts[1]])
            }
        }
        for (key, row) in capabilities {
            guard let id = Int64(key) else { continue }
            if let row {
                try CapabilityRecord(capabilityID: id, name: row.name, description: row.description, decisionID: decisionID).insert(db, onConflict: .replace)
            } else {
                try db.execute(sql: "DELETE FROM clade_capabilities WHERE capability_id = ?", arguments: [id])
            }
        }
        for (key, value) in settings {
            if let value {
                try SettingRecord(key: key, value: value).insert(db, onConflict: .replace)
            } else {
                try db.execute(sql: "DELETE FROM clade_settings WHERE key = ?", arguments: [key])
            }
        }
        return (figuresChanged, figures)
    }

    /// One statement for all upserts and one for all deletes (a split moves thousands): ids as JSON.
    func writeOverrides(_ db: Database, decisionID: Int64) throws {
        if let json = overridesJSON {
            // Keys and values were checked to be integers (or null) when the log was read.
            try db.execute(sql: """
                INSERT OR REPLACE INTO clade_assignment_override (question_id, cluster_id, decision_id)
                SELECT CAST(key AS INTEGER), value, ? FROM json_each(?) WHERE type = 'integer'
                """, arguments: [decisionID, json])
            try db.execute(sql: """
                DELETE FROM clade_assignment_override WHERE question_id IN (SELECT CAST(key AS INTEGER) FROM json_each(?) WHERE type = 'null')
                """, arguments: [json])
        }
        var upserts: [String] = []
        var deletes: [String] = []
        for (key, cluster) in overrides {
            guard let id = Int64(key) else { continue }
            if let cluster { upserts.append("[\(id),\(cluster)]") } else { deletes.append(String(id)) }
        }
        if !upserts.isEmpty {
            try db.execute(sql: """
                INSERT OR REPLACE INTO clade_assignment_override (question_id, cluster_id, decision_id)
                SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]'), ? FROM json_each(?)
                """, arguments: [decisionID, "[" + upserts.joined(separator: ",") + "]"])
        }
        if !deletes.isEmpty {
            try db.execute(sql: "DELETE FROM clade_assignment_override WHERE question_id IN (SELECT value FROM json_each(?))",
                           arguments: ["[" + deletes.joined(separator: ",") + "]"])
        }
    }

    /// `effectiveMoves` from where the planner found the questions; nil unless it found every one.
    func moves(from placements: [QuestionID: DecisionPlanner.Placement]) -> [QuestionID: (from: ClusterID, to: ClusterID)]? {
        guard overridesJSON == nil, !placements.isEmpty, placements.count >= overrides.count else { return nil }
        var moves: [QuestionID: (from: ClusterID, to: ClusterID)] = [:]
        for (key, target) in overrides {
            guard let q = Int64(key), let placed = placements[q] else { return nil }
            // A question no cluster holds is in no figure (`effectiveMoves` does not find it either).
            guard let pipeline = placed.pipeline else { continue }
            moves[q] = (placed.override ?? pipeline, target ?? pipeline)
        }
        return moves
    }

    /// For each question whose override changes: its effective cluster (before merges) now and after.
    func effectiveMoves(_ db: Database) throws -> [QuestionID: (from: ClusterID, to: ClusterID)] {
        // Only where there are figures to keep current (not in a bare copy of the state tables,
        // such as the one `clade check` replays the log into).
        guard try StatsCache.available(db), try db.tableExists("assignments") else { return [:] }
        var targets: [QuestionID: ClusterID?] = [:]
        for (key, target) in overrides { if let q = Int64(key) { targets[q] = target } }
        if let json = overridesJSON {
            let rows = try Row.fetchCursor(db, sql: "SELECT CAST(key AS INTEGER), value FROM json_each(?)", arguments: [json])
            while let row = try rows.next() { targets[row[0]] = row[1] as ClusterID? }
        }
        var moves: [QuestionID: (from: ClusterID, to: ClusterID)] = [:]
        // `IN (…)`, not a join from json_each: a pipeline's assignments without a key on
        // question_id are then read once, not once per question (quadratic: minutes for 1,000).
        let rows = try Row.fetchCursor(db, sql: """
            SELECT a.question_id, a.cluster_id, o.cluster_id FROM assignments a
            LEFT JOIN clade_assignment_override o ON o.question_id = a.question_id
            WHERE a.question_id IN (SELECT value FROM json_each(?))
            """, arguments: [CurrentState.idArray(targets.keys)])
        while let row = try rows.next() {
            let q: QuestionID = row[0]
            let pipeline: ClusterID = row[1]
            guard let target = targets[q] else { continue }
            moves[q] = ((row[2] as ClusterID?) ?? pipeline, target ?? pipeline)
        }
        return moves
    }

    /// The same change with `overridesJSON` read into `overrides`.
    func withOverridesDecoded() throws -> ChangeSet {
        guard let json = overridesJSON else { return self }
        var out = self
        out.overridesJSON = nil
        out.overrides.merge(try JSONDecoder().decode([String: Int64?].self, from: Data(json.utf8))) { $1 }
        return out
    }

    static let encoder: JSONEncoder = {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys]
        return e
    }()

    func json() throws -> String { String(decoding: try Self.encoder.encode(self), as: UTF8.self) }

    /// A change set from the log; one that does not decode (a status this build does not know,
    /// say) is one clear line naming the decision.
    static func decode(_ json: String, decision: Int64? = nil) throws -> ChangeSet {
        do {
            return try JSONDecoder().decode(ChangeSet.self, from: Data(json.utf8))
        } catch let error as DecodingError {
            throw StoredValueError.changeSet(decision: decision, error)
        }
    }
}

/// Reads the current values of the keys a decision will change.
enum CurrentState {
    static func clusterState(_ db: Database, _ id: ClusterID) throws -> ClusterStateRow? {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM clade_cluster_state WHERE cluster_id = ?", arguments: [id]) else { return nil }
        return try ClusterStateRow.read(row)
    }

    /// Ids as a JSON array, for `json_each(?)`: one statement for any number of them.
    static func idArray(_ ids: some Sequence<Int64>) -> String {
        "[" + ids.map(String.init).joined(separator: ",") + "]"
    }

    static func verdict(_ db: Database, _ cluster: ClusterID, _ cap: CapabilityID) throws -> String? {
        try String.fetchOne(db, sql: "SELECT verdict FROM clade_cluster_capability WHERE cluster_id = ? AND capability_id = ?", arguments: [cluster, cap])
    }

    static func setting(_ db: Database, _ key: String) throws -> String? {
        try String.fetchOne(db, sql: "SELECT value FROM clade_settings WHERE key = ?", arguments: [key])
    }
}
