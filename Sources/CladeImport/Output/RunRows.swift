import CladeCore
import CladeStore
import Foundation
import GRDB

/// An imported run as the store appends it (`AppDatabase.appendRun`, which gives the ids): a new
/// database starts every id at 1, a re-import continues after the ids already in the file.
enum RunRows {
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

    /// The run `p` as the store takes it, with `meta` (added where missing, replacing the keys in
    /// `replacingMeta`).
    static func run(_ p: ImportedPipeline, meta: [String: String], replacingMeta: Set<String>) -> PipelineRun {
        var run = PipelineRun(source: p.source, createdAt: ISO8601DateFormatter().string(from: Date()), paramsJSON: p.params.serialized,
                              meta: meta, replacingMeta: replacingMeta)
        run.questions = p.questions.map {
            PipelineRun.Question(externalID: $0.externalID, text: $0.text, askedAt: $0.askedAt, relevance: $0.relevance, feedback: $0.feedback,
                                 weight: $0.weight, metadataJSON: $0.metadata.serialized)
        }
        run.clusters = p.clusters.map {
            PipelineRun.Cluster(parent: $0.parent, externalID: $0.externalID, name: $0.name, description: $0.description,
                                keywordsJSON: JSONValue.array($0.keywords.map(JSONValue.string)).serialized, isOutlier: $0.isOutlier)
        }
        run.assignments = p.assignments
        run.capabilities = p.capabilities.map { PipelineRun.Capability(name: $0) }
        run.tags = p.questionCapabilities.map { PipelineRun.Tag(question: $0.question, capability: $0.capability) }
        run.embeddings = p.embeddings
        return run
    }

    /// Appends `p` in the caller's transaction; the store's refusals and cancellation become the
    /// importer's one-line errors.
    @discardableResult
    static func append(_ p: ImportedPipeline, to db: Database, meta: [String: String], replacingMeta: Set<String> = [],
                       isCancelled: () -> Bool) throws -> AppendedRun {
        do {
            return try AppDatabase.appendRun(run(p, meta: meta, replacingMeta: replacingMeta), to: db, isCancelled: isCancelled)
        } catch is CancellationError {
            throw ImportError.cancelled
        } catch let e as AppendRunError {
            throw ImportError(e.description)
        }
    }
}
