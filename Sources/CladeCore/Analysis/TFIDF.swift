import Foundation

/// TF-IDF weighting of tokenised documents: sub-linear term frequency (1 + ln tf), smoothed
/// inverse document frequency (ln((1 + n) / (1 + df)) + 1, as scikit-learn), rows scaled to unit L2 norm.
public struct TFIDFVectorizer: Equatable, Sendable {
    public struct Options: Equatable, Sendable {
        /// Terms in fewer documents than this are dropped (typos, ids).
        public var minimumDocumentFrequency: Int
        /// Terms in more than this share of documents are dropped (0–1; 1 keeps all).
        public var maximumDocumentShare: Double
        /// 1 + ln(tf) instead of tf.
        public var sublinearTF: Bool

        public init(minimumDocumentFrequency: Int = 1, maximumDocumentShare: Double = 1, sublinearTF: Bool = true) {
            self.minimumDocumentFrequency = minimumDocumentFrequency
            self.maximumDocumentShare = maximumDocumentShare
            self.sublinearTF = sublinearTF
        }
    }

    /// Terms in column order (sorted, so the columns do not depend on document order).
    public let vocabulary: [String]
    /// Inverse document frequency per column.
    public let idf: [Float]
    public let options: Options
    private let columnByTerm: [String: Int]

    /// Learns the vocabulary and IDF weights from tokenised documents.
    public init(fitting documents: [[String]], options: Options = Options()) {
        var documentFrequency: [String: Int] = [:]
        for doc in documents {
            for term in Set(doc) { documentFrequency[term, default: 0] += 1 }
        }
        let n = documents.count
        let maxDF = options.maximumDocumentShare >= 1 ? n : Int((options.maximumDocumentShare * Double(n)).rounded(.down))
        let kept = documentFrequency
            .filter { $0.value >= options.minimumDocumentFrequency && $0.value <= maxDF }
            .keys.sorted()
        vocabulary = kept
        columnByTerm = Dictionary(uniqueKeysWithValues: kept.enumerated().map { ($1, $0) })
        idf = kept.map { term in
            Float(log(Double(1 + n) / Double(1 + documentFrequency[term]!)) + 1)
        }
        self.options = options
    }

    public func column(of term: String) -> Int? { columnByTerm[term] }

    /// The unit-length TF-IDF vector of one tokenised document (empty if no term is known).
    public func transform(_ tokens: [String]) -> SparseVector {
        var counts: [Int: Int] = [:]
        for t in tokens {
            if let c = columnByTerm[t] { counts[c, default: 0] += 1 }
        }
        let columns = counts.keys.sorted()
        let values = columns.map { c -> Float in
            let tf = Float(counts[c]!)
            return (options.sublinearTF ? 1 + log(tf) : tf) * idf[c]
        }
        return SparseVector(indices: columns, values: values).normalized()
    }

    /// One row per document.
    public func transform(documents: [[String]]) -> SparseMatrix {
        var m = SparseMatrix(columns: vocabulary.count)
        for d in documents { m.append(transform(d)) }
        return m
    }
}
