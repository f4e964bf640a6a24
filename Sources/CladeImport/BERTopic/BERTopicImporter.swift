import CladeCore
import CladeStore
import Foundation

/// `clade import bertopic`: BERTopic's document info (and optionally topic info and hierarchy)
/// as written by pandas `to_csv(index=False)` → a pipeline database.
public enum BERTopicImporter {
    public struct Options: Sendable {
        public var documents: String
        public var topics: String?
        public var hierarchy: String?
        /// Parent groups cut from the hierarchy; nil: about √topics; 0: no parents.
        public var parents: Int?
        public var textColumn: String
        public var title: String?
        public var relevanceMetric: String
        /// The documents' embeddings (the ones BERTopic was fitted on): a `.npy`, one row per document row.
        public var embeddingsFile: String?
        public var embeddingModel: String?

        public init(
            documents: String, topics: String? = nil, hierarchy: String? = nil, parents: Int? = nil, textColumn: String = "Document",
            title: String? = nil, relevanceMetric: String = "cosine", embeddingsFile: String? = nil, embeddingModel: String? = nil
        ) {
            self.embeddingsFile = embeddingsFile
            self.embeddingModel = embeddingModel
            self.documents = documents
            self.topics = topics
            self.hierarchy = hierarchy
            self.parents = parents
            self.textColumn = textColumn
            self.title = title
            self.relevanceMetric = relevanceMetric
        }
    }

    public struct Result: Sendable {
        public var pipeline: ImportedPipeline
        public var notes: [String]
    }

    /// Columns BERTopic writes; they describe topics or assignments, not questions.
    static let topicColumns: Set<String> = [
        "Topic", "Count", "Name", "CustomName", "Representation", "Representative_Docs", "Top_n_words",
        "Probability", "Representative_document",
    ]

    public static func read(_ options: Options) throws(ImportError) -> Result {
        let docFile = InputFile.name(options.documents)
        let table = try readCSV(options.documents)
        guard table.column(named: options.textColumn) != nil else {
            throw ImportError("\(docFile): no '\(options.textColumn)' column (the document text; see --text-column). Columns: \(table.header.joined(separator: ", "))")
        }
        guard let topicColumn = table.column(named: "Topic") else {
            throw ImportError("\(docFile): no 'Topic' column; is this get_document_info() output? Columns: \(table.header.joined(separator: ", "))")
        }
        var topicInfo = try TopicInfo.read(options.topics)
        let ignored = topicColumns.union(topicInfo?.aspectColumns ?? [])
        let mapping = try ColumnMapping.resolve(
            header: table.header, overrides: [.text: options.textColumn], detect: [.id, .askedAt, .feedback, .relevance, .capabilities, .weight],
            ignored: ignored, fileName: docFile
        )
        var reader = QuestionRowReader(file: docFile, table: table, mapping: mapping, feedbackScale: .auto)
        let probabilityColumn = table.column(named: "Probability")
        let representativeColumn = table.column(named: "Representative_document")

        var pipeline = ImportedPipeline(source: "bertopic", params: .object([]), meta: [:])
        var capabilities = CapabilityIndex()
        var questionTopic: [Int] = []
        var probability: [Double?] = []
        var representative: [Bool] = []
        var skipped = 0
        var kept: [Int] = []
        var fromDocuments = TopicInfo()
        for (position, record) in table.records.enumerated() {
            let at = "\(docFile):\(record.line)"
            guard let topic = Int(record.fields[topicColumn].trimmingWhitespace()) else {
                throw ImportError("\(at): Topic '\(record.fields[topicColumn])' is not an integer")
            }
            try fromDocuments.learn(topic: topic, from: record, header: table.header, at: at)
            guard let (question, tags) = try reader.question(from: record, position: position) else {
                skipped += 1
                continue
            }
            var p: Double?
            if let c = probabilityColumn, !ValueParsing.isBlank(record.fields[c]) {
                guard let v = ValueParsing.number(record.fields[c]) else {
                    throw ImportError("\(at): Probability '\(record.fields[c])' is not a number")
                }
                p = v
            }
            var isRepresentative = false
            if let c = representativeColumn {
                switch record.fields[c].trimmingWhitespace().lowercased() {
                case "true", "1": isRepresentative = true
                case "false", "0", "": isRepresentative = false
                default: throw ImportError("\(at): Representative_document '\(record.fields[c])' is not True or False")
                }
            }
            capabilities.tag(question: pipeline.questions.count, with: tags)
            kept.append(position)
            pipeline.questions.append(question)
            questionTopic.append(topic)
            probability.append(p)
            representative.append(isRepresentative)
        }
        guard !pipeline.questions.isEmpty else { throw ImportError("\(docFile): no documents") }
        if let npy = options.embeddingsFile {
            var vectors = try CSVImporter.readEmbeddings(npy, rows: table.records.count, keep: kept, csvName: docFile)
            vectors.normalizeRows()
            pipeline.embeddings = vectors
        }

        var notes: [String] = []
        if topicInfo == nil { topicInfo = fromDocuments }
        let topics = topicInfo!
        let documentCounts = Dictionary(questionTopic.map { ($0, 1) }, uniquingKeysWith: +)
        for topic in documentCounts.keys.sorted() where topics.byTopic[topic] == nil {
            throw ImportError("\(InputFile.name(options.topics ?? options.documents)): topic \(topic) of the documents is missing")
        }
        if options.topics != nil {
            let mismatched = topics.byTopic.filter { t, info in info.count != nil && info.count != documentCounts[t, default: 0] }.keys.sorted()
            if !mismatched.isEmpty {
                notes.append("topic_info counts differ from the documents for \(mismatched.count) topic(s) (first: \(mismatched[0])); using the documents")
            }
        }
        if representativeColumn == nil {
            // Older exports: mark the documents quoted as the topic's representatives.
            for (q, topic) in questionTopic.enumerated() {
                representative[q] = topics.byTopic[topic]?.representativeDocs.contains(pipeline.questions[q].text) ?? false
            }
        }

        // Clusters: parents cut from the hierarchy, then topics by id, outliers last.
        let topicIDs = topics.byTopic.keys.filter { $0 >= 0 }.sorted()
        var cut = HierarchyCut(groups: [], parentOfTopic: [:])
        if let h = options.hierarchy {
            let tree = try BERTopicHierarchy.read(h, topics: Set(topicIDs))
            let wanted = options.parents ?? min(12, max(2, Int(Double(topicIDs.count).squareRoot().rounded())))
            cut = tree.cut(into: wanted)
            let notInTree = topicIDs.filter { !tree.leaves.contains($0) }
            if !notInTree.isEmpty { notes.append("\(notInTree.count) topic(s) not in the hierarchy stay at the top level") }
        }
        for group in cut.groups {
            pipeline.clusters.append(.init(
                externalID: group.id, name: group.words.prefix(4).joined(separator: ClusterNaming.separator),
                description: "\(group.topics.count) topics merged at distance \(String(format: "%.3f", group.distance)) in BERTopic's hierarchy",
                keywords: group.words
            ))
        }
        var clusterOfTopic: [Int: Int] = [:]
        for topic in topicIDs + (topics.byTopic[-1] != nil ? [-1] : []) {
            let info = topics.byTopic[topic]!
            clusterOfTopic[topic] = pipeline.clusters.count
            pipeline.clusters.append(.init(
                externalID: String(topic), name: info.displayName(topic: topic),
                description: ClusterNaming.description(quoting: info.representativeDocs),
                keywords: info.keywords, isOutlier: topic == -1, parent: cut.parentOfTopic[topic]
            ))
        }
        pipeline.assignments = questionTopic.enumerated().map { q, topic in
            .init(question: q, cluster: clusterOfTopic[topic]!, probability: probability[q], isRepresentative: representative[q])
        }
        pipeline.capabilities = capabilities.names
        pipeline.questionCapabilities = capabilities.tags

        let outliers = questionTopic.filter { $0 == -1 }.count
        let folderName = ((options.documents as NSString).deletingLastPathComponent as NSString).lastPathComponent
        pipeline.meta = [
            PipelineSchema.MetaKey.title: options.title ?? (folderName.isEmpty || folderName == "." ? InputFile.stem(options.documents) : folderName),
            PipelineSchema.MetaKey.relevanceMetric: options.relevanceMetric,
        ]
        if let vectors = pipeline.embeddings, let npy = options.embeddingsFile {
            pipeline.meta[PipelineSchema.MetaKey.embeddingModel] = options.embeddingModel ?? InputFile.stem(npy)
            pipeline.meta[PipelineSchema.MetaKey.embeddingDim] = String(vectors.columns)
        }
        var params: [(String, JSONValue)] = [
            ("input", .string("bertopic")),
            ("documents", .string(docFile)),
            ("topics", options.topics.map { .string(InputFile.name($0)) } ?? .null),
            ("hierarchy", options.hierarchy.map { .string(InputFile.name($0)) } ?? .null),
            ("topic_count", .int(topicIDs.count)),
            ("outliers", .int(outliers)),
            ("parents", .int(cut.groups.count)),
            ("hierarchy_cut", .string("split the subtree with the most topics until the requested number of groups")),
        ]
        if let npy = options.embeddingsFile { params.append(("embeddings_file", .string(InputFile.name(npy)))) }
        if mapping[.feedback] != nil { params.append(("feedback_scale", .string(reader.feedbackScale.rawValue))) }
        pipeline.params = .object(params)
        notes.insert(
            "\(Format.count(pipeline.questions.count)) documents, \(topicIDs.count) topics"
                + (outliers > 0 ? ", \(Format.count(outliers)) outliers" : "")
                + (cut.groups.isEmpty ? "" : ", \(cut.groups.count) parents from the hierarchy"),
            at: 0
        )
        if skipped > 0 { notes.append("skipped \(skipped) document(s) with empty text") }
        return Result(pipeline: pipeline, notes: notes)
    }

    static func readCSV(_ path: String) throws(ImportError) -> CSVTable {
        let bytes = try InputFile.bytes(path)
        do {
            return try CSVParser.parse(bytes)
        } catch {
            throw ImportError("\(InputFile.name(path)):\(error.line): \(error)")
        }
    }
}
