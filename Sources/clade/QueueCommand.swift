import ArgumentParser
import CladeCore
import CladeStore
import Foundation

/// The review queue from the command line: what a reviewer should look at first, with the
/// evidence, for a pipeline engineer's report or a script.
struct QueueCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "queue",
        abstract: "List the review queue: proposals ranked by expected improvement, each with its evidence.",
        discussion: """
            Proposals: clusters too broad to keep (split), neighbours whose intents are spread across them \
            (re-cluster together), near-duplicates (merge), misplaced questions (move), outliers worth a home, \
            tiny clusters, and clusters whose segment calls for a decision not made yet (the playbook's action \
            for the cell: the danger zone, answers that fail, the odd cells). Computed from the run's embeddings, or from TF-IDF vectors of the texts when \
            it has none. Nothing is written.
            """
    )

    @Argument(help: "The diagnostics database.")
    var database: String

    @Option(name: .long, help: "How many proposals to list.")
    var limit: Int = 10

    @Flag(name: .long, help: "Print JSON instead of lines.")
    var json = false

    @Flag(name: .long, help: "Report on stderr when the first proposals are known and as each re-cut is checked, with the time since the file was opened.")
    var progress = false

    func validate() throws {
        if limit < 1 { throw ValidationError("--limit must be at least 1") }
    }

    func run() throws {
        let clock = ContinuousClock()
        let start = clock.now
        func elapsed() -> String {
            let d = clock.now - start
            return String(format: "%.2f s", Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18)
        }
        let app = try openForReading(database)
        let dataset = try reportingErrors { try DatasetLoader.load(app) }
        if progress { FileHandle.standardError.write(Data("clade: queue: run loaded after \(elapsed())\n".utf8)) }
        let queue = try reportingErrors {
            try CurationEngine(app: app).reviewQueue(in: dataset) { known, step in
                guard progress else { return }
                FileHandle.standardError.write(Data("clade: queue: \(known.proposals.count) proposals after \(elapsed()), re-cuts checked \(step.checked)/\(step.total)\n".utf8))
            }
        }
        let shown = queue.proposals.prefix(limit)
        if json {
            let rows = shown.enumerated().map { n, p in
                QueueRow(rank: n + 1, key: p.key, title: p.title, evidence: p.evidence, improvement: (p.improvement * 10).rounded() / 10,
                         unit: p.gainUnit, clusters: p.clusters)
            }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(QueueJSON(basis: queue.basis, proposals: rows)), as: UTF8.self))
            return
        }
        print("Review queue of run \(dataset.runID) (\(queue.basis)): \(queue.proposals.count) proposal\(queue.proposals.count == 1 ? "" : "s")")
        for (n, p) in shown.enumerated() {
            print(String(format: "%2d. ", n + 1) + SafeText.line(p.title) + String(format: "  (≈%.0f ", p.improvement) + p.gainUnit + ")")
            print("    " + SafeText.line(p.evidence))
        }
    }

    struct QueueRow: Encodable {
        var rank: Int
        var key: String
        var title: String
        var evidence: String
        var improvement: Double
        /// What `improvement` counts.
        var unit: String
        var clusters: [Int64]
    }

    struct QueueJSON: Encodable {
        var basis: String
        var proposals: [QueueRow]
    }
}
