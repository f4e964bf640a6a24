import ArgumentParser
import CladeStore
import Foundation

/// `clade carry-forward DB [--from RUN] [--to RUN] [--dry-run]`: the review of one run carried onto a
/// newer one, however that run got into the file.
struct CarryForwardCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "carry-forward",
        abstract: "Carry the review of one run onto a newer run (one written by an importer, SQL or a Spark job).",
        discussion: """
            Matches the reviewed clusters (after merges, splits and moves) to the new run's clusters by the overlap \
            of their questions and re-applies the decisions as new decisions on the new run. Prints every decision \
            as carried, already so in the new run, or not carried with its reason; the report is kept in the file \
            (clade_carry_forward). A reviewer's cluster the new run reproduces as a whole keeps its concept id. \
            Refused, with the file unchanged: a file with one run, unknown runs, a run already carried to, or a \
            run with decisions of its own. See docs/import.md, "Carry-forward".
            """
    )

    @Argument(help: "The diagnostics database.")
    var database: String

    @Option(help: ArgumentHelp("The reviewed run (default: the latest run before --to with decisions).", valueName: "RUN"))
    var from: Int64?

    @Option(help: ArgumentHelp("The run to carry the review onto (default: the latest run).", valueName: "RUN"))
    var to: Int64?

    @Flag(help: "Print what would be carried and write nothing.")
    var dryRun = false

    @Option(help: ArgumentHelp("The Jaccard overlap of their questions at which a reviewed cluster and a new one match (0-1].", valueName: "J"))
    var matchThreshold = CarryForward.defaultThreshold

    @Option(help: "Recognise questions across runs by external id, by normalised text, or auto (ids when both runs have real ones).")
    var matchBy: MatchByArgument = .auto

    @Option(help: ArgumentHelp("The reviewer recorded on the carried decisions.", valueName: "NAME"))
    var reviewer = CarryForward.defaultReviewer

    func run() throws {
        if !(matchThreshold > 0 && matchThreshold <= 1) { throw fail("--match-threshold must be above 0 and at most 1") }
        if reviewer.trimmingCharacters(in: .whitespaces).isEmpty { throw fail("--reviewer needs a name") }
        // Checked on a read-only opening first: a refused carry-forward leaves the file as it was.
        let reader = try reportingErrors { try AppDatabase.open(path: database, forceReadOnly: true) }
        _ = try reportingErrors { try reader.writer.read { try CarryForwardStep.resolve($0, from: from, to: to) } }
        try? reader.writer.close()
        let app = try reportingErrors { try AppDatabase.openForImport(path: database) }
        let options = CarryForwardOptions(threshold: matchThreshold, identity: matchBy.choice, reviewer: reviewer)
        let report = try reportingErrors { try CarryForwardStep.run(app, from: from, to: to, options: options, dryRun: dryRun) }
        print(report.text)
        if dryRun { print("\nDry run: nothing was written.") }
    }
}
