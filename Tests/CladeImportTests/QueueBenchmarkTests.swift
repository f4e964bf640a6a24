import CladeCore
import CladeStore
import Foundation
import GRDB
import Testing
@testable import CladeImport

/// The review queue on data nobody on the project wrote: banking77 imported at k = 40 with its
/// embeddings, then the queue's top proposal accepted again and again, scored against the true
/// intents after each step. Clade never sees the intents: they are read here, from the CSV, only
/// to score. `CLADE_QUEUE_STEPS=10` gives the figures in docs/curation.md; CI runs a short
/// version on a part of the set to prove the loop works.
@Suite("review queue benchmark", .serialized, .enabled(if: RealData.available, "needs ../shared/realdata"))
struct QueueBenchmarkTests {
    static let steps = Int(ProcessInfo.processInfo.environment["CLADE_QUEUE_STEPS"] ?? "") ?? 2
    static let rows = Int(ProcessInfo.processInfo.environment["CLADE_QUEUE_ROWS"] ?? "") ?? 3000
    static let k = Int(ProcessInfo.processInfo.environment["CLADE_QUEUE_K"] ?? "") ?? 40

    /// The queue's settings, overridable to study them (`CLADE_QUEUE_TIGHTNESS`, `…_NEIGHBOURS`, `…_RECUT_ROWS`).
    static var options: ReviewQueue.Options {
        let env = ProcessInfo.processInfo.environment
        var o = ReviewQueue.Options()
        if let v = env["CLADE_QUEUE_TIGHTNESS"].flatMap(Double.init) { o.partTightness = v }
        if let v = env["CLADE_QUEUE_NEIGHBOURS"].flatMap(Int.init) { o.neighbours = v }
        if let v = env["CLADE_QUEUE_RECUT_ROWS"].flatMap(Int.init) { o.recutRows = v }
        return o
    }

    struct Step: CustomStringConvertible {
        var step: Int
        var title: String
        var nmi: Double
        var ari: Double
        var clusters: Int
        var description: String {
            String(format: "| %2d | %.3f | %.3f | %3d | ", step, nmi, ari, clusters) + title.replacingOccurrences(of: "|", with: "\\|") + " |"
        }
    }

    @Test func acceptingTheTopProposalMovesTowardsTheTrueIntents() throws {
        let folder = TempFolder()
        let table = try CSVParser.parse(Array(try Data(contentsOf: URL(fileURLWithPath: RealData.path("banking77-queries.csv")))))
        // A spread-out sample: the file is sorted by intent, and every intent must be there.
        let picked = Array(stride(from: 0, to: table.records.count, by: max(1, table.records.count / Self.rows)))
        let n = picked.count
        let csv = folder.write("b77.csv", ([csvLine(["text"])] + picked.map { csvLine([table.records[$0].fields[0]]) }).joined(separator: "\n"))
        let truth = picked.map { table.records[$0].fields[1] }
        let all = try NpyFormat.decodeMatrix(Array(try Data(contentsOf: URL(fileURLWithPath: RealData.path("banking77-embeddings.npy")))))
        let npy = folder.write("b77.npy", NpyFormat.encode(all.selecting(rows: picked), dtype: .float16))
        let imported = try CSVImporter.read(csv, options: .init(embeddingsFile: npy, clustering: .init(k: Self.k, seed: 1, restarts: 1)))
        let path = folder.path("b77.sqlite")
        try PipelineWriter.write(imported.pipeline, to: path, force: false)

        let app = try AppDatabase.open(path: path)
        let store = DecisionStore(app: app, reviewer: "queue benchmark")
        let engine = CurationEngine(app: app)
        func score(_ step: Int, _ title: String) throws -> Step {
            let labels = try Self.reviewedClusters(app, count: n)
            return Step(step: step, title: title, nmi: ClusteringAgreement.normalizedMutualInformation(labels, truth),
                        ari: ClusteringAgreement.adjustedRandIndex(labels, truth), clusters: Set(labels).count)
        }
        var history = [try score(0, "first pass, k = \(Self.k)")]
        for step in 1...Self.steps {
            let dataset = try DatasetLoader.load(app)
            let queue = try engine.reviewQueue(in: dataset, options: Self.options)
            let top = try #require(queue.proposals.first, "the queue ran dry after \(step - 1) steps")
            let decisions = try engine.decisions(accepting: top, of: queue, in: dataset)
            #expect(!decisions.isEmpty, "\(top.title)")
            for d in decisions { _ = try store.commit(d) }
            history.append(try score(step, top.title))
        }
        print("queue benchmark, banking77 \(n) rows, k = \(Self.k):\n| step | NMI | ARI | clusters | accepted |\n|---:|---:|---:|---:|---|\n"
              + history.map(\.description).joined(separator: "\n"))
        let first = history[0], last = history[history.count - 1]
        #expect(last.nmi > first.nmi, "NMI \(first.nmi) → \(last.nmi)")
        #expect(last.ari > first.ari, "ARI \(first.ari) → \(last.ari)")
    }

    /// Each question's cluster after the review (moves, splits and merges applied), by row order.
    static func reviewedClusters(_ app: AppDatabase, count: Int) throws -> [Int64] {
        try app.writer.read { db in
            var mergedInto: [Int64: Int64] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT cluster_id, merged_into FROM clade_cluster_state WHERE status = 'merged'") {
                mergedInto[row["cluster_id"]] = row["merged_into"]
            }
            func survivor(_ c: Int64) -> Int64 {
                var c = c
                for _ in 0..<64 { guard let next = mergedInto[c] else { break }; c = next }
                return c
            }
            let rows = try Row.fetchAll(db, sql: """
                SELECT q.question_id, COALESCE(o.cluster_id, a.cluster_id) AS c FROM questions q
                JOIN assignments a ON a.question_id = q.question_id
                LEFT JOIN clade_assignment_override o ON o.question_id = q.question_id
                ORDER BY q.question_id
                """)
            #expect(rows.count == count)
            return rows.map { survivor($0["c"]) }
        }
    }
}
