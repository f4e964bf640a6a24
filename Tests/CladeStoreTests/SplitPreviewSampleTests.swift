import CladeCore
@testable import CladeStore
import Foundation
import GRDB
import Testing

/// The split preview and the move/merge dialogs on the bundled sample: the figures the reviewer
/// sees are the ones the recorded decision produces, and the suggested targets rank by similarity.
@Suite("split preview on the sample")
struct SplitPreviewSampleTests {
    static func cluster(_ dataset: Dataset, _ name: String) throws -> Cluster {
        try #require(dataset.clusters.first { $0.name == name })
    }

    static func propose(_ app: AppDatabase, _ dataset: Dataset, _ sources: [ClusterID], k: Int? = nil) throws -> SplitProposal {
        let members = sources.flatMap { dataset.memberClusterIDs(of: $0) }
        return try CurationEngine(app: app).suggestSplit(cluster: sources[0], memberIDs: members, k: k, in: dataset,
                                                         isCancelled: { false }, progress: { _, _ in }).get()
    }

    @Test func theOverBroadClusterSplitsInTwoAndThePreviewsFiguresAreTheDecisionsFigures() throws {
        let (_, app) = try ReviewQueueSampleTests.sample()
        let dataset = try DatasetLoader.load(app)
        let drawings = try Self.cluster(dataset, "Drawing counts and revisions")
        let proposal = try Self.propose(app, dataset, [drawings.id])
        #expect(proposal.k == 2 && proposal.automatic, "k=\(proposal.k) \(proposal.criterion) parts \(proposal.parts.map { ($0.stats.rows, $0.cohesion ?? 0) })")
        #expect(proposal.criterion.contains("median cluster"), "\(proposal.criterion)")
        #expect(proposal.parts.reduce(0) { $0 + $1.stats.rows } == drawings.stats.rows)
        #expect(abs(proposal.parts.reduce(0) { $0 + $1.stats.volume } - drawings.stats.volume) < 1e-9)
        for part in proposal.parts {
            #expect(part.samples.count == 3 && part.borderline.count == 2)
            #expect(Set(part.samples).isDisjoint(with: part.borderline))
            #expect((part.cohesion ?? 0) > (proposal.cohesionBefore ?? 1), "a part of a planted intent is tighter than the mix")
            #expect(part.nearest.count == 3 && !part.nearest.contains { $0.clusterID == drawings.id })
        }
        // Recorded as routed by default: the largest part stays (renamed after it), the other is new.
        var split = SplitPreview(clusterID: drawings.id)
        split.proposal = proposal
        split.routes = [.foldBack, .keep]
        split.names = proposal.parts.map(\.suggestedName)
        var state = AppState(dataset: dataset, width: 120, height: 40)
        state.split = split
        let request = try SplitDecision.request(accepting: split, state).get()
        let store = DecisionStore(app: app, reviewer: "test")
        let record = try store.commit(request)
        let after = try DatasetLoader.load(app)
        let made = try #require(after.cluster(record.clusterIDs[1]))
        #expect(made.name == proposal.parts[1].suggestedName)
        // The sizes shown are the sizes the list shows afterwards.
        #expect(made.stats.rows == proposal.parts[1].stats.rows && abs(made.stats.volume - proposal.parts[1].stats.volume) < 1e-9)
        let kept = try #require(after.cluster(drawings.id))
        #expect(kept.name == proposal.parts[0].suggestedName)
        #expect(kept.stats.rows == proposal.parts[0].stats.rows && abs(kept.stats.volume - proposal.parts[0].stats.volume) < 1e-9)
        // The cohesion shown is what the same measure gives on the new clusters' questions.
        let again = try Self.propose(app, after, [made.id], k: 2)
        #expect(abs((again.cohesionBefore ?? 0) - (proposal.parts[1].cohesion ?? 1)) < 1e-4)
    }

    @Test func aTypedKIsHonouredAndAPartMergedElsewhereLandsThere() throws {
        let (_, app) = try ReviewQueueSampleTests.sample()
        let dataset = try DatasetLoader.load(app)
        let drawings = try Self.cluster(dataset, "Drawing counts and revisions")
        let proposal = try Self.propose(app, dataset, [drawings.id], k: 4)
        #expect(proposal.k == 4 && !proposal.automatic && proposal.requestedK == 4 && proposal.criterion.isEmpty)
        let target = try #require(proposal.parts[3].nearest.first)
        let record = try DecisionStore(app: app, reviewer: "test").commit(.recluster(Recluster(sources: [drawings.id], parts: [
            RoutedPart(questionIDs: proposal.parts[0].questionIDs, route: .foldBack),
            RoutedPart(questionIDs: proposal.parts[1].questionIDs, route: .foldBack),
            RoutedPart(questionIDs: proposal.parts[2].questionIDs, route: .newCluster(name: "Third", description: "")),
            RoutedPart(questionIDs: proposal.parts[3].questionIDs, route: .into(target.clusterID)),
        ])))
        let after = try DatasetLoader.load(app)
        let before = try #require(dataset.cluster(target.clusterID))
        #expect(after.cluster(target.clusterID)?.stats.rows == before.stats.rows + proposal.parts[3].stats.rows)
        #expect(record.clusterIDs.contains(target.clusterID))
    }

    @Test func theRFITwinsReclusterAsOneDecisionThatUndoesWhole() throws {
        let (_, app) = try ReviewQueueSampleTests.sample()
        let dataset = try DatasetLoader.load(app)
        let status = try Self.cluster(dataset, "RFI status"), open = try Self.cluster(dataset, "Open RFIs")
        let proposal = try Self.propose(app, dataset, [status.id, open.id])
        #expect(proposal.parts.reduce(0) { $0 + $1.stats.rows } == status.stats.rows + open.stats.rows)
        #expect(SplitK.cap(rows: status.stats.rows + open.stats.rows, sources: 2) >= 12)
        let snapshot = { try app.writer.read(DecisionPropertyTests.snapshot) }
        let before = try snapshot()
        let parts = proposal.parts.enumerated().map { i, p in
            RoutedPart(questionIDs: p.questionIDs, route: i == 0 ? .foldBack : .newCluster(name: p.suggestedName, description: ""))
        }
        let record = try DecisionStore(app: app, reviewer: "test").commit(.recluster(Recluster(sources: [status.id, open.id], name: "RFIs", parts: parts)))
        #expect(record.op == .recluster)
        let after = try DatasetLoader.load(app)
        #expect(after.absorbed[status.id] == [open.id] && after.cluster(status.id)?.name == "RFIs")
        _ = try DecisionStore(app: app, reviewer: "test").undo()
        #expect(try snapshot() == before)
    }

    @Test func moveAndMergeSuggestTheTwinFirstBySimilarity() throws {
        let (_, app) = try ReviewQueueSampleTests.sample()
        let dataset = try DatasetLoader.load(app)
        let status = try Self.cluster(dataset, "RFI status"), open = try Self.cluster(dataset, "Open RFIs")
        let engine = CurationEngine(app: app)
        let merge = engine.suggestions(for: .mergeTarget(sources: [open.id]), in: dataset)
        #expect(merge.first?.value == .cluster(status.id), "\(merge.map(\.label))")
        let questions = try QuestionReads.page(app, QuestionQuery(clusterID: open.id, memberIDs: [open.id], order: .oldest, limit: 5)).rows.map(\.id)
        let move = engine.suggestions(for: .moveTarget(questions: questions), in: dataset)
        #expect(move.first?.value == .cluster(status.id), "\(move.map(\.label))")
        #expect(!move.contains { $0.value == .cluster(open.id) })
        let similarities = move.compactMap { Double($0.detail.split(separator: " ")[1]) }
        #expect(similarities == similarities.sorted(by: >) && similarities.count == move.count)
    }

    /// A re-cut at another k reuses the preview's inputs, but never across a change of the
    /// questions: after a move out of the cluster, the same engine's re-cut holds exactly the
    /// questions left.
    @Test func aReCutAfterAMoveHoldsTheQuestionsLeft() throws {
        let (_, app) = try ReviewQueueSampleTests.sample()
        let dataset = try DatasetLoader.load(app)
        let drawings = try Self.cluster(dataset, "Drawing counts and revisions")
        let other = try Self.cluster(dataset, "RFI status")
        let engine = CurationEngine(app: app)
        func cut(_ d: Dataset, _ k: Int?) throws -> SplitProposal {
            try engine.suggestSplit(cluster: drawings.id, memberIDs: d.memberClusterIDs(of: drawings.id), k: k, in: d, isCancelled: { false }, progress: { _, _ in }).get()
        }
        let first = try cut(dataset, nil)
        let again = try cut(dataset, first.k + 1)
        #expect(again.k == first.k + 1)
        #expect(Set(again.parts.flatMap(\.questionIDs)) == Set(first.parts.flatMap(\.questionIDs)))
        let moved = Array(first.parts[0].questionIDs.prefix(3))
        _ = try DecisionStore(app: app, reviewer: "test").commit(.move(questions: moved, to: other.id))
        let after = try DatasetLoader.load(app)
        let recut = try cut(after, first.k)
        let held = Set(recut.parts.flatMap(\.questionIDs))
        #expect(held.isDisjoint(with: moved) && held.count == drawings.stats.rows - 3)
        #expect(recut.parts.reduce(0) { $0 + $1.stats.rows } == after.cluster(drawings.id)?.stats.rows)
    }

    /// Above `fitSample` rows the parts are fitted on a sample and refined on every row: planted
    /// intents still come out as the parts.
    @Test func aLargeSplitFittedOnASampleSeparatesThePlantedIntents() throws {
        var rng = SeededGenerator(seed: 3)
        var rows: [[Float]] = []
        let n = CurationEngine.fitSample + 1500
        for i in 0..<n {
            var v = (0..<16).map { _ in Float(rng.nextUnit() - 0.5) * 0.3 }
            v[i % 3] += 1
            rows.append(VectorMath.normalized(v))
        }
        let fit = try CurationEngine.fitParts(Matrix(rowVectors: rows), k: 3, control: .none)
        #expect(fit.labels.count == n)
        for intent in 0..<3 {
            let labels = Set(stride(from: intent, to: n, by: 3).map { fit.labels[$0] })
            #expect(labels.count == 1, "intent \(intent) spread over parts \(labels)")
        }
        #expect(Set(fit.labels).count == 3)
    }
}
