/// Reads one CSV record's question fields (text, id, time, feedback, relevance, weight, tags,
/// metadata) under a column mapping; shared by the CSV and BERTopic importers.
struct QuestionRowReader {
    let file: String
    let header: [String]
    let mapping: ColumnMapping
    let feedbackScale: FeedbackScale
    private var idLine: [String: Int] = [:]

    init(file: String, table: CSVTable, mapping: ColumnMapping, feedbackScale: FeedbackScale) {
        self.file = file
        header = table.header
        self.mapping = mapping
        self.feedbackScale = mapping[.feedback].map { f in
            FeedbackMapping.resolve(feedbackScale, values: table.records.lazy.map { $0.fields[f] })
        } ?? feedbackScale
    }

    /// The question of a record, or nil when its text is empty. Without an id column the
    /// external id is the record's 1-based position among the data rows.
    mutating func question(from record: CSVRecord, position: Int) throws(ImportError) -> (question: ImportedPipeline.Question, tags: [String])? {
        let fields = record.fields
        let at = "\(file):\(record.line)"
        let text = fields[mapping[.text]!].trimmingWhitespace()
        guard !text.isEmpty else { return nil }
        var question = ImportedPipeline.Question(text: text)
        if let c = mapping[.id] {
            let id = fields[c].trimmingWhitespace()
            if !id.isEmpty {
                if let first = idLine[id] { throw ImportError("\(at): id '\(id)' repeats line \(first)") }
                idLine[id] = record.line
                question.externalID = id
            }
        } else {
            question.externalID = String(position + 1)
        }
        if let c = mapping[.askedAt], !ValueParsing.isBlank(fields[c]) {
            guard let t = ValueParsing.timestamp(fields[c]) else {
                throw ImportError("\(at): unrecognised time '\(fields[c])' in column '\(header[c])' (expected ISO 8601 such as 2025-03-14T09:30:00, or Unix seconds)")
            }
            question.askedAt = t
        }
        if let c = mapping[.feedback] {
            switch FeedbackMapping.map(fields[c], scale: feedbackScale) {
            case .success(let value): question.feedback = value
            case .failure(let failure): throw ImportError("\(at): \(FeedbackMapping.explain(failure)) in column '\(header[c])'")
            }
        }
        if let c = mapping[.relevance], !ValueParsing.isBlank(fields[c]) {
            guard let r = ValueParsing.number(fields[c]), abs(r) <= ValueParsing.largest else {
                throw ImportError("\(at): relevance '\(fields[c])' in column '\(header[c])' is not a number")
            }
            question.relevance = r
        }
        if let c = mapping[.weight], !ValueParsing.isBlank(fields[c]) {
            guard let w = ValueParsing.number(fields[c]), w > 0, w <= ValueParsing.largest else {
                throw ImportError("\(at): weight '\(fields[c])' in column '\(header[c])' must be a number above 0 (at most 1e15)")
            }
            question.weight = w
        }
        question.metadata = .object(mapping.metadata.compactMap { c in
            fields[c].isEmpty ? nil : (header[c], .string(fields[c]))
        })
        let tags = mapping[.capabilities].map { ValueParsing.tags(fields[$0]) } ?? []
        return (question, tags)
    }
}

/// Capability names in order of first appearance and the (question, capability) tags.
struct CapabilityIndex {
    private(set) var names: [String] = []
    private(set) var tags: [(question: Int, capability: Int)] = []
    private var index: [String: Int] = [:]

    mutating func tag(question: Int, with names: [String]) {
        for name in names {
            let c: Int
            if let known = index[name] {
                c = known
            } else {
                c = self.names.count
                index[name] = c
                self.names.append(name)
            }
            tags.append((question, c))
        }
    }
}
