import CladeCore
import GRDB

/// The figures of `clade check` about the run's questions: from `RunScan`'s pass, or from SQL
/// when the pass left the file to it.
struct QuestionCounts: Equatable {
    var totals: QuestionTotals
    var assignedToMissingClusters: Int
}

extension QuestionCounts {
    init(_ f: RunFigures, runClusters: Set<ClusterID>) {
        self.init(totals: f.totals, assignedToMissingClusters: f.assignedToMissingClusters(runClusters))
    }

    /// `RunScan`'s figures, or the SQL's when there are none.
    static func of(_ db: Database, run: Int64, scanned: RunFigures?) throws -> QuestionCounts {
        guard let scanned else { return try query(db, run: run) }
        return QuestionCounts(scanned, runClusters: try clusterIDs(db, run: run))
    }

    /// The run's cluster ids (integers, or REAL with a whole value: `DataCheck` allows no others).
    static func clusterIDs(_ db: Database, run: Int64) throws -> Set<ClusterID> {
        Set(try DatabaseValue.fetchAll(db, sql: "SELECT cluster_id FROM clusters WHERE run_id = ?", arguments: [run]).compactMap { value in
            switch value.storage {
            case .int64(let id): id
            case .double(let id): Int64(exactly: id)
            default: nil
            }
        })
    }

    /// The figures in SQL: SQLite's reading of any value. No correlated subquery: without an index
    /// (a pipeline's own DDL) one runs per row, quadratic; `NOT IN` builds its list once.
    static func query(_ db: Database, run: Int64) throws -> QuestionCounts {
        func count(_ sql: String) throws -> Int { try Int.fetchOne(db, sql: sql, arguments: [run]) ?? 0 }
        let q = try Row.fetchOne(db, sql: """
            SELECT COUNT(*) AS n, TOTAL(weight) AS volume, SUM(feedback IS NOT NULL) AS rated,
                   SUM(text IS NULL) AS null_text, SUM(length(text) > \(DataCheck.longText)) AS long_text,
                   MAX(length(text)) AS longest,
                   SUM(asked_at IS NOT NULL AND julianday(asked_at) IS NULL) AS undated
            FROM questions WHERE run_id = ?
            """, arguments: [run])!
        let totals = QuestionTotals(
            questions: q["n"], volume: q["volume"], rated: q["rated"] ?? 0,
            nullTexts: q["null_text"] ?? 0, longTexts: q["long_text"] ?? 0, longestText: q["longest"] ?? 0, undated: q["undated"] ?? 0,
            unassigned: try count("""
                SELECT COUNT(*) FROM questions q WHERE q.run_id = ?
                AND q.question_id NOT IN (SELECT question_id FROM assignments WHERE question_id IS NOT NULL)
                """),
            tagged: try count("""
                SELECT COUNT(DISTINCT qc.question_id) FROM question_capabilities qc
                JOIN questions q USING (question_id) WHERE q.run_id = ?
                """)
        )
        return QuestionCounts(
            totals: totals,
            assignedToMissingClusters: try count("""
                SELECT COUNT(*) FROM assignments a JOIN questions q USING (question_id) WHERE q.run_id = ?1
                AND a.cluster_id NOT IN (SELECT cluster_id FROM clusters WHERE run_id = ?1 AND cluster_id IS NOT NULL)
                """)
        )
    }
}
