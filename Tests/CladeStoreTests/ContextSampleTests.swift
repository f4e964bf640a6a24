import CladeCore
@testable import CladeStore
import Foundation
import GRDB
import Testing

/// The other clusters a split is measured against: a spread-out sample read in SQL (only the
/// picked texts), the same rows the old read-everything-then-stride picked, and a context that
/// stays a bounded share of a run with many clusters.
@Suite("split context sample")
struct ContextSampleTests {
    @Test func theSqlSampleIsTheStrideOfEveryQuestionInIdOrder() throws {
        let (_, app) = try ReviewQueueSampleTests.sample()
        let dataset = try DatasetLoader.load(app)
        let engine = CurationEngine(app: app)
        for leaf in dataset.clusters.filter({ dataset.isLeaf($0.id) }) {
            let members = dataset.memberClusterIDs(of: leaf.id)
            let all = try engine.textsWithIDs(of: members, limit: Int.max)
            for count in [1, 7, 30, 300, 100_000] {
                let step = max(1, (all.count + count - 1) / count)
                let expected = stride(from: 0, to: all.count, by: step).map { all[$0] }
                let sampled = try engine.sampledTextsWithIDs(of: members, count: count)
                #expect(sampled.map(\.0) == expected.map(\.0), "\(leaf.name), \(count)")
                #expect(sampled.map(\.1) == expected.map(\.1), "\(leaf.name), \(count)")
                #expect(sampled.count <= count)
            }
        }
    }

    @Test func manyClustersShareABoundedContext() {
        #expect(CurationEngine.contextSample(leaves: 28) == CurationEngine.contextSamplePerCluster)
        #expect(CurationEngine.contextSample(leaves: 40) == CurationEngine.contextSamplePerCluster)
        #expect(CurationEngine.contextSample(leaves: 2_000) == 30)
        #expect(2_000 * CurationEngine.contextSample(leaves: 2_000) <= CurationEngine.queueSampleBudget)
        #expect(CurationEngine.contextSample(leaves: 50_000) >= 10)
    }
}
