import CladeCore

/// Clade's own clustering of questions: vectors (embeddings or TF-IDF) → k-means → names from
/// c-TF-IDF keywords and descriptions from the most central questions, with an optional parent level.
public enum NativeClustering {
    public struct Options: Equatable, Sendable {
        /// Number of leaf clusters; nil chooses it by silhouette.
        public var k: Int?
        public var seed: UInt64
        /// 1: leaf clusters only; 2: adds a level of parents (clusters of clusters).
        public var levels: Int
        /// Number of parents at level 2; nil means about √k.
        public var parents: Int?
        public var maxIterations: Int
        public var restarts: Int
        /// Keywords stored per cluster; the name uses the first `nameWords`.
        public var keywordCount: Int
        public var nameWords: Int
        /// Central questions quoted in each description.
        public var centralCount: Int

        public init(
            k: Int? = nil, seed: UInt64 = 0, levels: Int = 1, parents: Int? = nil, maxIterations: Int = 100, restarts: Int = 3,
            keywordCount: Int = 10, nameWords: Int = 3, centralCount: Int = 3
        ) {
            self.k = k
            self.seed = seed
            self.levels = levels
            self.parents = parents
            self.maxIterations = maxIterations
            self.restarts = restarts
            self.keywordCount = keywordCount
            self.nameWords = nameWords
            self.centralCount = centralCount
        }
    }

    public struct Summary: Equatable, Sendable {
        public var name: String
        public var description: String
        public var keywords: [String]
        /// Question indices nearest the centre, nearest first.
        public var central: [Int]
        public var size: Int
    }

    public struct Result: Equatable, Sendable {
        /// Leaf cluster of each question.
        public var labels: [Int]
        public var leaves: [Summary]
        /// Parent index of each leaf (nil: the leaf is a root); empty when levels = 1.
        public var parentOfLeaf: [Int?]
        public var parents: [Summary]
        /// "embeddings" or "tfidf".
        public var vectors: String
        public var vocabularySize: Int?
        public var kScores: [KSelection.Score]
        public var objective: Double
        public var iterations: Int
    }

    /// Clusters `texts`; `embeddings` (one unit-length row per text) are used when given,
    /// otherwise TF-IDF vectors of the texts.
    public static func run(
        texts: [String], embeddings: Matrix?, options: Options, control: AnalysisControl = .none
    ) throws(AnalysisError) -> Result {
        let tokenizer = Tokenizer.english
        let tokens = texts.map(tokenizer.tokens)
        if let embeddings {
            precondition(embeddings.rows == texts.count, "one embedding per text")
            return try cluster(embeddings, kind: "embeddings", vocabularySize: nil, texts: texts, tokens: tokens, options: options, control: control)
        }
        let vectorizer = TFIDFVectorizer(
            fitting: tokens,
            options: .init(minimumDocumentFrequency: texts.count >= 200 ? 2 : 1, maximumDocumentShare: 0.5)
        )
        let vectors = vectorizer.transform(documents: tokens)
        return try cluster(vectors, kind: "tfidf", vocabularySize: vectorizer.vocabulary.count, texts: texts, tokens: tokens, options: options, control: control)
    }

    private static func cluster<Rows: VectorRows>(
        _ data: Rows, kind: String, vocabularySize: Int?, texts: [String], tokens: [[String]], options: Options, control: AnalysisControl
    ) throws(AnalysisError) -> Result {
        var kScores: [KSelection.Score] = []
        let k: Int
        if let chosen = options.k {
            k = chosen
        } else {
            let selection = try KSelection.choose(data, options: .init(seed: options.seed), control: control)
            k = selection.k
            kScores = selection.scores
        }
        let fit = try KMeans.fit(
            data, options: .init(k: k, spherical: true, maxIterations: options.maxIterations, restarts: options.restarts, seed: options.seed),
            control: control
        )
        try control.checkCancellation()
        control.progress(AnalysisProgress(stage: "naming clusters", completed: 0, total: 1))
        let leaves = summarise(data, labels: fit.labels, centroids: fit.centroids, classCount: k, texts: texts, tokens: tokens, options: options)

        var parentOfLeaf: [Int?] = []
        var parents: [Summary] = []
        if options.levels >= 2 && k >= 3 {
            let groups = min(k - 1, max(2, options.parents ?? Int(Double(k).squareRoot().rounded())))
            let group = try CentroidGrouping.group(fit.centroids, weights: fit.sizes.map(Double.init), groups: groups)
            // A group of one leaf would be a parent that repeats its only child: keep that leaf at the top.
            var members = [Int](repeating: 0, count: groups)
            for g in group { members[g] += 1 }
            var parentIndex = [Int?](repeating: nil, count: groups)
            var next = 0
            for g in 0..<groups where members[g] > 1 {
                parentIndex[g] = next
                next += 1
            }
            parentOfLeaf = group.map { parentIndex[$0] }
            let parentLabels = fit.labels.map { parentOfLeaf[$0] ?? -1 }
            let parentCentroids = Centroids.compute(data, labels: parentLabels, k: next, normalized: true)
            parents = summarise(data, labels: parentLabels, centroids: parentCentroids, classCount: next, texts: texts, tokens: tokens, options: options)
        }
        control.progress(AnalysisProgress(stage: "naming clusters", completed: 1, total: 1))
        return Result(
            labels: fit.labels, leaves: leaves, parentOfLeaf: parentOfLeaf, parents: parents, vectors: kind,
            vocabularySize: vocabularySize, kScores: kScores, objective: fit.objective, iterations: fit.iterations
        )
    }

    private static func summarise<Rows: VectorRows>(
        _ data: Rows, labels: [Int], centroids: Matrix, classCount: Int, texts: [String], tokens: [[String]], options: Options
    ) -> [Summary] {
        let keywords = ClassTFIDF.keywords(documents: tokens, labels: labels, classCount: classCount, top: options.keywordCount, minimumCount: 2)
        // Ask for extra central rows so that near-duplicate questions can be skipped.
        let central = Centroids.mostCentral(data, labels: labels, centroids: centroids, count: options.centralCount * 4)
        var sizes = [Int](repeating: 0, count: classCount)
        for l in labels where l >= 0 { sizes[l] += 1 }
        let names = ClusterNaming.uniqueNames(keywords.map { $0.map(\.term) }, words: options.nameWords)
        return (0..<classCount).map { c in
            let quoted = ClusterNaming.distinct(central[c].map { texts[$0] }, count: options.centralCount)
            return Summary(
                name: names[c], description: ClusterNaming.description(quoting: quoted),
                keywords: keywords[c].map(\.term), central: central[c], size: sizes[c]
            )
        }
    }
}
