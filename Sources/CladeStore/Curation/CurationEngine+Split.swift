import CladeCore
import Foundation
import GRDB

/// The suggested split and re-cluster: k-means over the questions of one cluster or of several
/// together, k chosen by `SplitK` unless the reviewer typed one, and every part described by
/// the figures the preview shows (weighted size, cohesion, central and borderline questions,
/// nearest existing clusters), all measured here by the code the decisions use.
extension CurationEngine {
    public enum SplitError: Error, CustomStringConvertible {
        case tooSmall(Int)
        case failed(String)
        public var description: String {
            switch self {
            case .tooSmall(let n): "Only \(n) questions: too few to split"
            case .failed(let m): "Could not split: \(m)"
            }
        }
    }

    /// Questions read per other cluster for its centre and cohesion: as many as the review
    /// queue reads, spread out over the cluster, so both measure the run alike — fewer per
    /// cluster in a run of thousands (2,000 leaves × 300 was 600,000 questions tokenised, 12.6 s
    /// and 1.1 GB to suggest one split at 1M).
    static var contextSamplePerCluster: Int { queueSamplePerCluster }

    /// Rows k is chosen on (the final cut uses every question).
    static let kSelectionSample = 3000

    /// Clusters the questions of `memberIDs` into k parts (k chosen automatically when nil).
    /// With `dataset`, each part gets its nearest clusters outside the split and k aims at the
    /// run's typical cohesion. A re-cut of the same questions at another k reuses what the
    /// previous cut read (questions, vectors, the other clusters' samples): only k-means runs.
    public func suggestSplit(
        cluster: ClusterID, memberIDs: [ClusterID], k: Int?, in dataset: Dataset? = nil,
        isCancelled: @escaping () -> Bool, progress: @escaping (Double, String) -> Void
    ) -> Result<SplitProposal, SplitError> {
        do {
            progress(0, "Reading the questions")
            let inputs = try splitInputs(memberIDs, in: dataset)
            let rows = inputs.rows
            guard rows.count >= 6 else { return .failure(.tooSmall(rows.count)) }
            let control = AnalysisControl(progress: { p in progress(0.1 + 0.8 * p.fraction, Self.phase(p.stage)) }, isCancelled: isCancelled)
            switch inputs.vectors {
            case .embeddings(let embeddings, let context):
                return .success(try cut(embeddings, rows: rows, tokens: inputs.tokens, basis: "embeddings", context: context, others: inputs.others,
                                        baseline: inputs.baseline, cluster: cluster, k: k, sources: inputs.sources, control: control, progress: progress))
            case .tfidf(let vectors, let context):
                return .success(try cut(vectors, rows: rows, tokens: inputs.tokens, basis: "TF-IDF", context: context,
                                        others: inputs.others, baseline: inputs.baseline, cluster: cluster, k: k, sources: inputs.sources,
                                        control: control, progress: progress))
            }
        } catch let e as AnalysisError {
            return .failure(.failed(e.description))
        } catch {
            return .failure(.failed("\(error)"))
        }
    }

    /// The questions of a split and their vectors, with the other clusters' samples: the last
    /// one read is kept (`splitCache`) for as long as the questions (a digest of their ids) and
    /// the run's clusters (their sizes) are what they were.
    struct SplitInputs {
        enum Vectors {
            case embeddings(Matrix, context: Matrix?)
            case tfidf(SparseMatrix, context: SparseMatrix?)
        }
        var key: SplitInputCache.Key
        var rows: [MemberRow]
        var tokens: [[String]]
        var others: [ContextCluster]
        var sources: Int
        var vectors: Vectors
        /// What every cut of these questions is measured against, whatever its k: kept with
        /// the inputs, so a re-cut does not measure the other clusters again.
        let baseline = CutBaseline()
    }

    /// The other clusters' centres, the run's typical cohesion and the questions' cohesion before
    /// the split, once measured.
    final class CutBaseline: @unchecked Sendable {
        struct Figures {
            var otherCentres: Matrix?
            var target: Double?
            var before: Double
        }

        private let lock = NSLock()
        private var figures: Figures?

        func figures(_ measure: () -> Figures) -> Figures {
            lock.lock()
            defer { lock.unlock() }
            if let figures { return figures }
            let measured = measure()
            figures = measured
            return measured
        }
    }

    func splitInputs(_ memberIDs: [ClusterID], in dataset: Dataset?) throws -> SplitInputs {
        let ids = try memberQuestionIDs(memberIDs)
        var context = Hasher()
        if let dataset {
            for c in dataset.clusters where dataset.isLeaf(c.id) {
                context.combine(c.id)
                context.combine(c.stats.rows)
                context.combine(c.stats.volume)
                context.combine(c.isOutlier)
            }
        }
        let key = SplitInputCache.Key(memberIDs: memberIDs, members: QueueSampleCache.digest(ids), count: ids.count,
                                      context: dataset == nil ? 0 : context.finalize())
        if let kept = splitCache.inputs(for: key) { return kept }
        let rows = try memberRows(memberIDs)
        let tokens = rows.map { Tokenizer.english.tokens($0.text) }
        let others = try dataset.map { try contextClusters(excluding: Set(memberIDs), in: $0) } ?? []
        let sources = dataset.map { d in memberIDs.filter { d.cluster($0) != nil && d.isLeaf($0) }.count } ?? 1
        let vectors: SplitInputs.Vectors
        if rows.count >= 6, let embeddings = try embeddingMatrix(rows.map(\.id)) {
            vectors = .embeddings(embeddings, context: try others.isEmpty ? nil : contextEmbeddings(others))
        } else {
            let vectorizer = TFIDFVectorizer(fitting: tokens, options: .init(minimumDocumentFrequency: 2))
            let context = others.isEmpty ? nil : vectorizer.transform(documents: others.flatMap { $0.texts.map { Tokenizer.english.tokens($0) } })
            vectors = .tfidf(vectorizer.transform(documents: tokens), context: context)
        }
        let inputs = SplitInputs(key: key, rows: rows, tokens: tokens, others: others, sources: sources, vectors: vectors)
        if rows.count >= 6 { splitCache.keep(inputs) }
        return inputs
    }

    /// The ids of the questions in these clusters, in id order.
    func memberQuestionIDs(_ clusters: [ClusterID]) throws -> [QuestionID] {
        let ids = clusters.map(String.init).joined(separator: ",")
        let clade = app.hasCladeTables
        return try app.writer.read { db in
            try QuestionID.fetchAll(db, sql: "SELECT question_id FROM (" + Membership.questionsIn(ids, columns: "q.question_id", clade: clade) + ") ORDER BY question_id")
        }
    }

    /// A cluster outside the split, by a spread-out sample of its questions.
    struct ContextCluster {
        var id: ClusterID
        var name: String
        var questionIDs: [QuestionID]
        var texts: [String]
    }

    func contextClusters(excluding members: Set<ClusterID>, in dataset: Dataset) throws -> [ContextCluster] {
        let leaves = dataset.clusters.filter { dataset.isLeaf($0.id) && !members.contains($0.id) && $0.stats.rows > 0 && !$0.isOutlier }
        return try contextClusters(leaves, in: dataset, cap: Self.queueSampleCap(leaves: leaves.count))
    }

    /// A spread-out sample of a leaf's questions (every n-th by id), nil when it has none.
    func contextCluster(_ leaf: Cluster, in dataset: Dataset) throws -> ContextCluster? {
        try contextClusters([leaf], in: dataset, cap: Self.contextSamplePerCluster).first
    }

    /// The leaves' samples as the review queue takes them (one read of the membership, the same
    /// stride, only the picked texts read), so both measure the run alike.
    private func contextClusters(_ leaves: [Cluster], in dataset: Dataset, cap: Int) throws -> [ContextCluster] {
        let samples = try queueMembers(of: leaves, in: dataset).map { Self.spreadSample($0, cap: cap) }
        let texts = try queueTexts(samples.flatMap { $0 })
        return zip(leaves, samples).compactMap { leaf, ids in
            ids.isEmpty ? nil : ContextCluster(id: leaf.id, name: leaf.name, questionIDs: ids, texts: ids.map { texts[$0] ?? "" })
        }
    }

    func contextEmbeddings(_ others: [ContextCluster]) throws -> Matrix? {
        try embeddingMatrix(others.flatMap(\.questionIDs))
    }

    func cut<Rows: VectorRows, Context: VectorRows>(
        _ data: Rows, rows: [MemberRow], tokens: [[String]], basis: String, context: Context?, others: [ContextCluster],
        baseline: CutBaseline, cluster: ClusterID, k: Int?, sources: Int, control: AnalysisControl, progress: (Double, String) -> Void
    ) throws -> SplitProposal {
        let measured = baseline.figures {
            // The other clusters' centres and the run's typical cohesion, measured as the queue does.
            var figures = CutBaseline.Figures(otherCentres: nil, target: nil, before: 0)
            if let context, context.dimension == data.dimension {
                let labels = others.enumerated().flatMap { i, o in Array(repeating: i, count: o.questionIDs.count) }
                let centres = Centroids.compute(context, labels: labels, k: others.count, normalized: true)
                figures.otherCentres = centres
                figures.target = PartFigures.typicalCohesion(PartFigures.cohesions(context, labels: labels, centroids: centres),
                                                             rows: others.map(\.questionIDs.count))
            }
            let whole = Array(repeating: 0, count: data.count)
            figures.before = PartFigures.cohesions(data, labels: whole, centroids: Centroids.compute(data, labels: whole, k: 1, normalized: true))[0]
            return figures
        }
        let otherCentres = measured.otherCentres, target = measured.target
        let chosenK: Int
        var criterion = ""
        if let k {
            chosenK = max(2, min(k, data.count - 1))
        } else {
            var rng = SeededGenerator(seed: 7)
            let picked = rng.sample(Self.kSelectionSample, from: data.count)
            let sample = picked.count == data.count ? data : data.selecting(rows: picked)
            let choice = try SplitK.choose(sample, target: target, cap: SplitK.cap(rows: data.count, sources: sources), control: control)
            chosenK = choice.k
            criterion = choice.criterion.title
        }
        let fit = try Self.fitParts(data, k: chosenK, control: control)
        progress(0.95, "Describing the parts")
        let centres = Centroids.compute(data, labels: fit.labels, k: chosenK, normalized: true)
        let cohesion = PartFigures.cohesions(data, labels: fit.labels, centroids: centres)
        let central = Centroids.mostCentral(data, labels: fit.labels, centroids: centres, count: 12)
        let borderline = PartFigures.borderline(data, labels: fit.labels, centroids: centres, count: 12)
        let nearest = otherCentres.map { PartFigures.nearest(centres, to: $0, count: 3) } ?? Array(repeating: [], count: chosenK)
        let before = measured.before
        let keywords = ClassTFIDF.keywords(documents: tokens, labels: fit.labels, classCount: chosenK, top: 6)
        var parts: [SplitProposal.Part] = (0..<chosenK).map { part in
            let members = rows.indices.filter { fit.labels[$0] == part }
            var stats = ClusterStats()
            for i in members { stats.add(weight: rows[i].weight, relevance: rows[i].relevance, feedback: rows[i].feedback) }
            let centralTexts = Self.distinct(central[part].map { rows[$0].text }, count: 3)
            let borderTexts = Self.distinct(borderline[part].map { rows[$0].text }, count: 2, excluding: centralTexts)
            return SplitProposal.Part(
                questionIDs: members.map { rows[$0].id }, stats: stats, keywords: keywords[part].map(\.term),
                samples: centralTexts, borderline: borderTexts, cohesion: cohesion[part],
                nearest: nearest[part].map { SplitProposal.Neighbour(clusterID: others[$0.index].id, name: others[$0.index].name, similarity: $0.similarity) }
            )
        }
        parts = parts.filter { !$0.questionIDs.isEmpty }.sorted {
            $0.stats.volume != $1.stats.volume ? $0.stats.volume > $1.stats.volume : $0.questionIDs[0] < $1.questionIDs[0]
        }
        let silhouette = data.count <= 5000 ? Silhouette.cosine(data, labels: fit.labels, k: chosenK) : nil
        progress(1, "Done")
        return SplitProposal(clusterID: cluster, k: parts.count, automatic: k == nil, silhouette: silhouette, vectors: basis, parts: parts,
                             criterion: criterion, requestedK: k, cohesionBefore: before)
    }

    /// Rows the parts are fitted on when there are more: k-means on a spread-out sample, then
    /// a few Lloyd iterations on every question from those centres (a re-cut of 20,000
    /// questions costs a fraction of a second instead of seconds).
    static let fitSample = 4000

    static func fitParts<Rows: VectorRows>(_ data: Rows, k: Int, control: AnalysisControl) throws(AnalysisError) -> KMeans.Result {
        guard data.count > fitSample else { return try KMeans.fit(data, options: .init(k: k, restarts: 3, seed: 7), control: control) }
        var rng = SeededGenerator(seed: 7)
        let sample = data.selecting(rows: rng.sample(fitSample, from: data.count))
        let first = try KMeans.fit(sample, options: .init(k: k, maxIterations: 40, restarts: 3, seed: 7), control: control)
        return try KMeans.refine(data, from: first.centroids, options: .init(k: k, maxIterations: 10, seed: 7), control: control)
    }

    static func phase(_ stage: String) -> String {
        stage.hasPrefix("choosing k") ? "Choosing k (\(stage))" : "Clustering (\(stage))"
    }

    /// The first `count` texts that differ (case aside) from each other and from `excluding`.
    static func distinct(_ texts: [String], count: Int, excluding: [String] = []) -> [String] {
        var seen = Set(excluding.map { $0.lowercased() })
        return Array(texts.filter { seen.insert($0.lowercased()).inserted }.prefix(count))
    }
}
