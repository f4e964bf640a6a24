import CladeCore
import GRDB

/// Per-cluster statistics kept in Clade's tables, so that opening a run and showing a decision's
/// result never rescan the question table. Built once per run (and again if the pipeline changes
/// the run's questions), then adjusted inside each decision's transaction: statistics are sums,
/// so moving a question subtracts it from one cluster and adds it to another.
///
/// Rows are keyed by the cluster a question is in before merges are resolved (its override, else
/// its pipeline assignment): a merge changes no row here, which is what keeps it instant.
public enum StatsCache {
    static let ddl = """
    CREATE TABLE clade_stats_runs (
        run_id           INTEGER PRIMARY KEY,
        question_count   INTEGER NOT NULL,
        max_question_id  INTEGER NOT NULL,
        first_monday     REAL,
        week_count       INTEGER NOT NULL
    );
    CREATE TABLE clade_leaf_stats (
        run_id INTEGER NOT NULL, cluster_id INTEGER NOT NULL,
        rows INTEGER NOT NULL, volume REAL NOT NULL, relevance_weight REAL NOT NULL, relevance_sum REAL NOT NULL,
        rated_rows INTEGER NOT NULL, rated_weight REAL NOT NULL, satisfied_weight REAL NOT NULL, sampled_rows INTEGER NOT NULL,
        PRIMARY KEY (run_id, cluster_id)
    ) WITHOUT ROWID;
    CREATE TABLE clade_leaf_weekly (
        run_id INTEGER NOT NULL, cluster_id INTEGER NOT NULL, week INTEGER NOT NULL, volume REAL NOT NULL,
        PRIMARY KEY (run_id, cluster_id, week)
    ) WITHOUT ROWID;
    CREATE TABLE clade_leaf_capability (
        run_id INTEGER NOT NULL, cluster_id INTEGER NOT NULL, capability_id INTEGER NOT NULL, volume REAL NOT NULL,
        PRIMARY KEY (run_id, cluster_id, capability_id)
    ) WITHOUT ROWID;
    """

    /// The figures of one run, by effective (pre-merge) cluster.
    struct Snapshot {
        var stats: [ClusterID: ClusterStats] = [:]
        var weekly: [ClusterID: [Int: Double]] = [:]
        var capabilities: [ClusterID: [CapabilityID: Double]] = [:]
        var firstMonday: Double?
        var weekCount = 0
    }

    /// Whether the database has the cache tables (a read-only file Clade never migrated has not).
    static func available(_ db: Database) throws -> Bool { try db.tableExists("clade_leaf_stats") }

    /// Builds the cache for a run unless it is current. Call inside a write.
    public static func ensure(_ db: Database, run: RunID) throws {
        guard try available(db) else { return }
        let (count, maxID) = try fingerprint(db, run: run)
        if let row = try Row.fetchOne(db, sql: "SELECT question_count, max_question_id FROM clade_stats_runs WHERE run_id = ?", arguments: [run]),
           (row["question_count"] as Int) == count, (row["max_question_id"] as Int64) == maxID {
            return
        }
        try rebuild(db, run: run, count: count, maxID: maxID)
    }

    /// Drops every cached figure (after a replay, or when the pipeline rewrote a run).
    public static func invalidate(_ db: Database) throws {
        guard try available(db) else { return }
        for table in ["clade_stats_runs", "clade_leaf_stats", "clade_leaf_weekly", "clade_leaf_capability"] {
            try db.execute(sql: "DELETE FROM \(table)")
        }
    }

    static func fingerprint(_ db: Database, run: RunID) throws -> (Int, Int64) {
        let row = try Row.fetchOne(db, sql: "SELECT COUNT(*) AS n, COALESCE(MAX(question_id), 0) AS m FROM questions WHERE run_id = ?", arguments: [run])!
        return (row["n"], row["m"])
    }

    static func rebuild(_ db: Database, run: RunID, count: Int, maxID: Int64) throws {
        for table in ["clade_leaf_stats", "clade_leaf_weekly", "clade_leaf_capability"] {
            try db.execute(sql: "DELETE FROM \(table) WHERE run_id = ?", arguments: [run])
        }
        let snapshot = try compute(db, run: run, clade: true)
        let stats = try db.makeStatement(sql: "INSERT INTO clade_leaf_stats VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        for (c, s) in snapshot.stats {
            try stats.execute(arguments: [run, c, s.rows, s.volume, s.relevanceWeight, s.relevanceSum, s.ratedRows, s.ratedWeight, s.satisfiedWeight, s.sampledRows])
        }
        let weekly = try db.makeStatement(sql: "INSERT INTO clade_leaf_weekly VALUES (?, ?, ?, ?)")
        for (c, weeks) in snapshot.weekly { for (w, v) in weeks { try weekly.execute(arguments: [run, c, w, v]) } }
        let caps = try db.makeStatement(sql: "INSERT INTO clade_leaf_capability VALUES (?, ?, ?, ?)")
        for (c, byCap) in snapshot.capabilities { for (cap, v) in byCap { try caps.execute(arguments: [run, c, cap, v]) } }
        try db.execute(sql: "INSERT OR REPLACE INTO clade_stats_runs VALUES (?, ?, ?, ?, ?)",
                       arguments: [run, count, maxID, snapshot.firstMonday, snapshot.weekCount])
    }

    /// Reads the cached figures of a run; nil when there is no current cache for it.
    static func read(_ db: Database, run: RunID) throws -> Snapshot? {
        guard try available(db),
              let meta = try Row.fetchOne(db, sql: "SELECT * FROM clade_stats_runs WHERE run_id = ?", arguments: [run]) else { return nil }
        let (count, maxID) = try fingerprint(db, run: run)
        guard (meta["question_count"] as Int) == count, (meta["max_question_id"] as Int64) == maxID else { return nil }
        var s = Snapshot(firstMonday: meta["first_monday"], weekCount: meta["week_count"])
        for row in try Row.fetchAll(db, sql: "SELECT * FROM clade_leaf_stats WHERE run_id = ?", arguments: [run]) {
            s.stats[row["cluster_id"]] = ClusterStats(
                rows: row["rows"], volume: row["volume"], relevanceWeight: row["relevance_weight"], relevanceSum: row["relevance_sum"],
                ratedRows: row["rated_rows"], ratedWeight: row["rated_weight"], satisfiedWeight: row["satisfied_weight"], sampledRows: row["sampled_rows"]
            )
        }
        for row in try Row.fetchAll(db, sql: "SELECT cluster_id, week, volume FROM clade_leaf_weekly WHERE run_id = ?", arguments: [run]) {
            s.weekly[row["cluster_id"], default: [:]][row["week"]] = row["volume"]
        }
        for row in try Row.fetchAll(db, sql: "SELECT cluster_id, capability_id, volume FROM clade_leaf_capability WHERE run_id = ?", arguments: [run]) {
            s.capabilities[row["cluster_id"], default: [:]][row["capability_id"]] = row["volume"]
        }
        return s
    }

    /// Computes a run's figures from the question table (the slow path, and the cache's source).
    static func compute(_ db: Database, run: RunID, clade: Bool) throws -> Snapshot {
        if let figures = try RunScan.figuresInParallel(db, run: run, overrides: clade) { return figures.snapshot }
        // Values outside RunScan's plain case (numbers stored as text, say): SQLite reads them.
        return try computeInSQL(db, run: run, clade: clade)
    }

    /// The figures by GROUP BY queries, reading any value the way SQLite does.
    static func computeInSQL(_ db: Database, run: RunID, clade: Bool) throws -> Snapshot {
        var s = Snapshot()
        s.stats = try DatasetLoader.leafStats(db, run: run, clade: clade)
        s.firstMonday = try DatasetLoader.firstMonday(db, run: run)
        if let start = s.firstMonday {
            s.weekly = try DatasetLoader.weeklyVolume(db, run: run, clade: clade, start: start)
            s.weekCount = try DatasetLoader.weekLabels(db, run: run, start: start).count
        }
        s.capabilities = try DatasetLoader.capabilityVolume(db, run: run, clade: clade)
        return s
    }

    /// Moves questions' contributions between effective clusters, inside a decision's transaction.
    /// `moves` maps a question to its effective cluster before and after.
    static func move(_ db: Database, _ moves: [QuestionID: (from: ClusterID, to: ClusterID)]) throws {
        let changed = moves.filter { $0.value.from != $0.value.to }
        guard !changed.isEmpty, try available(db) else { return }
        let ids = Array(changed.keys)
        var runs = Set<RunID>()
        for chunk in stride(from: 0, to: ids.count, by: 500).map({ Array(ids[$0..<min($0 + 500, ids.count)]) }) {
            let list = chunk.map(String.init).joined(separator: ",")
            let rows = try Row.fetchAll(db, sql: """
                SELECT q.question_id, q.run_id, q.weight, q.relevance, q.feedback, q.asked_at, s.first_monday
                FROM questions q JOIN clade_stats_runs s ON s.run_id = q.run_id WHERE q.question_id IN (\(list))
                """)
            var capabilities: [QuestionID: [CapabilityID]] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT question_id, capability_id FROM question_capabilities WHERE question_id IN (\(list))") {
                capabilities[row["question_id"], default: []].append(row["capability_id"])
            }
            for row in rows {
                let q: QuestionID = row["question_id"]
                let run: RunID = row["run_id"]
                runs.insert(run)
                guard let move = changed[q] else { continue }
                var one = ClusterStats()
                one.add(weight: row["weight"], relevance: row["relevance"], feedback: row["feedback"])
                try adjust(db, run: run, cluster: move.from, by: one, sign: -1)
                try adjust(db, run: run, cluster: move.to, by: one, sign: 1)
                let weight: Double = row["weight"]
                if let monday: Double = row["first_monday"], let asked: String = row["asked_at"],
                   let day = try Double.fetchOne(db, sql: "SELECT julianday(date(?))", arguments: [asked]) {
                    let week = Int((day - monday) / 7)
                    try addWeekly(db, run: run, cluster: move.from, week: week, volume: -weight)
                    try addWeekly(db, run: run, cluster: move.to, week: week, volume: weight)
                }
                for cap in capabilities[q] ?? [] {
                    try addCapability(db, run: run, cluster: move.from, capability: cap, volume: -weight)
                    try addCapability(db, run: run, cluster: move.to, capability: cap, volume: weight)
                }
            }
        }
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
