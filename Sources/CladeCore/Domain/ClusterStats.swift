/// Weighted, additive statistics of a set of questions.
///
/// Every figure Clade shows is weighted: a question row may stand for `weight` real questions
/// when the pipeline ships a stratified sample. Sums are kept (not means) so that the statistics
/// of a parent, or of two merged clusters, are the sum of their parts.
public struct ClusterStats: Equatable, Sendable {
    /// Question rows in the database.
    public var rows: Int
    /// Real questions the rows stand for: the sum of weights.
    public var volume: Double
    /// Sum of weights of rows that carry a relevance score.
    public var relevanceWeight: Double
    /// Sum of weight × relevance.
    public var relevanceSum: Double
    /// Rated rows (feedback not NULL), unweighted: the evidence behind the satisfaction figure.
    public var ratedRows: Int
    /// Sum of weights of rated rows.
    public var ratedWeight: Double
    /// Sum of weights of rows with a thumbs-up.
    public var satisfiedWeight: Double
    /// Rows whose weight is not 1: the cluster's questions are a sample.
    public var sampledRows: Int

    public init(
        rows: Int = 0, volume: Double = 0, relevanceWeight: Double = 0, relevanceSum: Double = 0,
        ratedRows: Int = 0, ratedWeight: Double = 0, satisfiedWeight: Double = 0, sampledRows: Int = 0
    ) {
        self.rows = rows
        self.volume = volume
        self.relevanceWeight = relevanceWeight
        self.relevanceSum = relevanceSum
        self.ratedRows = ratedRows
        self.ratedWeight = ratedWeight
        self.satisfiedWeight = satisfiedWeight
        self.sampledRows = sampledRows
    }

    public static let zero = ClusterStats()

    public var meanRelevance: Double? { relevanceWeight > 0 ? relevanceSum / relevanceWeight : nil }
    /// Share of rated volume that was a thumbs-up.
    public var satisfaction: Double? { ratedWeight > 0 ? satisfiedWeight / ratedWeight : nil }
    public var isSampled: Bool { sampledRows > 0 }

    /// Adds one question.
    public mutating func add(weight: Double, relevance: Double?, feedback: Int?) {
        rows += 1
        volume += weight
        if weight != 1 { sampledRows += 1 }
        if let relevance {
            relevanceWeight += weight
            relevanceSum += weight * relevance
        }
        if let feedback {
            ratedRows += 1
            ratedWeight += weight
            if feedback > 0 { satisfiedWeight += weight }
        }
    }

    public static func + (a: ClusterStats, b: ClusterStats) -> ClusterStats {
        ClusterStats(
            rows: a.rows + b.rows, volume: a.volume + b.volume,
            relevanceWeight: a.relevanceWeight + b.relevanceWeight, relevanceSum: a.relevanceSum + b.relevanceSum,
            ratedRows: a.ratedRows + b.ratedRows, ratedWeight: a.ratedWeight + b.ratedWeight,
            satisfiedWeight: a.satisfiedWeight + b.satisfiedWeight, sampledRows: a.sampledRows + b.sampledRows
        )
    }

    public static func += (a: inout ClusterStats, b: ClusterStats) { a = a + b }

    public static func - (a: ClusterStats, b: ClusterStats) -> ClusterStats {
        ClusterStats(
            rows: a.rows - b.rows, volume: a.volume - b.volume,
            relevanceWeight: a.relevanceWeight - b.relevanceWeight, relevanceSum: a.relevanceSum - b.relevanceSum,
            ratedRows: a.ratedRows - b.ratedRows, ratedWeight: a.ratedWeight - b.ratedWeight,
            satisfiedWeight: a.satisfiedWeight - b.satisfiedWeight, sampledRows: a.sampledRows - b.sampledRows
        )
    }
}
