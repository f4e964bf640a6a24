import ArgumentParser
import CladeCore
import CladeSample
import CladeStore
import CladeUI
import Foundation

struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure Clade on a copy of a database: each decision's commit, and the reload and re-render after it.",
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
        try FileManager.default.copyItem(atPath: source, toPath: copy)
        let rows = try reportingErrors { try DecisionBenchmark(path: copy, runs: max(3, runs)).run() }
        print(DecisionBenchmark.table(rows, source: source))
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
