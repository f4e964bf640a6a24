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

    /// What opening a large file needs besides the per-cluster rows: a fingerprint of the pipeline
    /// tables that is cheap to compare, the validation that passed for it, and each capability's
    /// totals. Old rows are dropped, so every run's cache is rebuilt once with them.
    static let v4 = """
    DELETE FROM clade_stats_runs;
    ALTER TABLE clade_stats_runs ADD COLUMN tables_fingerprint TEXT;
    ALTER TABLE clade_stats_runs ADD COLUMN check_json TEXT;
    CREATE TABLE clade_run_capability (
        run_id INTEGER NOT NULL, capability_id INTEGER NOT NULL, rows INTEGER NOT NULL, volume REAL NOT NULL,
        PRIMARY KEY (run_id, capability_id)
    ) WITHOUT ROWID;
    """

    /// The figures of one run, by effective (pre-merge) cluster.
    public struct Snapshot: Sendable {
        var stats: [ClusterID: ClusterStats] = [:]
        var weekly: [ClusterID: [Int: Double]] = [:]
        var capabilities: [ClusterID: [CapabilityID: Double]] = [:]
        var firstMonday: Double?
        var weekCount = 0
        /// Each pipeline capability's tagged questions in the run (nil: not cached, ask the tables).
        var capabilityTotals: [CapabilityID: CapabilityTotal]?
        /// The run's question count and highest id, when the pass that computed these figures read them.
        var runQuestions: (count: Int, maxID: Int64)?
    }

    struct CapabilityTotal: Equatable, Sendable {
        var rows: Int
        var volume: Double

        mutating func add(_ weight: Double) {
            rows += 1
            volume += weight
        }
    }

    /// Whether the database has the cache tables (a read-only file Clade never migrated has not).
    static func available(_ db: Database) throws -> Bool { try db.tableExists("clade_leaf_stats") }

    /// Builds the cache for a run unless it is current. Call inside a write.
    /// `check`: the validation that just passed on this file, kept so the next open can skip it.
    /// `scanned`: the figures that validation gathered from the same tables, by pipeline assignment.
    /// Returns the pipeline tables' fingerprint (nil without the cache tables).
    @discardableResult
    public static func ensure(_ db: Database, run: RunID, check: CheckReport? = nil, scanned: Snapshot? = nil) throws -> String? {
        guard try available(db) else { return nil }
        let tables = try Fingerprint.tables(db)
        // The validation describes these very tables (nothing was written since it ran).
        let checkFits = check?.fingerprint == tables && check?.runID == run
        if let stored = try Row.fetchOne(db, sql: "SELECT * FROM clade_stats_runs WHERE run_id = ?", arguments: [run]),
           try isCurrent(db, run: run, stored: stored, tables: tables) {
            if stored["tables_fingerprint"] as String? != tables {
                try db.execute(sql: "UPDATE clade_stats_runs SET tables_fingerprint = ?, check_json = NULL WHERE run_id = ?", arguments: [tables, run])
            }
        } else {
            // Validation's figures serve when no question was moved.
            let usable = try checkFits && !hasOverrides(db, run: run)
            try rebuild(db, run: run, tables: tables, snapshot: usable ? scanned : nil)
        }
        if let check, checkFits {
            try db.execute(sql: "UPDATE clade_stats_runs SET check_json = ? WHERE run_id = ?", arguments: [try check.cacheJSON(), run])
        }
        return tables
    }

    /// Drops every cached figure (after a replay, or when the pipeline rewrote a run).
    public static func invalidate(_ db: Database) throws {
        guard try available(db) else { return }
        for table in ["clade_stats_runs", "clade_leaf_stats", "clade_leaf_weekly", "clade_leaf_capability", "clade_run_capability"]
        where try db.tableExists(table) {
            try db.execute(sql: "DELETE FROM \(table)")
        }
        try FiguresDelta.clear(db)
    }

    /// Whether a run's cached figures still describe its questions. The pipeline tables' row
    /// counts answer at once; when they changed (another run was added), the run's own
    /// question count and highest id decide.
    static func isCurrent(_ db: Database, run: RunID, stored: Row, tables: String) throws -> Bool {
        if stored["tables_fingerprint"] as String? == tables { return true }
        guard ContentVersion.sameContent(stored["tables_fingerprint"], tables) else { return false }
        let (count, maxID) = try Fingerprint.run(db, run: run)
        return (stored["question_count"] as Int) == count && (stored["max_question_id"] as Int64) == maxID
    }

    /// Whether the reviewer moved any question of the run (the figures then differ from the pipeline's).
    static func hasOverrides(_ db: Database, run: RunID) throws -> Bool {
        guard try db.tableExists("clade_assignment_override") else { return false }
        return try Bool.fetchOne(db, sql: """
            SELECT 1 FROM clade_assignment_override o JOIN questions q ON q.question_id = o.question_id WHERE q.run_id = ? LIMIT 1
            """, arguments: [run]) ?? false
    }

    static func rebuild(_ db: Database, run: RunID, tables: String, snapshot scanned: Snapshot? = nil) throws {
        // The decisions' kept deltas were computed against the figures being replaced.
        try FiguresDelta.clear(db)
        for table in ["clade_leaf_stats", "clade_leaf_weekly", "clade_leaf_capability", "clade_run_capability"] {
            try db.execute(sql: "DELETE FROM \(table) WHERE run_id = ?", arguments: [run])
        }
        let snapshot = try scanned ?? compute(db, run: run, clade: true)
        let (count, maxID) = try snapshot.runQuestions ?? Fingerprint.run(db, run: run)
        let stats = try db.makeStatement(sql: "INSERT INTO clade_leaf_stats VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        for (c, s) in snapshot.stats {
            try stats.execute(arguments: [run, c, s.rows, s.volume, s.relevanceWeight, s.relevanceSum, s.ratedRows, s.ratedWeight, s.satisfiedWeight, s.sampledRows])
        }
        let weekly = try db.makeStatement(sql: "INSERT INTO clade_leaf_weekly VALUES (?, ?, ?, ?)")
        for (c, weeks) in snapshot.weekly { for (w, v) in weeks { try weekly.execute(arguments: [run, c, w, v]) } }
        let caps = try db.makeStatement(sql: "INSERT INTO clade_leaf_capability VALUES (?, ?, ?, ?)")
        for (c, byCap) in snapshot.capabilities { for (cap, v) in byCap { try caps.execute(arguments: [run, c, cap, v]) } }
        let totals = try db.makeStatement(sql: "INSERT INTO clade_run_capability VALUES (?, ?, ?, ?)")
        for (cap, t) in try snapshot.capabilityTotals ?? capabilityTotals(db, run: run) { try totals.execute(arguments: [run, cap, t.rows, t.volume]) }
        try db.execute(sql: """
            INSERT OR REPLACE INTO clade_stats_runs (run_id, question_count, max_question_id, first_monday, week_count, tables_fingerprint)
            VALUES (?, ?, ?, ?, ?, ?)
            """, arguments: [run, count, maxID, snapshot.firstMonday, snapshot.weekCount, tables])
    }

    /// Reads the cached figures of a run; nil when there is no current cache for it.
    /// `tables`: the pipeline tables' fingerprint when the caller knows it is current.
    static func read(_ db: Database, run: RunID, tables: String? = nil) throws -> Snapshot? {
        guard try available(db),
              let meta = try Row.fetchOne(db, sql: "SELECT * FROM clade_stats_runs WHERE run_id = ?", arguments: [run]),
              try isCurrent(db, run: run, stored: meta, tables: tables ?? Fingerprint.tables(db)) else { return nil }
        var s = Snapshot(firstMonday: meta["first_monday"], weekCount: meta["week_count"])
        try readRows(db, run: run, clusters: nil, into: &s)
        var totals: [CapabilityID: CapabilityTotal] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT capability_id, rows, volume FROM clade_run_capability WHERE run_id = ?", arguments: [run]) {
            totals[row[0]] = CapabilityTotal(rows: row[1], volume: row[2])
        }
        s.capabilityTotals = totals
        return s
    }

    /// Reads the cached rows of `clusters` (nil: every cluster of the run) into `s`, replacing
    /// what it held for them: after a decision only the clusters it touched are read again.
    static func readRows(_ db: Database, run: RunID, clusters: Set<ClusterID>?, into s: inout Snapshot) throws {
        var filter = ""
        if let clusters {
            guard !clusters.isEmpty else { return }
            filter = " AND cluster_id IN (\(clusters.sorted().map(String.init).joined(separator: ",")))"
            for c in clusters {
                s.stats[c] = nil
                s.weekly[c] = nil
                s.capabilities[c] = nil
            }
        }
        let stats = try Row.fetchCursor(db, sql: """
            SELECT cluster_id, rows, volume, relevance_weight, relevance_sum, rated_rows, rated_weight, satisfied_weight, sampled_rows
            FROM clade_leaf_stats WHERE run_id = ?\(filter)
            """, arguments: [run])
        while let row = try stats.next() {
            s.stats[row[0]] = ClusterStats(
                rows: row[1], volume: row[2], relevanceWeight: row[3], relevanceSum: row[4],
                ratedRows: row[5], ratedWeight: row[6], satisfiedWeight: row[7], sampledRows: row[8]
            )
        }
        let weekly = try Row.fetchCursor(db, sql: "SELECT cluster_id, week, volume FROM clade_leaf_weekly WHERE run_id = ?\(filter)", arguments: [run])
        while let row = try weekly.next() { s.weekly[row[0], default: [:]][row[1]] = row[2] }
        let caps = try Row.fetchCursor(db, sql: "SELECT cluster_id, capability_id, volume FROM clade_leaf_capability WHERE run_id = ?\(filter)", arguments: [run])
        while let row = try caps.next() { s.capabilities[row[0], default: [:]][row[1]] = row[2] }
    }

    /// Each pipeline capability's tagged questions in the run, from the tables.
    static func capabilityTotals(_ db: Database, run: RunID) throws -> [CapabilityID: CapabilityTotal] {
        var out: [CapabilityID: CapabilityTotal] = [:]
        for row in try Row.fetchAll(db, sql: """
            SELECT qc.capability_id, COUNT(*), TOTAL(q.weight)
            FROM question_capabilities qc JOIN questions q ON q.question_id = qc.question_id
            WHERE q.run_id = ? GROUP BY qc.capability_id
            """, arguments: [run]) {
            out[row[0]] = CapabilityTotal(rows: row[1], volume: row[2])
        }
        return out
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
            s.weekCount = try DatasetLoader.weekCount(db, run: run, start: start)
        }
        s.capabilities = try DatasetLoader.capabilityVolume(db, run: run, clade: clade)
        return s
    }

}
