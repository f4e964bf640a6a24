import CladeCore
import Foundation

/// What the review queue read of each cluster last time (its sampled questions and their unit
/// embeddings), kept by the app between computations: after a decision only the clusters whose
/// questions changed are read and decoded again. An entry is used only when the cluster's
/// members (a digest of their ids) and the sample size are what they were.
public final class QueueSampleCache: @unchecked Sendable {
    struct Entry {
        var digest: UInt64
        var cap: Int
        var questionIDs: [QuestionID]
        /// `questionIDs.count` unit rows of `dimension` floats.
        var vectors: [Float]
        var dimension: Int
    }

    private let lock = NSLock()
    private var entries: [ClusterID: Entry] = [:]
    private var readLast: [ClusterID] = []

    public init() {}

    /// The clusters whose samples the last computation read from the file (the others came
    /// from the cache), in id order.
    public var clustersReadLast: [ClusterID] {
        lock.lock()
        defer { lock.unlock() }
        return readLast
    }

    func entry(_ id: ClusterID, digest: UInt64, cap: Int) -> Entry? {
        lock.lock()
        defer { lock.unlock() }
        guard let e = entries[id], e.digest == digest, e.cap == cap else { return nil }
        return e
    }

    /// Keeps `fresh` and forgets clusters no longer in `alive` (merged away, split off, another run).
    func store(_ fresh: [ClusterID: Entry], alive: Set<ClusterID>) {
        lock.lock()
        defer { lock.unlock() }
        entries = entries.filter { alive.contains($0.key) }.merging(fresh) { $1 }
        readLast = fresh.keys.sorted()
    }

    /// A digest of a cluster's member ids (in id order): equal members, equal digest.
    static func digest(_ ids: [QuestionID]) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325 ^ UInt64(ids.count)
        for id in ids {
            var x = UInt64(bitPattern: id) &+ 0x9e37_79b9_7f4a_7c15
            x = (x ^ (x >> 30)) &* 0xbf58_476d_1ce4_e5b9
            x = (x ^ (x >> 27)) &* 0x94d0_49bb_1331_11eb
            h = (h ^ (x ^ (x >> 31))) &* 0x100_0000_01b3
        }
        return h
    }
}
