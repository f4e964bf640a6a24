import CladeCore
import Foundation
import GRDB

extension SchemaCheck {
    /// The figures of `clade check`, and the counts behind its warnings. The per-question
    /// figures come from `scanned` (`RunScan`'s pass) when given, else from SQL.
    static func summarize(_ db: Database, path: String, run: Int64, scanned: RunFigures? = nil) throws -> CheckReport {
        let tables = Set(try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'"))
        func count(_ sql: String, _ args: StatementArguments = []) throws -> Int { try Int.fetchOne(db, sql: sql, arguments: args) ?? 0 }
        let q = try QuestionCounts.of(db, run: run, scanned: scanned)
        let tree = try RunTree.read(db, run: run)
        let leaves = tree.leaves
        let all = tree.ids.count
        let embeddings = tables.contains("question_embeddings") ? try embeddingSizes(db, run: run) : [:]
        // Clade's tables, runs, decisions and permissions: set below, as for a reused report.
        var report = CheckReport(
            path: path,
            pipelineFormat: try Int32.fetchOne(db, sql: "PRAGMA user_version") ?? 0,
            applicationIDSet: (try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0) == PipelineSchema.applicationID,
            cladeMigrations: [],
            runs: 0,
            runID: run,
            questions: q.totals.questions,
            volume: q.totals.volume,
            leafClusters: leaves,
            parentClusters: all - leaves,
            capabilities: try count("SELECT COUNT(*) FROM capabilities"),
            taggedQuestions: q.totals.tagged,
            ratedQuestions: q.totals.rated,
            embeddings: embeddings.values.reduce(0, +),
            embeddingDims: Set(embeddings.keys.compactMap { $0.map { $0 / 4 } }).sorted(),
            unassignedQuestions: q.totals.unassigned,
            assignmentsToMissingClusters: q.assignedToMissingClusters,
            decisions: 0,
            writable: false
        )
        try refreshLiveFields(db, path: path, into: &report)
        report.nullTexts = q.totals.nullTexts
        report.longTexts = q.totals.longTexts
        report.longestText = q.totals.longestText
        report.undatedQuestions = q.totals.undated
        report.clustersWithMissingParent = tree.missingParents
        report.unreadableEmbeddings = embeddings.filter { bytes, _ in bytes.map { $0 == 0 || $0 % 4 != 0 } ?? true }.values.reduce(0, +)
        return report
    }

    /// The run's embeddings by size in bytes (nil: neither a blob nor text). Read from the
    /// embeddings' side (CROSS JOIN): when there are few or none, the run's questions are not all
    /// looked up. `LIMIT -1` keeps the subquery apart, so that GROUP BY sorts sizes, not vectors.
    static func embeddingSizes(_ db: Database, run: Int64) throws -> [Int?: Int] {
        var sizes: [Int?: Int] = [:]
        for row in try Row.fetchAll(db, sql: """
            SELECT bytes, COUNT(*) AS n FROM (
                SELECT CASE typeof(e.vector) WHEN 'blob' THEN length(e.vector) WHEN 'text' THEN length(CAST(e.vector AS BLOB)) END AS bytes
                FROM question_embeddings e CROSS JOIN questions q ON q.question_id = e.question_id WHERE q.run_id = ? LIMIT -1
            ) GROUP BY bytes
            """, arguments: [run]) {
            sizes[row["bytes"] as Int?] = row["n"]
        }
        return sizes
    }
}

/// The run's hierarchy read once, in one scan of its clusters: a correlated `NOT EXISTS` per
/// cluster cannot use the `(run_id, parent_id)` index and went quadratic (6 minutes for 50,000
/// top-level clusters); a pipeline's own DDL may have no index at all.
struct RunTree {
    var ids: Set<Int64> = []
    var parents: [Int64: Int64] = [:]

    static func read(_ db: Database, run: Int64) throws -> RunTree {
        var tree = RunTree()
        let rows = try Row.fetchCursor(db, sql: "SELECT cluster_id, parent_id FROM clusters WHERE run_id = ?", arguments: [run])
        while let row = try rows.next() {
            guard let id = row[0] as Int64? else { continue }
            tree.ids.insert(id)
            if let p = row[1] as Int64? { tree.parents[id] = p }
        }
        return tree
    }

    /// Clusters of the run no cluster of the run names as its parent.
    var leaves: Int {
        let named = Set(parents.values)
        return ids.filter { !named.contains($0) }.count
    }

    /// Clusters whose parent is not a cluster of the run.
    var missingParents: Int { parents.values.filter { !ids.contains($0) }.count }
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
        if expertIDCollisions > 0 {
            out.append(n(expertIDCollisions, "cluster the reviewer created has", "clusters the reviewer created have")
                + " the id of a pipeline cluster (an older Clade numbered them -1, -2, …, as BERTopic numbers its outliers): the reviewer's state for that id shows on the pipeline's cluster (new clusters take ids of Clade's own range; check these by hand)")
        }
        if decisionLogConsistent == false {
            out.append("Clade's state tables disagree with its decision log (edited by hand?): the log is the record, and the figures shown may be off")
        }
        return out
    }
}

