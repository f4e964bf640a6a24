import CladeCore
@testable import CladeStore
import Foundation
import GRDB
import Testing

/// The review queue on the bundled sample: the planted structural findings come first, and
/// accepting them decides what the story planted.
@Suite("review queue on the sample")
struct ReviewQueueSampleTests {
    static func sample() throws -> (StoreFixtures.TempFolder, AppDatabase) {
        let folder = try StoreFixtures.TempFolder()
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let path = folder.path("sample.sqlite")
        try FileManager.default.copyItem(atPath: root.appendingPathComponent("sample-data/construction.sqlite").path, toPath: path)
        return (folder, try AppDatabase.open(path: path))
    }

    @Test func theOverBroadClusterAndTheRFITwinsLeadTheQueue() throws {
        let (_, app) = try Self.sample()
        let dataset = try DatasetLoader.load(app)
        let queue = try CurationEngine(app: app).reviewQueue(in: dataset)
        #expect(queue.basis == "embeddings")
        let first = queue.proposals.prefix(5)
        let drawings = try #require(dataset.clusters.first { $0.name == "Drawing counts and revisions" })
        let open = try #require(dataset.clusters.first { $0.name == "Open RFIs" })
        let status = try #require(dataset.clusters.first { $0.name == "RFI status" })
        #expect(first.contains { if case .recut([drawings.id], let parts) = $0.kind { parts.count == 2 } else { false } }, "\(first.map(\.title))")
        #expect(first.contains { $0.kind == .merge(source: open.id, into: status.id) }, "\(first.map(\.title))")
    }

    /// The five planted findings are the queue's first five: the over-broad cluster, the two
    /// unhappy scheduling clusters (one proposal), the fiscal-year danger zone, the RFI twins and
    /// the off-topic weather; accepting a playbook proposal records its cell's default action and
    /// drops it from the next queue.
    @Test func theFivePlantedFindingsComeFirst() throws {
        let (_, app) = try Self.sample()
        let engine = CurationEngine(app: app)
        let dataset = try DatasetLoader.load(app)
        let queue = try engine.reviewQueue(in: dataset)
        func id(_ name: String) throws -> ClusterID { try #require(dataset.clusters.first { $0.name == name }).id }
        let first = Array(queue.proposals.prefix(5))
        let kinds = first.map(\.kind)
        let drawings = try id("Drawing counts and revisions")
        #expect(kinds.contains { if case .recut([drawings], _) = $0 { true } else { false } }, "\(first.map(\.title))")
        // The planted drawing counts are answered worse than the revisions: the parts say so.
        let split = try #require(first.first { $0.clusters == [drawings] })
        #expect(split.evidence.contains("; its parts: ") && split.evidence.contains("satisfied"), "\(split.evidence)")
        let (open, status) = (try id("Open RFIs"), try id("RFI status"))
        #expect(kinds.contains(.merge(source: open, into: status)), "\(first.map(\.title))")
        let scheduling = [try id("Milestones and completion dates"), try id("Crews and look-ahead")]
        let hhl = Segment(volume: .high, relevance: .high, satisfaction: .low)
        #expect(kinds.contains(.playbook(clusters: scheduling, segment: hhl, action: .fixGeneration)), "\(first.map(\.title))")
        let fiscal = try id("Fiscal-year budgets")
        #expect(kinds.contains(.playbook(clusters: [fiscal], segment: Segment(volume: .high, relevance: .low, satisfaction: .low), action: .fixRetrieval)),
                "\(first.map(\.title))")
        let weather = try id("Weather at the site")
        #expect(kinds.contains(.playbook(clusters: [weather], segment: Segment(volume: .low, relevance: .low, satisfaction: .low), action: .tellUsers)),
                "\(first.map(\.title))")

        let danger = try #require(first.first { $0.clusters == [fiscal] })
        #expect(danger.evidence.hasPrefix("H·L·L danger zone — 4.7% of questions, relevance 0.36, 21% satisfied of 102 rated"), "\(danger.evidence)")
        let decisions = try engine.decisions(accepting: danger, of: queue, in: dataset)
        #expect(decisions == [.setAction(fiscal, .fixRetrieval)])
        _ = try DecisionStore(app: app, reviewer: "test").commit(decisions[0])
        let after = try engine.reviewQueue(in: try DatasetLoader.load(app))
        #expect(!after.proposals.contains { $0.key == danger.key })
        #expect(after.proposals.count == queue.proposals.count - 1)
    }

    /// Accepting the split separates the two planted intents (marked in `metadata_json.intent`,
    /// which Clade never reads: the test does, to check), and one undo restores the cluster.
    @Test func acceptingTheSplitSeparatesThePlantedIntents() throws {
        let (_, app) = try Self.sample()
        let engine = CurationEngine(app: app)
        let dataset = try DatasetLoader.load(app)
        let queue = try engine.reviewQueue(in: dataset)
        let drawings = try #require(dataset.clusters.first { $0.name == "Drawing counts and revisions" })
        let split = try #require(queue.proposals.first { $0.clusters == [drawings.id] })
        let decisions = try engine.decisions(accepting: split, of: queue, in: dataset)
        guard decisions.count == 1, case .split(let c, let parts) = decisions[0] else { Issue.record("\(decisions)"); return }
        #expect(c == drawings.id && parts.count == 1)
        let store = DecisionStore(app: app, reviewer: "test")
        _ = try store.commit(decisions[0])
        let intents = try app.writer.read { db in
            try Row.fetchAll(db, sql: """
                SELECT COALESCE(o.cluster_id, a.cluster_id) AS c, json_extract(q.metadata_json, '$.intent') AS intent
                FROM questions q JOIN assignments a ON a.question_id = q.question_id
                LEFT JOIN clade_assignment_override o ON o.question_id = q.question_id
                WHERE a.cluster_id = ?
                """, arguments: [drawings.id]).map { (($0["c"] as Int64), ($0["intent"] as String?) ?? "") }
        }
        for cluster in Set(intents.map(\.0)) {
            let kinds = Dictionary(grouping: intents.filter { $0.0 == cluster }, by: \.1).mapValues(\.count)
            let purity = Double(kinds.values.max() ?? 0) / Double(kinds.values.reduce(0, +))
            #expect(purity >= 0.95, "cluster \(cluster): \(kinds)")
        }
        #expect(Set(intents.map(\.0)).count == 2)
        _ = try store.undo()
        #expect(try DatasetLoader.load(app).cluster(drawings.id)?.stats.rows == drawings.stats.rows)
    }

    /// Without embeddings the queue works on TF-IDF vectors of the texts.
    @Test func withoutEmbeddingsTheQueueFallsBackToTFIDF() throws {
        let (_, app) = try Self.sample()
        try app.writer.write { try $0.execute(sql: "DELETE FROM question_embeddings") }
        let dataset = try DatasetLoader.load(app)
        let queue = try CurationEngine(app: app).reviewQueue(in: dataset)
        #expect(queue.basis == "TF-IDF")
        #expect(!queue.proposals.isEmpty)
        let top = try #require(queue.proposals.first)
        #expect(!(try CurationEngine(app: app).decisions(accepting: top, of: queue, in: dataset)).isEmpty)
    }

    /// With the app's cache, a decision makes the next computation read only the clusters it
    /// changed (here a move: its source and its destination), and the queue is the one computed
    /// from scratch.
    @Test func aDecisionRereadsOnlyTheClustersItChanged() throws {
        let (_, app) = try Self.sample()
        let engine = CurationEngine(app: app)
        let cache = QueueSampleCache()
        let dataset = try DatasetLoader.load(app)
        let leaves = dataset.clusters.filter { dataset.isLeaf($0.id) && !$0.dismissed && $0.stats.rows > 0 }
        _ = try engine.reviewQueue(in: dataset, cache: cache)
        #expect(cache.clustersReadLast == leaves.map(\.id).sorted())
        _ = try engine.reviewQueue(in: dataset, cache: cache)
        #expect(cache.clustersReadLast.isEmpty)

        let from = try #require(leaves.filter { !$0.isOutlier }.max { $0.stats.rows < $1.stats.rows })
        let to = try #require(leaves.first { $0.id != from.id && !$0.isOutlier })
        let moved = Array(try engine.textsWithIDs(of: dataset.memberClusterIDs(of: from.id), limit: 3).map(\.0))
        _ = try DecisionStore(app: app, reviewer: "test").commit(.move(questions: moved, to: to.id))
        let after = try DatasetLoader.load(app)
        let cached = try engine.reviewQueue(in: after, cache: cache)
        #expect(cache.clustersReadLast == [from.id, to.id].sorted())
        #expect(cached.proposals == (try CurationEngine(app: app).reviewQueue(in: after).proposals))
    }

    /// Streamed through `partial`, the last answer is what is returned, and the first already
    /// holds the planted near-duplicates (they need only the centres).
    @Test func theTwinsArriveBeforeTheRecuts() throws {
        let (_, app) = try Self.sample()
        let dataset = try DatasetLoader.load(app)
        let open = try #require(dataset.clusters.first { $0.name == "Open RFIs" })
        let status = try #require(dataset.clusters.first { $0.name == "RFI status" })
        var answers: [(CurationEngine.Queue, QueueProgress)] = []
        let whole = try CurationEngine(app: app).reviewQueue(in: dataset) { answers.append(($0, $1)) }
        let first = try #require(answers.first)
        #expect(first.1.checked == 0)
        #expect(first.0.proposals.contains { $0.kind == .merge(source: open.id, into: status.id) })
        #expect(answers.last?.0.proposals == whole.proposals)
    }
}
