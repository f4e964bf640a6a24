import ArgumentParser
import CladeCore
import CladeImport
import CladeStore
import Foundation

/// `clade import csv|kura|bertopic … -o DB`: builds a new pipeline database from what a team already has.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Create a diagnostics database from a CSV of questions, Kura checkpoints or BERTopic output.",
        discussion: """
        Every importer reads and checks its whole input before writing, writes into a temporary file \
        next to the output and renames it into place at the end: on an error, a bad input or Ctrl-C \
        no output file is left behind. An existing output is replaced only with --force.

        With --into DB instead of -o, the input becomes a new run of an existing database: the earlier \
        runs and every decision stay, and the reviewer's decisions are carried forward to the new run \
        (clusters matched by the overlap of their questions). A backup copy of DB is made first; the run \
        and the carried decisions are written in one transaction; the carry-forward report is printed \
        and kept in the database (see docs/import.md, "Re-import").
        """,
        subcommands: [ImportCSVCommand.self, ImportKuraCommand.self, ImportBERTopicCommand.self]
    )
}

/// Options every importer shares.
struct ImportOutputOptions: ParsableArguments {
    @Option(name: [.customShort("o"), .customLong("output")], help: ArgumentHelp("The database file to create.", valueName: "DB"))
    var output: String?

    @Option(help: ArgumentHelp(
        "Add the input as a new run of this existing database and carry the reviewer's decisions forward to it.", valueName: "DB"
    ))
    var into: String?

    @Flag(help: "Replace the output file if it exists.")
    var force = false

    @Option(help: ArgumentHelp("Title shown in Clade (default: the input's name; with --into, the database's title is kept).", valueName: "TEXT"))
    var title: String?

    @Option(help: "What the relevance scores are: cosine (similarity of the retrieved passages, the default) or rerank (a reranker's score).")
    var relevanceMetric: RelevanceMetric?

    @Option(help: ArgumentHelp(
        "With --into: the Jaccard overlap of their questions at which a reviewed cluster and a new one match (0-1].", valueName: "J"
    ))
    var matchThreshold = CarryForward.defaultThreshold

    @Option(help: "With --into: recognise questions across runs by external id, by normalised text, or auto (ids when both runs have real ones).")
    var matchBy: MatchByArgument = .auto

    @Option(help: ArgumentHelp("With --into: the reviewer recorded on the carried decisions.", valueName: "NAME"))
    var reviewer = CarryForward.defaultReviewer

    @Flag(name: .shortAndLong, help: "Print nothing but errors.")
    var quiet = false

    func validate() throws {
        switch (output, into) {
        case (nil, nil): throw ValidationError("give the database to create with -o, or the one to add a run to with --into")
        case (.some, .some): throw ValidationError("give -o (a new database) or --into (an existing one), not both")
        default: break
        }
        if into != nil && force { throw ValidationError("--force replaces a file created with -o; --into never replaces the database") }
        if !(matchThreshold > 0 && matchThreshold <= 1) { throw ValidationError("--match-threshold must be above 0 and at most 1") }
        if into == nil && (matchThreshold != CarryForward.defaultThreshold || matchBy != .auto || reviewer != CarryForward.defaultReviewer) {
            throw ValidationError("--match-threshold, --match-by and --reviewer need --into")
        }
        if reviewer.trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError("--reviewer needs a name") }
    }

    var metric: String { (relevanceMetric ?? .cosine).rawValue }
}

enum MatchByArgument: String, ExpressibleByArgument, CaseIterable {
    case auto, id, text

    var choice: QuestionIdentity.Choice { QuestionIdentity.Choice(rawValue: rawValue)! }
}

enum RelevanceMetric: String, ExpressibleByArgument, CaseIterable {
    case cosine, rerank
}

/// Runs one import: check the output, read (with progress and Ctrl-C), write atomically.
/// Input problems end as one `clade: …` line on stderr and exit status 1 (130 when interrupted).
func runImport(
    _ options: ImportOutputOptions, inputs: [String],
    read: (AnalysisControl) throws(ImportError) -> (pipeline: ImportedPipeline, notes: [String])
) throws {
    let printer = ProgressPrinter(quiet: options.quiet)
    let interrupt = InterruptFlag()
    interrupt.install()
    let start = Date()
    do {
        if let into = options.into {
            try Reimporter.checkTarget(into, inputs: inputs)
        } else if let output = options.output {
            try PipelineWriter.checkDestination(output, force: options.force, inputs: inputs)
        }
        let control = AnalysisControl(progress: printer.update, isCancelled: { interrupt.isRaised })
        let (pipeline, notes) = try read(control)
        printer.clearBar()
        notes.forEach(printer.note)
        let seconds = { String(format: "%.1f", Date().timeIntervalSince(start)) }
        if let into = options.into {
            let result = try Reimporter.run(pipeline, into: into, options: reimportOptions(options), isCancelled: { interrupt.isRaised })
            printer.note("backup of \(into) before the import: \(result.backup)")
            printer.note("added run \(result.runID) (\(result.questions) questions, \(result.clusters) clusters) to \(into) in \(seconds()) s")
            if !options.quiet { emit(result.report.text) }
        } else if let output = options.output {
            try PipelineWriter.write(pipeline, to: output, force: options.force, isCancelled: { interrupt.isRaised })
            printer.note("wrote \(output) in \(seconds()) s")
        }
    } catch {
        printer.clearBar()
        FileHandle.standardError.write(Data("clade: \(SafeText.line(error.message))\n".utf8))
        throw error == .cancelled ? ExitCode(130) : ExitCode.failure
    }
}

func reimportOptions(_ options: ImportOutputOptions) -> Reimporter.Options {
    var replace: Set<String> = []
    if options.title != nil { replace.insert(PipelineSchema.MetaKey.title) }
    if options.relevanceMetric != nil { replace.insert(PipelineSchema.MetaKey.relevanceMetric) }
    return Reimporter.Options(
        carry: CarryForwardOptions(threshold: options.matchThreshold, identity: options.matchBy.choice, reviewer: options.reviewer),
        replaceMeta: replace
    )
}

struct ImportCSVCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "csv",
        abstract: "Import questions from a CSV file and cluster them.",
        discussion: """
        The CSV needs a header line. Columns are found by name (case and punctuation ignored) unless \
        named with a flag: text (text, question, query, request, prompt…), id, time (asked_at, created_at, \
        timestamp, date…), feedback (feedback, thumbs, rating, stars…), relevance (relevance, retrieval_score, \
        cosine, similarity…), capabilities (capabilities, tags; separated by ; or |) and weight. Every other \
        column is kept as question metadata.

        Feedback: 1/-1, up/down, thumbs_up/thumbs_down, true/false, yes/no, or 1-5 stars (4-5 up, 1-2 down, \
        3 unrated); empty means unrated.

        Vectors: --embeddings FILE.npy (float16/32, one row per CSV data row) or --embedding-column, \
        otherwise TF-IDF of the texts. Clusters: spherical k-means++ with --k or a k chosen by silhouette; \
        named by their c-TF-IDF keywords and described by their most central questions.

        A pipeline that has its own clusters keeps them with --cluster-column NAME (plus --parent-column and \
        --cluster-name-column): nothing is re-clustered; clusters without a name are named by their keywords.

        Example: clade import csv questions.csv --embeddings questions.npy --k 40 --levels 2 -o review.sqlite
        Example: clade import csv run.csv --cluster-column topic --cluster-name-column topic_name --embeddings run.npy --into review.sqlite
        """
    )

    @Argument(help: ArgumentHelp("The CSV file of questions (UTF-8).", valueName: "QUESTIONS.csv"))
    var file: String

    @OptionGroup var output: ImportOutputOptions

    @Option(help: ArgumentHelp("Column holding the question text.", valueName: "NAME")) var textColumn: String?
    @Option(help: ArgumentHelp("Column holding a question id.", valueName: "NAME")) var idColumn: String?
    @Option(help: ArgumentHelp("Column holding when the question was asked (ISO 8601 or Unix seconds).", valueName: "NAME"))
    var timeColumn: String?
    @Option(help: ArgumentHelp("Column holding user feedback.", valueName: "NAME")) var feedbackColumn: String?
    @Option(help: "How numeric feedback reads: auto, signed (-1/0/1), binary (0/1) or stars (1-5).")
    var feedbackScale: FeedbackScaleArgument = .auto
    @Option(help: ArgumentHelp("Column holding the retrieval relevance score.", valueName: "NAME")) var relevanceColumn: String?
    @Option(help: ArgumentHelp("Column holding capability tags separated by ; or |.", valueName: "NAME"))
    var capabilitiesColumn: String?
    @Option(help: ArgumentHelp("Column holding each row's sampling weight (> 0).", valueName: "NAME")) var weightColumn: String?
    @Option(help: ArgumentHelp("Field separator: a character, or 'tab'.", valueName: "CHAR")) var delimiter = ","

    @Option(help: ArgumentHelp("Precomputed embeddings: a .npy of shape (rows, dimensions).", valueName: "FILE.npy"))
    var embeddings: String?
    @Option(help: ArgumentHelp("Column holding each question's embedding as a JSON array.", valueName: "NAME"))
    var embeddingColumn: String?
    @Option(help: ArgumentHelp("Name of the embedding model, recorded in the database.", valueName: "NAME"))
    var embeddingModel: String?

    @Option(name: .customLong("k"), help: ArgumentHelp("Number of clusters (default: chosen by silhouette).", valueName: "N"))
    var k: Int?
    @Option(help: "Seed of the clustering; the same seed gives the same clusters.") var seed: UInt64 = 0
    @Option(help: "1: clusters only; 2: also group the clusters into parents.") var levels = 1
    @Option(help: ArgumentHelp("Number of parents with --levels 2 (default: about √k).", valueName: "N")) var parents: Int?
    @Option(help: "Iteration cap of each k-means run.") var maxIterations = 100
    @Option(help: "k-means runs from different seedings; the tightest wins.") var restarts = 3
    @Option(help: ArgumentHelp("A column of known labels to score the clusters against (prints NMI and ARI).", valueName: "NAME"))
    var compareWith: String?

    @Option(help: ArgumentHelp("Keep the pipeline's own clustering: the column naming each question's cluster (nothing is re-clustered).", valueName: "NAME"))
    var clusterColumn: String?
    @Option(help: ArgumentHelp("With --cluster-column: the column naming each question's cluster's parent.", valueName: "NAME"))
    var parentColumn: String?
    @Option(help: ArgumentHelp("With --cluster-column: the column holding each cluster's name (default: named by its keywords).", valueName: "NAME"))
    var clusterNameColumn: String?

    func validate() throws {
        if embeddings != nil && embeddingColumn != nil { throw ValidationError("give --embeddings or --embedding-column, not both") }
        if let k, k < 1 { throw ValidationError("--k must be at least 1") }
        if !(1...2).contains(levels) { throw ValidationError("--levels must be 1 or 2") }
        if let parents, parents < 2 { throw ValidationError("--parents must be at least 2") }
        if parents != nil && levels < 2 { throw ValidationError("--parents needs --levels 2") }
        if maxIterations < 1 || restarts < 1 { throw ValidationError("--max-iterations and --restarts must be at least 1") }
        if delimiterByte == nil { throw ValidationError("--delimiter must be one ASCII character or 'tab'") }
        if clusterColumn == nil && (parentColumn != nil || clusterNameColumn != nil) {
            throw ValidationError("--parent-column and --cluster-name-column need --cluster-column")
        }
        if clusterColumn != nil && (k != nil || levels != 1 || parents != nil || compareWith != nil) {
            throw ValidationError("--cluster-column keeps the pipeline's clusters: --k, --levels, --parents and --compare-with cluster anew")
        }
    }

    private var delimiterByte: UInt8? {
        if delimiter == "tab" || delimiter == "\\t" { return 9 }
        guard delimiter.utf8.count == 1, let b = delimiter.utf8.first, b < 128, b != UInt8(ascii: "\""), b != 10, b != 13 else { return nil }
        return b
    }

    func run() throws {
        var columns: [FieldRole: String] = [:]
        columns[.text] = textColumn
        columns[.id] = idColumn
        columns[.askedAt] = timeColumn
        columns[.feedback] = feedbackColumn
        columns[.relevance] = relevanceColumn
        columns[.capabilities] = capabilitiesColumn
        columns[.weight] = weightColumn
        columns[.embedding] = embeddingColumn
        let options = CSVImporter.Options(
            columns: columns, delimiter: delimiterByte!, feedbackScale: feedbackScale.scale, embeddingsFile: embeddings,
            embeddingModel: embeddingModel, title: output.title, relevanceMetric: output.metric,
            clustering: .init(k: k, seed: seed, levels: levels, parents: parents, maxIterations: maxIterations, restarts: restarts),
            compareWith: compareWith
        ).keepingClusters(column: clusterColumn, parent: parentColumn, name: clusterNameColumn)
        try runImport(output, inputs: [file] + (embeddings.map { [$0] } ?? [])) { control throws(ImportError) in
            let result = try CSVImporter.read(file, options: options, control: control)
            return (result.pipeline, result.notes)
        }
    }
}

enum FeedbackScaleArgument: String, ExpressibleByArgument, CaseIterable {
    case auto, signed, binary, stars

    var scale: FeedbackScale { FeedbackScale(rawValue: rawValue)! }
}

struct ImportKuraCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kura",
        abstract: "Import a Kura checkpoint folder (JSONL).",
        discussion: """
        Reads conversations.jsonl (or a JSON array in conversations.json), summaries.jsonl, clusters.jsonl, \
        meta_clusters.jsonl and, when there is no meta_clusters.jsonl, dimensionality.jsonl. Base clusters \
        become clusters and meta clusters their parents; depth comes from the parent_id links (Kura's \
        `level` field is not trusted). The question text is the summary's request, else the first user \
        message, else the summary (see --text-from). Relevance, feedback, weight and time come from the \
        conversation's metadata when it has keys such as relevance/retrieval_score, feedback/thumbs/rating, \
        weight; otherwise time is the conversation's created_at.

        Example: clade import kura ./checkpoints -o review.sqlite
        """
    )

    @Argument(help: ArgumentHelp("The folder Kura wrote its checkpoints to.", valueName: "CHECKPOINT_DIR"))
    var folder: String

    @OptionGroup var output: ImportOutputOptions

    @Option(help: "Where the question text comes from first: request, message (first user message) or summary; the others are fallbacks.")
    var textFrom: KuraTextSourceArgument = .request

    @Flag(help: "Drop parents that have a single child (Kura repeats a topic at several depths).")
    var collapseChains = false

    func run() throws {
        let options = KuraImporter.Options(
            title: output.title, relevanceMetric: output.metric, textFrom: textFrom.source, collapseChains: collapseChains
        )
        try runImport(output, inputs: []) { _ throws(ImportError) in
            let result = try KuraImporter.read(folder, options: options)
            return (result.pipeline, result.notes)
        }
    }
}

enum KuraTextSourceArgument: String, ExpressibleByArgument, CaseIterable {
    case request, message, summary

    var source: KuraImporter.TextSource { KuraImporter.TextSource(rawValue: rawValue)! }
}

struct ImportBERTopicCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bertopic",
        abstract: "Import BERTopic output: get_document_info() and optionally get_topic_info() and hierarchical_topics() as CSV.",
        discussion: """
        --documents is the CSV of topic_model.get_document_info(docs) (to_csv(index=False)); its Document and \
        Topic columns are required. Topic -1 becomes a cluster named "Outliers" marked as outliers. A topic's \
        CustomName wins over its Name; Representation gives the keywords; Representative_document marks \
        representative questions; Probability is kept per question. Other columns are read as in `import csv` \
        (id, time, feedback, relevance, weight, capabilities) or kept as metadata.

        --hierarchy (hierarchical_topics(docs) as CSV) is a binary tree; Clade cuts it at its widest merges \
        into --parents groups (default about √topics) and makes each group of two or more topics a parent.

        Example: clade import bertopic --documents document_info.csv --topics topic_info.csv --hierarchy hierarchy.csv -o review.sqlite
        """
    )

    @Option(help: ArgumentHelp("CSV of get_document_info(docs).", valueName: "document_info.csv"))
    var documents: String

    @Option(help: ArgumentHelp("CSV of get_topic_info() (names, custom labels, keywords of every topic).", valueName: "topic_info.csv"))
    var topics: String?

    @Option(help: ArgumentHelp("CSV of hierarchical_topics(docs).", valueName: "hierarchy.csv"))
    var hierarchy: String?

    @Option(help: ArgumentHelp("Number of parent groups cut from the hierarchy (0: ignore it).", valueName: "N"))
    var parents: Int?

    @OptionGroup var output: ImportOutputOptions

    @Option(help: ArgumentHelp("Column of the documents file holding the question text.", valueName: "NAME"))
    var textColumn = "Document"

    @Option(help: ArgumentHelp("The documents' embeddings, as BERTopic was fitted on them: a .npy, one row per document row.", valueName: "FILE.npy"))
    var embeddings: String?
    @Option(help: ArgumentHelp("Name of the embedding model, recorded in the database.", valueName: "NAME"))
    var embeddingModel: String?

    func validate() throws {
        if let parents, parents < 0 { throw ValidationError("--parents must be 0 or more") }
        if parents != nil && hierarchy == nil { throw ValidationError("--parents needs --hierarchy") }
    }

    func run() throws {
        let options = BERTopicImporter.Options(
            documents: documents, topics: topics, hierarchy: hierarchy, parents: parents, textColumn: textColumn,
            title: output.title, relevanceMetric: output.metric, embeddingsFile: embeddings, embeddingModel: embeddingModel
        )
        try runImport(output, inputs: [documents] + [topics, hierarchy, embeddings].compactMap { $0 }) { _ throws(ImportError) in
            let result = try BERTopicImporter.read(options)
            return (result.pipeline, result.notes)
        }
    }
}
