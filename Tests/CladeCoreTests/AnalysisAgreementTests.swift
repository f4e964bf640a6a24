import Testing
@testable import CladeCore

@Suite("Analysis: NMI and ARI")
struct AnalysisAgreementTests {
    // Reference values from scikit-learn 1.x (normalized_mutual_info_score, adjusted_rand_score).
    @Test func knownValues() {
        let a = [0, 0, 1, 1]
        #expect(abs(ClusteringAgreement.adjustedRandIndex(a, [0, 0, 1, 2]) - 0.5714285714285715) < 1e-12)
        #expect(abs(ClusteringAgreement.normalizedMutualInformation(a, [0, 0, 1, 2]) - 0.8) < 1e-12)
        #expect(abs(ClusteringAgreement.adjustedRandIndex(a, [0, 1, 0, 1]) + 0.5) < 1e-12)
        #expect(abs(ClusteringAgreement.normalizedMutualInformation(a, [0, 1, 0, 1])) < 1e-12)
    }

    @Test func namesDoNotMatterOnlyThePartition() {
        let intents = ["card", "card", "pin", "pin", "fx"]
        let clusters = [7, 7, 3, 3, 1]
        #expect(ClusteringAgreement.adjustedRandIndex(intents, clusters) == 1)
        #expect(abs(ClusteringAgreement.normalizedMutualInformation(intents, clusters) - 1) < 1e-12)
    }

    @Test func degenerateLabelings() {
        #expect(ClusteringAgreement.normalizedMutualInformation([1, 1, 1], [2, 2, 2]) == 1)
        #expect(ClusteringAgreement.adjustedRandIndex([1, 1, 1], [2, 2, 2]) == 1)
        #expect(ClusteringAgreement.normalizedMutualInformation([1, 1, 1], [1, 2, 3]) == 0)
        #expect(ClusteringAgreement.adjustedRandIndex([0, 1, 2], [0, 1, 2]) == 1)
    }
}
