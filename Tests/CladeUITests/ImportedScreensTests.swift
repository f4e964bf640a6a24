import CladeApp
import CladeCore
import CladeImport
import CladeStore
import CladeTerminal
import CladeUI
import Foundation
import Testing

/// The shared real-data fixtures next to the repository.
enum RealDataFolder {
    static let url = Golden.repoRoot.appendingPathComponent("../shared/realdata").standardizedFileURL
    static var available: Bool { FileManager.default.fileExists(atPath: url.appendingPathComponent("kura-sample/checkpoints").path) }
}

/// The clusters screen of databases imported from real Kura and BERTopic output
/// (`../shared/realdata`), compared with `Screens/imported-*.txt`.
/// `UPDATE_GOLDEN=1 swift test --filter ImportedScreensTests` rewrites them.
@Suite(.serialized, .enabled(if: RealDataFolder.available, "needs ../shared/realdata"))
struct ImportedScreensTests {
    static let realData = RealDataFolder.url
    static let sizes = [(120, 40), (80, 24)]

    /// A database imported into a temporary folder, removed afterwards.
    final class ImportedDatabase {
        let folder: URL
        let path: String

        init(_ pipeline: ImportedPipeline) throws {
            folder = FileManager.default.temporaryDirectory.appendingPathComponent("clade-imported-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            path = folder.appendingPathComponent("imported.sqlite").path
            try PipelineWriter.write(pipeline, to: path, force: false)
        }

        deinit { try? FileManager.default.removeItem(at: folder) }

        /// The app on this database, on a headless terminal of the given size, after `keys`.
        func screen(width: Int, height: Int, keys: String = "") throws -> Screen {
            let backend = HeadlessBackend(size: Size(width: width, height: height))
            let runner = try AppRunner(database: try AppDatabase.open(path: path), backend: backend, theme: .standard, reviewer: "golden")
            backend.enqueue(keys: keys)
            runner.drain()
            return runner.frame()
        }
    }

    @Test func kuraCheckpoints() throws {
        let pipeline = try KuraImporter.read(Self.realData.appendingPathComponent("kura-sample/checkpoints").path).pipeline
        let db = try ImportedDatabase(pipeline)
        for (w, h) in Self.sizes { Golden.check("imported-kura-\(w)x\(h)", try db.screen(width: w, height: h)) }
    }

    @Test func bertopicBanking77() throws {
        let folder = Self.realData.appendingPathComponent("bertopic-banking77")
        let pipeline = try BERTopicImporter.read(.init(
            documents: folder.appendingPathComponent("document_info.csv").path,
            topics: folder.appendingPathComponent("topic_info.csv").path,
            hierarchy: folder.appendingPathComponent("hierarchy.csv").path
        )).pipeline
        let db = try ImportedDatabase(pipeline)
        for (w, h) in Self.sizes { Golden.check("imported-bertopic-\(w)x\(h)", try db.screen(width: w, height: h)) }
        // Topic -1, the largest leaf, sits below the first parent's 26 topics: found by search.
        Golden.check("imported-bertopic-outliers-120x40", try db.screen(width: 120, height: 40, keys: "/outliers<Enter>"))
    }
}
