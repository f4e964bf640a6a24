import CladeCore
import CladeStore
import Foundation
import Testing
@testable import CladeImport

/// `clade export --format kura` gives Kura back its own checkpoint: a real Kura checkpoint imported
/// and exported unreviewed is the same clusters (ids, chats, parents); a reviewed one carries the
/// reviewer's names and the new clusters. (Loading these lines with kura.types.Cluster itself is
/// shown in docs/export-format.md.)
@Suite("Kura checkpoint export")
struct KuraCheckpointExportTests {
    static func objects(_ lines: [String]) throws -> [[String: Any]] {
        try lines.map { try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
    }

    @Test(.enabled(if: RealData.available))
    func anUnreviewedImportExportsKurasOwnClusters() throws {
        let folder = TempFolder()
        let result = try KuraImporter.read(RealData.path("kura-sample/checkpoints"))
        let path = folder.path("k.sqlite")
        try PipelineWriter.write(result.pipeline, to: path, force: false)
        let app = try AppDatabase.open(path: path)
        let ours = try Self.objects(try KuraCheckpoint.lines(app))
        let original = try Self.objects(try String(contentsOfFile: RealData.path("kura-sample/checkpoints/meta_clusters.jsonl"), encoding: .utf8)
            .split(separator: "\n").map(String.init))
        #expect(ours.count == original.count)
        let byID = Dictionary(uniqueKeysWithValues: original.map { ($0["id"] as! String, $0) })
        for c in ours {
            let id = c["id"] as! String
            let o = try #require(byID[id], "\(id) is not one of Kura's clusters")
            #expect(Set(c["chat_ids"] as! [String]) == Set(o["chat_ids"] as! [String]), "\(id)")
            #expect((c["parent_id"] as? String) == (o["parent_id"] as? String) && c["count"] as? Int == (c["chat_ids"] as! [String]).count)
            #expect(c["name"] as? String == o["name"] as? String)
        }

        // Reviewed: a relabel shows, a split-off cluster is a new Kura cluster under the same parent.
        let leaf = try #require(try app.writer.read { db in
            try Int64.fetchOne(db, sql: "SELECT a.cluster_id FROM assignments a GROUP BY a.cluster_id HAVING COUNT(*) >= 2 ORDER BY a.cluster_id LIMIT 1")
        })
        let questions = try app.writer.read { try Int64.fetchAll($0, sql: "SELECT question_id FROM assignments WHERE cluster_id = ? LIMIT 1", arguments: [leaf]) }
        let store = DecisionStore(app: app, reviewer: "ana")
        try store.commit(.relabel(leaf, name: "Renamed by the reviewer", description: nil))
        try store.commit(.split(leaf, parts: [SplitPart(name: "Split off", questionIDs: questions)]))
        let reviewed = try Self.objects(try KuraCheckpoint.lines(app))
        let renamed = try #require(reviewed.first { $0["name"] as? String == "Renamed by the reviewer" })
        let split = try #require(reviewed.first { $0["name"] as? String == "Split off" })
        #expect(split["id"] as? String == "clade:1:\(CladeIDs.ceiling)" && split["parent_id"] as? String == renamed["parent_id"] as? String)
        #expect((split["chat_ids"] as! [String]).count == 1 && reviewed.count == ours.count + 1)
    }
}
