import Foundation
import Testing
@testable import CladeImport

@Suite("Kura import", .enabled(if: RealData.available))
struct KuraImportTests {
    static let checkpoints = RealData.path("kura-sample/checkpoints")
    static let checkpoints2 = RealData.path("kura-sample/checkpoints_2")

    @Test func checkpointsKeepTheWholeTree() throws {
        let result = try KuraImporter.read(Self.checkpoints)
        let p = result.pipeline
        #expect(p.questions.count == 560)
        #expect(p.clusters.count == 107)
        #expect(p.clusters.filter { $0.parent == nil }.count == 7)
        #expect(result.maxDepth == 3)
        #expect(p.assignments.count == 560)
        let parents = Set(p.clusters.compactMap(\.parent))
        #expect(Set(p.assignments.map(\.cluster)).isDisjoint(with: parents))
        #expect(Set(p.assignments.map(\.cluster)).count == 56)
        #expect(p.questions[0].text.hasPrefix("The user's overall request for the assistant is to provide information on experiment tracking"))
        #expect(p.questions[0].externalID == "5e878c76-25c1-4bad-8cae-6a40ca4c8138")
        #expect(p.questions[0].askedAt == "2025-05-29T22:11:46.173975")
        #expect(p.questions[0].metadata["summary"]?.stringValue?.hasPrefix("The user is seeking guidance") == true)
        #expect(p.questions[0].metadata["languages"] == .array([.string("english"), .string("python")]))
        #expect(p.clusters.first { $0.externalID == "d21526a283cb4bb1a88ceffd6a8cd7ea" }?.name == "Guide how to track machine learning experiments")

        let folder = TempFolder()
        let db = try writeAndOpen(p, in: folder)
        #expect(try db.maxDepth() == 3)
        #expect(try db.int("SELECT COUNT(*) FROM clusters WHERE parent_id IS NULL") == 7)
        #expect(try db.string("SELECT source FROM runs") == "kura")
        #expect(try db.string("SELECT value FROM meta WHERE key = 'title'") == "checkpoints")
        #expect(try db.int("SELECT COUNT(*) FROM questions WHERE feedback IS NOT NULL OR relevance IS NOT NULL") == 0)
    }

    @Test func checkpoints2FallsBackToTheUserMessage() throws {
        let result = try KuraImporter.read(Self.checkpoints2)
        let p = result.pipeline
        #expect(p.questions.count == 560)
        #expect(p.clusters.count == 107)
        #expect(p.clusters.filter { $0.parent == nil }.count == 3)
        #expect(result.maxDepth == 4)
        #expect(Set(p.assignments.map(\.cluster)).count == 56)
        #expect(p.questions[0].text.hasPrefix("User Query: experiment tracking"))
        // One name is used three times and one twice; clusters are told apart by id.
        #expect(Set(p.clusters.map(\.name)).count == 104)
        let summaryFirst = try KuraImporter.read(Self.checkpoints2, options: .init(textFrom: .summary))
        #expect(summaryFirst.pipeline.questions[0].text == summaryFirst.pipeline.questions[0].text.trimmingCharacters(in: .whitespaces))
        #expect(!summaryFirst.pipeline.questions[0].text.hasPrefix("User Query"))
    }

    @Test func collapsingChainsDropsSingleChildParents() throws {
        #expect(try KuraImporter.read(Self.checkpoints, options: .init(collapseChains: true)).pipeline.clusters.count == 107 - 21)
        let two = try KuraImporter.read(Self.checkpoints2, options: .init(collapseChains: true))
        #expect(two.pipeline.clusters.count == 107 - 25)
        #expect(two.pipeline.assignments.count == 560)
    }

    @Test func dimensionalityOrFlatClustersWhenThereIsNoMetaClustersFile() throws {
        let folder = TempFolder()
        for name in ["conversations.jsonl", "summaries.jsonl", "dimensionality.jsonl", "clusters.jsonl"] {
            try FileManager.default.copyItem(atPath: Self.checkpoints + "/" + name, toPath: folder.path(name))
        }
        let fromProjection = try KuraImporter.read(folder.url.path)
        #expect(fromProjection.pipeline.clusters.count == 107 && fromProjection.maxDepth == 3)
        try FileManager.default.removeItem(atPath: folder.path("dimensionality.jsonl"))
        let flat = try KuraImporter.read(folder.url.path)
        #expect(flat.pipeline.clusters.count == 56 && flat.maxDepth == 0)
    }

    @Test func metadataFeedbackRelevanceAndTags() throws {
        let folder = TempFolder()
        let conversations = [
            #"{"chat_id":"a","created_at":"2025-01-02T03:04:05","messages":[{"role":"user","content":"How do I log a run?"}],"metadata":{"retrieval_score":0.42,"thumbs":"up","tags":["howto"]}}"#,
            #"{"chat_id":"b","created_at":"2025-01-03T03:04:05","messages":[{"role":"assistant","content":"hi"},{"role":"user","content":"Sweep config?"}],"metadata":{"feedback":5,"org":"acme"}}"#,
            #"{"chat_id":"c","created_at":"2025-01-04T03:04:05","messages":[{"role":"user","content":"Delete a project"}],"metadata":{"feedback":1}}"#,
        ]
        folder.write("k/conversations.jsonl", conversations.joined(separator: "\n") + "\n")
        folder.write("k/clusters.jsonl", #"{"id":"x1","name":"Logging","description":"d","slug":"log_runs","chat_ids":["a","b"],"parent_id":null,"count":2}"# + "\n")
        let result = try KuraImporter.read(folder.path("k"))
        let q = result.pipeline.questions
        #expect(q.map(\.text) == ["How do I log a run?", "Sweep config?", "Delete a project"])
        #expect(q[0].relevance == 0.42 && q[0].feedback == 1)
        #expect(q[1].feedback == 1 && q[2].feedback == -1)  // stars: 5 up, 1 down
        #expect(q[1].metadata["org"] == .string("acme"))
        #expect(result.pipeline.capabilities == ["howto"])
        #expect(result.pipeline.clusters.map(\.keywords) == [["log", "runs"], []])
        #expect(result.pipeline.clusters[1].isOutlier && result.pipeline.clusters[1].name == "Unclustered")
    }
}
