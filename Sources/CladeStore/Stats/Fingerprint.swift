import CladeCore
import GRDB

/// Cheap signs that the pipeline changed its tables since Clade last looked, so the statistics
/// cache and the last validation can be trusted without reading a million questions again.
///
/// Whole-table row counts come from SQLite's b-tree count (no row is decoded) and highest ids
/// from the primary keys: about 20 ms at a million questions. A pipeline that rewrites values in
/// place, keeping every count and id, is not noticed: `clade check` always reads everything.
enum Fingerprint {
    /// The pipeline tables as a whole: row counts and highest ids.
    static func tables(_ db: Database) throws -> String {
        var parts = [
            try count(db, "SELECT COUNT(*) FROM questions"),
            try count(db, "SELECT COALESCE(MAX(question_id), 0) FROM questions"),
            try count(db, "SELECT COUNT(*) FROM assignments"),
            try count(db, "SELECT COUNT(*) FROM clusters"),
            try count(db, "SELECT COALESCE(MAX(cluster_id), 0) FROM clusters"),
            try count(db, "SELECT COUNT(*) FROM question_capabilities"),
            try count(db, "SELECT COUNT(*) FROM capabilities"),
            try count(db, "SELECT COALESCE(MAX(run_id), 0) FROM runs"),
        ]
        // Embedding rows hold large blobs spread over many pages: their highest id is cheap, a count is not.
        if try db.tableExists("question_embeddings") {
            parts.append(try count(db, "SELECT COALESCE(MAX(question_id), 0) FROM question_embeddings"))
        }
        return "v1:" + parts.map(String.init).joined(separator: ",") + "|" + (try ContentVersion.token(db))
    }

    /// One run's questions: how many (an index range count) and the highest id.
    static func run(_ db: Database, run: RunID) throws -> (count: Int, maxID: Int64) {
        let row = try Row.fetchOne(db, sql: "SELECT COUNT(*) AS n, COALESCE(MAX(question_id), 0) AS m FROM questions WHERE run_id = ?", arguments: [run])!
        return (row["n"], row["m"])
    }

    static func count(_ db: Database, _ sql: String) throws -> Int64 {
        try Int64.fetchOne(db, sql: sql) ?? 0
    }
}
