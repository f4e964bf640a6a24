import CladeCore

/// Kura conversations and summaries joined into questions.
struct KuraQuestions {
    var questions: [ImportedPipeline.Question] = []
    /// chat_id → question index.
    var index: [String: Int] = [:]
    /// Where the chat ids come from, for messages about unknown ids.
    var sourceName = ""
    /// The scale feedback was read with; nil when no conversation has feedback.
    var feedbackScale: FeedbackScale?
    var capabilities = CapabilityIndex()
    var notes: [String] = []
    private var embeddingRows: [[Float]?] = []

    private static let roles: [FieldRole] = [.feedback, .relevance, .weight, .capabilities]

    static func read(conversations: String?, summaries: String?, textFrom: KuraImporter.TextSource) throws(ImportError) -> KuraQuestions {
        var out = KuraQuestions()
        let conversationLines = try conversations.map(JSONLines.read) ?? []
        let summaryLines = try summaries.map(JSONLines.read) ?? []
        let conversationFile = conversations.map(InputFile.name) ?? ""
        let summaryFile = summaries.map(InputFile.name) ?? ""
        out.sourceName = conversations != nil ? conversationFile : summaryFile

        var summaryByChat: [String: JSONLines.Line] = [:]
        var summaryLine: [String: Int] = [:]
        for s in summaryLines {
            let chat = try s.string("chat_id", in: summaryFile)
            if let first = summaryLine[chat] { throw ImportError("\(summaryFile):\(s.line): chat_id \(chat) repeats line \(first)") }
            summaryLine[chat] = s.line
            summaryByChat[chat] = s
        }

        // One entry per question: its conversation line (if any) and summary line (if any).
        var entries: [(chat: String, conversation: JSONLines.Line?, summary: JSONLines.Line?)] = []
        if conversations != nil {
            var seen: [String: Int] = [:]
            for c in conversationLines {
                let chat = try c.string("chat_id", in: conversationFile)
                if let first = seen[chat] { throw ImportError("\(conversationFile):\(c.line): chat_id \(chat) repeats line \(first)") }
                seen[chat] = c.line
                entries.append((chat, c, summaryByChat[chat]))
            }
            for s in summaryLines {
                let chat = s.value["chat_id"]!.stringValue!
                if seen[chat] == nil {
                    throw ImportError("\(summaryFile):\(s.line): chat_id \(chat) is not in \(conversationFile)")
                }
            }
        } else {
            for s in summaryLines { entries.append((s.value["chat_id"]!.stringValue!, nil, s)) }
        }
        guard !entries.isEmpty else { throw ImportError("\(out.sourceName): no conversations") }

        // Feedback spellings are read column-wide (a lone 1 could be thumbs-up or one star).
        var rawFeedback: [String?] = []
        for e in entries {
            let pairs = (e.conversation?.value["metadata"]?.objectPairs ?? []) + (e.summary?.value["metadata"]?.objectPairs ?? [])
            rawFeedback.append(pairs.first { FieldRole.role(ofName: $0.0, among: roles) == .feedback }?.1.scalarText)
        }
        let scale = FeedbackMapping.resolve(.auto, values: rawFeedback.compactMap { $0 })
        if rawFeedback.contains(where: { $0 != nil }) { out.feedbackScale = scale }

        for (i, e) in entries.enumerated() {
            let at = e.conversation.map { "\(conversationFile):\($0.line)" } ?? "\(summaryFile):\(e.summary!.line)"
            var q = try question(e.conversation, e.summary, files: (conversationFile, summaryFile), textFrom: textFrom, at: at)
            q.externalID = e.chat
            if let raw = rawFeedback[i] {
                switch FeedbackMapping.map(raw, scale: scale) {
                case .success(let f): q.feedback = f
                case .failure(let failure): throw ImportError("\(at): \(FeedbackMapping.explain(failure)) in metadata")
                }
            }
            let pairs = (e.conversation?.value["metadata"]?.objectPairs ?? []) + (e.summary?.value["metadata"]?.objectPairs ?? [])
            if let (key, value) = pairs.first(where: { FieldRole.role(ofName: $0.0, among: roles) == .capabilities }) {
                let tags: [String]
                switch value {
                case .string(let s): tags = ValueParsing.tags(s)
                case .array(let items): tags = items.compactMap(\.stringValue).map { $0.trimmingWhitespace() }.filter { !$0.isEmpty }
                default: throw ImportError("\(at): metadata '\(key)' is neither a list nor a string of tags")
                }
                out.capabilities.tag(question: i, with: tags)
            }
            out.index[e.chat] = i
            out.questions.append(q)
            if case .array(let items)? = e.summary?.value["embedding"] {
                out.embeddingRows.append(items.compactMap { $0.doubleValue.map(Float.init) })
            } else {
                out.embeddingRows.append(nil)
            }
        }
        return out
    }

    private static func question(
        _ conversation: JSONLines.Line?, _ summary: JSONLines.Line?, files: (String, String), textFrom: KuraImporter.TextSource, at: String
    ) throws(ImportError) -> ImportedPipeline.Question {
        let request = try summary?.optionalString("request", in: files.1)?.trimmingWhitespace()
        let summaryText = try summary?.optionalString("summary", in: files.1)?.trimmingWhitespace()
        var firstUserMessage: String?
        var turns: Int?
        if let conversation {
            if case .array(let messages)? = conversation.value["messages"] {
                turns = messages.count
                firstUserMessage = messages.first { $0["role"]?.stringValue == "user" }?["content"]?.stringValue?.trimmingWhitespace()
            } else if conversation.value["messages"] != nil {
                throw ImportError("\(files.0):\(conversation.line): 'messages' is not a list")
            }
        }
        let candidates: [String?] = switch textFrom {
        case .request: [request, firstUserMessage, summaryText]
        case .message: [firstUserMessage, request, summaryText]
        case .summary: [summaryText, request, firstUserMessage]
        }
        guard let text = candidates.compactMap({ $0 }).first(where: { !$0.isEmpty }) else {
            throw ImportError("\(at): no text (no request, user message or summary)")
        }
        var q = ImportedPipeline.Question(text: text)
        if let created = try conversation?.optionalString("created_at", in: files.0) {
            guard let t = ValueParsing.timestamp(created) else {
                throw ImportError("\(at): created_at '\(created)' is not an ISO 8601 time")
            }
            q.askedAt = t
        }

        var metadata: [(String, JSONValue)] = []
        var used: Set<String> = []
        let pairs = (conversation?.value["metadata"]?.objectPairs ?? []) + (summary?.value["metadata"]?.objectPairs ?? [])
        for (key, value) in pairs where used.insert(key).inserted {
            switch FieldRole.role(ofName: key, among: roles) {
            case .relevance?:
                guard value.isNull || value.doubleValue.map({ $0.isFinite && abs($0) <= ValueParsing.largest }) == true else {
                    throw ImportError("\(at): metadata '\(key)' is not a number")
                }
                if q.relevance == nil { q.relevance = value.doubleValue }
            case .weight?:
                guard let w = value.doubleValue, w > 0, w <= ValueParsing.largest else {
                    throw ImportError("\(at): metadata '\(key)' must be a number above 0 (at most 1e15)")
                }
                q.weight = w
            case .feedback?, .capabilities?:
                continue
            default:
                metadata.append((key, value))
            }
        }
        if let turns, !used.contains("conversation_turns") { metadata.append(("conversation_turns", .int(turns))) }
        if let summaryText, summaryText != text { metadata.append(("summary", .string(summaryText))) }
        if let request, request != text, !request.isEmpty { metadata.append(("request", .string(request))) }
        for key in ["topic", "task", "languages", "concerning_score", "user_frustration", "assistant_errors"] {
            guard let v = summary?.value[key], !v.isNull, v != .array([]) else { continue }
            metadata.append((key, v))
        }
        q.metadata = .object(metadata)
        return q
    }

    /// The summaries' embeddings when every question has one of the same length.
    mutating func takeEmbeddings() -> Matrix? {
        let present = embeddingRows.compactMap { $0 }
        guard !present.isEmpty else { return nil }
        let d = present[0].count
        guard present.count == embeddingRows.count, d > 0, present.allSatisfy({ $0.count == d }) else {
            notes.append("embeddings ignored: \(present.count) of \(embeddingRows.count) summaries have one, or their lengths differ")
            return nil
        }
        var m = Matrix(rowVectors: present)
        m.normalizeRows()
        return m
    }
}
