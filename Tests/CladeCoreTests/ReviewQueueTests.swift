@testable import CladeCore
import Foundation
import Testing

/// The review queue on planted geometry: each kind of proposal is found where it was planted,
/// and ranked by the improvement it measures.
@Suite("review queue")
struct ReviewQueueTests {
    /// Unit rows around `centre` with a little noise.
    static func blob(_ centre: Int, count: Int, dimension: Int = 12, noise: Float = 0.15, rng: inout SeededGenerator) -> [[Float]] {
        (0..<count).map { _ in
            var v = (0..<dimension).map { _ in Float(rng.nextUnit() - 0.5) * 2 * noise }
            v[centre] += 1
            return VectorMath.normalized(v)
        }
    }

    struct World {
        var rows: [[Float]] = []
        var clusters: [QueueCluster] = []

        mutating func add(_ id: ClusterID, _ name: String, _ vectors: [[Float]], outlier: Bool = false) {
            let start = rows.count
            rows += vectors
            clusters.append(QueueCluster(id: id, name: name, rows: Array(start..<rows.count),
                                         questionIDs: (start..<rows.count).map { Int64($0 + 1) }, volume: Double(vectors.count), isOutlier: outlier))
        }

        func propose() throws -> [QueueProposal] { try ReviewQueue.propose(Matrix(rowVectors: rows), clusters: clusters) }
    }

    /// Ten tight clusters, plus what each test plants.
    static func world(_ plant: (inout World, inout SeededGenerator) -> Void) -> World {
        var rng = SeededGenerator(seed: 11)
        var w = World()
        for c in 0..<6 { w.add(Int64(c + 1), "tight \(c + 1)", blob(c, count: 40, rng: &rng)) }
        plant(&w, &rng)
        return w
    }

    @Test func aClusterOfTwoIntentsIsProposedAsASplitIntoTwo() throws {
        let w = Self.world { w, rng in w.add(20, "two intents", Self.blob(8, count: 30, rng: &rng) + Self.blob(9, count: 30, rng: &rng)) }
        let top = try #require(try w.propose().first)
        guard case .recut(let clusters, let parts) = top.kind else { Issue.record("\(top)"); return }
        #expect(clusters == [20] && parts.count == 2, "\(top.title)")
        #expect(parts.map { Set($0.questionIDs.map { ($0 - 241) / 30 }) }.allSatisfy { $0.count == 1 }, "each part is one intent")
        #expect(top.evidence.contains("too broad"))
    }

    @Test func twinsAreProposedForAMergeIntoTheLarger() throws {
        let w = Self.world { w, rng in
            w.add(30, "open RFIs", Self.blob(10, count: 25, rng: &rng))
            w.add(31, "RFI status", Self.blob(10, count: 35, rng: &rng))
        }
        let proposals = try w.propose()
        #expect(proposals.first?.kind == .merge(source: 30, into: 31), "\(proposals.map(\.title))")
        #expect(proposals.first?.evidence.contains("near-duplicates") == true)
    }

    @Test func questionsNearerAnotherCentreAreProposedForAMove() throws {
        let w = Self.world { w, rng in
            w.add(40, "billing", Self.blob(8, count: 40, rng: &rng) + Self.blob(9, count: 6, rng: &rng))
            w.add(41, "refunds", Self.blob(9, count: 40, rng: &rng))
        }
        let all = try w.propose()
        let moves = all.filter { if case .move = $0.kind { true } else { false } }
        let move = try #require(moves.first, "\(all.map { $0.title + ": " + $0.evidence })")
        guard case .move(let questions, let from, let to) = move.kind else { return }
        #expect(from == 40 && to == 41)
        #expect(Set(questions) == Set((281...286).map(Int64.init)), "the six planted refund questions")
    }

    @Test func outliersCloseToAClusterAreOfferedAHome() throws {
        let w = Self.world { w, rng in
            var noise = SeededGenerator(seed: 3)
            let random = (0..<20).map { _ in VectorMath.normalized((0..<12).map { _ in Float(noise.nextUnit() - 0.5) }) }
            w.add(99, "Unclustered", random + Self.blob(2, count: 8, rng: &rng), outlier: true)
        }
        let all = try w.propose()
        let homes = all.filter { if case .home = $0.kind { true } else { false } }
        #expect(homes.count == 1 && homes.first?.kind == .home(questions: (261...268).map(Int64.init), from: 99, to: 3), "\(all.map { $0.title + ": " + $0.evidence })")
    }

    @Test func aRunOfTightDistinctClustersHasNothingToFix() throws {
        let w = Self.world { _, _ in }
        let all = try w.propose()
        #expect(all.filter { if case .tiny = $0.kind { false } else { true } }.isEmpty, "\(all.map { $0.title + ": " + $0.evidence })")
    }

    @Test func eachClusterIsRewrittenByOneProposalAtMost() throws {
        let w = Self.world { w, rng in
            w.add(30, "open RFIs", Self.blob(10, count: 25, rng: &rng))
            w.add(31, "RFI status", Self.blob(10, count: 35, rng: &rng) + Self.blob(11, count: 35, rng: &rng))
        }
        var seen = Set<ClusterID>()
        for p in try w.propose() {
            switch p.kind {
            case .recut, .merge:
                #expect(seen.isDisjoint(with: p.clusters), "\(p.title)")
                seen.formUnion(p.clusters)
            default: break
            }
        }
    }

    @Test func theSameInputGivesTheSameQueue() throws {
        let w = Self.world { w, rng in w.add(20, "two intents", Self.blob(8, count: 30, rng: &rng) + Self.blob(9, count: 30, rng: &rng)) }
        #expect(try w.propose() == (try w.propose()))
    }

    /// Streamed: the proposals that need only centres (here the twins) come before any re-cut is
    /// checked, every re-cut checked brings an answer, and the last answer is the whole queue,
    /// ranked exactly as when computed in one go.
    @Test func partialAnswersComeFirstAndEndAtTheWholeQueue() throws {
        let w = Self.world { w, rng in
            w.add(20, "two intents", Self.blob(8, count: 30, rng: &rng) + Self.blob(9, count: 30, rng: &rng))
            w.add(30, "open RFIs", Self.blob(10, count: 25, rng: &rng))
            w.add(31, "RFI status", Self.blob(10, count: 35, rng: &rng))
        }
        var answers: [([QueueProposal], QueueProgress)] = []
        let streamed = try ReviewQueue.propose(Matrix(rowVectors: w.rows), clusters: w.clusters) { answers.append(($0, $1)) }
        let whole = try w.propose()
        #expect(streamed == whole)
        let first = try #require(answers.first)
        #expect(first.1.checked == 0 && first.1.total > 0)
        #expect(first.0.contains { $0.kind == .merge(source: 30, into: 31) }, "\(first.0.map(\.title))")
        #expect(!first.0.contains { if case .recut = $0.kind { true } else { false } })
        #expect(answers.map(\.1.checked) == Array(0...first.1.total))
        #expect(answers.last?.0 == whole && answers.last?.1.isComplete == true)
        #expect(whole.contains { if case .recut([20], _) = $0.kind { true } else { false } }, "\(whole.map(\.title))")
    }

    /// A joint re-cut is told only once the single re-cuts of its clusters are checked (they
    /// decide whether it is kept): nothing told on the way is taken back but by a better-ranked
    /// proposal rewriting the same clusters.
    @Test func nothingToldOnTheWayIsTakenBackWithoutABetterProposal() throws {
        let w = Self.world { w, rng in
            w.add(20, "two intents", Self.blob(8, count: 30, rng: &rng) + Self.blob(9, count: 30, rng: &rng))
            w.add(21, "mixed a", Self.blob(10, count: 30, rng: &rng) + Self.blob(11, count: 15, rng: &rng))
            w.add(22, "mixed b", Self.blob(11, count: 30, rng: &rng) + Self.blob(10, count: 15, rng: &rng))
        }
        var answers: [[QueueProposal]] = []
        let whole = try ReviewQueue.propose(Matrix(rowVectors: w.rows), clusters: w.clusters) { p, _ in answers.append(p) }
        for (earlier, later) in zip(answers, answers.dropFirst()) {
            for p in earlier where !later.contains(p) {
                let replaced = later.contains { q in q.improvement >= p.improvement && !Set(q.clusters).isDisjoint(with: p.clusters) }
                #expect(replaced, "\(p.title) dropped without a better proposal on its clusters")
            }
        }
        #expect(answers.last == whole)
    }

    /// In a run of more clusters than the centres a question is compared with, the neighbour
    /// lists are the nearest by centre (a selection, the same order a full sort gives).
    @Test func neighbourListsAreTheNearestCentresInOrder() {
        let row: [Float] = [0.9, 0.1, 0.5, 0.5, 0.95, -0.2, 0.5]
        #expect(ReviewQueue.Geometry.nearest(row, excluding: 4, count: 3) == [0, 2, 3])
        #expect(ReviewQueue.Geometry.nearest(row, excluding: 0, count: 10) == [4, 2, 3, 6, 1, 5])
        #expect(ReviewQueue.Geometry.nearest(row, excluding: 0, count: 0).isEmpty)
    }

    /// "The next pair" of a near-duplicate's evidence: the highest pair similarity below its own,
    /// found by bisection, is the one a look at every pair finds.
    @Test func theNextPairIsTheHighestPairBelow() {
        var rng = SeededGenerator(seed: 5)
        var w = World()
        // Sixty clusters on twelve axes: many pairs alike, several clearly closer than usual.
        for c in 0..<60 { w.add(Int64(c + 1), "c\(c)", Self.blob(c % 12, count: 8, noise: 0.4, rng: &rng)) }
        let g = ReviewQueue.Geometry(Matrix(rowVectors: w.rows), clusters: w.clusters, neighbourhood: 48)
        let all = (0..<60).flatMap { i in ((i + 1)..<60).map { g.similarity[i][$0] } }
        #expect(g.closePairs.count > 10)
        // Asked only of close pairs (a near-duplicate's own similarity), and just above them.
        for s in g.closePairs + g.closePairs.map(\.nextUp) + [2] {
            #expect(g.nextPair(below: s) == all.filter { $0 < s }.max(), "below \(s)")
        }
    }
}
