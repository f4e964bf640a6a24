import Foundation
import Testing

extension EndToEnd {
    /// CI runs the scale benchmark at a small size only to prove it works (the figures in
    /// docs/performance.md come from a release build at 100k and 1M questions): it generates its
    /// run, drives the real run loop through every measured keystroke and decision, and writes
    /// the table as JSON.
    @Suite("scale benchmark, small")
    struct BenchmarkEndToEndTests {
        struct Row: Decodable {
            var operation: String
            var samples: Int
            var medianMs: Double
            var p99Ms: Double
        }

        struct Table: Decodable {
            struct Shape: Decodable {
                var shape: String
                var questions: Int
                var tagsPerQuestion: Double
                var sampledQuestions: Int
                var depth: Int
                var negativeClusterIDs: Int
                var indexes: [String]
                var applicationID: Int32
                var journalMode: String
            }
            var shape: Shape
            var rows: [Row]
        }

        /// Every shape the generator writes: a target holds only when it holds on each.
        @Test(arguments: ["clade", "pipeline", "kura", "bertopic"])
        func theScaleBenchmarkRunsAndWritesItsTable(shape: String) throws {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("clade-bench-e2e-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            let json = folder.appendingPathComponent("scale.json").path
            let result = try SampleCopy.clade(["bench", "scale", "--questions", "12000", "--shape", shape, "--runs", "3", "--no-visidata", "--json", json])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout.contains("shape: \(shape) — 12,000 questions"), "\(result.stdout.prefix(400))")
            let table = try JSONDecoder().decode(Table.self, from: Data(contentsOf: URL(fileURLWithPath: json)))
            #expect(table.shape.shape == shape && table.shape.questions == 12_000)
            switch shape {
            case "pipeline":
                // What issue 15's independent file has: its own indexes only, no stamps, 1–2 tags, samples.
                #expect(table.shape.indexes == ["assignments(cluster_id)", "question_capabilities(capability_id)", "question_capabilities(question_id)"])
                #expect(table.shape.applicationID == 0 && table.shape.journalMode == "delete")
                #expect(table.shape.tagsPerQuestion > 1.3 && table.shape.tagsPerQuestion < 1.7 && table.shape.sampledQuestions > 0)
            case "kura": #expect(table.shape.depth == 4)
            case "bertopic": #expect(table.shape.negativeClusterIDs == 1 && table.shape.depth == 2)
            default: #expect(table.shape.depth == 2 && table.shape.sampledQuestions == 0)
            }
            let rows = table.rows
            let names = rows.map(\.operation)
            for expected in ["reference: sqlite3 shell GROUP BY", "first open of the pipeline's file", "open to first complete screen",
                             "move down (clusters)", "relabel: Enter commits", "undo", "peak RSS (MB)",
                             "first open to the queue's first proposals", "open to the queue's first proposals"] {
                #expect(names.contains(expected), "missing \(expected) in \(names)")
            }
            #expect(names.contains { $0.hasPrefix("merge the two largest") } && names.contains { $0.hasPrefix("move 1,") })
            #expect(rows.allSatisfy { $0.medianMs > 0 && $0.p99Ms >= $0.medianMs && $0.samples > 0 })
        }

        /// `--no-queue` (keys and decisions without the review queue computing beside them, to
        /// compare with builds from before the queue) runs the same table.
        @Test func theScaleBenchmarkRunsWithoutTheQueue() throws {
            let result = try SampleCopy.clade(["bench", "scale", "--questions", "12000", "--runs", "3", "--no-queue", "--no-visidata"])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout.contains("relabel: Enter commits") && result.stdout.contains("undo the merge"), "\(result.stdout.suffix(600))")
            #expect(!result.stdout.contains("queue's first proposals"))
        }

        @Test func aMissingDatabaseIsOneClearLine() throws {
            for command in ["scale", "decisions"] {
                let result = try SampleCopy.clade(["bench", command, "/nonexistent/run.sqlite"])
                #expect(result.status == 1)
                #expect(result.stderr.split(separator: "\n").count == 1 && result.stderr.contains("no such file"), "\(result.stderr)")
            }
        }
    }
}
