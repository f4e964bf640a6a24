/// The search over every question of the run, open over the panes: a query typed in the one
/// text field, results grouped by cluster, marks, and bulk moves or a split-off from them.
public struct SearchAllState: Equatable, Sendable {
    public var field = TextField()
    /// Keys go to the field (true) or to the results.
    public var typing = true
    /// What Enter in the field searches for: text, or questions similar to the text.
    public var similar = false
    /// The search being computed (results shown are for `result.query`).
    public var pending: SearchAllQuery?
    /// Keys for the results typed while a search computes: they act, in order, on the results
    /// when they come (a key is never dropped for arriving early).
    public var waiting: [CommandID] = []
    public var result: SearchAllResult?
    /// Hits grouped by cluster: clusters in the order of their best hit, hits in order within.
    public var groups: [Group] = []
    /// Index into `hits` (the flattened groups) of the row under the cursor.
    public var cursor = 0
    public var marked: Set<QuestionID> = []

    public struct Group: Equatable, Sendable {
        public var clusterID: ClusterID
        public var hits: [SearchHit]
    }

    public init() {}

    /// Every hit in the order shown.
    public var hits: [SearchHit] { groups.flatMap(\.hits) }

    public var selected: SearchHit? {
        let all = hits
        return all.indices.contains(cursor) ? all[cursor] : nil
    }

    /// The marked questions, or the one under the cursor when none is marked, in the order shown.
    public var chosen: [QuestionID] {
        let all = hits
        if !marked.isEmpty { return all.map(\.questionID).filter { marked.contains($0) } }
        return selected.map { [$0.questionID] } ?? []
    }

    /// Groups the hits by their leaf (a merged-away cluster counts as its survivor).
    public static func group(_ hits: [SearchHit], in dataset: Dataset) -> [Group] {
        var owner: [ClusterID: ClusterID] = [:]
        for leaf in dataset.clusters where dataset.isLeaf(leaf.id) {
            for m in dataset.memberClusterIDs(of: leaf.id) { owner[m] = leaf.id }
        }
        var order: [ClusterID] = []
        var byCluster: [ClusterID: [SearchHit]] = [:]
        for var hit in hits {
            hit.clusterID = owner[hit.clusterID] ?? hit.clusterID
            if byCluster[hit.clusterID] == nil { order.append(hit.clusterID) }
            byCluster[hit.clusterID, default: []].append(hit)
        }
        return order.map { Group(clusterID: $0, hits: byCluster[$0]!) }
    }
}
