import CladeCore
import CladeStore
import Foundation
import GRDB

/// Builds the bundled sample database (`sample-data/construction.sqlite`) from `SampleStory`.
/// The output depends only on the story and the seed: the same rows on every run and machine.
public enum SampleGenerator {
    public static let fileName = "construction.sqlite"

    /// Fills an empty database with the sample: creates the pipeline tables, then appends the run.
    public static func populate(_ db: Database) throws {
        try PipelineSchema.create(db)
        _ = try AppDatabase.appendRun(run(), to: db)
    }

    /// The sample as one pipeline run: the story's cluster ids, questions numbered 1… by time asked.
    static func run() -> PipelineRun {
        var run = PipelineRun(source: "native", createdAt: SampleCalendar.runCreatedAt, paramsJSON: runParameters, meta: meta)
        run.capabilities = CapabilityKey.allCases.map { PipelineRun.Capability(name: $0.name, description: $0.description) }
        var index: [Int64: Int] = [:]
        for parent in SampleStory.parents {
            index[parent.id] = run.clusters.count
            run.clusters.append(PipelineRun.Cluster(
                id: parent.id, externalID: "c-\(parent.key)", name: parent.name, description: parent.description,
                keywordsJSON: SampleJSON.array(parent.keywords)
            ))
        }
        for leaf in SampleStory.leaves {
            index[leaf.id] = run.clusters.count
            run.clusters.append(PipelineRun.Cluster(
                id: leaf.id, parent: leaf.parent.flatMap { index[$0] }, externalID: leaf.externalID, name: leaf.name,
                description: leaf.description, keywordsJSON: SampleJSON.array(leaf.keywords), isOutlier: leaf.isOutlier
            ))
        }
        let capability = Dictionary(uniqueKeysWithValues: CapabilityKey.allCases.enumerated().map { ($1, $0) })
        let questions = SampleQuestions.generate()
        for (i, q) in questions.enumerated() {
            let id = i + 1
            run.questions.append(PipelineRun.Question(
                externalID: "q-" + SampleCalendar.pad(id, width: 6), text: q.text, askedAt: SampleCalendar.iso8601(utcSeconds: q.askedAt),
                relevance: q.relevance, feedback: q.feedback, weight: q.weight, metadataJSON: q.metadataJSON
            ))
            if let leaf = index[q.leafID] {
                run.assignments.append(PipelineRun.Assignment(question: i, cluster: leaf, probability: q.probability, isRepresentative: q.isRepresentative))
            }
            for (key, confidence) in q.capabilities {
                run.tags.append(PipelineRun.Tag(question: i, capability: capability[key]!, confidence: confidence))
            }
        }
        run.embeddings = Matrix(rowVectors: questions.map { $0.vector.map(Float.init) })
        return run
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

    private static var meta: [String: String] {
        let thresholds = Thresholds.standard
        return [
            PipelineSchema.MetaKey.title: SampleStory.title,
            PipelineSchema.MetaKey.relevanceMetric: "cosine",
            PipelineSchema.MetaKey.volumeHighShare: String(thresholds.volumeHighShare),
            PipelineSchema.MetaKey.relevanceLow: String(thresholds.relevanceLow),
            PipelineSchema.MetaKey.satisfactionLow: String(thresholds.satisfactionLow),
            PipelineSchema.MetaKey.minRatings: String(thresholds.minRatings),
            PipelineSchema.MetaKey.embeddingModel: SampleStory.embeddingModel,
            PipelineSchema.MetaKey.embeddingDim: String(SampleEmbeddings.dimension),
        ]
    }
}
