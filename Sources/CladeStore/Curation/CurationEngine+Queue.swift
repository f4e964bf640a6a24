import CladeCore
import Foundation
import GRDB

/// The review queue on a database: what it reads (a spread-out sample of every leaf's
/// questions, with their embeddings, or TF-IDF vectors of their texts when the run has none),
/// and what accepting a proposal decides.
extension CurationEngine {
    /// Questions read per cluster for the queue: enough for stable centres and cohesion.
    static let queueSamplePerCluster = 300
    /// Questions read for the queue in all, at most: a run of thousands of clusters is sampled
    /// thinner per cluster (in steps, so that a decision that adds a cluster seldom changes the
    /// sample size of every other one).
    static let queueSampleBudget = 64_000

    static func queueSampleCap(leaves: Int) -> Int {
        [300, 200, 150, 100, 75, 50, 40, 30].first { $0 * leaves <= queueSampleBudget } ?? 20
    }

    /// At most `cap` of `ids`, spread out: every n-th from the first.
    static func spreadSample(_ ids: [QuestionID], cap: Int) -> [QuestionID] {
        let step = max(1, (ids.count + cap - 1) / max(1, cap))
        return stride(from: 0, to: ids.count, by: step).map { ids[$0] }
    }

    public struct Queue: Sendable {
        public var proposals: [QueueProposal]
        /// "embeddings" or "TF-IDF".
        public var basis: String
        /// The TF-IDF space the proposals' centres live in, when the run has no embeddings.
        let vectorizer: TFIDFVectorizer?
    }

    /// The review queue of the dataset. `partial` is told the proposals known so far, ranked, as
    /// they come: first those that need only centres (merges, moves, homes, tiny clusters), then
    /// after each re-cut checked; the last call has what is returned. With a `cache`, only the
    /// clusters whose questions changed since it was filled are read again.
    public func reviewQueue(
        in dataset: Dataset, options: ReviewQueue.Options = .init(), control: AnalysisControl = .none,
        cache: QueueSampleCache? = nil, partial: ((Queue, QueueProgress) -> Void)? = nil
    ) throws -> Queue {
        let leaves = dataset.clusters.filter { dataset.isLeaf($0.id) && !$0.dismissed && $0.stats.rows > 0 }
        let members = try queueMembers(of: leaves, in: dataset)
        let cap = Self.queueSampleCap(leaves: leaves.count)
        var clusters: [QueueCluster] = []
        var ids: [QuestionID] = []
        var sampled: [(leaf: Cluster, digest: UInt64, ids: [QuestionID])] = []
        for (leaf, all) in zip(leaves, members) where !all.isEmpty {
            let sample = Self.spreadSample(all, cap: cap)
            clusters.append(QueueCluster(id: leaf.id, name: leaf.name, rows: Array(ids.count..<(ids.count + sample.count)),
                                         questionIDs: sample, volume: leaf.stats.volume, isOutlier: leaf.isOutlier,
                                         keywords: leaf.keywords))
            ids += sample
            sampled.append((leaf, QueueSampleCache.digest(all), sample))
        }
        try control.checkCancellation()
        let playbook = PlaybookProposals.make(dataset)
        let rated = QueuePartRatingsReader(app: app)
        if let matrix = try queueEmbeddings(sampled, cap: cap, cache: cache) {
            let proposals = try ReviewQueue.propose(matrix, clusters: clusters, alongside: playbook, options: options, control: control) { known, progress in
                partial?(Queue(proposals: rated.annotate(known), basis: "embeddings", vectorizer: nil), progress)
            }
            return Queue(proposals: rated.annotate(proposals), basis: "embeddings", vectorizer: nil)
        }
        let texts = try queueTexts(ids)
        let tokens = ids.map { Tokenizer.english.tokens(texts[$0] ?? "") }
        let vectorizer = TFIDFVectorizer(fitting: tokens, options: .init(minimumDocumentFrequency: 2))
        let proposals = try ReviewQueue.propose(vectorizer.transform(documents: tokens), clusters: clusters, alongside: playbook, options: options, control: control) { known, progress in
            partial?(Queue(proposals: rated.annotate(known), basis: "TF-IDF", vectorizer: vectorizer), progress)
        }
        return Queue(proposals: rated.annotate(proposals), basis: "TF-IDF", vectorizer: vectorizer)
    }

    /// Every leaf's question ids, in id order, in one read of the run's membership (rather than
    /// one query and every text per cluster).
    func queueMembers(of leaves: [Cluster], in dataset: Dataset) throws -> [[QuestionID]] {
        var owners: [ClusterID: [Int]] = [:]
        for (n, leaf) in leaves.enumerated() {
            for c in dataset.memberClusterIDs(of: leaf.id) { owners[c, default: []].append(n) }
        }
        guard !owners.isEmpty else { return [] }
        let list = owners.keys.sorted().map(String.init).joined(separator: ",")
        // The assignments alone (no look-up of each question's row): what `Membership` selects.
        let sql = app.hasCladeTables
            ? """
              SELECT a.question_id, a.cluster_id FROM assignments a
              WHERE a.cluster_id IN (\(list)) AND NOT EXISTS (SELECT 1 FROM clade_assignment_override o WHERE o.question_id = a.question_id)
              UNION ALL
              SELECT o.question_id, o.cluster_id FROM clade_assignment_override o WHERE o.cluster_id IN (\(list))
              """
            : "SELECT a.question_id, a.cluster_id FROM assignments a WHERE a.cluster_id IN (\(list))"
        var out = [[QuestionID]](repeating: [], count: leaves.count)
        try app.writer.read { db in
            let rows = try Row.fetchCursor(db, sql: sql)
            while let row = try rows.next() {
                let id: QuestionID = row[0], cluster: ClusterID = row[1]
                for n in owners[cluster] ?? [] { out[n].append(id) }
            }
        }
        return out.map { $0.sorted() }
    }

    /// The sampled questions' unit embeddings as one matrix in sample order, the clusters whose
    /// members are unchanged taken from `cache`; nil when the run has none (or any is missing).
    func queueEmbeddings(_ sampled: [(leaf: Cluster, digest: UInt64, ids: [QuestionID])], cap: Int, cache: QueueSampleCache?) throws -> Matrix? {
        guard !sampled.isEmpty, try hasEmbeddings() else { return nil }
        var kept: [Int: QueueSampleCache.Entry] = [:]
        var missing: [QuestionID] = []
        for (n, s) in sampled.enumerated() {
            if let e = cache?.entry(s.leaf.id, digest: s.digest, cap: cap), e.questionIDs == s.ids { kept[n] = e } else { missing += s.ids }
        }
        var read: Matrix?
        if !missing.isEmpty {
            guard let m = try embeddingMatrix(missing) else { return nil }
            read = m
        }
        guard let dim = read?.columns ?? kept.values.first?.dimension, kept.values.allSatisfy({ $0.dimension == dim }) else { return nil }
        let total = sampled.reduce(0) { $0 + $1.ids.count }
        var storage = [Float](repeating: 0, count: total * dim)
        var fresh: [ClusterID: QueueSampleCache.Entry] = [:]
        var row = 0, readRow = 0
        storage.withUnsafeMutableBufferPointer { out in
            for (n, s) in sampled.enumerated() {
                let count = s.ids.count * dim
                if let e = kept[n] {
                    e.vectors.withUnsafeBufferPointer { out.baseAddress!.advanced(by: row * dim).update(from: $0.baseAddress!, count: count) }
                } else if let read {
                    read.withRow(readRow) { out.baseAddress!.advanced(by: row * dim).update(from: $0, count: count) }
                    readRow += s.ids.count
                    fresh[s.leaf.id] = .init(digest: s.digest, cap: cap, questionIDs: s.ids,
                                             vectors: Array(out[(row * dim)..<(row * dim + count)]), dimension: dim)
                }
                row += s.ids.count
            }
        }
        cache?.store(fresh, alive: Set(sampled.map(\.leaf.id)))
        return Matrix(rows: total, columns: dim, storage: storage)
    }

    /// The texts of these questions, for TF-IDF vectors when the run has no embeddings.
    func queueTexts(_ ids: [QuestionID]) throws -> [QuestionID: String] {
        try app.writer.read { db in
            var out: [QuestionID: String] = [:]
            for start in stride(from: 0, to: ids.count, by: 900) {
                let list = ids[start..<min(start + 900, ids.count)].map(String.init).joined(separator: ",")
                for row in try Row.fetchAll(db, sql: "SELECT question_id, text FROM questions WHERE question_id IN (\(list))") {
                    out[row["question_id"]] = row.text("text") ?? ""
                }
            }
            return out
        }
    }

    /// The decisions that accepting `proposal` makes. A re-cut gives every question of its
    /// clusters (not only the sample) to the nearest part; several clusters are merged into the
    /// largest first, then the other parts split off, each named by its distinctive keywords.
    public func decisions(accepting proposal: QueueProposal, of queue: Queue, in dataset: Dataset) throws -> [DecisionRequest] {
        switch proposal.kind {
        case .merge(let source, let into):
            return [.merge(sources: [source], into: into, name: nil)]
        case .tiny(let c, let nearest):
            return [.merge(sources: [c], into: nearest, name: nil)]
        case .move(let questions, _, let to), .home(let questions, _, let to):
            return [.move(questions: try nearer(questions, proposal: proposal, queue: queue, in: dataset), to: to)]
        case .recut(let clusters, let parts):
            return try recutDecisions(clusters, parts: parts, queue: queue, in: dataset)
        case .playbook(let clusters, _, let action):
            return clusters.map { .setAction($0, action) }
        }
    }

    func recutDecisions(_ clusters: [ClusterID], parts: [QueuePart], queue: Queue, in dataset: Dataset) throws -> [DecisionRequest] {
        guard parts.count >= 2 else { return [] }
        let survivor = clusters.max { (dataset.cluster($0)?.stats.volume ?? 0, -$0) < (dataset.cluster($1)?.stats.volume ?? 0, -$1) } ?? clusters[0]
        let members = try textsWithIDs(of: clusters.flatMap { dataset.memberClusterIDs(of: $0) }, limit: Int.max)
        let labels = try nearestPart(members, centroids: parts.map(\.centroid), queue: queue)
        var byPart = [[Int]](repeating: [], count: parts.count)
        for (i, l) in labels.enumerated() { byPart[l].append(i) }
        // The largest part stays in the surviving cluster; the others become new clusters.
        let kept = byPart.indices.max { (byPart[$0].count, -$0) < (byPart[$1].count, -$1) } ?? 0
        let allTexts = members.map(\.1)
        func name(_ part: Int) -> String {
            let own = byPart[part].map { allTexts[$0] }
            let rest = byPart.indices.filter { $0 != part }.flatMap { byPart[$0] }.map { allTexts[$0] }
            let words = Self.distinctive(own, against: rest, top: 2)
            return words.isEmpty ? "Part \(part + 1)" : Self.titleCase(words.joined(separator: " "))
        }
        var out: [DecisionRequest] = []
        if clusters.count > 1 {
            out.append(.merge(sources: clusters.filter { $0 != survivor }, into: survivor, name: nil))
        }
        let splitParts = byPart.indices.filter { $0 != kept && !byPart[$0].isEmpty }.map { p in
            SplitPart(name: name(p), questionIDs: byPart[p].map { members[$0].0 })
        }
        guard !splitParts.isEmpty else { return out }
        out.append(.split(survivor, parts: splitParts))
        if clusters.count > 1 { out.append(.relabel(survivor, name: name(kept), description: nil)) }
        return out
    }

    /// Of the proposal's (sampled) questions' whole cluster, the questions nearer the target's
    /// centre than their own by the queue's margin; the sampled ones when that cannot be measured.
    func nearer(_ sampled: [QuestionID], proposal: QueueProposal, queue: Queue, in dataset: Dataset) throws -> [QuestionID] {
        guard case let .move(_, from, to) = proposal.kind, queue.vectorizer == nil,
              let own = try centroid(of: dataset.memberClusterIDs(of: from)), let target = try centroid(of: dataset.memberClusterIDs(of: to))
        else { return sampled }
        let members = try textsWithIDs(of: dataset.memberClusterIDs(of: from), limit: Int.max)
        guard let m = try embeddingMatrix(members.map(\.0)) else { return sampled }
        let margin = ReviewQueue.Options().misplacedMargin
        let chosen = (0..<m.count).filter { r in
            m.withRow(r) { VectorMath.dot($0, target, count: target.count) - VectorMath.dot($0, own, count: own.count) } > margin
        }
        return chosen.isEmpty ? sampled : chosen.map { members[$0].0 }
    }

    func nearestPart(_ members: [(QuestionID, String)], centroids: [[Float]], queue: Queue) throws -> [Int] {
        let centres = Matrix(rowVectors: centroids)
        if let vectorizer = queue.vectorizer {
            return KMeans.assign(vectorizer.transform(documents: members.map { Tokenizer.english.tokens($0.1) }), to: centres, spherical: true)
        }
        guard let m = try embeddingMatrix(members.map(\.0)) else { throw CurationError.embeddingsChanged }
        return KMeans.assign(m, to: centres, spherical: true)
    }

    public enum CurationError: Error, CustomStringConvertible {
        case embeddingsChanged
        public var description: String { "the run's embeddings changed since the queue was computed; refresh it" }
    }
}
