import CladeCore
import Foundation
import Testing
@testable import CladeImport

/// Bring-your-own clusters: a pipeline that has its own clustering keeps it, with its vectors.
@Suite("import keeping the pipeline's clusters")
struct GivenClustersImportTests {
    static let csv = """
        id,text,topic,topic_name,area
        a1,where is my card,7,Card delivery,cards
        a2,my card has not arrived,7,Card delivery,cards
        a3,card still not here after a week,7,,cards
        b1,how do I top up,12,,money
        b2,top up by bank transfer,12,,money
        c1,what is the exchange rate,-1,,

        """

    @Test func keepsClustersParentsNamesAndEmbeddings() throws {
        let folder = TempFolder()
        let q = folder.write("run.csv", Self.csv)
        let npy = folder.write("run.npy", NpyFormat.encode(Matrix(rows: 6, columns: 3, storage: [1, 0, 0, 1, 0.1, 0, 0.9, 0.2, 0, 0, 1, 0, 0, 1, 0.1, 0, 0, 1])))
        let result = try CSVImporter.read(q, options: CSVImporter.Options(embeddingsFile: npy).keepingClusters(column: "topic", parent: "area", name: "topic_name"))
        let p = result.pipeline
        #expect(result.clustering == nil)
        #expect(p.clusters.map(\.externalID) == ["cards", "money", "7", "12", "-1"])
        #expect(p.clusters.map(\.parent) == [nil, nil, 0, 1, nil])
        #expect(p.clusters[2].name == "Card delivery" && p.clusters[3].name.contains("top") && p.clusters[4].isOutlier)
        #expect(p.assignments.map(\.cluster) == [2, 2, 2, 3, 3, 4])
        #expect(p.embeddings?.rows == 6 && p.embeddings?.columns == 3)
        // The cluster columns are neither metadata nor a detected role.
        #expect(p.questions[0].metadata == .object([]))

        let db = try writeAndOpen(p, in: folder)
        #expect(try db.int("SELECT COUNT(*) FROM question_embeddings") == 6)
        #expect(try db.string("SELECT name FROM clusters WHERE external_id = '7'") == "Card delivery")
    }

    @Test func refusesRowsThatDisagreeAboutTheirCluster() throws {
        let folder = TempFolder()
        func message(_ text: String, parent: String? = nil, name: String? = nil) -> String {
            do {
                _ = try CSVImporter.read(folder.write("x.csv", text), options: CSVImporter.Options().keepingClusters(column: "topic", parent: parent, name: name))
                return "accepted"
            } catch {
                return error.message
            }
        }
        #expect(message("text,topic\na,1\nb,\n") == "x.csv:3: no cluster in column 'topic' (every question needs one)")
        #expect(message("text,topic,n\na,1,A\nb,1,B\n", name: "n") == "x.csv:3: cluster '1' is named 'B' here but 'A' on line 2")
        #expect(message("text,topic,p\na,1,X\nb,1,Y\n", parent: "p") == "x.csv:3: cluster '1' has parent 'Y' here but 'X' on line 2")
        #expect(message("text,topic,p\na,1,2\nb,2,\n", parent: "p").contains("which is itself a cluster questions are in"))
        #expect(message("text,cluster\na,1\n").hasPrefix("x.csv: --cluster-column 'topic': no such column"))
    }

    @Test(.enabled(if: RealData.available))
    func bertopicKeepsItsEmbeddings() throws {
        let b = "bertopic-banking77/"
        let result = try BERTopicImporter.read(.init(
            documents: RealData.path(b + "document_info.csv"), topics: RealData.path(b + "topic_info.csv"),
            embeddingsFile: RealData.path("banking77-embeddings.npy")
        ))
        #expect(result.pipeline.embeddings?.rows == 13083 && result.pipeline.embeddings?.columns == 384)
        #expect(result.pipeline.meta["embedding_dim"] == "384")
        let folder = TempFolder()
        let short = folder.write("short.npy", NpyFormat.encode(Matrix(rows: 5, columns: 2, repeating: 1)))
        #expect(throws: ImportError.self) {
            try BERTopicImporter.read(.init(documents: RealData.path(b + "document_info.csv"), embeddingsFile: short))
        }
    }
}
