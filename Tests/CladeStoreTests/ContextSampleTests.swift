import CladeCore
@testable import CladeStore
import Foundation
import GRDB
import Testing

/// The other clusters a split is measured against: the review queue's spread-out sample (one
/// read of the membership, only the picked texts), the same rows as reading every question then
/// taking a stride, and a context that stays a bounded share of a run with many clusters.
@Suite("split context sample")
struct ContextSampleTests {
    @Test func theSampleIsTheStrideOfEveryQuestionInIdOrder() throws {
        let (_, app) = try ReviewQueueSampleTests.sample()
        let dataset = try DatasetLoader.load(app)
        let engine = CurationEngine(app: app)
        let leaves = dataset.clusters.filter { dataset.isLeaf($0.id) }
        let members = try engine.queueMembers(of: leaves, in: dataset)
        for (leaf, ids) in zip(leaves, members) {
            let all = try engine.textsWithIDs(of: dataset.memberClusterIDs(of: leaf.id), limit: Int.max)
            #expect(ids == all.map(\.0), "\(leaf.name)")
            for count in [1, 7, 30, 300, 100_000] {
                let step = max(1, (all.count + count - 1) / count)
                let expected = stride(from: 0, to: all.count, by: step).map { all[$0] }
                let sampled = CurationEngine.spreadSample(ids, cap: count)
                #expect(sampled == expected.map(\.0), "\(leaf.name), \(count)")
                #expect(sampled.count <= count)
            }
            // One leaf's context, as the move dialog's targets read it: ids and texts.
            if let context = try engine.contextCluster(leaf, in: dataset) {
                let step = max(1, (all.count + CurationEngine.contextSamplePerCluster - 1) / CurationEngine.contextSamplePerCluster)
                let expected = stride(from: 0, to: all.count, by: step).map { all[$0] }
                #expect(context.questionIDs == expected.map(\.0), "\(leaf.name)")
                #expect(context.texts == expected.map(\.1), "\(leaf.name)")
            }
        }
        // The whole context: every leaf but the split's and the outliers, at the queue's cap.
        let others = try engine.contextClusters(excluding: [leaves[0].id], in: dataset)
        let cap = CurationEngine.queueSampleCap(leaves: others.count)
        for other in others {
            let all = try engine.textsWithIDs(of: dataset.memberClusterIDs(of: other.id), limit: Int.max)
            let step = max(1, (all.count + cap - 1) / cap)
            let expected = stride(from: 0, to: all.count, by: step).map { all[$0] }
            #expect(other.questionIDs == expected.map(\.0) && other.texts == expected.map(\.1), "\(other.name)")
        }
        #expect(!others.contains { $0.id == leaves[0].id })
    }

    @Test func manyClustersShareABoundedContext() {
        #expect(CurationEngine.queueSampleCap(leaves: 28) == CurationEngine.contextSamplePerCluster)
        #expect(CurationEngine.queueSampleCap(leaves: 40) == CurationEngine.contextSamplePerCluster)
        #expect(CurationEngine.queueSampleCap(leaves: 2_000) == 30)
        #expect(2_000 * CurationEngine.queueSampleCap(leaves: 2_000) <= CurationEngine.queueSampleBudget)
        #expect(CurationEngine.queueSampleCap(leaves: 50_000) >= 10)
    }
}
