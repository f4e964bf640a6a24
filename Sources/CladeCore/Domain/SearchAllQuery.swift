/// A search over every question of the run (`Ctrl-F`): by text, or by similarity to a typed
/// text or to a question (embeddings when the run has them, TF-IDF otherwise).
public struct SearchAllQuery: Equatable, Sendable {
    public enum Mode: Equatable, Sendable {
        /// Questions whose text contains the words typed (case aside).
        case text
        /// Questions nearest a typed text.
        case similarToText
        /// Questions nearest this question.
        case similarToQuestion(QuestionID)
    }

    public var mode: Mode
    public var text: String
    /// At most this many questions come back (the nearest, or the first by id).
    public var limit: Int

    public init(mode: Mode, text: String, limit: Int = 300) {
        self.mode = mode
        self.text = text
        self.limit = limit
    }
}

/// One question found, with the leaf it is in now.
public struct SearchHit: Equatable, Sendable {
    public var questionID: QuestionID
    public var text: String
    /// The cluster the question is effectively in (the pipeline's or the reviewer's).
    public var clusterID: ClusterID
    /// Cosine to the query (similarity searches), nil for a text match.
    public var similarity: Double?

    public init(questionID: QuestionID, text: String, clusterID: ClusterID, similarity: Double? = nil) {
        self.questionID = questionID
        self.text = text
        self.clusterID = clusterID
        self.similarity = similarity
    }
}

public struct SearchAllResult: Equatable, Sendable {
    public var query: SearchAllQuery
    public var hits: [SearchHit]
    /// Matches in all, when more than `hits` matched.
    public var total: Int
    /// "text", "embeddings", "TF-IDF"…: what the similarity was measured on.
    public var basis: String

    public init(query: SearchAllQuery, hits: [SearchHit], total: Int, basis: String) {
        self.query = query
        self.hits = hits
        self.total = total
        self.basis = basis
    }
}
