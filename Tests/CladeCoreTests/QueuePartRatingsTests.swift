@testable import CladeCore
import Testing

/// A re-cut's parts as their users rated them: figures counted as a cluster's are, and a line of
/// evidence only when the parts clearly differ.
@Suite("a re-cut's parts, rated")
struct QueuePartRatingsTests {
    static func split(_ a: [QuestionID], _ b: [QuestionID]) -> QueueProposal {
        QueueProposal(kind: .recut(clusters: [7], parts: [
            QueuePart(questionIDs: a, centroid: [1, 0], cohesion: 0.8, volume: Double(a.count)),
            QueuePart(questionIDs: b, centroid: [0, 1], cohesion: 0.8, volume: Double(b.count)),
        ]), improvement: 10, title: "Split", evidence: "too broad")
    }

    /// Part one: 10 rated, 2 satisfied, relevance 0.4; part two: 10 rated, 9 satisfied, relevance 0.7.
    static let ratings: [QuestionID: Question] = Dictionary(uniqueKeysWithValues:
        (1...10).map { ($0, Question(id: $0, text: "", relevance: 0.4, feedback: $0 <= 2 ? 1 : -1)) }
        + (11...20).map { ($0, Question(id: $0, text: "", relevance: 0.7, feedback: $0 <= 19 ? 1 : -1)) })

    @Test func partsThatDifferSaySo() throws {
        let p = QueuePartRatings.annotate(Self.split(Array(1...10), Array(11...20)), ratings: Self.ratings)
        guard case .recut(_, let parts) = p.kind else { Issue.record("\(p)"); return }
        #expect(parts.map(\.ratedRows) == [10, 10])
        #expect(parts.map(\.satisfaction) == [0.2, 0.9])
        #expect(parts.map { ($0.relevance ?? 0) * 100 }.map { $0.rounded() } == [40, 70])
        #expect(p.evidence == "too broad; its parts: 20%–90% satisfied, relevance 0.40–0.70")
        #expect(p.improvement == 10 && p.key == Self.split([], []).key)
    }

    /// Alike parts (60% and 50% satisfied, the same relevance), or too few ratings to tell: the
    /// evidence is left as it was.
    @Test func alikeOrThinPartsSayNothing() {
        let alike = QueuePartRatings.annotate(Self.split((1...20).filter { $0 % 2 == 1 }, (1...20).filter { $0 % 2 == 0 }), ratings: Self.ratings)
        #expect(alike.evidence == "too broad")
        let thin = QueuePartRatings.annotate(Self.split(Array(1...4), Array(11...14)), ratings: Self.ratings.mapValues {
            var r = $0
            r.relevance = nil
            return r
        })
        #expect(thin.evidence == "too broad")
        let merge = QueueProposal(kind: .merge(source: 1, into: 2), improvement: 1, title: "Merge", evidence: "twins")
        #expect(QueuePartRatings.annotate(merge, ratings: Self.ratings) == merge)
    }
}
