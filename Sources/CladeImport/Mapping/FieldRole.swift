/// What a column (or a metadata key) holds for Clade. Everything without a role is kept as
/// question metadata.
public enum FieldRole: String, CaseIterable, Sendable {
    case text, id, askedAt, feedback, relevance, capabilities, weight, embedding

    /// Names recognised without a flag, compared after lower-casing and dropping everything
    /// but letters and digits ("Asked At" = "asked_at" = "askedat"); earlier names win.
    public var aliases: [String] {
        switch self {
        case .text:
            ["text", "question", "questiontext", "query", "userquery", "request", "prompt", "utterance", "message",
             "input", "document", "content"]
        case .id:
            ["id", "questionid", "queryid", "requestid", "externalid", "rowid", "chatid", "conversationid", "messageid", "uuid"]
        case .askedAt:
            ["askedat", "createdat", "timestamp", "datetime", "time", "date", "created"]
        case .feedback:
            ["feedback", "userfeedback", "thumbs", "thumb", "vote", "rating", "stars", "satisfaction"]
        case .relevance:
            ["relevance", "relevancescore", "retrievalscore", "meancosine", "meancosinesimilarity", "cosinesimilarity",
             "cosine", "similarity", "rerankscore", "rerankerscore"]
        case .capabilities:
            ["capabilities", "capability", "capabilitytags", "tags"]
        case .weight:
            ["weight", "sampleweight", "samplingweight"]
        case .embedding:
            ["embedding", "embeddings", "vector"]
        }
    }

    /// The flag that names this column explicitly.
    public var flag: String {
        switch self {
        case .text: "--text-column"
        case .id: "--id-column"
        case .askedAt: "--time-column"
        case .feedback: "--feedback-column"
        case .relevance: "--relevance-column"
        case .capabilities: "--capabilities-column"
        case .weight: "--weight-column"
        case .embedding: "--embedding-column"
        }
    }

    static func normalise(_ name: String) -> String {
        String(name.lowercased().unicodeScalars.filter { $0.properties.isAlphabetic || $0.properties.numericType != nil })
    }

    /// The role a header name or metadata key has by default, if any.
    static func role(ofName name: String, among roles: [FieldRole] = FieldRole.allCases) -> FieldRole? {
        let key = normalise(name)
        return roles.first { $0.aliases.contains(key) }
    }
}

/// Which column plays which role, and which columns become metadata.
public struct ColumnMapping: Equatable, Sendable {
    public var columns: [FieldRole: Int]
    /// Columns kept in `metadata_json`, in file order.
    public var metadata: [Int]

    public subscript(role: FieldRole) -> Int? { columns[role] }

    /// Maps a header: explicit names first (`overrides`, which must exist), then the aliases
    /// of the `detect` roles; `ignored` columns become neither a role nor metadata.
    public static func resolve(
        header: [String], overrides: [FieldRole: String], detect: [FieldRole] = FieldRole.allCases,
        ignored: Set<String> = [], fileName: String
    ) throws(ImportError) -> ColumnMapping {
        var columns: [FieldRole: Int] = [:]
        for role in FieldRole.allCases {
            guard let name = overrides[role] else { continue }
            guard let index = header.firstIndex(of: name) ?? header.firstIndex(where: { $0.lowercased() == name.lowercased() }) else {
                throw ImportError("\(fileName): \(role.flag) '\(name)': no such column; columns are: \(header.joined(separator: ", "))")
            }
            columns[role] = index
        }
        let taken = Set(columns.values)
        for role in detect where columns[role] == nil && overrides[role] == nil {
            for alias in role.aliases {
                if let index = header.indices.first(where: { !taken.contains($0) && !columns.values.contains($0)
                    && !ignored.contains(header[$0]) && FieldRole.normalise(header[$0]) == alias })
                {
                    columns[role] = index
                    break
                }
            }
        }
        let used = Set(columns.values)
        let metadata = header.indices.filter { !used.contains($0) && !ignored.contains(header[$0]) }
        return ColumnMapping(columns: columns, metadata: metadata)
    }
}
