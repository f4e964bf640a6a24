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

        @Test func theScaleBenchmarkRunsAndWritesItsTable() throws {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("clade-bench-e2e-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            let json = folder.appendingPathComponent("scale.json").path
            let result = try SampleCopy.clade(["bench", "scale", "--questions", "12000", "--runs", "3", "--no-visidata", "--json", json])
            #expect(result.status == 0, "\(result.stderr)")
            let rows = try JSONDecoder().decode([Row].self, from: Data(contentsOf: URL(fileURLWithPath: json)))
            let names = rows.map(\.operation)
            for expected in ["reference: sqlite3 shell GROUP BY", "first open of the pipeline's file", "open to first complete screen",
                             "move down (clusters)", "relabel: Enter commits", "undo", "peak RSS (MB)"] {
                #expect(names.contains(expected), "missing \(expected) in \(names)")
            }
            #expect(names.contains { $0.hasPrefix("merge the two largest") } && names.contains { $0.hasPrefix("move 1,") })
            #expect(rows.allSatisfy { $0.medianMs > 0 && $0.p99Ms >= $0.medianMs && $0.samples > 0 })
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
