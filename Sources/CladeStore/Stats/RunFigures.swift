import CladeCore
import Foundation

/// What one pass over a run's questions gathers (`RunScan`): the counts behind `clade check`
/// and the statistics the cache keeps, by effective (pre-merge) cluster. The figures of two
/// ranges of question ids add up.
struct RunFigures: Sendable {
    var totals = QuestionTotals()
    /// Assigned questions by the pipeline's cluster (before overrides).
    var assignedByPipelineCluster: [ClusterID: Int] = [:]

    var stats: [ClusterID: ClusterStats] = [:]
    /// Weight by effective cluster and part of a calendar week: the trend's weeks count from the
    /// run's first Monday, known only once every question has been read.
    var weekPartVolume: [ClusterWeekPart: Double] = [:]
    var capabilityVolume: [ClusterID: [CapabilityID: Double]] = [:]
    /// Tagged rows and weight by capability, over every question of the run.
    var capabilityTotals: [CapabilityID: StatsCache.CapabilityTotal] = [:]
    /// The run's least and greatest asked_at, in the order of SQL's `MIN` and `MAX`.
    var earliest: AskedAt?
    var latest: AskedAt?
    /// The run's highest question id read (with `totals.questions`, what `Fingerprint.run` would
    /// count again: a scan of the table when the pipeline has no index by run).
    var maxQuestionID: Int64?

    /// The days of a calendar week (Monday to Sunday), the Monday apart: `weeklyVolume`'s
    /// `CAST((day - first Monday) / 7 AS INTEGER)` truncates toward zero, which puts the Tuesday to
    /// Sunday before the first Monday in week 0, and that Monday in week -1, left out.
    struct ClusterWeekPart: Hashable, Sendable {
        var cluster: ClusterID
        /// Day number / 7: a day is numbered by its noon's julian day, a Monday's by a multiple of 7.
        var week: Int64
        var monday: Bool

        /// The trend's week, counted from the calendar week `firstWeek`; nil before the trend.
        func trendWeek(from firstWeek: Int64) -> Int? {
            if week >= firstWeek { return Int(week - firstWeek) }
            return week == firstWeek - 1 && !monday ? 0 : nil
        }
    }

    struct AskedAt: Sendable {
        var text: [UInt8]
        /// Its day's number (`RunScan.dayStart`); nil when the text is not a date or its day has none.
        var day: Int64?
    }

    /// Assigned questions whose pipeline cluster is not among `clusters` (the run's).
    func assignedToMissingClusters(_ clusters: Set<ClusterID>) -> Int {
        assignedByPipelineCluster.reduce(0) { $0 + (clusters.contains($1.key) ? 0 : $1.value) }
    }

    /// The cache's figures, with weeks counted as `DatasetLoader.weeklyVolume` counts them.
    var snapshot: StatsCache.Snapshot {
        var s = StatsCache.Snapshot(stats: stats, capabilities: capabilityVolume, capabilityTotals: capabilityTotals)
        s.runQuestions = (totals.questions, maxQuestionID ?? 0)
        guard let first = earliest?.day else { return s }
        let start = DatasetLoader.monday(onOrBefore: RunScan.dayStart(first))
        s.firstMonday = start
        s.weekCount = DatasetLoader.weekCount(start: start, last: latest?.day.map(RunScan.dayStart))
        for (part, volume) in weekPartVolume {
            guard let week = part.trendWeek(from: first / 7), week < DatasetLoader.maxWeeks else { continue }
            s.weekly[part.cluster, default: [:]][week, default: 0] += volume
        }
        return s
    }

    static func + (a: RunFigures, b: RunFigures) -> RunFigures {
        var sum = a
        sum.totals = a.totals + b.totals
        sum.assignedByPipelineCluster.merge(b.assignedByPipelineCluster, uniquingKeysWith: +)
        sum.stats.merge(b.stats, uniquingKeysWith: +)
        sum.weekPartVolume.merge(b.weekPartVolume, uniquingKeysWith: +)
        sum.capabilityVolume.merge(b.capabilityVolume) { $0.merging($1, uniquingKeysWith: +) }
        sum.capabilityTotals.merge(b.capabilityTotals) { StatsCache.CapabilityTotal(rows: $0.rows + $1.rows, volume: $0.volume + $1.volume) }
        sum.earliest = [a.earliest, b.earliest].compactMap { $0 }.min { $0.text.lexicographicallyPrecedes($1.text) }
        sum.maxQuestionID = [a.maxQuestionID, b.maxQuestionID].compactMap { $0 }.max()
        sum.latest = [a.latest, b.latest].compactMap { $0 }.max { $0.text.lexicographicallyPrecedes($1.text) }
        return sum
    }
}
