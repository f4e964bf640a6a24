import CladeCore
import CladeStore
import Foundation
import GRDB
import Testing

/// `AppDatabase.appendRun`, the one place a pipeline run's rows are written (importers, sample).
@Suite struct AppendRunTests {
    /// Run 2: a parent listed after its child, three questions, a capability the file has and a new one.
    static func secondRun() -> PipelineRun {
        var run = PipelineRun(source: "kura", createdAt: "2026-03-01T00:00:00Z", paramsJSON: #"{"k":2}"#,
                              meta: ["title": "Replaced?", "embedding_dim": "2"], replacingMeta: ["embedding_dim"])
        run.clusters = [
            PipelineRun.Cluster(parent: 1, externalID: "c-child", name: "RFI numbers", keywordsJSON: #"["rfi"]"#),
            PipelineRun.Cluster(externalID: "c-parent", name: "Documents"),
        ]
        run.questions = [
            PipelineRun.Question(externalID: "x1", text: "rfi 12?", weight: 2),
            PipelineRun.Question(text: "rfi 13?", feedback: -1),
            PipelineRun.Question(text: "drawings", metadataJSON: #"{"a":1}"#),
        ]
        run.assignments = [0, 1, 2].map { PipelineRun.Assignment(question: $0, cluster: 0, isRepresentative: $0 == 0) }
        run.capabilities = [PipelineRun.Capability(name: "status lookup"), PipelineRun.Capability(name: "drawing counts")]
        run.tags = [PipelineRun.Tag(question: 0, capability: 0), PipelineRun.Tag(question: 2, capability: 1)]
        run.embeddings = Matrix(rowVectors: [[1, 0], [0, 1], [0.5, 0.25]])
        return run
    }

    @Test func aRunGetsIDsAfterTheFilesParentsFirstAndKnownCapabilitiesKeepTheirs() throws {
        let app = try AppDatabase.inMemory(populate: StoreFixtures.populate)
        let ids = try app.appendRun(Self.secondRun())
        #expect(ids.runID == 2 && ids.parentRunID == 1)
        #expect(ids.questionIDs == [7, 8, 9])
        #expect(ids.clusterIDs == [22, 21], "the parent, listed second, is numbered first")
        #expect(ids.capabilityIDs == [2, 3])
        try app.writer.read { db in
            #expect(try Row.fetchOne(db, sql: "SELECT * FROM runs WHERE run_id = 2") == ["run_id": 2, "created_at": "2026-03-01T00:00:00Z", "source": "kura", "params_json": #"{"k":2}"#, "parent_run_id": 1])
            #expect(try Int64.fetchAll(db, sql: "SELECT parent_id FROM clusters WHERE cluster_id = 22") == [21])
            #expect(try Int64.fetchAll(db, sql: "SELECT cluster_id FROM assignments WHERE question_id >= 7") == [22, 22, 22])
            #expect(try String.fetchAll(db, sql: "SELECT name FROM capabilities ORDER BY capability_id") == ["relative dates", "status lookup", "drawing counts"])
            #expect(try Row.fetchAll(db, sql: "SELECT question_id, capability_id FROM question_capabilities WHERE question_id >= 7 ORDER BY 1")
                == [["question_id": 7, "capability_id": 2], ["question_id": 9, "capability_id": 3]])
            #expect(try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'title'") == "Tiny", "kept: not a replacing key")
            #expect(try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'embedding_dim'") == "2")
            let blob = try #require(try Data.fetchOne(db, sql: "SELECT vector FROM question_embeddings WHERE question_id = 9"))
            #expect(blob == Data([0, 0, 0, 0x3F, 0, 0, 0x80, 0x3E]), "little-endian float32")
        }
    }

    @Test func idsTooNearTheLargestIntegerAreRefusedBeforeAnyRow() throws {
        let app = try AppDatabase.inMemory { db in
            try StoreFixtures.populate(db)
            try db.execute(sql: "INSERT INTO questions (question_id, run_id, text, weight) VALUES (9223372036854775806, 1, 'last', 1)")
        }
        #expect(throws: AppendRunError.self) { try app.appendRun(Self.secondRun()) }
        do {
            _ = try app.appendRun(Self.secondRun())
        } catch let e as AppendRunError {
            #expect(e.description.hasPrefix("questions.question_id reaches 9223372036854775806, too near the largest integer for 3 more"))
        }
        #expect(try app.writer.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM runs") } == 1)
    }

    @Test func aBadRunIsOneLineNotATrap() throws {
        let app = try AppDatabase.inMemory(populate: StoreFixtures.populate)
        func refused(_ change: (inout PipelineRun) -> Void, mentioning text: String, sourceLocation: SourceLocation = #_sourceLocation) {
            var run = Self.secondRun()
            change(&run)
            do {
                _ = try app.appendRun(run)
                Issue.record("appended", sourceLocation: sourceLocation)
            } catch let e as AppendRunError {
                #expect(e.description.contains(text) && !e.description.contains("\n"), "\(e)", sourceLocation: sourceLocation)
            } catch {
                Issue.record("\(error)", sourceLocation: sourceLocation)
            }
        }
        refused({ $0.assignments.append(.init(question: 9, cluster: 0)) }, mentioning: "an assignment refers to a question or cluster not in the run")
        refused({ $0.assignments[1].cluster = 5 }, mentioning: "not in the run")
        refused({ $0.assignments.append(.init(question: 0, cluster: 1)) }, mentioning: "question 0 is assigned twice")
        refused({ $0.tags.append(.init(question: 0, capability: 7)) }, mentioning: "a capability tag refers")
        refused({ $0.clusters[1].parent = 0 }, mentioning: "cycle")
        refused({ $0.clusters[0].parent = 4 }, mentioning: "cluster 0 has a parent (4) that is not in the run")
        refused({ $0.clusters[1].id = 10 }, mentioning: "cluster id 10 is already in the file")
        refused({ $0.clusters[1].id = CladeIDs.ceiling }, mentioning: "Clade's own range")
        refused({ $0.clusters[0].id = 50; $0.clusters[1].id = 50 }, mentioning: "cluster id 50 is given twice")
        refused({ $0.embeddings = Matrix(rowVectors: [[1, 0]]) }, mentioning: "1 embeddings for 3 questions")
        #expect(try app.writer.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM runs") } == 1)
    }

    @Test func givenClusterIDsAreKeptAndAllocatedOnesFollowThem() throws {
        let app = try AppDatabase.inMemory(populate: StoreFixtures.populate)
        var run = Self.secondRun()
        run.clusters[1].id = 500
        run.clusters.append(PipelineRun.Cluster(name: "Weather"))
        let ids = try app.appendRun(run)
        #expect(ids.clusterIDs == [502, 500, 501])
    }

    @Test func cancellingWritesNothing() throws {
        let app = try AppDatabase.inMemory(populate: StoreFixtures.populate)
        #expect(throws: CancellationError.self) { try app.appendRun(Self.secondRun(), isCancelled: { true }) }
        #expect(try app.writer.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM runs") } == 1)
    }
}
