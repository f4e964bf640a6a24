@testable import CladeCore
import Testing

/// The queue's playbook proposals: which clusters get one, how siblings are grouped, how they
/// rank, and that a decision on the cluster takes it off the list.
@Suite("playbook proposals")
struct PlaybookProposalsTests {
    static let hhl = Segment(volume: .high, relevance: .high, satisfaction: .low)
    static let hll = Segment(volume: .high, relevance: .low, satisfaction: .low)
    static let lll = Segment(volume: .low, relevance: .low, satisfaction: .low)

    /// The fixture, satisfaction judged from 5 ratings: "FY budget" is the danger zone, "Weather"
    /// not worth fixing; the RFI and cost clusters are satisfied enough (H·H·H or L·H·H).
    static var judgedFromFive: Dataset {
        var dataset = Fixtures.dataset
        dataset.thresholds.minRatings = 5
        return dataset
    }

    @Test func theCellsThatCallForADecisionAreProposed() throws {
        let dataset = Self.judgedFromFive
        let proposals = PlaybookProposals.make(dataset)
        #expect(proposals.map(\.kind) == [
            .playbook(clusters: [21], segment: Self.hll, action: .fixRetrieval),
            .playbook(clusters: [3], segment: Self.lll, action: .tellUsers),
        ])
        let fy = try #require(proposals.first)
        // 250 questions, 10 of 60 rated satisfied: 250 × 5/6 answered badly, half of them settled.
        #expect(abs(fy.improvement - 250 * (50.0 / 60) * 0.5) < 1e-9)
        #expect(fy.title == "Fix retrieval for “FY budget”")
        #expect(fy.evidence.hasPrefix("H·L·L danger zone — 27.5% of questions, relevance 0.30, 17% satisfied of 60 rated; ≈208 answered badly"), "\(fy.evidence)")
        #expect(fy.gainUnit == "unhappy questions it may settle")
        #expect(fy.key == "playbook:21")
    }

    /// Weather has 5 ratings, below the 10 the standard thresholds ask: satisfaction not judged.
    @Test func tooFewRatingsIsNoProposal() {
        #expect(!PlaybookProposals.make(Fixtures.dataset).flatMap(\.clusters).contains(3))
        #expect(PlaybookProposals.make(Self.judgedFromFive).flatMap(\.clusters).contains(3))
    }

    @Test func aDecisionOnTheClusterTakesItOff() {
        for decide in [{ (c: inout Cluster) in c.action = .addInventory }, { $0.reviewed = true }, { $0.priority = 1 },
                       { $0.issueType = .inventory }, { $0.dismissed = true }] {
            var dataset = Self.judgedFromFive
            let i = dataset.clusters.firstIndex { $0.id == 21 }!
            decide(&dataset.clusters[i])
            #expect(!PlaybookProposals.make(dataset).flatMap(\.clusters).contains(21))
        }
    }

    /// Two unhappy siblings in one cell are one proposal over both, its figures their sum.
    @Test func unhappySiblingsAreOneProposal() throws {
        var dataset = Fixtures.dataset
        for id in [11, 12] as [ClusterID] {
            let i = dataset.clusters.firstIndex { $0.id == id }!
            dataset.clusters[i].stats = Fixtures.stats(300, relevance: 0.7, satisfied: 20, rated: 100)
        }
        dataset.total = dataset.clusters.filter { dataset.isLeaf($0.id) }.reduce(ClusterStats.zero) { $0 + $1.stats }
        let both = try #require(PlaybookProposals.make(dataset).first { $0.clusters.contains(11) })
        #expect(both.kind == .playbook(clusters: [11, 12], segment: Self.hhl, action: .fixGeneration))
        #expect(both.title == "Fix generation / prompt for the 2 clusters of “Documents”")
        #expect(both.evidence.hasPrefix("both H·H·L retrieval fine, answer bad — together"), "\(both.evidence)")
        #expect(abs(both.improvement - 600 * 0.8 * 0.5) < 1e-9)
    }

    /// Ranked with the structural proposals; they rewrite no cluster, so a merge of the same
    /// cluster does not hide them.
    @Test func theyRankWithTheStructuralOnes() throws {
        let playbook = PlaybookProposals.make(Self.judgedFromFive)
        let merge = QueueProposal(kind: .merge(source: 21, into: 22), improvement: 50, title: "Merge", evidence: "")
        let ranked = ReviewQueue.exclusive(ReviewQueue.interleaved(ReviewQueue.rankedByImprovement([merge]), ReviewQueue.rankedByImprovement(playbook)))
        #expect(ranked.map(\.key) == ["playbook:21", "merge:21,22", "playbook:3"])
    }
}
