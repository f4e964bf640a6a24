import CladeCore
import Foundation
import GRDB

/// What a decision did to the cached figures, per cluster: the sums it added to the clusters its
/// questions moved to and took from those they left. A split of 12,000 questions is a few rows
/// here. Kept beside the decision (`clade_decision_figures`) so that its undo and redo apply it
/// negated or as is instead of reading every moved question again.
///
/// Valid only for the figures it was computed against: the table is emptied whenever the
/// statistics cache is rebuilt or dropped, and a decision without a row falls back to reading
/// its questions.
struct FiguresDelta: Codable, Equatable {
    struct Sums: Codable, Equatable {
        var run: RunID
        var cluster: ClusterID
        /// 1: added to the cluster, -1: taken from it.
        var sign: Int
        var rows: Int
        var volume: Double
        var relevanceWeight: Double
        var relevanceSum: Double
        var ratedRows: Int
        var ratedWeight: Double
        var satisfiedWeight: Double
        var sampledRows: Int

        var stats: ClusterStats {
            ClusterStats(rows: rows, volume: volume, relevanceWeight: relevanceWeight, relevanceSum: relevanceSum,
                         ratedRows: ratedRows, ratedWeight: ratedWeight, satisfiedWeight: satisfiedWeight, sampledRows: sampledRows)
        }
    }

    /// A signed volume of one cluster's week or capability.
    struct Cell: Codable, Equatable {
        var run: RunID
        var cluster: ClusterID
        var key: Int64
        var volume: Double
    }

    var sums: [Sums] = []
    var weekly: [Cell] = []
    var capabilities: [Cell] = []

    var clusters: Set<ClusterID> { Set(sums.map(\.cluster)) }

    /// The delta that takes the figures back: what was added is taken away and the reverse.
    func negated() -> FiguresDelta {
        FiguresDelta(
            sums: sums.map { var s = $0; s.sign = -s.sign; return s },
            weekly: weekly.map { var c = $0; c.volume = -c.volume; return c },
            capabilities: capabilities.map { var c = $0; c.volume = -c.volume; return c }
        )
    }

    static func sums(run: RunID, cluster: ClusterID, sign: Int, _ s: ClusterStats) -> Sums {
        Sums(run: run, cluster: cluster, sign: sign, rows: s.rows, volume: s.volume, relevanceWeight: s.relevanceWeight,
             relevanceSum: s.relevanceSum, ratedRows: s.ratedRows, ratedWeight: s.ratedWeight, satisfiedWeight: s.satisfiedWeight,
             sampledRows: s.sampledRows)
    }

    // MARK: Kept beside the decision

    static let ddl = """
    CREATE TABLE clade_decision_figures (
        decision_id INTEGER PRIMARY KEY,
        delta_json  TEXT NOT NULL
    );
    """

    static func tableExists(_ db: Database) throws -> Bool { try db.tableExists("clade_decision_figures") }

    func store(_ db: Database, decision: Int64) throws {
        guard try Self.tableExists(db) else { return }
        let json = String(decoding: try ChangeSet.encoder.encode(self), as: UTF8.self)
        try db.execute(sql: "INSERT OR REPLACE INTO clade_decision_figures (decision_id, delta_json) VALUES (?, ?)", arguments: [decision, json])
    }

    /// The delta kept for a decision; nil when none was kept (or it does not decode: the caller
    /// then reads the questions).
    static func stored(_ db: Database, decision: Int64) throws -> FiguresDelta? {
        guard try tableExists(db),
              let json = try String.fetchOne(db, sql: "SELECT delta_json FROM clade_decision_figures WHERE decision_id = ?", arguments: [decision])
        else { return nil }
        return try? JSONDecoder().decode(FiguresDelta.self, from: Data(json.utf8))
    }

    /// Forgets every kept delta: the figures they were computed against are gone.
    static func clear(_ db: Database) throws {
        guard try tableExists(db) else { return }
        try db.execute(sql: "DELETE FROM clade_decision_figures")
    }
}
