import CladeCore
import CladeStore

/// `clade import csv`: questions from a CSV file, clustered by Clade.
public enum CSVImporter {
    public struct Options: Sendable {
        /// Explicit column names by role (`--text-column` …); other roles are found by header name.
        public var columns: [FieldRole: String]
        public var delimiter: UInt8
        public var feedbackScale: FeedbackScale
        /// A `.npy` file with one embedding per data row.
        public var embeddingsFile: String?
        /// Recorded as `embedding_model`; defaults to the embeddings' file name.
        public var embeddingModel: String?
        public var title: String?
        public var relevanceMetric: String
        public var clustering: NativeClustering.Options
        /// A column of known labels (e.g. true intents) to score the clusters against (NMI, ARI).
        public var compareWith: String?
        /// The pipeline's own clusters: a column naming each row's cluster (no clustering by Clade),
        /// optionally its parent and its name.
        public var clusterColumn: String?
        public var parentColumn: String?
        public var clusterNameColumn: String?

        public init(
            columns: [FieldRole: String] = [:], delimiter: UInt8 = UInt8(ascii: ","), feedbackScale: FeedbackScale = .auto,
            embeddingsFile: String? = nil, embeddingModel: String? = nil, title: String? = nil, relevanceMetric: String = "cosine",
            clustering: NativeClustering.Options = .init(), compareWith: String? = nil
        ) {
            self.columns = columns
            self.delimiter = delimiter
            self.feedbackScale = feedbackScale
            self.embeddingsFile = embeddingsFile
            self.embeddingModel = embeddingModel
            self.title = title
            self.relevanceMetric = relevanceMetric
            self.clustering = clustering
            self.compareWith = compareWith
        }

        /// Keeps the pipeline's clustering from these columns instead of clustering.
        public func keepingClusters(column: String?, parent: String?, name: String?) -> Options {
            var o = self
            o.clusterColumn = column
            o.parentColumn = parent
            o.clusterNameColumn = name
            return o
        }
    }

    /// How the clusters score against the `compareWith` column.
    public struct Agreement: Equatable, Sendable {
        public var column: String
        public var labels: Int
        public var rows: Int
        public var nmi: Double
        public var ari: Double
    }

    public struct Result: Sendable {
        public var pipeline: ImportedPipeline
        /// Clade's clustering; nil when the pipeline's own was kept (`--cluster-column`).
        public var clustering: NativeClustering.Result?
        public var agreement: Agreement?
        /// Facts and warnings worth a line on stderr.
        public var notes: [String]
    }

    /// Reads, checks and clusters; writes nothing.
    public static func read(_ path: String, options: Options, control: AnalysisControl = .none) throws(ImportError) -> Result {
        let file = InputFile.name(path)
        let questions = try QuestionTable.read(path, options: options)
        var notes = questions.notes

        var embeddings: Matrix?
        var model: String?
        if let npy = options.embeddingsFile {
            embeddings = try readEmbeddings(npy, rows: questions.dataRows, keep: questions.sourceRows, csvName: file)
            model = options.embeddingModel ?? InputFile.stem(npy)
        } else if let column = questions.embeddings {
            embeddings = column
            model = options.embeddingModel ?? "column \(options.columns[.embedding] ?? "embedding")"
        }
        embeddings?.normalizeRows()

        let texts = questions.rows.map(\.text)
        if let given = questions.given, let columns = questions.givenColumns {
            return try keep(given, columns: columns, questions: questions, texts: texts, embeddings: embeddings, model: model, path: path, options: options, notes: notes)
        }
        let clustering: NativeClustering.Result
        do {
            clustering = try NativeClustering.run(texts: texts, embeddings: embeddings, options: options.clustering, control: control)
        } catch .cancelled {
            throw .cancelled
        } catch {
            throw ImportError("\(file): \(error)")
        }

        var agreement: Agreement?
        if let column = options.compareWith, let truth = questions.comparison {
            let pairs = zip(truth, clustering.labels).filter { !$0.0.isEmpty }
            agreement = Agreement(
                column: column, labels: Set(pairs.map(\.0)).count, rows: pairs.count,
                nmi: ClusteringAgreement.normalizedMutualInformation(pairs.map(\.0), pairs.map(\.1)),
                ari: ClusteringAgreement.adjustedRandIndex(pairs.map(\.0), pairs.map(\.1))
            )
        }

        var meta: [String: String] = [
            PipelineSchema.MetaKey.title: options.title ?? InputFile.stem(path),
            PipelineSchema.MetaKey.relevanceMetric: options.relevanceMetric,
        ]
        if let embeddings, let model {
            meta[PipelineSchema.MetaKey.embeddingModel] = model
            meta[PipelineSchema.MetaKey.embeddingDim] = String(embeddings.columns)
        }
        var pipeline = ImportedPipeline(
            source: "native",
            params: params(path: path, options: options, questions: questions, clustering: clustering, agreement: agreement),
            meta: meta
        )
        pipeline.questions = questions.rows.map(\.question)
        pipeline.capabilities = questions.capabilities
        pipeline.questionCapabilities = questions.questionCapabilities
        pipeline.embeddings = embeddings
        addClusters(clustering, to: &pipeline)
        notes.append(
            "\(Format.count(texts.count)) questions → \(clustering.leaves.count) clusters"
                + (clustering.parents.isEmpty ? "" : " under \(clustering.parents.count) parents")
                + " (\(clustering.vectors == "tfidf" ? "TF-IDF, \(Format.count(clustering.vocabularySize ?? 0)) terms" : "embeddings, \(embeddings?.columns ?? 0) dimensions"))"
        )
        if let a = agreement {
            notes.append(String(format: "agreement with '%@' (%d labels): NMI %.3f, ARI %.3f", a.column, a.labels, a.nmi, a.ari))
        }
        return Result(pipeline: pipeline, clustering: clustering, agreement: agreement, notes: notes)
    }

    /// The pipeline's clusters as the file gives them: nothing re-clustered.
    private static func keep(
        _ given: GivenClusters, columns: GivenClusters.Columns, questions: QuestionTable, texts: [String], embeddings: Matrix?, model: String?,
        path: String, options: Options, notes: [String]
    ) throws(ImportError) -> Result {
        var meta: [String: String] = [
            PipelineSchema.MetaKey.title: options.title ?? InputFile.stem(path),
            PipelineSchema.MetaKey.relevanceMetric: options.relevanceMetric,
        ]
        if let embeddings, let model {
            meta[PipelineSchema.MetaKey.embeddingModel] = model
            meta[PipelineSchema.MetaKey.embeddingDim] = String(embeddings.columns)
        }
        var pairs: [(String, JSONValue)] = [
            ("input", .string("csv")), ("file", .string(InputFile.name(path))), ("rows", .int(questions.rows.count)),
            ("clusters_from", .string(questions.header[columns.cluster])),
        ]
        if let p = columns.parent { pairs.append(("parents_from", .string(questions.header[p]))) }
        if let n = columns.name { pairs.append(("names_from", .string(questions.header[n]))) }
        if let npy = options.embeddingsFile { pairs.append(("embeddings_file", .string(InputFile.name(npy)))) }
        var pipeline = ImportedPipeline(source: "csv-clusters", params: .object(pairs), meta: meta)
        pipeline.questions = questions.rows.map(\.question)
        pipeline.capabilities = questions.capabilities
        pipeline.questionCapabilities = questions.questionCapabilities
        pipeline.embeddings = embeddings
        try given.add(to: &pipeline, texts: texts, file: InputFile.name(path), header: questions.header, columns: columns)
        let leaves = pipeline.clusters.count - Set(pipeline.clusters.compactMap(\.parent)).count
        var notes = notes
        notes.append("\(Format.count(texts.count)) questions in the pipeline's \(leaves) clusters (column '\(questions.header[columns.cluster])', kept as they are)")
        return Result(pipeline: pipeline, clustering: nil, agreement: nil, notes: notes)
    }

    /// One embedding per data row of the CSV `csvName` (BERTopic's documents too), the kept rows selected.
    static func readEmbeddings(_ npy: String, rows: Int, keep: [Int], csvName: String) throws(ImportError) -> Matrix {
        let bytes = try InputFile.bytes(npy)
        let matrix: Matrix
        do {
            matrix = try NpyFormat.decodeMatrix(bytes)
        } catch {
            throw ImportError("\(InputFile.name(npy)): \(error)")
        }
        guard matrix.rows == rows else {
            throw ImportError(
                "\(InputFile.name(npy)): \(Format.count(matrix.rows)) rows, but \(csvName) has \(Format.count(rows)) data rows; the .npy needs one row per CSV row, in order"
            )
        }
        guard matrix.columns > 0 else { throw ImportError("\(InputFile.name(npy)): the embeddings have no dimensions") }
        if let bad = matrix.storage.firstIndex(where: { !$0.isFinite }) {
            throw ImportError("\(InputFile.name(npy)): row \(bad / matrix.columns + 1) has a value that is not a finite number")
        }
        return keep.count == matrix.rows ? matrix : matrix.selecting(rows: keep)
    }

    private static func addClusters(_ result: NativeClustering.Result, to pipeline: inout ImportedPipeline) {
        for p in result.parents {
            pipeline.clusters.append(.init(name: p.name, description: p.description, keywords: p.keywords))
        }
        let firstLeaf = pipeline.clusters.count
        for (i, leaf) in result.leaves.enumerated() {
            let parent = result.parentOfLeaf.isEmpty ? nil : result.parentOfLeaf[i]
            pipeline.clusters.append(.init(externalID: String(i), name: leaf.name, description: leaf.description, keywords: leaf.keywords, parent: parent))
        }
        var representative = Set<Int>()
        for leaf in result.leaves { representative.formUnion(leaf.central.prefix(3)) }
        pipeline.assignments = result.labels.enumerated().map { q, label in
            .init(question: q, cluster: firstLeaf + label, isRepresentative: representative.contains(q))
        }
    }

    private static func params(
        path: String, options: Options, questions: QuestionTable, clustering: NativeClustering.Result, agreement: Agreement?
    ) -> JSONValue {
        let c = options.clustering
        var pairs: [(String, JSONValue)] = [
            ("input", .string("csv")),
            ("file", .string(InputFile.name(path))),
            ("rows", .int(questions.rows.count)),
            ("columns", .object(questions.mapping.columns.sorted { $0.key.rawValue < $1.key.rawValue }.map { ($0.key.rawValue, .string(questions.header[$0.value])) })),
            ("vectors", .string(clustering.vectors)),
        ]
        if questions.mapping[.feedback] != nil { pairs.append(("feedback_scale", .string(questions.feedbackScale.rawValue))) }
        if let npy = options.embeddingsFile { pairs.append(("embeddings_file", .string(InputFile.name(npy)))) }
        if let v = clustering.vocabularySize { pairs.append(("tfidf_terms", .int(v))) }
        pairs += [
            ("algorithm", .string("spherical k-means, greedy k-means++ seeding")),
            ("k", .int(clustering.leaves.count)),
            ("k_chosen_by", .string(c.k == nil ? "silhouette" : "user")),
            ("seed", .int(Int(truncatingIfNeeded: c.seed))),
            ("restarts", .int(c.restarts)),
            ("max_iterations", .int(c.maxIterations)),
            ("iterations", .int(clustering.iterations)),
            ("levels", .int(c.levels)),
        ]
        if !clustering.kScores.isEmpty {
            pairs.append(("k_silhouette", .array(clustering.kScores.map { .object([("k", .int($0.k)), ("silhouette", .double(($0.silhouette * 1e4).rounded() / 1e4))]) })))
        }
        if c.levels >= 2 { pairs.append(("parents", .int(clustering.parents.count))) }
        if let a = agreement {
            pairs.append(("agreement", .object([
                ("column", .string(a.column)), ("labels", .int(a.labels)),
                ("nmi", .double((a.nmi * 1e4).rounded() / 1e4)), ("ari", .double((a.ari * 1e4).rounded() / 1e4)),
            ])))
        }
        return .object(pairs)
    }
}
