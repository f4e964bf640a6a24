import Foundation

/// A term and its weight in a cluster.
public struct Keyword: Equatable, Sendable {
    public var term: String
    public var score: Double

    public init(term: String, score: Double) {
        self.term = term
        self.score = score
    }
}

/// Class-based TF-IDF (BERTopic's c-TF-IDF): the terms that distinguish one cluster from the others.
///
/// All documents of a cluster are joined into one; a term's weight is its frequency in the
/// cluster (L1-normalised) times ln(1 + A / f), where A is the average number of words per
/// cluster and f the term's frequency over all clusters.
public enum ClassTFIDF {
    /// The `top` keywords of each class 0 ..< classCount, best first (ties broken alphabetically).
    /// Documents with a negative label (outliers) take no part. Terms used fewer than
    /// `minimumCount` times in a class are not its keywords (a word one question happens to use
    /// is rare, so its IDF is high); the limit is relaxed for a class with too few terms left.
    public static func keywords(documents: [[String]], labels: [Int], classCount: Int, top: Int = 10, minimumCount: Int = 1) -> [[Keyword]] {
        precondition(documents.count == labels.count, "c-TF-IDF: \(labels.count) labels for \(documents.count) documents")
        var counts = [[String: Int]](repeating: [:], count: classCount)
        var classTotals = [Int](repeating: 0, count: classCount)
        var termTotals: [String: Int] = [:]
        for (doc, label) in zip(documents, labels) where label >= 0 {
            precondition(label < classCount, "c-TF-IDF: label \(label) outside 0..<\(classCount)")
            for term in doc {
                counts[label][term, default: 0] += 1
                termTotals[term, default: 0] += 1
            }
            classTotals[label] += doc.count
        }
        let nonEmpty = classTotals.filter { $0 > 0 }
        let averageWords = nonEmpty.isEmpty ? 0 : Double(nonEmpty.reduce(0, +)) / Double(nonEmpty.count)
        return (0..<classCount).map { c in
            guard classTotals[c] > 0 else { return [] }
            let total = Double(classTotals[c])
            let scored = counts[c].map { term, count in
                (count, Keyword(term: term, score: Double(count) / total * log(1 + averageWords / Double(termTotals[term]!))))
            }
            let sorted = scored.sorted { $0.1.score != $1.1.score ? $0.1.score > $1.1.score : $0.1.term < $1.1.term }
            let frequent = sorted.filter { $0.0 >= minimumCount }
            return Array((frequent.count >= min(top, 3) ? frequent : sorted).prefix(top).map(\.1))
        }
    }
}
