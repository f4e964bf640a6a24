import CladeCore
import CladeStore

/// `clade import kura`: a Kura checkpoint folder → a pipeline database.
public enum KuraImporter {
    /// Where a question's text comes from first; the other two are fallbacks in the order
    /// request → first user message → summary.
    public enum TextSource: String, CaseIterable, Sendable {
        case request, message, summary
    }

    public struct Options: Sendable {
        public var title: String?
        public var relevanceMetric: String
        public var textFrom: TextSource
        /// Drop parents that have exactly one child (Kura repeats a topic at several depths).
        public var collapseChains: Bool

        public init(title: String? = nil, relevanceMetric: String = "cosine", textFrom: TextSource = .request, collapseChains: Bool = false) {
            self.title = title
            self.relevanceMetric = relevanceMetric
            self.textFrom = textFrom
            self.collapseChains = collapseChains
        }
    }

    public struct Result: Sendable {
        public var pipeline: ImportedPipeline
        /// Deepest level of the cluster tree (roots are 0).
        public var maxDepth: Int
        public var notes: [String]
    }

    public static func read(_ folder: String, options: Options = Options()) throws(ImportError) -> Result {
        guard InputFile.exists(folder) else { throw ImportError("\(folder): no such folder") }
        func path(_ name: String) -> String? {
            let p = (folder.hasSuffix("/") ? folder : folder + "/") + name
            return InputFile.exists(p) ? p : nil
        }
        let conversationsPath = path("conversations.jsonl") ?? path("conversations.json")
        let summariesPath = path("summaries.jsonl")
        guard conversationsPath != nil || summariesPath != nil else {
            throw ImportError("\(folder): no conversations.jsonl or summaries.jsonl (is this a Kura checkpoint folder?)")
        }
        guard let treePath = path("meta_clusters.jsonl") ?? path("dimensionality.jsonl") ?? path("clusters.jsonl") else {
            throw ImportError("\(folder): no clusters.jsonl, meta_clusters.jsonl or dimensionality.jsonl")
        }

        var questions = try KuraQuestions.read(conversations: conversationsPath, summaries: summariesPath, textFrom: options.textFrom)
        var tree = try KuraTree.read(treePath, knownChats: questions.index)
        if options.collapseChains { tree.collapseSingleChildParents() }

        var pipeline = ImportedPipeline(
            source: "kura",
            params: .object([]),
            meta: [
                PipelineSchema.MetaKey.title: options.title ?? InputFile.name(folder),
                PipelineSchema.MetaKey.relevanceMetric: options.relevanceMetric,
            ]
        )
        pipeline.questions = questions.questions
        pipeline.capabilities = questions.capabilities.names
        pipeline.questionCapabilities = questions.capabilities.tags
        var notes: [String] = []

        let order = tree.preorder()
        var clusterIndex: [Int: Int] = [:]
        for node in order { clusterIndex[node] = clusterIndex.count }
        pipeline.clusters = order.map { n in
            let node = tree.nodes[n]
            return ImportedPipeline.Cluster(
                externalID: node.id, name: node.name, description: node.description,
                keywords: node.slug.split(separator: "_").map(String.init), parent: node.parent.map { clusterIndex[$0]! }
            )
        }
        var assigned = [Int?](repeating: nil, count: pipeline.questions.count)
        for n in order where tree.children[n].isEmpty {
            let node = tree.nodes[n]
            for chat in node.chatIDs {
                let q = questions.index[chat]!
                if let other = assigned[q] {
                    throw ImportError(
                        "\(InputFile.name(treePath)):\(node.line): conversation \(chat) is also in cluster '\(pipeline.clusters[other].name)'"
                    )
                }
                assigned[q] = clusterIndex[n]!
            }
        }
        let unassigned = assigned.indices.filter { assigned[$0] == nil }
        if !unassigned.isEmpty {
            pipeline.clusters.append(.init(name: "Unclustered", description: "Conversations Kura put in no cluster.", isOutlier: true))
            for q in unassigned { assigned[q] = pipeline.clusters.count - 1 }
            notes.append("\(unassigned.count) conversation(s) in no Kura cluster went to an 'Unclustered' outliers cluster")
        }
        pipeline.assignments = assigned.enumerated().map { .init(question: $0, cluster: $1!) }
        if let e = questions.takeEmbeddings() {
            pipeline.embeddings = e
            pipeline.meta[PipelineSchema.MetaKey.embeddingDim] = String(e.columns)
            pipeline.meta[PipelineSchema.MetaKey.embeddingModel] = "kura summaries"
        }

        let depths = pipeline.depths()
        let maxDepth = depths.max() ?? 0
        let leaves = order.filter { tree.children[$0].isEmpty }.count
        let files = [conversationsPath, summariesPath, treePath].compactMap { $0 }.map(InputFile.name)
        var params: [(String, JSONValue)] = [
            ("input", .string("kura")),
            ("folder", .string(InputFile.name(folder))),
            ("files", .array(files.map(JSONValue.string))),
            ("tree_from", .string(InputFile.name(treePath))),
            ("text_from", .string(options.textFrom.rawValue)),
            ("collapse_chains", .bool(options.collapseChains)),
            ("conversations", .int(pipeline.questions.count)),
            ("leaf_clusters", .int(leaves)),
            ("clusters", .int(order.count)),
            ("depth", .int(maxDepth)),
        ]
        if let scale = questions.feedbackScale { params.append(("feedback_scale", .string(scale.rawValue))) }
        pipeline.params = .object(params)
        notes.insert(
            "\(Format.count(pipeline.questions.count)) conversations, \(leaves) leaf clusters, \(order.count) clusters in all, "
                + "\(tree.roots.count) roots, depth \(maxDepth)",
            at: 0
        )
        notes += questions.notes
        return Result(pipeline: pipeline, maxDepth: maxDepth, notes: notes)
    }
}
