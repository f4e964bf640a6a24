import ArgumentParser
import CladeCore
import CladeStore
import Foundation

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate a diagnostics database and print a summary. Never changes the file.",
        discussion: """
            Exits 0 when the database can be reviewed; 2 when it can, but has problems (each warning line names \
            what Clade does about it and the fix); 1 with a one-line reason when it cannot be opened at all. \
            Reads every page (PRAGMA quick_check) and replays Clade's decision log in memory to compare it with \
            the state tables. Never changes the file.
            """
    )

    @Argument(help: "The diagnostics database (SQLite) to check.")
    var database: String

    func run() throws {
        let report = try reportingErrors { try SchemaCheck.run(path: database, options: .thorough) }
        emit(Self.summary(report))
        if !report.warnings.isEmpty { throw ExitCode(2) }
    }

    static func summary(_ r: CheckReport) -> String {
        func count(_ n: Int) -> String { Format.count(n) }
        let rated = r.questions > 0 ? Double(r.ratedQuestions) / Double(r.questions) * 100 : 0
        var lines = [
            "\(SafeText.line(r.path)): OK, diagnostics format \(r.pipelineFormat)\(r.applicationIDSet ? "" : " (application_id not set)")",
            "  run          \(r.runID) (of \(r.runs))",
            "  questions    \(count(r.questions))" + (Int(r.volume.rounded()) != r.questions ? " rows standing for \(count(Int(r.volume.rounded()))) questions (sampled)" : ""),
            "  clusters     \(count(r.leafClusters)) leaf, \(count(r.parentClusters)) parent",
            "  capabilities \(count(r.capabilities)), tagging \(count(r.taggedQuestions)) questions",
            "  rated        \(count(r.ratedQuestions)) (\(String(format: "%.1f", rated))% of questions)",
            "  embeddings   " + (r.embeddings == 0 ? "none" : "\(count(r.embeddings)), dimension \(r.embeddingDims.map(String.init).joined(separator: ", "))"),
            "  decisions    \(count(r.decisions))" + (r.cladeMigrations.isEmpty ? " (not yet opened by Clade)"
                : r.decisionLogConsistent == true ? " (the state tables match the log)" : ""),
            "  integrity    " + (r.integrityChecked ? "ok (every page read)" : "not checked"),
        ]
        if let notice = ReadOnlyAccess.notice(r.path) { lines.append("  note         " + SafeText.line(notice)) }
        else if !r.writable { lines.append("  note         the file is read-only: Clade will open it read-only") }
        lines += r.warnings.map { "  warning      " + SafeText.line($0) }
        return lines.joined(separator: "\n")
    }
}
