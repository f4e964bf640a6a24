import CladeApp
import CladeCore
import CladeStore
import CladeTerminal
import CladeUI
import Foundation
import GRDB
import Testing
@testable import CladeImport

/// Issue 13's acceptance, through the real TUI: the run loop on a headless terminal, keys `8`,
/// then `gg` `Enter` (and `Enter` again in the prefilled dialog or split preview) ten times,
/// each accepting the queue's top proposal as the app presents it. After each step the
/// reviewed clustering is scored against the true labels, which Clade never reads: banking77's
/// `category` column (read here from the CSV) and the sample's planted intents
/// (`metadata_json.intent`). Prints the tables of docs/curation.md; run with
/// `CLADE_QUEUE_TUI_STEPS=10 swift test --filter QueueTUIBenchmark`.
enum QueueTUIBench {
    static let steps = Int(ProcessInfo.processInfo.environment["CLADE_QUEUE_TUI_STEPS"] ?? "") ?? 0
    static let k = Int(ProcessInfo.processInfo.environment["CLADE_QUEUE_K"] ?? "") ?? 40
    static let realData = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("../shared/realdata").standardizedFileURL
    static let databases = (ProcessInfo.processInfo.environment["CLADE_QUEUE_TUI_DB"] ?? "").split(separator: ",").map(String.init)
    static var hasBanking77: Bool { FileManager.default.fileExists(atPath: realData.appendingPathComponent("banking77-queries.csv").path) }
}

@Suite("review queue through the TUI", .serialized, .enabled(if: QueueTUIBench.steps > 0, "set CLADE_QUEUE_TUI_STEPS"))
struct QueueTUIBenchmarkTests {
    static var steps: Int { QueueTUIBench.steps }
    static var k: Int { QueueTUIBench.k }
    static var realData: URL { QueueTUIBench.realData }

    /// The app on `path`, driven by scripted keys; returns the table's rows.
    static func review(_ path: String, truth: [String], label: String) throws -> [String] {
        let backend = HeadlessBackend(size: Size(width: 120, height: 40))
        let clock = ContinuousClock()
        let opened = clock.now
        let runner = try AppRunner(database: try AppDatabase.open(path: path), backend: backend, theme: .standard)
        let open = clock.now - opened
        func type(_ keys: String) {
            backend.enqueue(keys: keys)
            runner.drain()
        }
        type("8")
        print("\(label): opened in \(open), first proposals \(clock.now - opened) after opening (debug build unless built with -c release)")
        print("\(label) first proposals:\n" + runner.state.queue.listed.prefix(8).enumerated().map { "  \($0 + 1). \($1.title)" }.joined(separator: "\n"))
        var rows = [try row(0, "first pass", runner, truth)]
        for step in 1...steps {
            guard let top = runner.state.queue.listed.first else {
                rows.append("| \(step) | | | | the queue is empty |")
                break
            }
            let started = clock.now
            type("gg<Enter>")
            // The prefilled decision (merge labels, split preview, move dialog) accepted as shown.
            var confirmations = 0
            while runner.state.dialog != nil || runner.state.split != nil, confirmations < 4 {
                type("<Enter>")
                confirmations += 1
            }
            #expect(runner.state.queue.phase == QueueState.Phase.ready, "step \(step)")
            rows.append(try row(step, top.title, runner, truth) + " \(clock.now - started) |")
        }
        return rows
    }

    static func row(_ step: Int, _ title: String, _ runner: AppRunner, _ truth: [String]) throws -> String {
        let labels = try reviewedClusters(runner.database)
        #expect(labels.count == truth.count)
        return String(format: "| %2d | %.3f | %.3f | %3d | ", step, ClusteringAgreement.normalizedMutualInformation(labels, truth),
                      ClusteringAgreement.adjustedRandIndex(labels, truth), Set(labels).count) + title.replacingOccurrences(of: "|", with: "\\|") + " |"
    }

    /// Each question's cluster after the review (moves, splits and merges applied), by question id.
    static func reviewedClusters(_ app: AppDatabase) throws -> [Int64] {
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
            return try Row.fetchAll(db, sql: """
                SELECT COALESCE(o.cluster_id, a.cluster_id) AS c FROM questions q
                JOIN assignments a ON a.question_id = q.question_id
                LEFT JOIN clade_assignment_override o ON o.question_id = q.question_id
                ORDER BY q.question_id
                """).map { survivor($0["c"]) }
        }
    }

    static let header = "| step | NMI | ARI | clusters | accepted (through the TUI) | time |\n|---:|---:|---:|---:|---|---:|"

    @Test(.enabled(if: QueueTUIBench.hasBanking77))
    func banking77() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("clade-queue-tui-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let table = try CSVParser.parse(Array(try Data(contentsOf: Self.realData.appendingPathComponent("banking77-queries.csv"))))
        let csv = folder.appendingPathComponent("b77.csv")
        func quoted(_ s: String) -> String { "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
        try (["text"] + table.records.map { quoted($0.fields[0]) }).joined(separator: "\n").write(to: csv, atomically: true, encoding: .utf8)
        let truth = table.records.map { $0.fields[1] }
        let imported = try CSVImporter.read(csv.path, options: .init(embeddingsFile: Self.realData.appendingPathComponent("banking77-embeddings.npy").path,
                                                                      clustering: .init(k: Self.k, seed: 1, restarts: 1)))
        let path = folder.appendingPathComponent("b77.sqlite").path
        try PipelineWriter.write(imported.pipeline, to: path, force: false)
        let rows = try Self.review(path, truth: truth, label: "banking77 \(truth.count) questions, k = \(Self.k)")
        print("banking77 through the TUI:\n" + Self.header + "\n" + rows.joined(separator: "\n"))
    }

    @Test func samplePlantedStory() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("clade-queue-tui-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("sample.sqlite").path
        try FileManager.default.copyItem(atPath: Golden.repoRoot.appendingPathComponent("sample-data/construction.sqlite").path, toPath: path)
        let truth = try AppDatabase.open(path: path, forceReadOnly: true).writer.read { db in
            try String.fetchAll(db, sql: "SELECT COALESCE(json_extract(metadata_json, '$.intent'), '') FROM questions ORDER BY question_id")
        }
        let rows = try Self.review(path, truth: truth, label: "sample \(truth.count) questions")
        print("sample through the TUI:\n" + Self.header + "\n" + rows.joined(separator: "\n"))
    }
}

/// How soon the queue's first proposals appear after opening a file in the app, and how long a
/// key takes meanwhile (the queue is computed in the background), with the `GROUP BY` of the
/// assignments read in the same run as reference. `CLADE_QUEUE_TUI_DB=a.sqlite,b.sqlite swift
/// test --filter QueueOpeningTime` prints the figures of docs/performance.md (copies are opened,
/// so skips and caches do not carry between rounds).
@Suite("review queue opening time", .serialized, .enabled(if: QueueTUIBench.databases.count > 0, "set CLADE_QUEUE_TUI_DB"))
struct QueueOpeningTime {
    @Test(arguments: QueueTUIBench.databases) func firstProposals(_ path: String) throws {
        let clock = ContinuousClock()
        func seconds(_ d: Duration) -> Double { Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18 }
        for round in 1...2 {
            let copy = FileManager.default.temporaryDirectory.appendingPathComponent("clade-queue-open-\(UUID().uuidString).sqlite").path
            let source = try AppDatabase.open(path: path, forceReadOnly: true)
            try source.writer.backup(to: try DatabaseQueue(path: copy))
            defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: copy + suffix) } }
            let reference = try clock.measure {
                _ = try AppDatabase.open(path: copy, forceReadOnly: true).writer.read { db in
                    try Row.fetchAll(db, sql: "SELECT cluster_id, COUNT(*) FROM assignments GROUP BY cluster_id")
                }
            }
            let backend = HeadlessBackend(size: Size(width: 120, height: 40))
            let start = clock.now
            let runner = try AppRunner(database: try AppDatabase.open(path: copy), backend: backend, theme: .standard)
            let opened = clock.now - start
            // A key while the queue is being computed: answered without waiting for it.
            backend.enqueue(keys: "j")
            let keyStart = clock.now
            runner.drain(waitForBackground: false)
            let key = clock.now - keyStart
            let computingDuringKey = runner.state.queue.isComputing
            backend.enqueue(keys: "8")
            // The first proposals: the first answer (partial or whole) of the current request
            // with something in it, as the reviewer sees it on view 8.
            runner.drain(waitForBackground: false)
            while !(runner.state.queue.isCurrent && !runner.state.queue.proposals.isEmpty) && runner.state.queue.phase != .ready {
                Thread.sleep(forTimeInterval: 0.002)
                runner.drain(waitForBackground: false)
            }
            let first = clock.now - start
            let firstCount = runner.state.queue.proposals.count
            runner.drain()
            let ready = clock.now - start
            #expect(runner.state.queue.phase == QueueState.Phase.ready)
            print(String(format: "%@ round %d: %d questions · open %.2f s · a key while computing %.3f s (computing: %@) · first proposals %.2f s after opening (%d) · whole queue %.2f s (%d proposals) · GROUP BY reference %.3f s · ratios to the reference: first %.0f×, whole %.0f×",
                         (path as NSString).lastPathComponent, round, Int(runner.state.dataset.total.rows), seconds(opened), seconds(key), computingDuringKey ? "yes" : "no",
                         seconds(first), firstCount, seconds(ready), runner.state.queue.proposals.count, seconds(reference),
                         seconds(first) / max(seconds(reference), 1e-6), seconds(ready) / max(seconds(reference), 1e-6)))
        }
    }
}
