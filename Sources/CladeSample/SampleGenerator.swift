import CladeCore
import CladeStore
import Foundation
import GRDB

/// Builds the bundled sample database (`sample-data/construction.sqlite`) from `SampleStory`.
/// The output depends only on the story and the seed: the same rows on every run and machine.
public enum SampleGenerator {
    public static let fileName = "construction.sqlite"

    /// Fills an empty database with the sample: creates the pipeline tables, then writes every row.
    public static func populate(_ db: Database) throws {
        try PipelineSchema.create(db)
        try insertMeta(db)
        try db.execute(
            sql: "INSERT INTO runs (run_id, created_at, source, params_json) VALUES (1, ?, 'native', ?)",
            arguments: [SampleCalendar.runCreatedAt, runParameters]
        )
        for capability in CapabilityKey.allCases {
            try db.execute(
                sql: "INSERT INTO capabilities (capability_id, name, description) VALUES (?, ?, ?)",
                arguments: [capability.rawValue, capability.name, capability.description]
            )
        }
        try insertClusters(db)
        try insertQuestions(SampleQuestions.generate(), db)
    }

    /// Writes the sample to a new self-contained file (rollback journal, vacuumed), replacing `path`
    /// only once the file is complete.
    public static func write(to path: String) throws {
        let temporary = path + ".tmp"
        let files = FileManager.default
        for leftover in [temporary, temporary + "-journal"] where files.fileExists(atPath: leftover) {
            try files.removeItem(atPath: leftover)
        }
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty { try files.createDirectory(atPath: directory, withIntermediateDirectories: true) }

        let queue = try DatabaseQueue(path: temporary)
        try queue.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA journal_mode = DELETE")
        }
        try queue.write { db in try populate(db) }
        try queue.writeWithoutTransaction { db in try db.execute(sql: "VACUUM") }
        try queue.close()

        guard rename(temporary, path) == 0 else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
        }
    }

    private static let runParameters = SampleJSON.object([
        ("generator", .string("CladeSample")),
        ("version", .int(SampleStory.generatorVersion)),
        ("seed", .int(Int(SampleStory.seed))),
        ("embedding_model", .string(SampleStory.embeddingModel)),
        ("embedding_dim", .int(SampleEmbeddings.dimension)),
    ])

    private static func insertMeta(_ db: Database) throws {
        let thresholds = Thresholds.standard
        let rows: [(String, String)] = [
            (PipelineSchema.MetaKey.title, SampleStory.title),
            (PipelineSchema.MetaKey.relevanceMetric, "cosine"),
            (PipelineSchema.MetaKey.volumeHighShare, String(thresholds.volumeHighShare)),
            (PipelineSchema.MetaKey.relevanceLow, String(thresholds.relevanceLow)),
            (PipelineSchema.MetaKey.satisfactionLow, String(thresholds.satisfactionLow)),
            (PipelineSchema.MetaKey.minRatings, String(thresholds.minRatings)),
            (PipelineSchema.MetaKey.embeddingModel, SampleStory.embeddingModel),
            (PipelineSchema.MetaKey.embeddingDim, String(SampleEmbeddings.dimension)),
        ]
        for (key, value) in rows {
            try db.execute(sql: "INSERT INTO meta (key, value) VALUES (?, ?)", arguments: [key, value])
        }
    }

    private static func insertClusters(_ db: Database) throws {
        let sql = """
            INSERT INTO clusters (cluster_id, run_id, parent_id, external_id, name, description, keywords_json, is_outlier)
            VALUES (?, 1, ?, ?, ?, ?, ?, ?)
            """
        for parent in SampleStory.parents {
            try db.execute(sql: sql, arguments: [
                parent.id, nil, "c-\(parent.key)", parent.name, parent.description, SampleJSON.array(parent.keywords), 0,
            ])
        }
        for leaf in SampleStory.leaves {
            try db.execute(sql: sql, arguments: [
                leaf.id, leaf.parent, leaf.externalID, leaf.name, leaf.description, SampleJSON.array(leaf.keywords),
                leaf.isOutlier ? 1 : 0,
            ])
        }
    }

    private static func insertQuestions(_ questions: [SampleQuestion], _ db: Database) throws {
        let question = try db.makeStatement(sql: """
            INSERT INTO questions (question_id, run_id, external_id, text, asked_at, relevance, feedback, weight, metadata_json)
            VALUES (?, 1, ?, ?, ?, ?, ?, ?, ?)
            """)
        let assignment = try db.makeStatement(sql: """
            INSERT INTO assignments (question_id, cluster_id, probability, is_representative) VALUES (?, ?, ?, ?)
            """)
        let capability = try db.makeStatement(sql: """
            INSERT INTO question_capabilities (question_id, capability_id, confidence) VALUES (?, ?, ?)
            """)
        let embedding = try db.makeStatement(sql: "INSERT INTO question_embeddings (question_id, vector) VALUES (?, ?)")
        for (index, q) in questions.enumerated() {
            let id = index + 1
            try question.execute(arguments: [
                id, "q-" + SampleCalendar.pad(id, width: 6), q.text, SampleCalendar.iso8601(utcSeconds: q.askedAt),
                q.relevance, q.feedback, q.weight, q.metadataJSON,
            ])
            try assignment.execute(arguments: [id, q.leafID, q.probability, q.isRepresentative ? 1 : 0])
            for (key, confidence) in q.capabilities {
                try capability.execute(arguments: [id, key.rawValue, confidence])
            }
            try embedding.execute(arguments: [id, Data(SampleEmbeddings.blob(q.vector))])
        }
    }
}
