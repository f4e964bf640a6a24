import CladeCore
import Foundation

/// `RunScan`'s running sums: per cluster in arrays, indexed by a slot given to each cluster id
/// when first seen, so that a question costs array updates rather than dictionary ones.
struct RunTally {
    var totals = QuestionTotals()

    private var clusters = IDSlots()
    private var capabilitySlots = IDSlots()
    private var stats: [ClusterStats] = []
    private var assignedByPipeline: [Int] = []
    /// By cluster slot << 32 | week << 1 | Monday (`RunFigures.ClusterWeekPart`).
    private var weekPartVolume = SumsByKey()
    /// By cluster slot << 32 | capability slot.
    private var capabilityVolume = SumsByKey()
    /// Every tag of the run's questions, assigned or not, by capability.
    private var capabilityTotals: [CapabilityID: StatsCache.CapabilityTotal] = [:]
    private var earliest: RunFigures.AskedAt?
    private var latest: RunFigures.AskedAt?

    mutating func add(pipelineCluster: ClusterID, effectiveCluster: ClusterID, weight: Double, relevance: Double?, feedback: Int?,
                      day: Int64?, capabilities: [CapabilityID]) {
        let pipeline = slot(pipelineCluster)
        assignedByPipeline[pipeline] += 1
        let effective = effectiveCluster == pipelineCluster ? pipeline : slot(effectiveCluster)
        stats[effective].add(weight: weight, relevance: relevance, feedback: feedback)
        if let day { weekPartVolume.add(Int64(effective) << 32 | (day / 7) << 1 | (day % 7 == 0 ? 1 : 0), weight) }
        for capability in capabilities {
            capabilityVolume.add(Int64(effective) << 32 | Int64(capabilitySlots.slot(for: capability).slot), weight)
        }
    }

    mutating func count(tags: [CapabilityID], weight: Double) {
        for capability in tags { capabilityTotals[capability, default: .init(rows: 0, volume: 0)].add(weight) }
    }

    /// Keeps the least and the greatest asked_at, compared as SQLite compares text (BINARY).
    mutating func note(askedAt text: UnsafeBufferPointer<UInt8>, day: Int64?) {
        if earliest.map({ compare(text, $0.text) < 0 }) ?? true {
            earliest = RunFigures.AskedAt(text: Array(text), day: day)
        }
        if latest.map({ compare(text, $0.text) > 0 }) ?? true {
            latest = RunFigures.AskedAt(text: Array(text), day: day)
        }
    }

    private func compare(_ a: UnsafeBufferPointer<UInt8>, _ b: [UInt8]) -> Int {
        b.withUnsafeBufferPointer { BinaryText.compare(a, $0) }
    }

    private mutating func slot(_ cluster: ClusterID) -> Int {
        let (slot, isNew) = clusters.slot(for: cluster)
        if isNew {
            stats.append(.zero)
            assignedByPipeline.append(0)
        }
        return slot
    }

    var figures: RunFigures {
        var f = RunFigures(totals: totals)
        for (slot, cluster) in clusters.ids.enumerated() {
            if assignedByPipeline[slot] > 0 { f.assignedByPipelineCluster[cluster] = assignedByPipeline[slot] }
            if stats[slot].rows > 0 { f.stats[cluster] = stats[slot] }
        }
        weekPartVolume.forEach { key, volume in
            let part = RunFigures.ClusterWeekPart(cluster: clusters.ids[Int(key >> 32)], week: (key & 0xFFFF_FFFF) >> 1, monday: key & 1 == 1)
            f.weekPartVolume[part] = volume
        }
        capabilityVolume.forEach { key, volume in
            f.capabilityVolume[clusters.ids[Int(key >> 32)], default: [:]][capabilitySlots.ids[Int(key & 0xFFFF_FFFF)]] = volume
        }
        f.capabilityTotals = capabilityTotals
        f.earliest = earliest
        f.latest = latest
        return f
    }
}

/// Dense numbers (slots) for ids, in the order first seen: the ids of a pipeline are mostly
/// small, and those index an array.
struct IDSlots {
    private(set) var ids: [Int64] = []
    private var bySmallID: [Int32] = []
    private var byOtherID: [Int64: Int] = [:]
    private static let smallLimit: Int64 = 1 << 20

    mutating func slot(for id: Int64) -> (slot: Int, isNew: Bool) {
        if id >= 0 && id < Self.smallLimit {
            let i = Int(id)
            if i < bySmallID.count, bySmallID[i] >= 0 { return (Int(bySmallID[i]), false) }
            if i >= bySmallID.count { bySmallID += repeatElement(-1, count: max(i + 1, 2 * bySmallID.count) - bySmallID.count) }
            bySmallID[i] = Int32(ids.count)
        } else {
            if let slot = byOtherID[id] { return (slot, false) }
            byOtherID[id] = ids.count
        }
        ids.append(id)
        return (ids.count - 1, true)
    }
}
