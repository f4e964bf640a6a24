import CladeCore
import GRDB

extension StatsCache {
    /// Moves questions' contributions between effective clusters, inside a decision's transaction.
    /// `moves` maps a question to its effective cluster before and after. The questions' figures
    /// are summed per cluster first, so moving 20,000 questions writes a few rows, not 20,000.
    /// Returns the clusters whose cached rows changed.
    @discardableResult
    static func move(_ db: Database, _ moves: [QuestionID: (from: ClusterID, to: ClusterID)]) throws -> Set<ClusterID> {
        let changed = moves.filter { $0.value.from != $0.value.to }
        guard !changed.isEmpty, try available(db) else { return [] }
        struct Key: Hashable { var run: RunID; var cluster: ClusterID }
        struct WeekKey: Hashable { var key: Key; var week: Int }
        struct CapabilityKey: Hashable { var key: Key; var capability: CapabilityID }
        var gained: [Key: ClusterStats] = [:]
        var lost: [Key: ClusterStats] = [:]
        var weekly: [WeekKey: Double] = [:]
        var capabilities: [CapabilityKey: Double] = [:]

        let ids = CurrentState.idArray(changed.keys)
        var tags: [QuestionID: [CapabilityID]] = [:]
        let tagRows = try Row.fetchCursor(db, sql: """
            SELECT qc.question_id, qc.capability_id FROM question_capabilities qc WHERE qc.question_id IN (SELECT value FROM json_each(?))
            """, arguments: [ids])
        while let row = try tagRows.next() { tags[row[0], default: []].append(row[1]) }
        let rows = try Row.fetchCursor(db, sql: """
            SELECT q.question_id, q.run_id, q.weight, q.relevance, q.feedback,
                   CAST((julianday(date(q.asked_at)) - s.first_monday) / 7 AS INTEGER)
            FROM json_each(?) j JOIN questions q ON q.question_id = j.value JOIN clade_stats_runs s ON s.run_id = q.run_id
            """, arguments: [ids])
        while let row = try rows.next() {
            let q: QuestionID = row[0]
            guard let move = changed[q] else { continue }
            let run: RunID = row[1]
            let weight: Double = row[2]
            let from = Key(run: run, cluster: move.from), to = Key(run: run, cluster: move.to)
            var one = ClusterStats()
            one.add(weight: weight, relevance: row[3], feedback: row[4])
            gained[to, default: .zero] += one
            lost[from, default: .zero] += one
            // The same week as the cache was built with (a text that is not a date has none).
            if let week = row[5] as Int?, week >= 0, week < 520 {
                weekly[WeekKey(key: from, week: week), default: 0] -= weight
                weekly[WeekKey(key: to, week: week), default: 0] += weight
            }
            for cap in tags[q] ?? [] {
                capabilities[CapabilityKey(key: from, capability: cap), default: 0] -= weight
                capabilities[CapabilityKey(key: to, capability: cap), default: 0] += weight
            }
        }
        for (key, s) in gained { try adjust(db, run: key.run, cluster: key.cluster, by: s, sign: 1) }
        for (key, s) in lost { try adjust(db, run: key.run, cluster: key.cluster, by: s, sign: -1) }
        for (k, v) in weekly where v != 0 { try addWeekly(db, run: k.key.run, cluster: k.key.cluster, week: k.week, volume: v) }
        for (k, v) in capabilities where v != 0 { try addCapability(db, run: k.key.run, cluster: k.key.cluster, capability: k.capability, volume: v) }
        return Set(gained.keys.map(\.cluster)).union(lost.keys.map(\.cluster))
    }

    static func adjust(_ db: Database, run: RunID, cluster: ClusterID, by s: ClusterStats, sign: Double) throws {
        let i = Int(sign)
        try db.execute(sql: """
            INSERT INTO clade_leaf_stats VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(run_id, cluster_id) DO UPDATE SET rows = rows + excluded.rows, volume = volume + excluded.volume,
                relevance_weight = relevance_weight + excluded.relevance_weight, relevance_sum = relevance_sum + excluded.relevance_sum,
                rated_rows = rated_rows + excluded.rated_rows, rated_weight = rated_weight + excluded.rated_weight,
                satisfied_weight = satisfied_weight + excluded.satisfied_weight, sampled_rows = sampled_rows + excluded.sampled_rows
            """, arguments: [run, cluster, i * s.rows, sign * s.volume, sign * s.relevanceWeight, sign * s.relevanceSum,
                             i * s.ratedRows, sign * s.ratedWeight, sign * s.satisfiedWeight, i * s.sampledRows])
        try db.execute(sql: "DELETE FROM clade_leaf_stats WHERE run_id = ? AND cluster_id = ? AND rows = 0", arguments: [run, cluster])
    }

    static func addWeekly(_ db: Database, run: RunID, cluster: ClusterID, week: Int, volume: Double) throws {
        try db.execute(sql: """
            INSERT INTO clade_leaf_weekly VALUES (?, ?, ?, ?)
            ON CONFLICT(run_id, cluster_id, week) DO UPDATE SET volume = volume + excluded.volume
            """, arguments: [run, cluster, week, volume])
        try db.execute(sql: "DELETE FROM clade_leaf_weekly WHERE run_id = ? AND cluster_id = ? AND week = ? AND abs(volume) < 1e-9", arguments: [run, cluster, week])
    }

    static func addCapability(_ db: Database, run: RunID, cluster: ClusterID, capability: CapabilityID, volume: Double) throws {
        try db.execute(sql: """
            INSERT INTO clade_leaf_capability VALUES (?, ?, ?, ?)
            ON CONFLICT(run_id, cluster_id, capability_id) DO UPDATE SET volume = volume + excluded.volume
            """, arguments: [run, cluster, capability, volume])
        try db.execute(sql: "DELETE FROM clade_leaf_capability WHERE run_id = ? AND cluster_id = ? AND capability_id = ? AND abs(volume) < 1e-9", arguments: [run, cluster, capability])
    }
}
