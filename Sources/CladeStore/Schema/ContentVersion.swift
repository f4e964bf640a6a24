import GRDB

/// A counter of the pipeline's in-place changes, so that cached figures and a cached validation
/// are invalidated by what changed, not only by row counts and highest ids (an `UPDATE
/// assignments …` or a parent cycle written in place keeps both).
///
/// Triggers on the pipeline tables bump `clade_content_version.n` for every row updated or
/// deleted. Inserts need none: they change a count or a highest id, which the fingerprint has,
/// unless paired with a delete, which bumps it. So a pipeline appending a run pays nothing; one
/// rewriting rows pays one small update per row. A table recreated by the pipeline loses its
/// triggers: the token counts them, so that too reads as a change (they come back on the next
/// writable open).
public enum ContentVersion {
    static let watched = ["runs", "clusters", "questions", "assignments", "capabilities", "question_capabilities", "question_embeddings"]

    /// Creates the counter and the triggers that are missing. Call inside a write, on a file
    /// that was validated (a refused file is never changed).
    static func install(_ db: Database) throws {
        try db.execute(sql: "CREATE TABLE IF NOT EXISTS clade_content_version (id INTEGER PRIMARY KEY CHECK (id = 1), n INTEGER NOT NULL)")
        try db.execute(sql: "INSERT OR IGNORE INTO clade_content_version VALUES (1, 0)")
        for table in watched where try db.tableExists(table) {
            for event in ["UPDATE", "DELETE"] {
                try db.execute(sql: """
                    CREATE TRIGGER IF NOT EXISTS clade_changed_\(table)_\(event.lowercased()) AFTER \(event) ON \(table)
                    BEGIN UPDATE clade_content_version SET n = n + 1 WHERE id = 1; END
                    """)
            }
        }
    }

    /// "c12t14": the counter and how many triggers watch; "untracked" for a file Clade never opened
    /// for writing. Part of `Fingerprint.tables`.
    static func token(_ db: Database) throws -> String {
        guard try db.tableExists("clade_content_version") else { return "untracked" }
        let n = try Int64.fetchOne(db, sql: "SELECT n FROM clade_content_version WHERE id = 1") ?? -1
        let triggers = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sqlite_master WHERE type = 'trigger' AND name GLOB 'clade_changed_*'") ?? 0
        return "c\(n)t\(triggers)"
    }

    /// Whether two fingerprints saw the same in-place content (they may differ in counts: a run
    /// was appended, which leaves an earlier run's figures as they were).
    static func sameContent(_ a: String?, _ b: String) -> Bool {
        guard let a, let i = a.lastIndex(of: "|"), let j = b.lastIndex(of: "|") else { return false }
        return a[i...] == b[j...]
    }
}
