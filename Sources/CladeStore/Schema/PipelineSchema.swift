import GRDB

/// The tables a clustering pipeline writes. Clade reads them and never modifies them.
/// `docs/schema.md` is the contract; this DDL is its executable form, used by the sample
/// generator, the importers and the tests.
public enum PipelineSchema {
    /// `PRAGMA application_id`: "Clad" in ASCII.
    public static let applicationID: Int32 = 0x436C_6164
    /// `PRAGMA user_version` of the pipeline format this build reads.
    public static let version: Int32 = 1

    /// Tables and the columns Clade needs in each; extra columns are allowed.
    public static let requiredColumns: [(table: String, columns: [String])] = [
        ("meta", ["key", "value"]),
        ("runs", ["run_id", "created_at", "source", "params_json"]),
        ("questions", ["question_id", "run_id", "text", "asked_at", "relevance", "feedback", "weight", "metadata_json"]),
        ("clusters", ["cluster_id", "run_id", "parent_id", "name", "description", "keywords_json", "is_outlier"]),
        ("assignments", ["question_id", "cluster_id"]),
        ("capabilities", ["capability_id", "name", "description"]),
        ("question_capabilities", ["question_id", "capability_id"]),
    ]

    /// Optional tables: checked only when present.
    public static let optionalColumns: [(table: String, columns: [String])] = [
        ("question_embeddings", ["question_id", "vector"]),
    ]

    public static let ddl = """
    CREATE TABLE meta (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
    ) WITHOUT ROWID;

    CREATE TABLE runs (
        run_id        INTEGER PRIMARY KEY,
        created_at    TEXT NOT NULL,
        source        TEXT NOT NULL,
        params_json   TEXT NOT NULL DEFAULT '{}',
        parent_run_id INTEGER REFERENCES runs(run_id)
    );

    CREATE TABLE questions (
        question_id   INTEGER PRIMARY KEY,
        run_id        INTEGER NOT NULL REFERENCES runs(run_id),
        external_id   TEXT,
        text          TEXT NOT NULL,
        asked_at      TEXT,
        relevance     REAL,
        feedback      INTEGER CHECK (feedback IN (-1, 1)),
        weight        REAL NOT NULL DEFAULT 1 CHECK (weight > 0),
        metadata_json TEXT NOT NULL DEFAULT '{}'
    );
    CREATE INDEX questions_by_run ON questions(run_id);

    CREATE TABLE clusters (
        cluster_id    INTEGER PRIMARY KEY,
        run_id        INTEGER NOT NULL REFERENCES runs(run_id),
        parent_id     INTEGER REFERENCES clusters(cluster_id),
        external_id   TEXT,
        name          TEXT NOT NULL,
        description   TEXT NOT NULL DEFAULT '',
        keywords_json TEXT NOT NULL DEFAULT '[]',
        is_outlier    INTEGER NOT NULL DEFAULT 0 CHECK (is_outlier IN (0, 1))
    );
    CREATE INDEX clusters_by_run ON clusters(run_id, parent_id);

    CREATE TABLE assignments (
        question_id       INTEGER PRIMARY KEY REFERENCES questions(question_id),
        cluster_id        INTEGER NOT NULL REFERENCES clusters(cluster_id),
        probability       REAL,
        is_representative INTEGER NOT NULL DEFAULT 0 CHECK (is_representative IN (0, 1))
    );
    CREATE INDEX assignments_by_cluster ON assignments(cluster_id, question_id);

    CREATE TABLE capabilities (
        capability_id INTEGER PRIMARY KEY,
        name          TEXT NOT NULL UNIQUE,
        description   TEXT NOT NULL DEFAULT ''
    );

    CREATE TABLE question_capabilities (
        question_id   INTEGER NOT NULL REFERENCES questions(question_id),
        capability_id INTEGER NOT NULL REFERENCES capabilities(capability_id),
        confidence    REAL,
        PRIMARY KEY (question_id, capability_id)
    ) WITHOUT ROWID;
    CREATE INDEX question_capabilities_by_capability ON question_capabilities(capability_id, question_id);

    CREATE TABLE question_embeddings (
        question_id INTEGER PRIMARY KEY REFERENCES questions(question_id),
        vector      BLOB NOT NULL
    );
    """

    /// Creates the pipeline tables in an empty database and stamps its format.
    public static func create(_ db: Database) throws {
        try db.execute(sql: ddl)
        try db.execute(sql: "PRAGMA application_id = \(applicationID)")
        try db.execute(sql: "PRAGMA user_version = \(version)")
    }

    /// Well-known keys of the `meta` table.
    public enum MetaKey {
        public static let title = "title"
        public static let relevanceMetric = "relevance_metric"
        public static let volumeHighShare = "volume_high_share"
        public static let relevanceLow = "relevance_low"
        public static let satisfactionLow = "satisfaction_low"
        public static let minRatings = "min_ratings"
        public static let embeddingModel = "embedding_model"
        public static let embeddingDim = "embedding_dim"
    }
}
