/// What BERTopic says about each topic: from `get_topic_info()`, or gathered from the
/// per-topic columns repeated on every row of `get_document_info()`.
struct TopicInfo {
    struct Topic {
        var name: String?
        var customName: String?
        var keywords: [String] = []
        var representativeDocs: [String] = []
        var count: Int?

        /// CustomName, else "Outliers" for -1, else Name without its id prefix:
        /// "48_ordered_arrived_week_waiting" → "ordered · arrived · week · waiting".
        func displayName(topic: Int) -> String {
            if let c = customName?.trimmingWhitespace(), !c.isEmpty { return c }
            if topic == -1 { return "Outliers" }
            if let name, !name.isEmpty {
                var words = name.split(separator: "_").map(String.init)
                if words.first == String(topic) { words.removeFirst() }
                if !words.isEmpty { return words.joined(separator: ClusterNaming.separator) }
            }
            if !keywords.isEmpty { return keywords.prefix(4).joined(separator: ClusterNaming.separator) }
            return "Topic \(topic)"
        }
    }

    var byTopic: [Int: Topic] = [:]
    /// Extra columns of topic_info (aspects such as KeyBERT or MMR representations).
    var aspectColumns: Set<String> = []

    static func read(_ path: String?) throws(ImportError) -> TopicInfo? {
        guard let path else { return nil }
        let file = InputFile.name(path)
        let table = try BERTopicImporter.readCSV(path)
        guard let topicColumn = table.column(named: "Topic") else {
            throw ImportError("\(file): no 'Topic' column; is this get_topic_info() output? Columns: \(table.header.joined(separator: ", "))")
        }
        var info = TopicInfo()
        info.aspectColumns = Set(table.header).subtracting(BERTopicImporter.topicColumns)
        let countColumn = table.column(named: "Count")
        for record in table.records {
            let at = "\(file):\(record.line)"
            guard let topic = Int(record.fields[topicColumn].trimmingWhitespace()) else {
                throw ImportError("\(at): Topic '\(record.fields[topicColumn])' is not an integer")
            }
            guard info.byTopic[topic] == nil else { throw ImportError("\(at): topic \(topic) is listed twice") }
            try info.learn(topic: topic, from: record, header: table.header, at: at)
            if let c = countColumn {
                guard let n = Int(record.fields[c].trimmingWhitespace()) else {
                    throw ImportError("\(at): Count '\(record.fields[c])' is not an integer")
                }
                info.byTopic[topic]!.count = n
            }
        }
        return info
    }

    /// Records the topic's columns the first time the topic is seen.
    mutating func learn(topic: Int, from record: CSVRecord, header: [String], at: String) throws(ImportError) {
        guard byTopic[topic] == nil else { return }
        func field(_ name: String) -> String? {
            header.firstIndex(of: name).map { record.fields[$0] }
        }
        func list(_ name: String) throws(ImportError) -> [String] {
            guard let raw = field(name), !raw.trimmingWhitespace().isEmpty else { return [] }
            do {
                return try PythonLiteral.stringList(raw)
            } catch {
                throw ImportError("\(at): column \(name) is not a list of strings (\(error))")
            }
        }
        byTopic[topic] = Topic(
            name: field("Name"), customName: field("CustomName"), keywords: try list("Representation").filter { !$0.isEmpty },
            representativeDocs: try list("Representative_Docs")
        )
    }
}
