/// How the Questions pane orders a cluster's questions.
public enum QuestionOrder: String, CaseIterable, Sendable {
    /// Up to 10 thumbs-down, then up to 10 thumbs-up, then the rest newest first: the "10-10" reading.
    case tenTen = "10-10"
    case worstRelevance = "relevance ↑"
    case bestRelevance = "relevance ↓"
    case newest = "newest"
    case oldest = "oldest"

    public var next: QuestionOrder {
        let all = Self.allCases
        return all[(all.firstIndex(of: self)! + 1) % all.count]
    }
}

/// A request for a page of one cluster's questions.
public struct QuestionQuery: Equatable, Sendable {
    /// The cluster the reviewer selected.
    public var clusterID: ClusterID
    /// Every cluster id whose questions count in it (see `Dataset.memberClusterIDs`).
    public var memberIDs: [ClusterID]
    public var order: QuestionOrder
    /// Case-insensitive substring the text must contain.
    public var filter: String
    /// Rows already loaded: the page continues after them.
    public var offset: Int
    public var limit: Int
    /// How many questions match, when the caller knows (an unfiltered cluster's size, from its
    /// statistics): the store then does not count them.
    public var knownTotal: Int?

    public init(clusterID: ClusterID, memberIDs: [ClusterID], order: QuestionOrder, filter: String = "", offset: Int = 0, limit: Int = 500,
                knownTotal: Int? = nil) {
        self.clusterID = clusterID
        self.memberIDs = memberIDs
        self.order = order
        self.filter = filter
        self.offset = offset
        self.limit = limit
        self.knownTotal = knownTotal
    }
}

/// A page of questions in answer to a `QuestionQuery`.
public struct QuestionPage: Equatable, Sendable {
    public var query: QuestionQuery
    public var rows: [Question]
    /// Rows matching the query in all (for the pane's title).
    public var total: Int
    public var hasMore: Bool

    public init(query: QuestionQuery, rows: [Question], total: Int, hasMore: Bool) {
        self.query = query
        self.rows = rows
        self.total = total
        self.hasMore = hasMore
    }
}
