import CladeStore
import Foundation
import GRDB

/// Synthetic diagnostics databases at scale (100k to millions of questions, thousands of
/// clusters) for the benchmark. Cluster sizes follow a Zipf law, as real topic distributions do,
/// so the largest clusters hold tens of thousands of questions.
///
/// The `Shape` says whose file it imitates: Clade's own generator, a pipeline that wrote the
/// contract with its own DDL, an imported Kura tree, or BERTopic's topics with its outliers. A
/// target holds only when it holds on every shape.
public enum ScaleGenerator {
    public struct Options: Sendable {
        public var questions: Int
        public var leafClusters: Int
        public var parents: Int
        public var capabilities: Int
        /// Dimensions of the embeddings stored; 0 stores none.
        public var embeddingDimensions: Int
        public var seed: UInt64
        public var shape: ScaleShape

        public init(questions: Int, leafClusters: Int = 2000, parents: Int = 100, capabilities: Int = 12, embeddingDimensions: Int = 0,
                    seed: UInt64 = 1, shape: ScaleShape = .clade) {
            self.questions = questions
            self.leafClusters = leafClusters
            self.parents = parents
            self.capabilities = capabilities
            self.embeddingDimensions = embeddingDimensions
            self.seed = seed
            self.shape = shape
        }
    }

    static let subjects = ["the Mills site", "level 3", "the east stair", "drawing A-201", "the roof membrane", "RFI 212",
                           "the pour schedule", "invoice 4471", "the crane permit", "change order 18", "the HVAC submittal", "Harbor"]
    static let asks = ["what is the status of", "who signed off on", "how many doors are on", "when is", "show me the latest on",
                       "compare the budget for", "is there a spec for", "what changed in", "find the report on", "summarise"]

    /// Writes a new database file (replacing any file at `path`), reporting progress as a fraction.
    public static func write(to path: String, options: Options, progress: (Double) -> Void = { _ in }) throws {
        for suffix in ["", "-wal", "-shm", "-journal"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        var config = Configuration()
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF")
        }
        let queue = try DatabaseQueue(path: path, configuration: config)
        try queue.writeWithoutTransaction { db in
            try db.inTransaction {
                let layout = options.shape.layout(options)
                if options.shape == .pipeline {
                    // A pipeline's own DDL: no stamps, its indexes only (made after the rows, as a bulk load does).
                    try db.execute(sql: ScaleShape.pipelineTables)
                } else {
                    try PipelineSchema.create(db)
                }
                try populate(db, options: options, layout: layout, progress: progress)
                if options.shape == .pipeline { try db.execute(sql: ScaleShape.pipelineIndexes) }
                return .commit
            }
            try db.execute(sql: "PRAGMA journal_mode = DELETE")
            // A pipeline does not gather the planner's statistics; Clade's own tools do.
            if options.shape != .pipeline { try db.execute(sql: "ANALYZE") }
        }
        try queue.close()
    }

    static func populate(_ db: Database, options o: Options, layout: ScaleShape.Layout, progress: (Double) -> Void) throws {
        var rng = SeededRandom(seed: o.seed, stream: "scale")
        try db.execute(sql: """
            INSERT INTO meta VALUES ('title', 'Synthetic scale run (\(o.shape.rawValue) shape): \(o.questions) questions'), ('relevance_metric', 'cosine'),
            ('volume_high_share', '0.002'), ('relevance_low', '0.5'), ('satisfaction_low', '0.6'), ('min_ratings', '10')
            """)
        if o.embeddingDimensions > 0 {
            try db.execute(sql: "INSERT INTO meta VALUES ('embedding_dim', ?), ('embedding_model', 'synthetic')", arguments: [String(o.embeddingDimensions)])
        }
        try db.execute(sql: "INSERT INTO runs VALUES (1, '2026-11-30T06:00:00Z', ?, ?, NULL)",
                       arguments: [o.shape.source, "{\"generator\":\"scale\",\"shape\":\"\(o.shape.rawValue)\"}"])
        let cluster = try db.makeStatement(sql: """
            INSERT INTO clusters (cluster_id, run_id, parent_id, external_id, name, description, keywords_json, is_outlier) VALUES (?, 1, ?, ?, ?, ?, ?, ?)
            """)
        for c in layout.clusters {
            try cluster.execute(arguments: [c.id, c.parent, c.externalID, c.name, c.description, c.keywords, c.isOutlier ? 1 : 0])
        }
        for c in 0..<o.capabilities {
            try db.execute(sql: "INSERT INTO capabilities VALUES (?, ?, '')", arguments: [c + 1, "capability \(c + 1)"])
        }
        // Zipf(1) weights over the leaves, turned into cumulative thresholds for sampling.
        var cumulative: [Double] = []
        var sum = 0.0
        for i in 0..<layout.leaves.count {
            sum += 1.0 / Double(i + 1)
            cumulative.append(sum)
        }
        let question = try db.makeStatement(sql: """
            INSERT INTO questions (question_id, run_id, external_id, text, asked_at, relevance, feedback, weight, metadata_json) VALUES (?, 1, ?, ?, ?, ?, ?, ?, '{}')
            """)
        let assignment = try db.makeStatement(sql: "INSERT INTO assignments (question_id, cluster_id, probability) VALUES (?, ?, ?)")
        let tag = try db.makeStatement(sql: "INSERT INTO question_capabilities (question_id, capability_id) VALUES (?, ?)")
        if o.embeddingDimensions > 0, try !db.tableExists("question_embeddings") {
            try db.execute(sql: "CREATE TABLE question_embeddings (question_id INTEGER PRIMARY KEY, vector BLOB)")
        }
        let embedding = o.embeddingDimensions > 0 ? try db.makeStatement(sql: "INSERT INTO question_embeddings (question_id, vector) VALUES (?, ?)") : nil
        let start = 1_788_739_200  // 2026-09-07T00:00:00Z
        var tags: [Int64] = []
        for q in 1...max(1, o.questions) {
            let lo: Int
            if let outlierShare = layout.outlierShare, rng.unit() < outlierShare {
                lo = layout.leaves.count - 1
            } else {
                let u = rng.unit() * (layout.outlierShare == nil ? sum : cumulative[cumulative.count - 2])
                var low = 0, high = layout.leaves.count - 1
                while low < high {
                    let mid = (low + high) / 2
                    if cumulative[mid] < u { low = mid + 1 } else { high = mid }
                }
                lo = low
            }
            let leaf = layout.leaves[lo]
            let text = o.shape == .clade ? "\(asks[rng.int(below: asks.count)]) \(subjects[rng.int(below: subjects.count)]) (topic \(lo + 1), #\(q))"
                : ScaleShape.text(words: layout.words, count: layout.textWords, rng: &rng, topic: lo)
            let seconds = start + rng.int(below: 84 * 86_400)
            let relevance = ((0.2 + 0.7 * rng.unit()) * 100).rounded() / 100
            let rated = rng.int(below: 100) < 38
            let feedback: Int? = rated ? (rng.int(below: 100) < 65 ? 1 : -1) : nil
            let weight = lo < layout.sampledLeaves ? ScaleShape.sampledWeight : 1
            try question.execute(arguments: [Int64(q), "q-\(q)", text, iso(seconds), relevance, feedback, weight])
            try assignment.execute(arguments: [Int64(q), leaf, 0.8])
            layout.tags(&rng, o.capabilities, &tags)
            for t in tags { try tag.execute(arguments: [Int64(q), t]) }
            if o.embeddingDimensions > 0 {
                var vector = [Float](repeating: 0, count: o.embeddingDimensions)
                vector[lo % o.embeddingDimensions] = 1
                for d in 0..<o.embeddingDimensions { vector[d] += Float(rng.unit() - 0.5) * 0.6 }
                try embedding?.execute(arguments: [Int64(q), vector.withUnsafeBytes { Data($0) }])
            }
            if q % 50_000 == 0 { progress(Double(q) / Double(o.questions)) }
        }
        progress(1)
    }

    static func iso(_ seconds: Int) -> String {
        var t = time_t(seconds)
        var parts = tm()
        gmtime_r(&t, &parts)
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02dZ", parts.tm_year + 1900, parts.tm_mon + 1, parts.tm_mday, parts.tm_hour, parts.tm_min, parts.tm_sec)
    }
}
