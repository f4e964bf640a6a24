import ArgumentParser
import CladeStore
import Foundation

/// `clade apply DB FILE.jsonl`: scripted decisions, written through the reviewer's planner.
struct ApplyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "apply",
        abstract: "Apply decisions from a JSON Lines file (one decision per line, the log's vocabulary) to the latest run.",
        discussion: """
            Each line is an object with "op": relabel, merge, split, move, priority, issue_type, action, note, \
            dismiss, reviewed or restore, and the log's field names (cluster_id, cluster_ids, question_ids, into, \
            name, description, priority, issue_type, action, note, reason, reviewed). Every line is parsed before \
            anything is written: a malformed line writes nothing. Each decision is then one transaction; the first \
            one refused stops the file (its line number and why), the ones before it stay written. With --atomic, \
            all or nothing. With --dry-run, every decision is planned and checked and nothing is kept. \
            See docs/export-format.md, "clade apply".
            """
    )

    @Argument(help: "The diagnostics database.")
    var database: String

    @Argument(help: ArgumentHelp("The decisions, one JSON object per line (- for standard input).", valueName: "FILE.jsonl"))
    var file: String

    @Option(help: ArgumentHelp("The reviewer recorded on the decisions.", valueName: "NAME"))
    var reviewer = "clade-apply"

    @Flag(help: "Check every decision and write nothing.")
    var dryRun = false

    @Flag(help: "Write all the decisions in one transaction, or none of them.")
    var atomic = false

    func run() throws {
        if reviewer.trimmingCharacters(in: .whitespaces).isEmpty { throw fail("--reviewer needs a name") }
        let text = try reportingErrors { try readInput() }
        let decisions: [ScriptedDecision]
        do {
            decisions = try ScriptedApply.parse(text)
        } catch {
            throw fail("\(file):\(error.line): \(error.reason); nothing was written")
        }
        // Checked on a read-only opening first: a script for another run leaves the file as it was.
        let reader = try reportingErrors { try AppDatabase.open(path: database, forceReadOnly: true) }
        do {
            try ScriptedApply.precheck(reader, decisions: decisions)
        } catch {
            throw fail(error.line > 0 ? "\(file):\(error.line): \(error.reason); nothing was written" : error.reason)
        }
        try? reader.writer.close()
        let app = try reportingErrors { try AppDatabase.open(path: database) }
        let outcome = try reportingErrors { try ScriptedApply.run(app, decisions: decisions, reviewer: reviewer, atomic: atomic, dryRun: dryRun) }
        for a in outcome.applied {
            print(outcome.rolledBack ? "line \(a.line): \(a.summary)" : "line \(a.line): #\(a.decisionID) \(a.summary)")
        }
        if let failure = outcome.failure {
            let kept = outcome.rolledBack || outcome.applied.isEmpty
                ? "nothing was written"
                : "the \(outcome.applied.count) decision\(outcome.applied.count == 1 ? "" : "s") before it were written (#\(outcome.applied.first!.decisionID)–#\(outcome.applied.last!.decisionID)), nothing after"
            throw fail("\(file):\(failure.line): \(failure.reason); \(kept)")
        }
        print(dryRun
            ? "Dry run: \(outcome.applied.count) decision\(outcome.applied.count == 1 ? "" : "s") checked on run \(outcome.run); nothing was written."
            : "\(outcome.applied.count) decision\(outcome.applied.count == 1 ? "" : "s") written on run \(outcome.run).")
    }

    func readInput() throws -> String {
        if file == "-" { return String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self) }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: file, isDirectory: &isDirectory) else { throw ApplyInputError("\(file): no such file") }
        guard !isDirectory.boolValue else { throw ApplyInputError("\(file) is a folder, not a JSON Lines file") }
        guard let data = FileManager.default.contents(atPath: file) else { throw ApplyInputError("\(file): cannot be read") }
        guard let text = String(data: data, encoding: .utf8) else { throw ApplyInputError("\(file) is not UTF-8 text") }
        return text
    }
}

struct ApplyInputError: Error, CustomStringConvertible {
    var description: String
    init(_ d: String) { description = d }
}
