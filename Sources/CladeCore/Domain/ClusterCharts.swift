/// A request for one cluster's chart figures.
public struct ChartQuery: Equatable, Sendable {
    public var clusterID: ClusterID
    /// Every cluster id whose questions count in it (see `Dataset.memberClusterIDs`).
    public var memberIDs: [ClusterID]

    public init(clusterID: ClusterID, memberIDs: [ClusterID]) {
        self.clusterID = clusterID
        self.memberIDs = memberIDs
    }
}

/// What the charts of one cluster show: its relevance distribution and its weekly volume and
/// satisfaction. Weighted like every other figure.
public struct ClusterCharts: Equatable, Sendable {
    /// Relevance is binned in tenths from 0 to 1 (scores outside fall in the end bins).
    public static let relevanceBinCount = 10
    /// A week's satisfaction is drawn from this many rated rows up; below it, it is not drawn.
    public static let minWeeklyRatings = 3

    public struct Week: Equatable, Sendable {
        /// Monday of the week (ISO date).
        public var start: String
        public var volume: Double
        public var ratedRows: Int
        public var ratedWeight: Double
        public var satisfiedWeight: Double

        public init(start: String, volume: Double = 0, ratedRows: Int = 0, ratedWeight: Double = 0, satisfiedWeight: Double = 0) {
            self.start = start
            self.volume = volume
            self.ratedRows = ratedRows
            self.ratedWeight = ratedWeight
            self.satisfiedWeight = satisfiedWeight
        }

        /// Nil when the week has too few ratings to say.
        public var satisfaction: Double? {
            ratedRows >= ClusterCharts.minWeeklyRatings && ratedWeight > 0 ? satisfiedWeight / ratedWeight : nil
        }
    }

    public var query: ChartQuery
    /// Weighted volume per tenth of relevance, lowest first.
    public var relevanceBins: [Double]
    /// Weighted volume of questions without a relevance score.
    public var withoutRelevance: Double
    /// Every week of the run, oldest first.
    public var weeks: [Week]

    public init(query: ChartQuery, relevanceBins: [Double], withoutRelevance: Double = 0, weeks: [Week]) {
        self.query = query
        self.relevanceBins = relevanceBins
        self.withoutRelevance = withoutRelevance
        self.weeks = weeks
    }

    /// The bin a relevance score falls in.
    public static func bin(_ relevance: Double) -> Int {
        min(relevanceBinCount - 1, max(0, Int((relevance * Double(relevanceBinCount)).rounded(.down))))
    }
}
