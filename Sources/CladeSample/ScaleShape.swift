/// Whose file `ScaleGenerator` imitates. The contract (`docs/schema.md`) leaves much open — the
/// DDL, indexes, stamps, hierarchy, tags per question, weights — and each of these costs Clade
/// differently, so the benchmark measures each shape real pipelines write.
public enum ScaleShape: String, CaseIterable, Sendable {
    /// Clade's own generator: Clade's DDL and stamps, 2,000 leaves under 100 parents, 30% of the
    /// questions tagged once, short templated texts.
    case clade
    /// A pipeline writing the contract with its own DDL (issue 15): no primary key on assignments
    /// and one index by cluster, tags in a rowid table with an index on each column, 1–2 tags per
    /// question, texts of 5–14 words, the largest clusters sampled (weight 25), no
    /// `application_id`, `user_version` 0, no `ANALYZE`, under 100 parents.
    case pipeline
    /// An imported Kura tree: four levels (leaves, then about a tenth as many at each level up to
    /// a handful of roots), uuid external ids, sentence names, longer summarised texts.
    case kura
    /// BERTopic's topics as a pipeline writes them: cluster id = topic number, so the outlier
    /// topic is -1 (a quarter of the questions, `is_outlier`), a dozen parents from its
    /// hierarchy, few capability tags.
    case bertopic

    var source: String {
        switch self {
        case .clade: return "native"
        case .pipeline: return "spark-pipeline"
        case .kura: return "kura"
        case .bertopic: return "bertopic"
        }
    }

    /// Rows of the largest clusters of the `pipeline` shape stand for this many questions each.
    static let sampledWeight = 25.0

    static let pipelineTables = """
    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
    CREATE TABLE runs (run_id INTEGER PRIMARY KEY, created_at TEXT, source TEXT, params_json TEXT, parent_run_id INTEGER);
    CREATE TABLE questions (question_id INTEGER PRIMARY KEY, run_id INTEGER, external_id TEXT, text TEXT, asked_at TEXT,
                            relevance REAL, feedback INTEGER, weight REAL, metadata_json TEXT);
    CREATE TABLE clusters (cluster_id INTEGER PRIMARY KEY, run_id INTEGER, parent_id INTEGER, external_id TEXT, name TEXT,
                           description TEXT, keywords_json TEXT, is_outlier INTEGER);
    CREATE TABLE assignments (question_id INTEGER NOT NULL, cluster_id INTEGER NOT NULL, probability REAL, is_representative INTEGER);
    CREATE TABLE capabilities (capability_id INTEGER PRIMARY KEY, name TEXT, description TEXT);
    CREATE TABLE question_capabilities (question_id INTEGER NOT NULL, capability_id INTEGER NOT NULL, confidence REAL);
    """

    static let pipelineIndexes = """
    CREATE INDEX idx_assignments_cluster ON assignments(cluster_id);
    CREATE INDEX idx_qc_question ON question_capabilities(question_id);
    CREATE INDEX idx_qc_capability ON question_capabilities(capability_id);
    """

    struct ClusterRow {
        var id: Int64
        var parent: Int64?
        var externalID: String?
        var name: String
        var description: String
        var keywords: String
        var isOutlier = false
    }

    /// The clusters of a run, its leaves in Zipf order (the first the largest), and how questions
    /// are tagged and weighted.
    struct Layout {
        var clusters: [ClusterRow] = []
        var leaves: [Int64] = []
        /// The share of questions in the last leaf (BERTopic's outliers); nil: Zipf over all leaves.
        var outlierShare: Double?
        /// The first this many leaves (the largest) are sampled: `sampledWeight` per row.
        var sampledLeaves = 0
        var words: [String] = []
        /// Words per question text.
        var textWords = 5...14
        var tags: (inout SeededRandom, Int, inout [Int64]) -> Void = { _, _, tags in tags.removeAll() }
    }

    func layout(_ o: ScaleGenerator.Options) -> Layout {
        var rng = SeededRandom(seed: o.seed, stream: "scale-layout-\(rawValue)")
        var layout = Layout()
        let leaves = max(2, o.leafClusters)
        switch self {
        case .clade, .pipeline:
            let parents = self == .pipeline ? min(o.parents, 80) : o.parents
            for p in 0..<parents {
                layout.clusters.append(ClusterRow(id: Int64(p + 1), name: "Topic family \(p + 1)", description: "Parent \(p + 1)",
                                                  keywords: "[\"family\",\"\(p + 1)\"]"))
            }
            let base = Int64(parents + 1)
            for l in 0..<leaves {
                let id = base + Int64(l)
                layout.clusters.append(ClusterRow(id: id, parent: Int64(l % max(1, parents) + 1), externalID: self == .pipeline ? "c\(l)" : nil,
                                                  name: "Topic \(l + 1)", description: "Synthetic topic \(l + 1)", keywords: "[\"topic\",\"t\(l + 1)\"]"))
                layout.leaves.append(id)
            }
            if self == .pipeline {
                layout.sampledLeaves = 4
                layout.words = Self.vocabulary
                layout.tags = { rng, capabilities, tags in
                    tags.removeAll()
                    guard capabilities > 0 else { return }
                    let first = Int64(1 + rng.int(below: capabilities))
                    tags.append(first)
                    if rng.unit() < 0.5, capabilities > 1 {
                        tags.append(Int64(1 + (Int(first) + rng.int(below: capabilities - 1)) % capabilities))
                    }
                }
            } else {
                layout.tags = { rng, capabilities, tags in
                    tags.removeAll()
                    if rng.int(below: 100) < 30 { tags.append(Int64(1 + rng.int(below: capabilities))) }
                }
            }
        case .kura:
            // Kura's meta-clustering: about a tenth as many clusters per level, up to a few roots;
            // the importer numbers parents before children.
            var levels = [leaves]
            while levels.last! > 8 { levels.append(max(4, levels.last! / 10)) }
            var next: Int64 = 1
            var previous: [Int64] = []
            for size in levels.reversed() {
                var ids: [Int64] = []
                for i in 0..<size {
                    let parent = previous.isEmpty ? nil : previous[i % previous.count]
                    ids.append(next)
                    layout.clusters.append(ClusterRow(
                        id: next, parent: parent, externalID: Self.uuid(&rng),
                        name: "Help users \(Self.vocabulary[rng.int(below: Self.vocabulary.count)]) \(Self.vocabulary[rng.int(below: Self.vocabulary.count)]) (\(size == leaves ? "cluster" : "group") \(i + 1))",
                        description: "The users asked about \(Self.vocabulary[rng.int(below: Self.vocabulary.count)]) and related requests in projects.",
                        keywords: "[]"))
                    next += 1
                }
                previous = ids
            }
            layout.leaves = previous
            layout.words = Self.vocabulary
            layout.textWords = 15...30
            layout.tags = { rng, capabilities, tags in
                tags.removeAll()
                if capabilities > 0, rng.int(below: 100) < 30 { tags.append(Int64(1 + rng.int(below: capabilities))) }
            }
        case .bertopic:
            let groups = min(12, max(2, Int(Double(leaves).squareRoot().rounded())))
            for g in 0..<groups {
                layout.clusters.append(ClusterRow(id: Int64(1_000_000 + g), externalID: "h\(g)", name: "group \(g + 1)",
                                                  description: "Topics merged in BERTopic's hierarchy", keywords: "[]"))
            }
            for t in 0..<(leaves - 1) {
                let words = (0..<4).map { _ in Self.vocabulary[rng.int(below: Self.vocabulary.count)] }
                layout.clusters.append(ClusterRow(id: Int64(t), parent: Int64(1_000_000 + t % groups), externalID: String(t),
                                                  name: "\(t)_" + words.joined(separator: "_"), description: "",
                                                  keywords: "[" + words.map { "\"\($0)\"" }.joined(separator: ",") + "]"))
                layout.leaves.append(Int64(t))
            }
            layout.clusters.append(ClusterRow(id: -1, externalID: "-1", name: "-1_the_to_my_i", description: "", keywords: "[]", isOutlier: true))
            layout.leaves.append(-1)
            layout.outlierShare = 0.25
            layout.words = Self.vocabulary
            layout.textWords = 4...20
            layout.tags = { rng, capabilities, tags in
                tags.removeAll()
                if capabilities > 0, rng.int(below: 100) < 5 { tags.append(Int64(1 + rng.int(below: capabilities))) }
            }
        }
        return layout
    }

    /// A question of the shape's length: 5–14 words (pipeline), 15–30 (Kura's summaries), 4–20 (BERTopic).
    static func text(words: [String], count range: ClosedRange<Int>, rng: inout SeededRandom, topic: Int) -> String {
        let count = rng.int(in: range)
        var text = "topic\(topic)"
        for _ in 1..<count {
            text += " "
            text += words[rng.int(below: words.count)]
        }
        return text
    }

    static func uuid(_ rng: inout SeededRandom) -> String {
        let a = rng.next(), b = rng.next()
        let hex = String(a, radix: 16).leftPadded(16) + String(b, radix: 16).leftPadded(16)
        let c = Array(hex)
        return String(c[0..<8]) + "-" + String(c[8..<12]) + "-" + String(c[12..<16]) + "-" + String(c[16..<20]) + "-" + String(c[20..<32])
    }

    static let vocabulary = """
    card delivery arrive late transfer pending refund fee charged twice exchange rate top up failed verify identity pin blocked \
    account closed limit cash withdrawal atm wrong amount apple pay google pay virtual card disposable country supported \
    salary statement balance beneficiary cancel payment direct debit contactless lost stolen expired renew passcode change \
    address phone number compromised declined merchant pending reversal crypto savings interest loan overdraft
    """.split(separator: " ").map(String.init)
}

private extension String {
    func leftPadded(_ length: Int) -> String { String(repeating: "0", count: max(0, length - count)) + self }
}
