@testable import CladeCore
import Testing

/// The automatic k of a suggested split and the figures its preview shows, on data with a
/// known answer.
@Suite struct SplitKTests {
    @Test(arguments: [3, 5, 7])
    func theTypicalCohesionCriterionFindsThePlantedK(_ planted: Int) throws {
        let (data, labels) = AnalysisFixtures.blobs(clusters: planted, perCluster: 40, dimension: 16, noise: 0.12)
        let centres = Centroids.compute(data, labels: labels, k: planted, normalized: true)
        // The run's other clusters are as tight as the planted blobs.
        let target = PartFigures.typicalCohesion(PartFigures.cohesions(data, labels: labels, centroids: centres), rows: Array(repeating: 40, count: planted))!
        let choice = try SplitK.choose(data, target: target * 0.98, cap: SplitK.cap(rows: data.count))
        #expect(choice.k == planted)
        #expect(choice.criterion == .typicalCohesion(target * 0.98))
    }

    @Test(arguments: [3, 5, 7])
    func withoutATargetTheKneeFindsThePlantedKAndNotTheCap(_ planted: Int) throws {
        let (data, _) = AnalysisFixtures.blobs(clusters: planted, perCluster: 40, dimension: 16, noise: 0.12)
        let cap = SplitK.cap(rows: data.count)
        #expect(cap >= 12)
        let choice = try SplitK.choose(data, target: nil, cap: cap)
        #expect(choice.k == planted && choice.criterion == .knee)
        #expect(choice.trials.map(\.k) == Array(2...cap))
    }

    @Test func theCapIsNeverBelowTwelveAndGrowsWithTheClustersReCut() {
        #expect(SplitK.cap(rows: 1000) == 12)
        #expect(SplitK.cap(rows: 1000, sources: 3) == 18)
        #expect(SplitK.cap(rows: 30) == 10)  // three questions a part at least
        #expect(SplitK.cap(rows: 100_000, sources: 20) == 40)
    }

    @Test func theKneeOfAStraightLineIsItsStart() {
        let straight = (2...12).map { SplitK.Trial(k: $0, cohesion: Double($0) / 100, tightShare: 0) }
        #expect(SplitK.knee(straight) == 2)
        let bent = (2...12).map { SplitK.Trial(k: $0, cohesion: $0 <= 4 ? Double($0) / 5 : 0.8 + Double($0) / 1000, tightShare: 0) }
        #expect(SplitK.knee(bent) == 4)
    }

    @Test func centralAndBorderlineRowsAreTheNearestAndTheAmbiguous() {
        // Two parts on the x and y axes; row 2 sits between them.
        let data = Matrix(rowVectors: [[1, 0], [0.99, 0.141], [0.72, 0.69], [0, 1], [0.141, 0.99]].map(VectorMath.normalized))
        let labels = [0, 0, 0, 1, 1]
        let centres = Centroids.compute(data, labels: labels, k: 2, normalized: true)
        #expect(PartFigures.borderline(data, labels: labels, centroids: centres, count: 1) == [[2], [4]])
        #expect(Centroids.mostCentral(data, labels: labels, centroids: centres, count: 1)[0] == [1])
        let cohesion = PartFigures.cohesions(data, labels: labels, centroids: centres)
        #expect(cohesion[1] > cohesion[0])
        let others = Matrix(rowVectors: [[0, 1], [1, 0], [0.6, 0.8]])
        let nearest = PartFigures.nearest(centres, to: others, count: 2)
        #expect(nearest[0].map(\.index) == [1, 2] && nearest[1].map(\.index) == [0, 2])
        #expect(abs(nearest[1][0].similarity - Double(VectorMath.dot(centres.row(1), [0, 1]))) < 1e-6)
    }
}
