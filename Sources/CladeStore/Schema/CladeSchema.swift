import GRDB

/// Clade's own tables, created by versioned migrations beside the pipeline's tables and never
/// touching them. Every name starts with `clade_` so a pipeline author can tell at a glance what
/// belongs to whom.
public enum CladeSchema {
    /// Migration identifiers this build knows, in order. A database that has applied one not in this
    /// list was written by a newer Clade.
    public static var migrationIDs: [String] { ["v1-decisions", "v2-stats-cache", "v3-carry-forward", "v4-open-cache", "v5-queue-skips", "v6-decision-figures"] }

    public static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        // Immediate checks: Clade's migrations only add its own tables, and the deferred check
        // GRDB runs otherwise reads every foreign key of the whole file (slow on a large run)
        // and refuses a file whose pipeline tables break one (a question assigned to a missing
        // cluster is a warning, not a reason to refuse the file).
        m.registerMigration("v1-decisions", foreignKeyChecks: .immediate) { db in try db.execute(sql: v1) }
        m.registerMigration("v2-stats-cache", foreignKeyChecks: .immediate) { db in try db.execute(sql: StatsCache.ddl) }
        m.registerMigration("v3-carry-forward", foreignKeyChecks: .immediate) { db in try db.execute(sql: v3) }
        m.registerMigration("v4-open-cache", foreignKeyChecks: .immediate) { db in try db.execute(sql: StatsCache.v4) }
        m.registerMigration("v5-queue-skips", foreignKeyChecks: .immediate) { db in try db.execute(sql: QueueSkips.ddl) }
        m.registerMigration("v6-decision-figures", foreignKeyChecks: .immediate) { db in try db.execute(sql: FiguresDelta.ddl) }
        return m
    }

    static let v1 = """
    CREATE TABLE clade_decisions (
        decision_id  INTEGER PRIMARY KEY AUTOINCREMENT,
        run_id       INTEGER NOT NULL,
        at           TEXT NOT NULL,
        reviewer     TEXT NOT NULL,
        op           TEXT NOT NULL,
        cluster_ids  TEXT NOT NULL DEFAULT '[]',
        question_ids TEXT NOT NULL DEFAULT '[]',
        old_json     TEXT NOT NULL DEFAULT '{}',
        new_json     TEXT NOT NULL DEFAULT '{}',
        note         TEXT NOT NULL DEFAULT '',
        undoes       INTEGER REFERENCES clade_decisions(decision_id)
    );
    CREATE TRIGGER clade_decisions_no_update BEFORE UPDATE ON clade_decisions
        BEGIN SELECT RAISE(ABORT, 'clade_decisions is append-only'); END;
    CREATE TRIGGER clade_decisions_no_delete BEFORE DELETE ON clade_decisions
        BEGIN SELECT RAISE(ABORT, 'clade_decisions is append-only'); END;

    CREATE TABLE clade_cluster_state (
        cluster_id       INTEGER PRIMARY KEY,
        run_id           INTEGER NOT NULL,
        origin           TEXT NOT NULL DEFAULT 'pipeline' CHECK (origin IN ('pipeline', 'expert')),
        parent_id        INTEGER,
        name             TEXT,
        description      TEXT,
        status           TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'merged', 'dismissed')),
        merged_into      INTEGER,
        priority         INTEGER CHECK (priority BETWEEN 0 AND 3),
        issue_type       TEXT CHECK (issue_type IN ('inventory', 'capability', 'generation', 'none')),
        action           TEXT,
        reviewed         INTEGER NOT NULL DEFAULT 0 CHECK (reviewed IN (0, 1)),
        note             TEXT NOT NULL DEFAULT '',
        impact           REAL,
        effort           REAL,
        risk             REAL,
        success          REAL,
        last_decision_id INTEGER
    );

    CREATE TABLE clade_assignment_override (
        question_id INTEGER PRIMARY KEY,
        cluster_id  INTEGER NOT NULL,
        decision_id INTEGER NOT NULL
    );
    CREATE INDEX clade_assignment_override_by_cluster ON clade_assignment_override(cluster_id, question_id);

    CREATE TABLE clade_capabilities (
        capability_id INTEGER PRIMARY KEY,
        name          TEXT NOT NULL UNIQUE,
        description   TEXT NOT NULL DEFAULT '',
        decision_id   INTEGER NOT NULL
    );

    CREATE TABLE clade_cluster_capability (
        cluster_id    INTEGER NOT NULL,
        capability_id INTEGER NOT NULL,
        verdict       TEXT NOT NULL CHECK (verdict IN ('confirmed', 'rejected')),
        decision_id   INTEGER NOT NULL,
        PRIMARY KEY (cluster_id, capability_id)
    ) WITHOUT ROWID;

    CREATE TABLE clade_consumer_cursor (
        consumer         TEXT PRIMARY KEY,
        last_decision_id INTEGER NOT NULL,
        updated_at       TEXT NOT NULL
    ) WITHOUT ROWID;

    CREATE TABLE clade_settings (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
    ) WITHOUT ROWID;
    """

    /// What a re-import carried from the reviewed run to the new one, and what it could not:
    /// written once per re-import, in the import's transaction, for the reviewer to go through.
    static let v3 = """
    CREATE TABLE clade_carry_forward (
        item_id            INTEGER PRIMARY KEY AUTOINCREMENT,
        run_id             INTEGER NOT NULL,
        from_run_id        INTEGER NOT NULL,
        at                 TEXT NOT NULL,
        status             TEXT NOT NULL CHECK (status IN ('carried', 'already', 'not_carried')),
        what               TEXT NOT NULL,
        old_cluster_id     INTEGER,
        old_label          TEXT NOT NULL DEFAULT '',
        new_cluster_id     INTEGER,
        new_label          TEXT,
        jaccard            REAL,
        detail             TEXT NOT NULL DEFAULT '',
        reason             TEXT NOT NULL DEFAULT '',
        source_decision_id INTEGER,
        decision_id        INTEGER REFERENCES clade_decisions(decision_id)
    );
    CREATE INDEX clade_carry_forward_by_run ON clade_carry_forward(run_id, item_id);
    """
}
