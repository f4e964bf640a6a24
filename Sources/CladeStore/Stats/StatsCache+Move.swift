import CladeCore
import GRDB

extension StatsCache {
    /// Moves questions' contributions between effective clusters, inside a decision's transaction.
    /// `moves` maps a question to its effective cluster before and after. The questions' figures
    /// are summed per cluster first, so moving 20,000 questions writes a few rows, not 20,000.
    /// Returns what it applied (nil without the cache), for the decision to keep.
    static func move(_ db: Database, _ moves: [QuestionID: (from: ClusterID, to: ClusterID)]) throws -> FiguresDelta? {
        guard try available(db) else { return nil }
        let delta = try delta(db, moves)
        try apply(db, delta)
        return delta
    }

    /// The per-cluster change of the figures that `moves` make: each moved question's figures
    /// read once (weight, relevance, feedback, week, tags) and summed by cluster.
    static func delta(_ db: Database, _ moves: [QuestionID: (from: ClusterID, to: ClusterID)]) throws -> FiguresDelta {
        let changed = moves.filter { $0.value.from != $0.value.to }
        guard !changed.isEmpty else { return FiguresDelta() }
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
        // In a stable order, so that the same decision keeps the same delta text.
        func ordered<K>(_ d: [K: ClusterStats], by key: (K) -> Key) -> [(K, ClusterStats)] {
            d.sorted { (key($0.key).run, key($0.key).cluster) < (key($1.key).run, key($1.key).cluster) }.map { ($0.key, $0.value) }
        }
        var delta = FiguresDelta()
        for (k, s) in ordered(gained, by: { $0 }) { delta.sums.append(FiguresDelta.sums(run: k.run, cluster: k.cluster, sign: 1, s)) }
        for (k, s) in ordered(lost, by: { $0 }) { delta.sums.append(FiguresDelta.sums(run: k.run, cluster: k.cluster, sign: -1, s)) }
        delta.weekly = weekly.filter { $0.value != 0 }
            .map { FiguresDelta.Cell(run: $0.key.key.run, cluster: $0.key.key.cluster, key: Int64($0.key.week), volume: $0.value) }
            .sorted { ($0.run, $0.cluster, $0.key) < ($1.run, $1.cluster, $1.key) }
        delta.capabilities = capabilities.filter { $0.value != 0 }
            .map { FiguresDelta.Cell(run: $0.key.key.run, cluster: $0.key.key.cluster, key: $0.key.capability, volume: $0.value) }
            .sorted { ($0.run, $0.cluster, $0.key) < ($1.run, $1.cluster, $1.key) }
        return delta
    }

    /// Adds a delta to the cached rows: a few statements per cluster, none per question.
    /// Returns the clusters whose cached rows changed.
    @discardableResult
    static func apply(_ db: Database, _ delta: FiguresDelta) throws -> Set<ClusterID> {
        guard try available(db) else { return [] }
        for s in delta.sums { try adjust(db, run: s.run, cluster: s.cluster, by: s.stats, sign: Double(s.sign)) }
        for c in delta.weekly { try addWeekly(db, run: c.run, cluster: c.cluster, week: Int(c.key), volume: c.volume) }
        for c in delta.capabilities { try addCapability(db, run: c.run, cluster: c.cluster, capability: c.key, volume: c.volume) }
        return delta.clusters
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
