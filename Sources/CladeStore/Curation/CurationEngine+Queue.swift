import CladeCore
import Foundation

/// The review queue on a database: what it reads (a spread-out sample of every leaf's
/// questions, with their embeddings, or TF-IDF vectors of their texts when the run has none),
/// and what accepting a proposal decides.
extension CurationEngine {
    /// Questions read per cluster for the queue: enough for stable centres and cohesion.
    static let queueSamplePerCluster = 300

    public struct Queue: Sendable {
        public var proposals: [QueueProposal]
        /// "embeddings" or "TF-IDF".
        public var basis: String
        /// The TF-IDF space the proposals' centres live in, when the run has no embeddings.
        let vectorizer: TFIDFVectorizer?
    }

    public func reviewQueue(in dataset: Dataset, options: ReviewQueue.Options = .init(), control: AnalysisControl = .none) throws -> Queue {
        let leaves = dataset.clusters.filter { dataset.isLeaf($0.id) && !$0.dismissed && $0.stats.rows > 0 }
        var clusters: [QueueCluster] = []
        var ids: [QuestionID] = []
        var texts: [String] = []
        for leaf in leaves {
            let members = try textsWithIDs(of: dataset.memberClusterIDs(of: leaf.id), limit: Int.max)
            guard !members.isEmpty else { continue }
            let step = max(1, (members.count + Self.queueSamplePerCluster - 1) / Self.queueSamplePerCluster)
            let sample = stride(from: 0, to: members.count, by: step).map { members[$0] }
            clusters.append(QueueCluster(id: leaf.id, name: leaf.name, rows: Array(ids.count..<(ids.count + sample.count)),
                                         questionIDs: sample.map(\.0), volume: leaf.stats.volume, isOutlier: leaf.isOutlier,
                                         keywords: leaf.keywords))
            ids += sample.map(\.0)
            texts += sample.map(\.1)
        }
        if let matrix = try embeddingMatrix(ids) {
            return Queue(proposals: try ReviewQueue.propose(matrix, clusters: clusters, options: options, control: control), basis: "embeddings", vectorizer: nil)
        }
        let tokens = texts.map { Tokenizer.english.tokens($0) }
        let vectorizer = TFIDFVectorizer(fitting: tokens, options: .init(minimumDocumentFrequency: 2))
        let proposals = try ReviewQueue.propose(vectorizer.transform(documents: tokens), clusters: clusters, options: options, control: control)
        return Queue(proposals: proposals, basis: "TF-IDF", vectorizer: vectorizer)
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
