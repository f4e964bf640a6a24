import Testing
@testable import CladeCore

@Suite("Analysis: k-means, silhouette, choice of k, centroids")
struct AnalysisClusteringTests {
    @Test func sphericalKMeansRecoversPlantedBlobs() throws {
        let (data, truth) = AnalysisFixtures.blobs(clusters: 6, perCluster: 40, dimension: 24)
        let fit = try KMeans.fit(data, options: .init(k: 6, seed: 1))
        #expect(ClusteringAgreement.adjustedRandIndex(fit.labels, truth) == 1)
        #expect(fit.sizes == Array(repeating: 40, count: 6))
        #expect(fit.converged)
        #expect(fit.centroids.rowsAreUnitLength())
    }

    @Test func euclideanKMeansRecoversPlantedBlobs() throws {
        let (data, truth) = AnalysisFixtures.blobs(clusters: 4, perCluster: 30, dimension: 10)
        let fit = try KMeans.fit(data, options: .init(k: 4, spherical: false, restarts: 2, seed: 3))
        #expect(ClusteringAgreement.adjustedRandIndex(fit.labels, truth) == 1)
    }

    @Test func sameSeedSameResultOtherSeedSamePartition() throws {
        let (data, _) = AnalysisFixtures.blobs(clusters: 5, perCluster: 30, dimension: 16, noise: 0.3)
        let a = try KMeans.fit(data, options: .init(k: 5, restarts: 2, seed: 9))
        let b = try KMeans.fit(data, options: .init(k: 5, restarts: 2, seed: 9))
        #expect(a == b)
        let c = try KMeans.fit(data, options: .init(k: 5, restarts: 2, seed: 10))
        #expect(ClusteringAgreement.adjustedRandIndex(a.labels, c.labels) > 0.95)
    }

    @Test func sparseTFIDFRowsCluster() throws {
        let docs = (0..<30).map { i -> [String] in
            switch i % 3 {
            case 0: ["card", "arrived", "late", "w\(i)"]
            case 1: ["pin", "blocked", "unblock", "w\(i)"]
            default: ["exchange", "rate", "currency", "w\(i)"]
            }
        }
        let vectors = TFIDFVectorizer(fitting: docs).transform(documents: docs)
        let fit = try KMeans.fit(vectors, options: .init(k: 3, seed: 0))
        #expect(ClusteringAgreement.adjustedRandIndex(fit.labels, (0..<30).map { $0 % 3 }) == 1)
    }

    @Test func invalidKAndCancellationAreReported() {
        let (data, _) = AnalysisFixtures.blobs(clusters: 2, perCluster: 3, dimension: 4)
        #expect(throws: AnalysisError.invalidInput("cannot make 7 clusters of 6 rows")) {
            try KMeans.fit(data, options: .init(k: 7))
        }
        #expect(throws: AnalysisError.cancelled) {
            try KMeans.fit(data, options: .init(k: 2), control: AnalysisControl(isCancelled: { true }))
        }
    }

    @Test func progressIsReportedUpToCompletion() throws {
        let (data, _) = AnalysisFixtures.blobs(clusters: 3, perCluster: 10, dimension: 8)
        nonisolated(unsafe) var reports: [AnalysisProgress] = []
        _ = try KMeans.fit(data, options: .init(k: 3, maxIterations: 20), control: AnalysisControl(progress: { reports.append($0) }))
        #expect(!reports.isEmpty)
        #expect(reports.last?.fraction == 1)
    }

    @Test func duplicateRowsDoNotBreakSeeding() throws {
        // k-means++ never picks a row at distance 0 from a centre, so three distinct points give three clusters.
        let rows = (0..<12).map { i -> [Float] in i < 6 ? [1, 0, 0] : (i < 9 ? [0, 1, 0] : [0, 0, 1]) }
        let fit = try KMeans.fit(Matrix(rowVectors: rows), options: .init(k: 3, seed: 2))
        #expect(fit.sizes.sorted() == [3, 3, 6])
        // Fewer distinct points than k: still a valid labeling of every row.
        let degenerate = try KMeans.fit(Matrix(rowVectors: rows), options: .init(k: 5, seed: 2))
        #expect(degenerate.sizes.reduce(0, +) == 12)
        #expect(degenerate.labels.allSatisfy { (0..<5).contains($0) })
    }

    @Test func cosineSilhouetteEqualsPairwiseDefinition() {
        let (data, _) = AnalysisFixtures.blobs(clusters: 3, perCluster: 8, dimension: 6, noise: 0.6)
        let labels = (0..<data.rows).map { ($0 * 7) % 3 }
        let fast = Silhouette.cosineValues(data, labels: labels, k: 3)
        for i in 0..<data.rows {
            var sums = [Double](repeating: 0, count: 3), counts = [Int](repeating: 0, count: 3)
            for j in 0..<data.rows where j != i {
                sums[labels[j]] += 1 - Double(VectorMath.dot(data.row(i), data.row(j)))
                counts[labels[j]] += 1
            }
            let a = sums[labels[i]] / Double(counts[labels[i]])
            let b = (0..<3).filter { $0 != labels[i] }.map { sums[$0] / Double(counts[$0]) }.min()!
            #expect(abs(fast[i] - (b - a) / max(a, b)) < 1e-5)
        }
    }

    @Test func euclideanSilhouetteIsHighOnSeparatedBlobs() {
        let (data, truth) = AnalysisFixtures.blobs(clusters: 3, perCluster: 20, dimension: 8, noise: 0.05)
        #expect(Silhouette.euclidean(data, labels: truth, sampleSize: 40) > 0.8)
        #expect(Silhouette.cosine(data, labels: truth, k: 3) > 0.8)
    }

    @Test func silhouettePicksThePlantedK() throws {
        let (data, _) = AnalysisFixtures.blobs(clusters: 5, perCluster: 30, dimension: 20, noise: 0.12)
        let choice = try KSelection.choose(data, options: .init(candidates: [2, 3, 4, 5, 6, 7, 8], seed: 4))
        #expect(choice.k == 5)
        #expect(choice.scores.count == 7)
        let euclid = try KSelection.choose(data, options: .init(candidates: [3, 5, 7], spherical: false, seed: 4))
        #expect(euclid.k == 5)
    }

    @Test func defaultCandidatesGrowWithTheData() {
        #expect(KSelection.defaultCandidates(rowCount: 13083).last == 120)
        #expect(KSelection.defaultCandidates(rowCount: 13083).first == 10)
        let small = KSelection.defaultCandidates(rowCount: 50)
        #expect(small.first == 2 && small.last == 10 && small == small.sorted() && Set(small).count == small.count)
    }

    @Test func mostCentralRowsAreNearestTheCentroid() {
        let data = Matrix(rowVectors: [[1, 0], [0.8, 0.6], [0.6, 0.8], [0, 1]].map(VectorMath.normalized))
        let labels = [0, 0, 0, 1]
        let centroids = Centroids.compute(data, labels: labels, k: 2, normalized: true)
        let central = Centroids.mostCentral(data, labels: labels, centroids: centroids, count: 2)
        #expect(central[0] == [1, 2] || central[0] == [1, 0])
        #expect(central[0].first == 1)
        #expect(central[1] == [3])
    }

    @Test func wardGroupsCentroidsOfPlantedSuperclusters() throws {
        // Eight centroids: four near axis x, four near axis y.
        let (data, truth) = AnalysisFixtures.blobs(clusters: 2, perCluster: 4, dimension: 6, noise: 0.1)
        let groups = try CentroidGrouping.group(data, weights: Array(repeating: 10, count: 8), groups: 2)
        #expect(ClusteringAgreement.adjustedRandIndex(groups, truth) == 1)
        #expect(groups[0] == 0)
        let viaKMeans = try CentroidGrouping.group(data, weights: Array(repeating: 1, count: 8), groups: 2, method: .kMeans(seed: 1))
        #expect(ClusteringAgreement.adjustedRandIndex(viaKMeans, truth) == 1)
    }
}
