import CladeCore

/// The question rows of a CSV file with every column parsed and checked, line numbers kept for errors.
struct QuestionTable {
    struct Row {
        var line: Int
        var text: String
        var question: ImportedPipeline.Question
    }

    var header: [String]
    var mapping: ColumnMapping
    var rows: [Row] = []
    /// Data records in the file, including skipped ones (the embeddings file has one row per record).
    var dataRows = 0
    /// Record index of each kept row.
    var sourceRows: [Int] = []
    var feedbackScale: FeedbackScale = .auto
    var capabilities: [String] = []
    var questionCapabilities: [(question: Int, capability: Int)] = []
    /// Vectors from `--embedding-column`.
    var embeddings: Matrix?
    /// Values of the `--compare-with` column.
    var comparison: [String]?
    /// The pipeline's own clusters (`--cluster-column`), per kept row.
    var given: GivenClusters?
    var givenColumns: GivenClusters.Columns?
    var notes: [String] = []

    static func read(_ path: String, options: CSVImporter.Options) throws(ImportError) -> QuestionTable {
        let file = InputFile.name(path)
        let bytes = try InputFile.bytes(path)
        let table: CSVTable
        do {
            table = try CSVParser.parse(bytes, delimiter: options.delimiter)
        } catch {
            throw ImportError("\(file):\(error.line): \(error)")
        }
        let detect = FieldRole.allCases.filter { $0 != .embedding }
        var clusterColumns: [Int?] = []
        for (flag, name) in [("--cluster-column", options.clusterColumn), ("--parent-column", options.parentColumn), ("--cluster-name-column", options.clusterNameColumn)] {
            guard let name else {
                clusterColumns.append(nil)
                continue
            }
            guard let c = table.column(named: name) else {
                throw ImportError("\(file): \(flag) '\(name)': no such column; columns are: \(table.header.joined(separator: ", "))")
            }
            clusterColumns.append(c)
        }
        let clusterNames = Set(clusterColumns.compactMap { $0 }.map { table.header[$0] })
        let mapping = try ColumnMapping.resolve(header: table.header, overrides: options.columns, detect: detect, ignored: clusterNames, fileName: file)
        if let role = mapping.columns.first(where: { clusterColumns.contains($0.value) })?.key {
            throw ImportError("\(file): column '\(table.header[mapping.columns[role]!])' cannot be both the \(role.flag.dropFirst(2).dropLast(7)) and a cluster column")
        }
        guard mapping[.text] != nil else {
            throw ImportError(
                "\(file): no text column (looked for \(FieldRole.text.aliases.prefix(6).joined(separator: ", ")), …); "
                    + "name it with --text-column. Columns: \(table.header.joined(separator: ", "))"
            )
        }
        var compareColumn: Int?
        if let name = options.compareWith {
            guard let c = table.column(named: name) else {
                throw ImportError("\(file): --compare-with '\(name)': no such column; columns are: \(table.header.joined(separator: ", "))")
            }
            compareColumn = c
        }

        var q = QuestionTable(header: table.header, mapping: mapping)
        if let c = clusterColumns[0] {
            q.given = GivenClusters()
            q.givenColumns = GivenClusters.Columns(cluster: c, parent: clusterColumns[1], name: clusterColumns[2])
        }
        q.dataRows = table.records.count
        var reader = QuestionRowReader(file: file, table: table, mapping: mapping, feedbackScale: options.feedbackScale)
        q.feedbackScale = reader.feedbackScale
        var capabilities = CapabilityIndex()
        var vectors: [Float] = []
        var dimension: Int?
        var skipped: [Int] = []
        var comparison: [String] = []

        for (recordIndex, record) in table.records.enumerated() {
            guard let (question, tags) = try reader.question(from: record, position: recordIndex) else {
                skipped.append(record.line)
                continue
            }
            if let c = mapping[.embedding] {
                let at = "\(file):\(record.line)"
                guard let v = parseVector(record.fields[c]) else {
                    throw ImportError("\(at): column '\(table.header[c])' does not hold a JSON array of numbers")
                }
                if let d = dimension, d != v.count {
                    throw ImportError("\(at): embedding has \(v.count) dimensions, earlier rows have \(d)")
                }
                dimension = v.count
                vectors += v
            }
            capabilities.tag(question: q.rows.count, with: tags)
            if let c = compareColumn { comparison.append(record.fields[c].trimmingWhitespace()) }
            if let columns = q.givenColumns {
                q.given!.values.append((record.line, record.fields[columns.cluster].trimmingWhitespace(),
                                        columns.parent.map { record.fields[$0].trimmingWhitespace() }, columns.name.map { record.fields[$0].trimmingWhitespace() }))
            }
            q.rows.append(Row(line: record.line, text: question.text, question: question))
            q.sourceRows.append(recordIndex)
        }
        q.capabilities = capabilities.names
        q.questionCapabilities = capabilities.tags
        guard !q.rows.isEmpty else { throw ImportError("\(file): no questions (every row's text is empty)") }
        if let d = dimension {
            guard d > 0 else { throw ImportError("\(file): the embedding column holds empty arrays") }
            q.embeddings = Matrix(rows: q.rows.count, columns: d, storage: vectors)
        }
        if compareColumn != nil { q.comparison = comparison }
        if !skipped.isEmpty {
            let lines = skipped.prefix(5).map(String.init).joined(separator: ", ") + (skipped.count > 5 ? ", …" : "")
            q.notes.append("skipped \(skipped.count) row\(skipped.count == 1 ? "" : "s") with empty text (line \(lines))")
        }
        return q
    }

    /// "[0.1, -2e-3, 4]" → [Float]; nil unless every element is a finite number.
    static func parseVector(_ raw: String) -> [Float]? {
        let s = raw.trimmingWhitespace()
        guard s.hasPrefix("["), s.hasSuffix("]") else { return nil }
        let inner = s.dropFirst().dropLast()
        if inner.allSatisfy(\.isWhitespace) { return [] }
        var out: [Float] = []
        for part in inner.split(separator: ",", omittingEmptySubsequences: false) {
            guard let v = Float(String(part).trimmingWhitespace()), v.isFinite else { return nil }
            out.append(v)
        }
        return out
    }
}
