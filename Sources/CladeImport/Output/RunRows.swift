import CladeCore
import CladeStore
import Foundation
import GRDB

/// Writes one imported run's rows (the `runs` row, questions, clusters, assignments, capability
/// tags, embeddings) under the ids it is given: a new database starts every id at 1, a re-import
/// continues after the ids already in the file, so ids stay unique across runs.
enum RunRows {
    struct IDs {
        var run: RunID
        var parentRun: RunID?
        /// Question `i` (0-based) gets id `questionBase + i + 1`.
        var questionBase: Int64
        /// Clusters get `clusterBase + 1…`, parents before their children.
        var clusterBase: Int64
        /// The capability id of each of the pipeline's capability names.
        var capabilities: [Int64]
    }

    /// The thresholds every import writes to `meta` unless the input says otherwise.
    static var defaultMeta: [String: String] {
        let t = Thresholds.standard
        return [
            PipelineSchema.MetaKey.relevanceMetric: "cosine",
            PipelineSchema.MetaKey.volumeHighShare: String(t.volumeHighShare),
            PipelineSchema.MetaKey.relevanceLow: String(t.relevanceLow),
            PipelineSchema.MetaKey.satisfactionLow: String(t.satisfactionLow),
            PipelineSchema.MetaKey.minRatings: String(t.minRatings),
        ]
    }

    /// Inserts the run; polls `isCancelled` every 2,048 rows. Returns the clusters' ids by index.
    @discardableResult
    static func insert(_ p: ImportedPipeline, into db: Database, ids: IDs, isCancelled: () -> Bool) throws -> [Int64] {
        let formatter = ISO8601DateFormatter()
        try db.execute(
            sql: "INSERT INTO runs(run_id, created_at, source, params_json, parent_run_id) VALUES (?, ?, ?, ?, ?)",
            arguments: [ids.run, formatter.string(from: Date()), p.source, p.params.serialized, ids.parentRun]
        )

        func checkCancel(_ i: Int) throws {
            if i % 2048 == 0 && isCancelled() { throw ImportError.cancelled }
        }
        func questionID(_ i: Int) -> Int64 { ids.questionBase + Int64(i) + 1 }

        let question = try db.makeStatement(sql: """
            INSERT INTO questions(question_id, run_id, external_id, text, asked_at, relevance, feedback, weight, metadata_json)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for (i, q) in p.questions.enumerated() {
            try checkCancel(i)
            try question.execute(arguments: [
                questionID(i), ids.run, q.externalID, q.text, q.askedAt, q.relevance, q.feedback, q.weight, q.metadata.serialized,
            ])
        }

        // Parents get smaller ids than their children: ids follow depth, then input order.
        let depths = p.depths()
        let order = p.clusters.indices.sorted { depths[$0] != depths[$1] ? depths[$0] < depths[$1] : $0 < $1 }
        var clusterID = [Int64](repeating: 0, count: p.clusters.count)
        for (position, index) in order.enumerated() { clusterID[index] = ids.clusterBase + Int64(position) + 1 }
        let cluster = try db.makeStatement(sql: """
            INSERT INTO clusters(cluster_id, run_id, parent_id, external_id, name, description, keywords_json, is_outlier)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for index in order {
            let c = p.clusters[index]
            try cluster.execute(arguments: [
                clusterID[index], ids.run, c.parent.map { clusterID[$0] }, c.externalID, c.name, c.description,
                JSONValue.array(c.keywords.map(JSONValue.string)).serialized, c.isOutlier ? 1 : 0,
            ])
        }

        let assignment = try db.makeStatement(sql: """
            INSERT INTO assignments(question_id, cluster_id, probability, is_representative) VALUES (?, ?, ?, ?)
            """)
        for (i, a) in p.assignments.enumerated() {
            try checkCancel(i)
            try assignment.execute(arguments: [questionID(a.question), clusterID[a.cluster], a.probability, a.isRepresentative ? 1 : 0])
        }

        let tag = try db.makeStatement(sql: "INSERT INTO question_capabilities(question_id, capability_id) VALUES (?, ?)")
        for (i, qc) in p.questionCapabilities.enumerated() {
            try checkCancel(i)
            try tag.execute(arguments: [questionID(qc.question), ids.capabilities[qc.capability]])
        }

        if let e = p.embeddings {
            let vector = try db.makeStatement(sql: "INSERT INTO question_embeddings(question_id, vector) VALUES (?, ?)")
            for r in 0..<e.rows {
                try checkCancel(r)
                try vector.execute(arguments: [questionID(r), float32LittleEndian(e, row: r)])
            }
        }
        return clusterID
    }

    static func float32LittleEndian(_ m: Matrix, row r: Int) -> Data {
        var data = Data(capacity: m.columns * 4)
        for j in 0..<m.columns {
            withUnsafeBytes(of: m[r, j].bitPattern.littleEndian) { data.append(contentsOf: $0) }
        }
        return data
    }
}
