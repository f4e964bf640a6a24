import CladeCore
import CladeStore
import Foundation
import GRDB
import Testing
@testable import CladeImport

/// The case the issue names: the same questions clustered again with another seed, some rows
/// dropped and added, and the reviewer's labels still on the right clusters.
@Suite("Re-import: a CSV clustered again")
struct ReimportCSVTests {
    static let topics = [
        "card": "card arrive delivery", "pin": "pin blocked code", "fx": "exchange rate currency",
        "refund": "refund merchant return", "transfer": "transfer failed bank", "atm": "cash atm withdrawal",
    ]

    /// Rows "card arrive delivery, case 3"…; no id column, so ids are row numbers and matching uses the text.
    static func csv(_ rows: [(String, Int)]) -> String {
        (["text"] + rows.map { "\(topics[$0.0]!) case \(String(UnicodeScalar(UInt8(96 + $0.1))))" }).joined(separator: "\n") + "\n"
    }

    /// The topic of a question text.
    static func topic(_ text: String) -> String { topics.first { text.hasPrefix($0.value) }!.key }

    static func clustersByTopic(_ app: AppDatabase, run: RunID) throws -> [ClusterID: String] {
        try app.writer.read { db in
            var votes: [ClusterID: [String: Int]] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT a.cluster_id, q.text FROM questions q JOIN assignments a USING (question_id) WHERE q.run_id = ?
                """, arguments: [run]) {
                votes[row["cluster_id"], default: [:]][topic(row["text"]), default: 0] += 1
            }
            return votes.mapValues { $0.max { $0.value < $1.value }!.key }
        }
    }

    @Test func labelsFollowTheirTopicsAcrossSeeds() throws {
        let folder = TempFolder()
        let names = Self.topics.keys.sorted()
        let first = names.flatMap { t in (1...8).map { (t, $0) } }
        let path = folder.path("b.sqlite")
        let run1 = try CSVImporter.read(folder.write("q1.csv", Self.csv(first)), options: .init(clustering: .init(k: 6, seed: 1)))
        try PipelineWriter.write(run1.pipeline, to: path, force: false)

        let app = try AppDatabase.open(path: path)
        let store = DecisionStore(app: app, reviewer: "ana")
        let topicOf = try Self.clustersByTopic(app, run: 1)
        #expect(Set(topicOf.values).count == 6, "each topic is a cluster of run 1")
        for (cluster, topic) in topicOf {
            try store.commit(.relabel(cluster, name: "Topic \(topic)", description: nil))
            try store.commit(.setPriority(cluster, names.firstIndex(of: topic)! % 4))
        }

        // Run 2: other seed, rows in another order, two card questions dropped, two pin questions added.
        var second = first.filter { !($0.0 == "card" && $0.1 > 6) } + [("pin", 9), ("pin", 10)]
        second.reverse()
        let run2 = try CSVImporter.read(folder.write("q2.csv", Self.csv(second)), options: .init(clustering: .init(k: 6, seed: 7)))
        let result = try Reimporter.run(run2.pipeline, into: path)
        #expect(result.report.identity.hasPrefix("normalised text"))
        #expect(result.report.notCarried.isEmpty)
        #expect(result.report.carried.count == 12)

        let reopened = try AppDatabase.open(path: path)
        let d = try DatasetLoader.load(reopened)
        for (cluster, topic) in try Self.clustersByTopic(reopened, run: 2) {
            let c = try #require(d.cluster(cluster))
            #expect(c.name == "Topic \(topic)" && c.priority == names.firstIndex(of: topic)! % 4)
        }
    }
}
