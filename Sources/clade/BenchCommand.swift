import ArgumentParser
import CladeCore
import CladeImport
import CladeSample
import CladeStore
import CladeUI
import Foundation
import GRDB

struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure Clade: decisions on the sample, or browsing at scale on generated databases.",
        subcommands: [DecisionsBench.self, ScaleBench.self, GenerateBench.self],
        defaultSubcommand: DecisionsBench.self
    )
}

struct GenerateBench: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "generate", abstract: "Write a synthetic diagnostics database of a chosen size.")

    @Option(name: .long, help: "Questions.") var questions = 100_000
    @Option(name: .long, help: "Leaf clusters (under 100 parents).") var clusters = 2000
    @Option(name: .long, help: "Embedding dimensions (0: none).") var embeddings = 0
    @Option(name: .long, help: "Whose file to imitate: \(ScaleShape.allCases.map(\.rawValue).joined(separator: ", ")) (see docs/performance.md).")
    var shape: ScaleShape = .clade
    @Option(name: .shortAndLong, help: "The file to write (replaced).") var output: String

    func run() throws {
        // A bar on a terminal; in a log, a line every few seconds (not a thousand \r-joined ones).
        let progress = ProgressPrinter()
        let seconds = try measureSeconds {
            let options = ScaleGenerator.Options(questions: questions, leafClusters: clusters, embeddingDimensions: embeddings, shape: shape)
            try ScaleGenerator.write(to: output, options: options) { f in
                progress.update(AnalysisProgress(stage: "generating", completed: Int(f * 1000), total: 1000))
            }
        }
        progress.clearBar()
        emit("wrote \(SafeText.line(output)): \(questions) questions, \(clusters) leaf clusters, \(shape.rawValue) shape in \(String(format: "%.1f", seconds)) s")
    }
}

struct ScaleBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scale",
        abstract: "Time opening, keystrokes and decisions on a (copy of a) large database, with the sqlite3 shell's GROUP BY as reference."
    )

    @Argument(help: "The database (copied first); or generate one with --questions.") var database: String?
    @Option(name: .long, help: "Generate a run of this many questions (2,000 clusters) to measure instead.") var questions: Int?
    @Option(name: .long, help: "With --questions: embedding dimensions (0: none).") var embeddings = 0
    @Option(name: .long, help: "With --questions: whose file to imitate (\(ScaleShape.allCases.map(\.rawValue).joined(separator: ", "))).")
    var shape: ScaleShape = .clade
    @Option(name: .long, help: "Repetitions of each keystroke.") var runs = 50
    @Option(name: .long, help: "Also write the table as JSON to this file.") var json: String?
    @Flag(name: .long, help: "Measure opening only (first open, reopen, first frame, peak memory), not keys or decisions.") var openOnly = false
    @Flag(name: .long, inversion: .prefixedNo, help: "Also time VisiData (vd) showing cluster sizes, when it is installed.") var visidata = true
    @Flag(name: .long, inversion: .prefixedNo, help: "Compute the review queue beside the keys, as the app does (--no-queue: to compare with builds from before the queue).") var queue = true

    func run() throws {
        // Each figure as soon as it is measured, even into a pipe.
        let say: (String) -> Void = { FileHandle.standardOutput.write(Data(($0 + "\n").utf8)) }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("clade-scale-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let copy = folder.appendingPathComponent("scale.sqlite").path
        if let database {
            try copyForBenchmark(database, to: copy)
        } else if let questions {
            // In a child process, so that this one's peak memory is Clade's alone.
            let generate = ["bench", "generate", "--questions", String(questions), "--embeddings", String(embeddings), "--shape", shape.rawValue, "-o", copy]
            guard runQuietly(Bundle.main.executablePath ?? "/proc/self/exe", generate)?.status == 0 else {
                throw ValidationError("Could not generate \(questions) questions")
            }
            say("  generated \(Format.count(questions)) questions, 2,000 leaf clusters\(embeddings > 0 ? ", \(embeddings)-d embeddings" : "")")
        } else {
            throw ValidationError("Give a database to measure, or --questions N to generate one.")
        }
        // Which shape was measured, read from the file itself (a file given by path may be anyone's).
        let measured = try reportingErrors { try BenchShapeDescription.read(copy) }
        say("  shape: " + measured.line)
        var references: [ScaleBenchmark.Row] = []
        func reference(_ name: String, _ value: Double?) {
            guard let value else { return }
            references.append(ScaleBenchmark.Row(operation: name, samples: 1, medianMs: value, p99Ms: value))
            say("  " + name.padding(toLength: 46, withPad: " ", startingAt: 0) + String(format: "%16.2f %@", value, name.hasSuffix("(MB)") ? "MB" : "ms"))
        }
        reference("reference: sqlite3 shell GROUP BY", Self.sqliteReference(copy))
        if visidata, let vd = VisiDataReference.run(database: copy, folder: folder.path) {
            reference("reference: VisiData frequency of cluster_id", vd.milliseconds)
            reference("reference: VisiData peak RSS (MB)", vd.peakMegabytes)
        }
        let rows = try reportingErrors { try ScaleBenchmark(path: copy, repetitions: max(3, runs), openOnly: openOnly, computesQueue: queue).run(log: say) }
        if let json {
            let table = ScaleBenchmark.Table(shape: measured, rows: references + rows)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            try encoder.encode(table).write(to: URL(fileURLWithPath: json))
        }
    }

    /// The same per-cluster figures computed by the sqlite3 shell, for comparison.
    static func sqliteReference(_ path: String) -> Double? {
        let groupBy = "SELECT a.cluster_id, COUNT(*), AVG(q.relevance), AVG(q.feedback = 1) FROM questions q JOIN assignments a USING (question_id) GROUP BY a.cluster_id;"
        guard let run = runQuietly("/usr/bin/env", ["sqlite3", path, groupBy]), run.status == 0 else { return nil }
        return run.milliseconds
    }
}

func measureSeconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now()
    try body()
    return milliseconds(since: start) / 1000
}

/// Copies the database a benchmark measures, after the first look opening gives a file: a
/// missing or unreadable one is one clear line, not a Foundation error. Through SQLite's backup
/// API, never as bytes: a byte copy misses what a window's WAL holds, can catch a write half
/// done, and reads the file outside SQLite (see docs/reliability.md, "The WAL").
func copyForBenchmark(_ source: String, to copy: String) throws {
    try reportingErrors {
        try SchemaCheck.preflight(path: source)
        var readOnly = Configuration()
        readOnly.readonly = true
        readOnly.busyMode = .timeout(10)
        let from = try DatabaseQueue(path: source, configuration: readOnly)
        let to = try DatabaseQueue(path: copy)
        try from.backup(to: to)
        try to.close()
        try from.close()
    }
}

/// Milliseconds from `start` to now.
func milliseconds(since start: DispatchTime) -> Double {
    Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e6
}

/// Runs a program with its output discarded, for the benchmarks' references and generator:
/// its exit status and how long it took; nil when it cannot be started.
func runQuietly(_ executable: String, _ arguments: [String]) -> (status: Int32, milliseconds: Double)? {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    let start = DispatchTime.now()
    guard (try? process.run()) != nil else { return nil }
    process.waitUntilExit()
    return (process.terminationStatus, milliseconds(since: start))
}

struct DecisionsBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "decisions",
        abstract: "Measure each decision's commit, and the reload and re-render after it, on a copy of a database (default: the bundled sample).",
        discussion: "Figures are wall-clock milliseconds on this machine: median and 99th percentile over --runs repetitions."
    )

    @Argument(help: "The database to measure on (copied first; never modified). Default: the bundled sample.")
    var database: String?

    @Option(name: .long, help: "Repetitions of each operation.")
    var runs = 30

    @Option(name: .long, help: "Also write the table as JSON to this file.")
    var json: String?

    func run() throws {
        let source = try reportingErrors { try database ?? SampleLocation.shippedOrGenerated() }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("clade-bench-\(getpid())")
        try? FileManager.default.removeItem(at: folder)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let copy = folder.appendingPathComponent("bench.sqlite").path
        try copyForBenchmark(source, to: copy)
        let rows = try reportingErrors { try DecisionBenchmark(path: copy, runs: max(3, runs)).run() }
        emit(DecisionBenchmark.table(rows, source: source))
        if let json {
            let data = try JSONEncoder().encode(rows)
            try data.write(to: URL(fileURLWithPath: json))
        }
    }
}

/// Times each kind of decision end to end as the app performs it: commit (one transaction),
/// then reload of the figures and a full render at 120×40.
struct DecisionBenchmark {
    struct Row: Codable {
        var operation: String
        var commitMedianMs: Double
        var commitP99Ms: Double
        var refreshMedianMs: Double
        var refreshP99Ms: Double
    }

    let path: String
    let runs: Int

    func run() throws -> [Row] {
        let app = try AppDatabase.open(path: path)
        let store = DecisionStore(app: app, reviewer: "bench")
        var dataset = try DatasetLoader.load(app)
        let leaves = dataset.clusters.filter { dataset.isLeaf($0.id) }.sorted { $0.stats.volume > $1.stats.volume }
        guard leaves.count >= 3 else { throw ValidationError("the database needs at least three leaf clusters") }
        let big = leaves[0].id, second = leaves[1].id, third = leaves[2].id
        let members = try QuestionReads.page(app, QuestionQuery(clusterID: third, memberIDs: dataset.memberClusterIDs(of: third), order: .oldest, limit: 10)).rows.map(\.id)

        var results: [Row] = []
        func measure(_ name: String, _ request: (Int) -> DecisionRequest?, undoAfter: Bool) throws {
            var commit: [Double] = []
            var refresh: [Double] = []
            for i in 0..<runs {
                let start = DispatchTime.now()
                if let request = request(i) { try store.commit(request) } else { try store.undo() }
                let committed = DispatchTime.now()
                dataset = try DatasetLoader.load(app)
                var state = AppState(dataset: dataset, width: 120, height: 40)
                _ = Reducer.start(&state)
                _ = render(state, theme: .standard)
                let shown = DispatchTime.now()
                commit.append(Double(committed.uptimeNanoseconds - start.uptimeNanoseconds) / 1e6)
                refresh.append(Double(shown.uptimeNanoseconds - committed.uptimeNanoseconds) / 1e6)
                if undoAfter { try store.undo() }
            }
            results.append(Row(operation: name, commitMedianMs: Self.percentile(commit, 0.5), commitP99Ms: Self.percentile(commit, 0.99),
                               refreshMedianMs: Self.percentile(refresh, 0.5), refreshP99Ms: Self.percentile(refresh, 0.99)))
        }
        try measure("relabel", { .relabel(big, name: "Renamed \($0)", description: nil) }, undoAfter: false)
        try measure("set priority", { .setPriority(big, $0 % 4) }, undoAfter: false)
        try measure("note", { .setNote(big, "note \($0)") }, undoAfter: false)
        try measure("merge two largest", { _ in .merge(sources: [second], into: big, name: nil) }, undoAfter: true)
        try measure("split 5 questions off", { _ in .split(third, parts: [SplitPart(name: "part", questionIDs: Array(members.prefix(5)))]) }, undoAfter: true)
        try measure("move 10 questions", { _ in .move(questions: members, to: big) }, undoAfter: true)
        try measure("undo", { i in i % 2 == 0 ? .setReviewed(big, true) : nil }, undoAfter: false)
        return results
    }

    static func percentile(_ values: [Double], _ p: Double) -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return 0 }
        return sorted[min(sorted.count - 1, Int((Double(sorted.count - 1) * p).rounded()))]
    }

    static func table(_ rows: [Row], source: String) -> String {
        func ms(_ v: Double) -> String { String(format: "%7.2f", v) }
        var out = "Decisions on \(source)\n"
        out += "| operation | commit median ms | commit p99 ms | reload + render median ms | reload + render p99 ms |\n|---|---:|---:|---:|---:|\n"
        for r in rows {
            out += "| \(r.operation) | \(ms(r.commitMedianMs)) | \(ms(r.commitP99Ms)) | \(ms(r.refreshMedianMs)) | \(ms(r.refreshP99Ms)) |\n"
        }
        return out
    }
}

extension ScaleShape: ExpressibleByArgument {}
