/// Where a figure stands against its threshold.
public enum Level: Equatable, Sendable {
    case high, low, unknown

    public var letter: String {
        switch self {
        case .high: "H"
        case .low: "L"
        case .unknown: "?"
        }
    }
}

/// The thresholds that place a cluster in one of the eight segments.
public struct Thresholds: Equatable, Sendable {
    /// A cluster whose share of all volume is at least this (0–1) has high volume.
    public var volumeHighShare: Double
    /// Mean relevance below this is low.
    public var relevanceLow: Double
    /// Satisfaction (share of rated volume that is a thumbs-up) below this is low.
    public var satisfactionLow: Double
    /// Fewer rated rows than this: satisfaction is unknown rather than guessed.
    public var minRatings: Int

    public init(volumeHighShare: Double = 0.04, relevanceLow: Double = 0.5, satisfactionLow: Double = 0.6, minRatings: Int = 10) {
        self.volumeHighShare = volumeHighShare
        self.relevanceLow = relevanceLow
        self.satisfactionLow = satisfactionLow
        self.minRatings = minRatings
    }

    public static let standard = Thresholds()
}

/// One of the eight cells of volume × relevance × satisfaction.
public struct Segment: Equatable, Hashable, Sendable {
    public var volume: Level
    public var relevance: Level
    public var satisfaction: Level

    public init(volume: Level, relevance: Level, satisfaction: Level) {
        self.volume = volume
        self.relevance = relevance
        self.satisfaction = satisfaction
    }

    public init(stats: ClusterStats, totalVolume: Double, thresholds: Thresholds) {
        let share = totalVolume > 0 ? stats.volume / totalVolume : 0
        volume = stats.rows == 0 ? .unknown : (share >= thresholds.volumeHighShare ? .high : .low)
        if let r = stats.meanRelevance { relevance = r < thresholds.relevanceLow ? .low : .high } else { relevance = .unknown }
        if let s = stats.satisfaction, stats.ratedRows >= thresholds.minRatings {
            satisfaction = s < thresholds.satisfactionLow ? .low : .high
        } else {
            satisfaction = .unknown
        }
    }

    /// `H·L·L`, or `H.L.L` with ASCII glyphs.
    public func code(separator: String = "·") -> String {
        [volume.letter, relevance.letter, satisfaction.letter].joined(separator: separator)
    }

    /// The playbook's reading of the cell.
    public var reading: String {
        switch (volume, relevance, satisfaction) {
        case (.high, .high, .high): "doing well"
        case (.low, .high, .high): "works, few know"
        case (.high, .high, .low): "retrieval fine, answer bad"
        case (.low, .high, .low): "retrieval fine, answer bad (small)"
        case (.high, .low, .low): "danger zone"
        case (.high, .low, .high): "odd: check the relevance metric"
        case (.low, .low, .high): "odd, small"
        case (.low, .low, .low): "not worth fixing"
        default: "not enough data"
        }
    }

    /// The playbook's default action for the cell.
    public var defaultAction: ClusterAction? {
        switch (volume, relevance, satisfaction) {
        case (.high, .high, .high): .monitor
        case (.low, .high, .high): .promote
        case (.high, .high, .low), (.low, .high, .low): .fixGeneration
        case (.high, .low, .low): .fixRetrieval
        case (.high, .low, .high), (.low, .low, .high): .investigate
        case (.low, .low, .low): .tellUsers
        default: nil
        }
    }

    public var isDangerZone: Bool { volume == .high && relevance == .low && satisfaction == .low }

    /// Every figure is known: the cell is one of the eight (satisfaction needs `minRatings` rated rows).
    public var isJudged: Bool { volume != .unknown && relevance != .unknown && satisfaction != .unknown }

    /// How urgently the playbook wants action, 0 first: the danger zone, then answers that fail,
    /// the odd cells, the small unhappy ones, and what works; cells without enough data last.
    public var urgency: Int {
        switch (volume, relevance, satisfaction) {
        case (.high, .low, .low): 0
        case (.high, .high, .low): 1
        case (.low, .high, .low): 2
        case (.high, .low, .high): 3
        case (.low, .low, .high): 4
        case (.low, .low, .low): 5
        case (.low, .high, .high): 6
        case (.high, .high, .high): 7
        default: 8
        }
    }

    /// The eight judged cells, in the grid's reading order: rows of volume × relevance (high
    /// volume first, high relevance first), satisfied cell before the unsatisfied one.
    public static let cells: [Segment] = [Level.high, .low].flatMap { v in
        [Level.high, .low].flatMap { r in
            [Level.high, .low].map { s in Segment(volume: v, relevance: r, satisfaction: s) }
        }
    }
}

/// What to do about a cluster (the playbook's actions).
public enum ClusterAction: String, CaseIterable, Sendable {
    case monitor
    case promote
    case fixGeneration = "fix_generation"
    case buildCapability = "build_capability"
    case fixRetrieval = "fix_retrieval"
    case addInventory = "add_inventory"
    case investigate
    case tellUsers = "tell_users"
    case redirect

    public var title: String {
        switch self {
        case .monitor: "monitor"
        case .promote: "promote the feature"
        case .fixGeneration: "fix generation / prompt"
        case .buildCapability: "build a capability"
        case .fixRetrieval: "fix retrieval"
        case .addInventory: "add missing inventory"
        case .investigate: "investigate"
        case .tellUsers: "tell users \"we don't do that\""
        case .redirect: "redirect to other software"
        }
    }
}

/// The kind of problem behind a cluster.
public enum IssueType: String, CaseIterable, Sendable {
    case inventory, capability, generation, none
}
