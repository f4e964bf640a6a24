import CladeApp
import CladeCore
import CladeStore
import CladeTerminal
import CladeUI
import Foundation

/// Times what a reviewer feels on a large database: opening to the first complete screen, each
/// kind of keystroke from key to finished frame, decisions from key to committed and re-rendered,
/// and peak memory. Runs the real run loop on a headless terminal.
struct ScaleBenchmark {
    struct Row: Codable {
        var operation: String
        var samples: Int
        var medianMs: Double
        var p99Ms: Double
    }

    let path: String
    let repetitions: Int

    func run(log: (String) -> Void) throws -> [Row] {
        var rows: [Row] = []
        func record(_ name: String, _ samples: [Double]) {
            rows.append(Row(operation: name, samples: samples.count, medianMs: DecisionBenchmark.percentile(samples, 0.5), p99Ms: DecisionBenchmark.percentile(samples, 0.99)))
            let unit = name.hasSuffix("(MB)") ? "MB" : "ms"
            log("  " + name.padding(toLength: 42, withPad: " ", startingAt: 0)
                + String(format: "median %9.2f %@  p99 %9.2f %@", rows.last!.medianMs, unit, rows.last!.p99Ms, unit))
        }
        func ms(_ body: () throws -> Void) rethrows -> Double {
            let start = DispatchTime.now()
            try body()
            return Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e6
        }

        // Open to first complete screen (validation, migration, statistics, first page, render).
        var opens: [Double] = []
        for _ in 0..<max(1, min(repetitions, 5)) {
            opens.append(try ms {
                let app = try AppDatabase.open(path: path)
                let runner = try AppRunner(database: app, backend: HeadlessBackend(size: Size(width: 120, height: 40)), theme: .standard)
                _ = runner.frame()
            })
        }
        record("open to first screen", opens)

        let backend = HeadlessBackend(size: Size(width: 120, height: 40))
        let app = try AppDatabase.open(path: path)
        let runner = try AppRunner(database: app, backend: backend, theme: .standard, reviewer: "bench")
        func key(_ script: String) -> Double {
            ms {
                backend.enqueue(keys: script)
                runner.drain()
            }
        }
        record("move down (clusters)", (0..<repetitions).map { _ in key("j") })
        record("page down (clusters)", (0..<repetitions).map { _ in key("<PgDn>") })
        record("sort by next column", (0..<min(repetitions, 14)).map { _ in key("o") })
        _ = key("<Home>")
        // The largest leaf: its questions are the longest list.
        let largest = runner.state.dataset.clusters.filter { runner.state.dataset.isLeaf($0.id) }.max { $0.stats.rows < $1.stats.rows }!
        let name = largest.name
        record("search a cluster by name", [key("/\(name)<Enter>")])
        record("open the largest cluster (\(largest.stats.rows) q)", [key("<Enter>")])
        record("move down (questions)", (0..<repetitions).map { _ in key("j") })
        record("page down (questions)", (0..<repetitions).map { _ in key("<PgDn>") })
        record("next cluster ]", (0..<min(repetitions, 20)).map { _ in key("]") })
        _ = key("<Esc>3")
        record("filter clusters by a capability", [key("<Enter>"), key("<Enter>")])
        _ = key("<Esc>1<Home>")

        // Decisions, key to committed and re-rendered.
        _ = key("/\(name)<Enter>")
        record("relabel", (0..<min(repetitions, 10)).map { i in key("r<C-u>Renamed \(i)<Enter>") })
        record("set priority", (0..<min(repetitions, 10)).map { i in key("p\(i % 4)") })
        record("undo", (0..<min(repetitions, 10)).map { _ in key("u") })
        let second = runner.state.dataset.clusters.filter { runner.state.dataset.isLeaf($0.id) && $0.id != largest.id }.max { $0.stats.rows < $1.stats.rows }!
        let store = DecisionStore(app: app, reviewer: "bench")
        record("merge the two largest clusters", [ms {
            _ = try? store.commit(.merge(sources: [second.id], into: largest.id, name: nil))
            runner.send(.datasetLoaded((try? DatasetLoader.load(app)) ?? runner.state.dataset))
            _ = runner.frame()
        }])
        try store.undo()
        let thousand = try QuestionReads.page(app, QuestionQuery(clusterID: largest.id, memberIDs: [largest.id], order: .oldest, limit: 1000)).rows.map(\.id)
        record("move 1,000 questions", [ms {
            _ = try? store.commit(.move(questions: thousand, to: second.id))
            runner.send(.datasetLoaded((try? DatasetLoader.load(app)) ?? runner.state.dataset))
            _ = runner.frame()
        }])
        record("peak RSS (MB)", [Self.peakRSSMegabytes()])
        return rows
    }

    static func peakRSSMegabytes() -> Double {
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        return Double(usage.ru_maxrss) / 1024
    }
}
