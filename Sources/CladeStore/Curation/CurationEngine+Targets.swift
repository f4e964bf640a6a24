import CladeCore
import Foundation
import GRDB

/// Where to merge a cluster or move questions: other leaves ranked by the cosine between
/// centres, each centre taken from a spread-out sample of the cluster's questions (the same
/// sample the split preview's "nearest cluster" uses), so the figures shown in a dialog are
/// the ones the preview and the queue show.
extension CurationEngine {
    /// How many targets a merge or move dialog suggests.
    static let suggestedTargets = 5

    /// Other leaves by similarity to `source`, or by keyword overlap when the run has no embeddings.
    func mergeCandidates(_ source: ClusterID, in dataset: Dataset) throws -> [DialogOption] {
        guard try hasEmbeddings() else { return try keywordCandidates(source, in: dataset) }
        guard let cluster = dataset.cluster(source), let mine = try contextCluster(cluster, in: dataset) else { return [] }
        let others = try contextClusters(excluding: Set(dataset.memberClusterIDs(of: source)), in: dataset)
        return try ranked(ids: mine.questionIDs, texts: mine.texts, against: others)
    }

    /// Leaves other than the questions' own, by similarity to the questions' centre.
    func moveCandidates(_ questions: [QuestionID], in dataset: Dataset) throws -> [DialogOption] {
        guard !questions.isEmpty else { return [] }
        let clade = app.hasCladeTables
        let rows = try app.writer.read { db in
            try Row.fetchAll(db, sql: """
                SELECT q.question_id, q.text, \(Membership.cluster(clade)) AS c FROM questions q \(Membership.joins(clade))
                WHERE q.question_id IN (SELECT value FROM json_each(?)) ORDER BY q.question_id
                """, arguments: [CurrentState.idArray(questions)])
        }
        var owner: [ClusterID: ClusterID] = [:]
        for leaf in dataset.clusters where dataset.isLeaf(leaf.id) {
            for m in dataset.memberClusterIDs(of: leaf.id) { owner[m] = leaf.id }
        }
        var excluded: Set<ClusterID> = []
        for row in rows {
            let c: ClusterID = row["c"]
            excluded.formUnion(dataset.memberClusterIDs(of: owner[c] ?? c))
        }
        let others = try contextClusters(excluding: excluded, in: dataset)
        return try ranked(ids: rows.map { $0["question_id"] }, texts: rows.map { $0.text("text") ?? "" }, against: others)
    }

    /// `others` by cosine between their centres and the centre of these questions: embeddings
    /// when every one has them, else TF-IDF fitted on all the texts involved.
    func ranked(ids: [QuestionID], texts: [String], against others: [ContextCluster]) throws -> [DialogOption] {
        guard !ids.isEmpty, !others.isEmpty else { return [] }
        let labels = others.enumerated().flatMap { i, o in Array(repeating: i, count: o.questionIDs.count) }
        let scored: [(index: Int, similarity: Double)]
        let basis: String
        if let own = try embeddingMatrix(ids), let context = try contextEmbeddings(others), context.dimension == own.dimension {
            basis = "embeddings"
            let centre = Centroids.compute(own, labels: Array(repeating: 0, count: own.count), k: 1, normalized: true)
            scored = PartFigures.nearest(centre, to: Centroids.compute(context, labels: labels, k: others.count, normalized: true), count: Self.suggestedTargets)[0]
        } else {
            basis = "TF-IDF"
            let ownTokens = texts.map { Tokenizer.english.tokens($0) }
            let otherTokens = others.flatMap { $0.texts.map { Tokenizer.english.tokens($0) } }
            let vectorizer = TFIDFVectorizer(fitting: ownTokens + otherTokens, options: .init(minimumDocumentFrequency: 2))
            let own = vectorizer.transform(documents: ownTokens)
            let centre = Centroids.compute(own, labels: Array(repeating: 0, count: own.count), k: 1, normalized: true)
            let context = vectorizer.transform(documents: otherTokens)
            scored = PartFigures.nearest(centre, to: Centroids.compute(context, labels: labels, k: others.count, normalized: true), count: Self.suggestedTargets)[0]
        }
        return scored.map { s in
            DialogOption(others[s.index].name, detail: "similarity \(String(format: "%.2f", s.similarity)) · \(basis)",
                         value: .cluster(others[s.index].id), suggested: true)
        }
    }

    /// Without embeddings a merge ranks by the overlap of the clusters' keywords.
    func keywordCandidates(_ source: ClusterID, in dataset: Dataset) throws -> [DialogOption] {
        let own = Set(dataset.cluster(source)?.keywords.map { $0.lowercased() } ?? [])
        let scored = dataset.clusters.filter { dataset.isLeaf($0.id) && $0.id != source }.map { leaf -> (Cluster, Double) in
            let other = Set(leaf.keywords.map { $0.lowercased() })
            let union = own.union(other).count
            return (leaf, union == 0 ? 0 : Double(own.intersection(other).count) / Double(union))
        }
        return scored.sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0.id < $1.0.id }.prefix(Self.suggestedTargets).map { leaf, sim in
            DialogOption(leaf.name, detail: "similarity \(String(format: "%.2f", sim)) · keyword overlap", value: .cluster(leaf.id), suggested: true)
        }
    }
}
