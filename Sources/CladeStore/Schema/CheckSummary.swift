import CladeCore
import Foundation
import GRDB

extension SchemaCheck {
    /// The figures of `clade check`, and the counts behind its warnings. One scan of the run's
    /// questions gathers every per-question figure.
    static func summarize(_ db: Database, path: String, run: Int64) throws -> CheckReport {
        let tables = Set(try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'"))
        func count(_ sql: String, _ args: StatementArguments = []) throws -> Int { try Int.fetchOne(db, sql: sql, arguments: args) ?? 0 }
        let q = try Row.fetchOne(db, sql: """
            SELECT COUNT(*) AS n, TOTAL(weight) AS volume, SUM(feedback IS NOT NULL) AS rated,
                   SUM(text IS NULL) AS null_text, SUM(length(text) > \(DataCheck.longText)) AS long_text,
                   MAX(length(text)) AS longest,
                   SUM(asked_at IS NOT NULL AND julianday(asked_at) IS NULL) AS undated
            FROM questions WHERE run_id = ?
            """, arguments: [run])!
        let leaves = try count("""
            SELECT COUNT(*) FROM clusters c WHERE c.run_id = ?
            AND NOT EXISTS (SELECT 1 FROM clusters k WHERE k.parent_id = c.cluster_id)
            """, [run])
        let all = try count("SELECT COUNT(*) FROM clusters WHERE run_id = ?", [run])
        let hasEmbeddings = tables.contains("question_embeddings")
        let dims = hasEmbeddings
            ? try Int.fetchAll(db, sql: """
                SELECT DISTINCT length(CAST(e.vector AS BLOB)) / 4 FROM question_embeddings e
                JOIN questions q USING (question_id) WHERE q.run_id = ? AND typeof(e.vector) IN ('blob', 'text') ORDER BY 1
                """, arguments: [run])
            : []
        let applied = tables.contains("grdb_migrations") ? try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations") : []
        var report = CheckReport(
            path: path,
            pipelineFormat: try Int32.fetchOne(db, sql: "PRAGMA user_version") ?? 0,
            applicationIDSet: (try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0) == PipelineSchema.applicationID,
            cladeMigrations: applied,
            runs: try count("SELECT COUNT(*) FROM runs"),
            runID: run,
            questions: q["n"],
            volume: q["volume"],
            leafClusters: leaves,
            parentClusters: all - leaves,
            capabilities: try count("SELECT COUNT(*) FROM capabilities"),
            taggedQuestions: try count("""
                SELECT COUNT(DISTINCT qc.question_id) FROM question_capabilities qc
                JOIN questions q USING (question_id) WHERE q.run_id = ?
                """, [run]),
            ratedQuestions: q["rated"] ?? 0,
            embeddings: hasEmbeddings
                ? try count("SELECT COUNT(*) FROM question_embeddings e JOIN questions q USING (question_id) WHERE q.run_id = ?", [run])
                : 0,
            embeddingDims: dims,
            unassignedQuestions: try count("""
                SELECT COUNT(*) FROM questions q WHERE q.run_id = ?
                AND NOT EXISTS (SELECT 1 FROM assignments a WHERE a.question_id = q.question_id)
                """, [run]),
            assignmentsToMissingClusters: try count("""
                SELECT COUNT(*) FROM assignments a JOIN questions q USING (question_id) WHERE q.run_id = ?
                AND NOT EXISTS (SELECT 1 FROM clusters c WHERE c.cluster_id = a.cluster_id AND c.run_id = q.run_id)
                """, [run]),
            decisions: tables.contains("clade_decisions") ? try count("SELECT COUNT(*) FROM clade_decisions") : 0,
            writable: FileManager.default.isWritableFile(atPath: path)
        )
        report.nullTexts = q["null_text"] ?? 0
        report.longTexts = q["long_text"] ?? 0
        report.longestText = q["longest"] ?? 0
        report.undatedQuestions = q["undated"] ?? 0
        report.clustersWithMissingParent = try count("""
            SELECT COUNT(*) FROM clusters c WHERE c.run_id = ? AND c.parent_id IS NOT NULL
            AND NOT EXISTS (SELECT 1 FROM clusters p WHERE p.cluster_id = c.parent_id AND p.run_id = c.run_id)
            """, [run])
        if hasEmbeddings {
            report.unreadableEmbeddings = try count("""
                SELECT COUNT(*) FROM question_embeddings e JOIN questions q USING (question_id)
                WHERE q.run_id = ? AND (typeof(e.vector) NOT IN ('blob', 'text') OR length(CAST(e.vector AS BLOB)) % 4 <> 0 OR length(CAST(e.vector AS BLOB)) = 0)
                """, [run])
        }
        return report
    }
}

extension CheckReport {
    /// Stored beside the statistics cache so that the next open can skip reading every row.
    func cacheJSON() throws -> String {
        var stored = self
        stored.reused = false
        return String(decoding: try JSONEncoder().encode(stored), as: UTF8.self)
    }

    /// Problems that leave the file reviewable, each naming what Clade does about it and the
    /// fix. `clade check` exits 2 when there are any; the app shows them when it opens the file.
    public var warnings: [String] {
        var out: [String] = []
        func n(_ count: Int, _ one: String, _ many: String) -> String { "\(Format.count(count)) \(count == 1 ? one : many)" }
        if questions == 0 { out.append("run \(runID) has no questions: there is nothing to review (re-run the pipeline)") }
        if unassignedQuestions > 0 {
            out.append(n(unassignedQuestions, "question has", "questions have") + " no cluster: left out of every figure (assign every question to a leaf cluster)")
        }
        if assignmentsToMissingClusters > 0 {
            out.append(n(assignmentsToMissingClusters, "question is", "questions are")
                + " assigned to a cluster missing from run \(runID): left out of every figure (re-run the pipeline, or fix assignments.cluster_id)")
        }
        if clustersWithMissingParent > 0 {
            out.append(n(clustersWithMissingParent, "cluster has", "clusters have") + " a parent_id that is not a cluster of run \(runID): shown at the top level (fix clusters.parent_id)")
        }
        if nullTexts > 0 { out.append(n(nullTexts, "question has", "questions have") + " no text (NULL): shown empty (write the question or its summary)") }
        if longTexts > 0 {
            out.append(n(longTexts, "question is", "questions are")
                + " longer than \(Format.count(DataCheck.longText)) characters (the longest \(Format.count(longestText))): shown clipped (did the pipeline write whole conversations?)")
        }
        if undatedQuestions > 0 {
            out.append(n(undatedQuestions, "question has", "questions have") + " an asked_at that is not a date: left out of the weekly trend (write ISO 8601, e.g. 2026-08-03T14:05:00Z)")
        }
        if embeddingDims.count > 1 {
            out.append("embeddings have mixed dimensions (\(embeddingDims.map(String.init).joined(separator: ", "))): clusters whose vectors differ are compared by keywords instead (embed every question with one model)")
        }
        if unreadableEmbeddings > 0 {
            out.append(n(unreadableEmbeddings, "embedding is", "embeddings are") + " not a float32 vector (NULL, empty, or a length not a multiple of 4): ignored (write little-endian float32)")
        }
        if decisionLogConsistent == false {
            out.append("Clade's state tables disagree with its decision log (edited by hand?): the log is the record, and the figures shown may be off")
        }
        return out
    }
}

