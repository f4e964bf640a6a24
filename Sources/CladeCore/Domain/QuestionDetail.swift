/// One question as the question view shows it: its whole text and the context the pipeline
/// recorded with it (project, channel, user, number of sources retrieved).
public struct QuestionDetail: Equatable, Sendable {
    public var question: Question
    public var project: String?
    public var channel: String?
    public var user: String?
    public var sources: String?

    public init(question: Question, project: String? = nil, channel: String? = nil, user: String? = nil, sources: String? = nil) {
        self.question = question
        self.project = project
        self.channel = channel
        self.user = user
        self.sources = sources
    }

    /// The metadata lines, in a fixed order, those recorded only.
    public var fields: [(label: String, value: String)] {
        [("Project", project), ("Channel", channel), ("User", user), ("Sources", sources)].compactMap { l, v in v.map { (l, $0) } }
    }

    /// What `Y` copies: the text, then its figures and metadata, one per line.
    public var copyText: String {
        var lines = [question.text]
        if let a = question.askedAt { lines.append("Asked: \(a)") }
        if let r = question.relevance { lines.append("Relevance: \(r)") }
        if let f = question.feedback { lines.append("Satisfaction: \(f > 0 ? "thumbs up" : "thumbs down")") }
        lines.append("Weight: \(question.weight)")
        lines += fields.map { "\($0.label): \($0.value)" }
        return lines.joined(separator: "\n")
    }
}
