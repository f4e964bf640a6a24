import CladeApp
import CladeCore
import CladeStore
import CladeTerminal
import CladeUI
import Foundation

/// Times what a reviewer feels on a large database, through the real run loop on a headless
/// 120×40 terminal: opening to the first complete screen (the very first open of a pipeline's
/// file, and every open after it), each kind of keystroke from key to finished frame, decisions
/// typed as keys from key to committed and re-rendered, a suggested split, and peak memory.
struct ScaleBenchmark {
    struct Row: Codable {
        var operation: String
        var samples: Int
        var medianMs: Double
        var p99Ms: Double
    }

    /// What `--json` writes: the shape measured and every row.
    struct Table: Codable {
        var shape: BenchShapeDescription
        var rows: [Row]
    }

    let path: String
    let repetitions: Int
    /// Only the opening rows (first open, reopen, first frame) and peak memory: for runs too large
    /// to browse key by key in the time at hand (10M questions).
    var openOnly = false
    /// No review queue computed beside the keys (`--no-queue`).
    var computesQueue = true

    func run(log: (String) -> Void) throws -> [Row] {
        var rows: [Row] = []
        func record(_ name: String, _ samples: [Double]) {
            rows.append(Row(operation: name, samples: samples.count, medianMs: DecisionBenchmark.percentile(samples, 0.5), p99Ms: DecisionBenchmark.percentile(samples, 0.99)))
            let unit = name.hasSuffix("(MB)") ? "MB" : "ms"
            log("  " + name.padding(toLength: 46, withPad: " ", startingAt: 0)
                + String(format: "median %9.2f %@  p99 %9.2f %@  (n=%d)", rows.last!.medianMs, unit, rows.last!.p99Ms, unit, samples.count))
        }
        func ms(_ body: () throws -> Void) rethrows -> Double { try measureSeconds(body) * 1000 }
        // Open to the first complete screen: validation, migration, statistics, render, and the
        // selected cluster's first page of questions (read in the background) shown.
        var firstFrames: [Double] = []
        var firstProposals: [Double] = []
        /// Milliseconds to the first complete screen; then, with the queue, to its first proposals
        /// (computed in the background: keys are answered meanwhile), kept in `firstProposals`. The
        /// runner's background analysis is stopped outside the measure, so it does not weigh on the
        /// next open.
        func open() throws -> Double {
            let start = DispatchTime.now()
            let app = try AppDatabase.open(path: path)
            let runner = try AppRunner(database: app, backend: HeadlessBackend(size: Size(width: 120, height: 40)), theme: .standard,
                                       computesQueue: computesQueue)
            runner.settlesAnalysis = false
            _ = runner.frame()
            firstFrames.append(milliseconds(since: start))
            runner.settle()
            _ = runner.frame()
            let complete = milliseconds(since: start)
            if computesQueue {
                // As the reviewer sees it on view 8: the first answer of the current request with
                // something in it (partial or whole), or the whole queue when it is empty.
                while !(runner.state.queue.isCurrent && !runner.state.queue.proposals.isEmpty), runner.state.queue.isComputing || runner.state.queue.phase == .idle {
                    guard milliseconds(since: start) < 600_000 else { throw BenchFailure("the review queue gave no answer in 10 minutes") }
                    Thread.sleep(forTimeInterval: 0.001)
                    runner.drain(waitForBackground: false)
                }
                firstProposals.append(milliseconds(since: start))
            }
            runner.shutDown()
            return complete
        }
        record("first open of the pipeline's file", [try open()])
        if computesQueue { record("first open to the queue's first proposals", firstProposals) }
        firstFrames = []
        firstProposals = []
        record("open to first complete screen", try (0..<max(3, min(repetitions, 10))).map { _ in try open() })
        record("open to first frame (questions still loading)", firstFrames)
        if computesQueue { record("open to the queue's first proposals", firstProposals) }
        if openOnly {
            record("peak RSS (MB)", [Self.peakRSSMegabytes()])
            return rows
        }

        let backend = HeadlessBackend(size: Size(width: 120, height: 40))
        let app = try AppDatabase.open(path: path)
        // The review queue computes in the background as in the app (unless --no-queue); nothing here waits for it.
        let runner = try AppRunner(database: app, backend: backend, theme: .standard, reviewer: "bench", computesQueue: computesQueue)
        runner.settlesAnalysis = false
        // Key to finished frame; what the frame asked for in the background (the new cluster's
        // questions, suggestions) arrives afterwards and is waited for outside the measure.
        func key(_ script: String, waitForBackground: Bool = false) -> Double {
            let t = ms {
                backend.enqueue(keys: script)
                runner.drain(waitForBackground: waitForBackground)
            }
            runner.settle()
            return t
        }
        /// Key until the background reads it caused are on screen too.
        func shown(_ script: String) -> Double { key(script, waitForBackground: true) }
        func keys(_ script: String, _ n: Int) -> [Double] { (0..<n).map { _ in key(script) } }
        let dataset = runner.state.dataset
        let leaves = dataset.clusters.filter { dataset.isLeaf($0.id) }.sorted { $0.stats.rows > $1.stats.rows }
        let largest = leaves[0], second = leaves[1]

        record("move down (clusters)", keys("j", repetitions))
        record("move down (clusters), its questions shown", (0..<repetitions).map { _ in shown("j") })
        record("page down (clusters)", keys("<PgDn>", repetitions))
        _ = key("<Home>")
        // Incremental search: each character re-filters the list; then Enter jumps.
        _ = key("/")
        record("search: each character typed", largest.name.map { key(String($0)) })
        record("search: Enter jumps to the match", [key("<Enter>")])
        record("open the largest cluster (\(Format.count(largest.stats.rows)) q)", [key("<Enter>")])
        record("move down (questions)", keys("j", repetitions))
        record("page down (questions)", keys("<PgDn>", repetitions))
        record("next cluster ] (questions)", keys("]", min(repetitions, 20)))
        record("next cluster ], its questions shown", (0..<min(repetitions, 20)).map { _ in shown("]") })

        // Unique names, so that searching finds exactly these two (not "Topic 10" for "Topic 1").
        try select(second)
        _ = key("r<C-u>Bench second cluster<Enter>")
        try select(largest)
        _ = key("r<C-u>Bench largest cluster<Enter>")

        // Decisions, typed as keys; key to committed and re-rendered.
        // By its name now (a relabel above renames it); names may share a prefix: n to the next match.
        func select(_ c: Cluster) throws {
            _ = key("<Esc>1<Home>/\(runner.state.dataset.cluster(c.id)?.name ?? c.name)<Enter>")
            for _ in 0..<100 where runner.state.selectedClusterID != c.id { _ = key("n") }
            guard runner.state.selectedClusterID == c.id else { throw BenchFailure("could not select cluster \(c.id) by searching its name") }
        }
        try select(largest)
        record("relabel: r opens the dialog", (0..<min(repetitions, 10)).map { _ in
            let t = key("r")
            _ = key("<Esc>")
            return t
        })
        record("relabel: Enter commits", (0..<min(repetitions, 10)).map { i in
            _ = key("r<C-u>Renamed \(i)")
            return key("<Enter>")
        })
        record("set priority", (0..<min(repetitions, 10)).map { i in key("p\(i % 4)") })
        record("undo", keys("u", min(repetitions, 10)))
        record("redo", keys("<C-r>", min(repetitions, 5)))

        // Merge the two largest clusters: mark both, m, keep the first label.
        try select(largest)
        _ = key(" ")
        try select(second)
        _ = key(" m")
        record("merge the two largest (\(Format.count(largest.stats.rows)) + \(Format.count(second.stats.rows)) q)", [key("1")])
        guard runner.state.status?.text.hasPrefix("Merged") == true else {
            throw BenchFailure("the merge did not happen: \(runner.state.status?.text ?? "no message")")
        }
        record("undo the merge", [key("u")])

        // Move about 1,000 questions (three quarters of the largest cluster in a small run): mark a
        // range of its questions, M, pick the target.
        try select(largest)
        _ = key("<Enter>v")
        let want = min(1000, max(1, largest.stats.rows * 3 / 4))
        for _ in 0..<200 where runner.state.markedQuestions.count < want { _ = key("<PgDn>") }
        let moving = runner.state.markedQuestions.count
        guard moving >= want else { throw BenchFailure("could not mark \(Format.count(want)) questions (\(moving) marked, focus \(runner.state.focus))") }
        _ = key("M\(runner.state.dataset.cluster(second.id)?.name ?? second.name)")
        record("move \(Format.count(moving)) questions to another cluster", [key("<Enter>")])
        record("undo the move", [key("u")])
        _ = key("<Esc>U<Esc>1")

        if let target = leaves.min(by: { abs($0.stats.rows - 20_000) < abs($1.stats.rows - 20_000) }), target.stats.rows >= 2_000 {
            try select(target)
            let how = (app.report?.embeddings ?? 0) > 0 ? "embeddings" : "TF-IDF"
            record("suggested split, \(Format.count(target.stats.rows)) q (\(how))", [key("s")])
            let moved = runner.state.split?.proposal.map { $0.parts.dropFirst().reduce(0) { $0 + $1.questionIDs.count } } ?? 0
            if moved > 0 {
                record("accept the split (\(Format.count(moved)) q move out)", [key("<Enter>")])
                record("undo the split", [key("u")])
            } else {
                _ = key("<Esc>")
            }
        }
        // Last: these change the order and the filter for good.
        _ = key("<Esc>1")
        record("sort by the next column", keys("o", min(repetitions, 14)))
        _ = key("<Esc>3")
        record("capabilities view: filter clusters by one", [key("<Enter>")])
        record("peak RSS (MB)", [Self.peakRSSMegabytes()])
        runner.shutDown()
        return rows
    }

    static func peakRSSMegabytes() -> Double {
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        return Double(usage.ru_maxrss) / 1024
    }
}

struct BenchFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
