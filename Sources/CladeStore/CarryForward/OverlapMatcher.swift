import CladeCore

/// A new-run cluster and how much it shares with a reviewed cluster.
public struct OverlapMatch: Equatable, Sendable {
    public var cluster: ClusterID
    /// |old ∩ new| / |old ∪ new| over question identities.
    public var jaccard: Double
    public var shared: Int
}

/// Matches the reviewed run's clusters to the new run's, one to one, by the Jaccard overlap of
/// their members' identities (interned as integers). A pair matches when its overlap reaches the
/// threshold; the best pairs are taken first. Pairs that tie for the same cluster are ambiguous
/// and left unmatched, so a decision never lands on a coin toss.
struct OverlapMatcher {
    let threshold: Double
    let newMembers: [ClusterID: Set<Int>]
    private let index: [Int: [ClusterID]]

    init(new: [ClusterID: Set<Int>], threshold: Double) {
        self.threshold = threshold
        newMembers = new
        var index: [Int: [ClusterID]] = [:]
        for (cluster, keys) in new.sorted(by: { $0.key < $1.key }) {
            for key in keys { index[key, default: []].append(cluster) }
        }
        self.index = index
    }

    /// Every new cluster sharing a member with `members`, best first.
    func candidates(_ members: Set<Int>, excluding: Set<ClusterID> = []) -> [OverlapMatch] {
        guard !members.isEmpty else { return [] }
        var shared: [ClusterID: Int] = [:]
        for key in members {
            for c in index[key] ?? [] where !excluding.contains(c) { shared[c, default: 0] += 1 }
        }
        return shared.map { c, n in
            OverlapMatch(cluster: c, jaccard: Double(n) / Double(members.count + newMembers[c]!.count - n), shared: n)
        }.sorted { ($0.jaccard, -$0.cluster) > ($1.jaccard, -$1.cluster) }
    }

    struct Result {
        var matched: [ClusterID: OverlapMatch] = [:]
        /// Reviewed clusters whose best pairing ties with another: the tied candidates.
        var ambiguous: [ClusterID: [OverlapMatch]] = [:]
        /// The best candidate of every reviewed cluster, matched or not (for the report).
        var best: [ClusterID: OverlapMatch] = [:]
    }

    func match(_ old: [ClusterID: Set<Int>], excluding: Set<ClusterID> = []) -> Result {
        var result = Result()
        var pairs: [(old: ClusterID, match: OverlapMatch)] = []
        for (o, members) in old {
            let list = candidates(members, excluding: excluding)
            if let first = list.first { result.best[o] = first }
            pairs += list.filter { $0.jaccard >= threshold }.map { (o, $0) }
        }
        pairs.sort { ($0.match.jaccard, -$0.old, -$0.match.cluster) > ($1.match.jaccard, -$1.old, -$1.match.cluster) }
        var takenNew = Set<ClusterID>()
        var i = 0
        while i < pairs.count {
            var k = i
            while k < pairs.count, abs(pairs[k].match.jaccard - pairs[i].match.jaccard) < 1e-12 { k += 1 }
            let group = pairs[i..<k].filter { p in
                result.matched[p.old] == nil && result.ambiguous[p.old] == nil && !takenNew.contains(p.match.cluster)
            }
            var oldCount: [ClusterID: Int] = [:], newCount: [ClusterID: Int] = [:]
            for p in group {
                oldCount[p.old, default: 0] += 1
                newCount[p.match.cluster, default: 0] += 1
            }
            for p in group {
                if oldCount[p.old] == 1 && newCount[p.match.cluster] == 1 {
                    result.matched[p.old] = p.match
                    takenNew.insert(p.match.cluster)
                } else {
                    result.ambiguous[p.old, default: []].append(p.match)
                }
            }
            i = k
        }
        return result
    }
}
