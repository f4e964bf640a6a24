import CladeCore
import Foundation
import Testing
@testable import CladeImport

@Suite("CSV import")
struct CSVImportTests {
    @Test func everyColumnIsMapped() throws {
        let folder = TempFolder()
        let csv = folder.write("support questions.csv", threeTopicCSV())
        let result = try CSVImporter.read(csv, options: .init(clustering: .init(k: 3, seed: 1)))
        let db = try writeAndOpen(result.pipeline, in: folder)

        #expect(try db.int("SELECT COUNT(*) FROM questions") == 12)
        #expect(try db.int("SELECT COUNT(*) FROM clusters") == 3)
        #expect(try db.int("SELECT COUNT(*) FROM assignments") == 12)
        #expect(try db.string("SELECT external_id FROM questions WHERE question_id = 1") == "q1")
        #expect(try db.string("SELECT asked_at FROM questions WHERE question_id = 1") == "2025-03-01T10:00:00")
        #expect(try db.int("SELECT weight * 10 FROM questions WHERE question_id = 1") == 25)
        #expect(try db.int("SELECT COUNT(*) FROM questions WHERE feedback = 1") == 6)
        #expect(try db.int("SELECT COUNT(*) FROM questions WHERE feedback = -1") == 3)
        #expect(try db.int("SELECT COUNT(*) FROM questions WHERE feedback IS NULL") == 3)
        #expect(try db.int("SELECT CAST(relevance * 20 AS INTEGER) FROM questions WHERE question_id = 7") == 7)
        #expect(try db.string("SELECT metadata_json FROM questions WHERE question_id = 2") == #"{"channel":"web"}"#)
        #expect(try db.strings("SELECT name FROM capabilities ORDER BY capability_id") == ["account", "security", "compare", "rates"])
        #expect(try db.int("SELECT COUNT(*) FROM question_capabilities") == 16)
        #expect(try db.int("SELECT COUNT(*) FROM question_embeddings") == 0)

        #expect(try db.string("SELECT value FROM meta WHERE key = 'title'") == "support questions")
        #expect(try db.string("SELECT value FROM meta WHERE key = 'volume_high_share'") == "0.04")
        #expect(try db.string("SELECT value FROM meta WHERE key = 'min_ratings'") == "10")
        #expect(try db.string("SELECT value FROM meta WHERE key = 'relevance_metric'") == "cosine")
        #expect(try db.string("SELECT source FROM runs") == "native")
        let params = try db.string("SELECT params_json FROM runs") ?? ""
        #expect(params.contains(#""k":3"#) && params.contains(#""vectors":"tfidf""#) && params.contains(#""feedback_scale":"binary""#))

        // The three topics come back as three clusters, named after their words.
        let truth = (0..<12).map { $0 / 4 }
        #expect(ClusteringAgreement.adjustedRandIndex(result.clustering!.labels, truth) == 1)
        let names = try db.strings("SELECT name FROM clusters")
        #expect(names.contains { $0.contains("pin") } && names.contains { $0.contains("exchange") || $0.contains("rate") })
        #expect(names.allSatisfy { $0.contains(" · ") })
        #expect(try db.strings("SELECT description FROM clusters").allSatisfy { $0.hasPrefix("“") })
        #expect(try db.int("SELECT COUNT(*) FROM assignments WHERE is_representative = 1") == 9)
    }

    @Test func secondLevelGroupsClustersUnderParents() throws {
        let folder = TempFolder()
        let words = ["card arrive delivery", "pin blocked code", "exchange rate currency", "refund merchant return", "transfer failed bank", "cash atm withdrawal"]
        var lines = ["text"]
        for i in 0..<60 { lines.append("\(words[i % 6]) question \(i)") }
        let csv = folder.write("q.csv", lines.joined(separator: "\n"))
        let result = try CSVImporter.read(csv, options: .init(clustering: .init(k: 6, levels: 2, parents: 2)))
        let db = try writeAndOpen(result.pipeline, in: folder)
        #expect(try db.int("SELECT COUNT(*) FROM clusters WHERE parent_id IS NULL") >= 2)
        #expect(try db.int("SELECT COUNT(*) FROM clusters c WHERE NOT EXISTS (SELECT 1 FROM clusters k WHERE k.parent_id = c.cluster_id)") == 6)
        #expect(try db.maxDepth() == 1)
        #expect(try db.int("SELECT COUNT(*) FROM assignments a JOIN clusters c USING (cluster_id) WHERE EXISTS (SELECT 1 FROM clusters k WHERE k.parent_id = c.cluster_id)") == 0)
    }

    @Test func embeddingsFromNpyAndFromAColumn() throws {
        let folder = TempFolder()
        let (vectors, truth) = blobs()
        let csv = folder.write("q.csv", (["text"] + truth.enumerated().map { "question \($0.offset) about \($0.element)" }).joined(separator: "\n"))
        let npy = folder.write("q.npy", NpyFormat.encode(vectors, dtype: .float16))
        let fromNpy = try CSVImporter.read(csv, options: .init(embeddingsFile: npy, clustering: .init(k: 3)))
        #expect(ClusteringAgreement.adjustedRandIndex(fromNpy.clustering!.labels, truth) == 1)
        let db = try writeAndOpen(fromNpy.pipeline, in: folder)
        #expect(try db.int("SELECT COUNT(*) FROM question_embeddings") == truth.count)
        #expect(try db.int("SELECT DISTINCT LENGTH(vector) FROM question_embeddings") == 4 * vectors.columns)
        #expect(try db.string("SELECT value FROM meta WHERE key = 'embedding_dim'") == String(vectors.columns))
        #expect(try db.string("SELECT value FROM meta WHERE key = 'embedding_model'") == "q")

        let rows = ["text,vec"] + truth.indices.map { i in
            csvLine(["question \(i)", "[" + vectors.row(i).map { String($0) }.joined(separator: ", ") + "]"])
        }
        let csv2 = folder.write("q2.csv", rows.joined(separator: "\n"))
        let fromColumn = try CSVImporter.read(csv2, options: .init(columns: [.embedding: "vec"], clustering: .init(k: 3)))
        #expect(ClusteringAgreement.adjustedRandIndex(fromColumn.clustering!.labels, truth) == 1)
        #expect(fromColumn.pipeline.embeddings?.columns == vectors.columns)
    }

    @Test func rowsWithoutTextAreSkippedWithTheirVectors() throws {
        let folder = TempFolder()
        let csv = folder.write("q.csv", "text,n\nalpha one,1\n   ,2\nbeta two,3\n\ngamma three,4\n")
        let vectors = Matrix(rowVectors: [[1, 0, 0], [9, 9, 9], [0, 1, 0], [0, 0, 1]])
        let npy = folder.write("q.npy", NpyFormat.encode(vectors))
        let result = try CSVImporter.read(csv, options: .init(embeddingsFile: npy, clustering: .init(k: 3)))
        #expect(result.pipeline.questions.map(\.text) == ["alpha one", "beta two", "gamma three"])
        #expect(result.pipeline.questions.map(\.externalID) == ["1", "3", "4"])
        #expect(result.pipeline.embeddings?.storage == [1, 0, 0, 0, 1, 0, 0, 0, 1])
        #expect(result.notes.contains("skipped 1 row with empty text (line 3)"))
    }

    @Test func theSameSeedGivesTheSameDatabase() throws {
        let folder = TempFolder()
        let csv = folder.write("q.csv", threeTopicCSV())
        let a = try CSVImporter.read(csv, options: .init(clustering: .init(k: 4, seed: 5)))
        let b = try CSVImporter.read(csv, options: .init(clustering: .init(k: 4, seed: 5)))
        #expect(a.clustering == b.clustering)
        #expect(a.pipeline.clusters == b.pipeline.clusters)
        #expect(a.pipeline.assignments == b.pipeline.assignments)
    }

    @Test func automaticKAndStarsFeedback() throws {
        let folder = TempFolder()
        var lines = ["text,rating"]
        let (_, truth) = blobs()
        let words = ["card arrive delivery late", "pin blocked code unblock", "exchange rate currency euro"]
        for (i, t) in truth.enumerated() { lines.append("\(words[t]) \(i),\(i % 5 + 1)") }
        let csv = folder.write("q.csv", lines.joined(separator: "\n"))
        let result = try CSVImporter.read(csv, options: .init(clustering: .init(seed: 2)))
        #expect(!result.clustering!.kScores.isEmpty)
        #expect(result.clustering!.leaves.count == 3)
        let feedback = result.pipeline.questions.map(\.feedback)
        #expect(feedback[0] == -1 && feedback[2] == nil && feedback[3] == 1)
    }

    @Test(.enabled(if: RealData.available), .timeLimit(.minutes(3)))
    func banking77AtSmallScaleMatchesTheTrueIntents() throws {
        let folder = TempFolder()
        let table = try CSVParser.parse(Array(try Data(contentsOf: URL(fileURLWithPath: RealData.path("banking77-queries.csv")))))
        let n = 2000
        let csv = folder.write("b77.csv", ([csvLine(table.header)] + table.records.prefix(n).map { csvLine($0.fields) }).joined(separator: "\n"))
        let all = try NpyFormat.decodeMatrix(Array(try Data(contentsOf: URL(fileURLWithPath: RealData.path("banking77-embeddings.npy")))))
        let npy = folder.write("b77.npy", NpyFormat.encode(all.selecting(rows: Array(0..<n)), dtype: .float16))

        let embedded = try CSVImporter.read(csv, options: .init(embeddingsFile: npy, clustering: .init(k: 20, restarts: 1), compareWith: "category"))
        let tfidf = try CSVImporter.read(csv, options: .init(clustering: .init(k: 20, restarts: 1), compareWith: "category"))
        let e = try #require(embedded.agreement), t = try #require(tfidf.agreement)
        #expect(e.rows == n)
        #expect(e.nmi > 0.6 && e.ari > 0.3, "embeddings: NMI \(e.nmi), ARI \(e.ari)")
        #expect(t.nmi > 0.4 && t.ari > 0.1, "TF-IDF: NMI \(t.nmi), ARI \(t.ari)")
        #expect(e.nmi > t.nmi)
        let db = try writeAndOpen(embedded.pipeline, in: folder)
        #expect(try db.int("SELECT COUNT(*) FROM questions") == n)
        #expect(try db.string("SELECT metadata_json FROM questions WHERE question_id = 1") == #"{"category":"card_arrival"}"#)
    }

    /// 3 blobs × 15 rows in 8 dimensions.
    private func blobs() -> (Matrix, [Int]) {
        var rng = SeededGenerator(seed: 3)
        var rows: [[Float]] = []
        var truth: [Int] = []
        for i in 0..<45 {
            var v = (0..<8).map { _ in Float(rng.nextUnit() - 0.5) * 0.2 }
            v[i % 3] += 1
            rows.append(v)
            truth.append(i % 3)
        }
        return (Matrix(rowVectors: rows), truth)
    }
}
