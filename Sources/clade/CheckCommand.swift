import ArgumentParser
import CladeStore
import Foundation

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate a diagnostics database and print a summary. Never changes the file.",
        discussion: "Exits 0 when the database can be reviewed, 1 with a one-line reason when it cannot."
    )

    @Argument(help: "The diagnostics database (SQLite) to check.")
    var database: String

    func run() throws {
        let report = try reportingErrors { try SchemaCheck.run(path: database) }
        print(Self.summary(report))
    }

    static func summary(_ r: CheckReport) -> String {
        func count(_ n: Int) -> String {
            let s = String(n)
            var out = ""
            for (i, ch) in s.enumerated() {
                if i > 0, (s.count - i) % 3 == 0 { out += "," }
                out.append(ch)
            }
            return out
        }
        let rated = r.questions > 0 ? Double(r.ratedQuestions) / Double(r.questions) * 100 : 0
        var lines = [
            "\(r.path): OK, diagnostics format \(r.pipelineFormat)\(r.applicationIDSet ? "" : " (application_id not set)")",
            "  run          \(r.runID) (of \(r.runs))",
            "  questions    \(count(r.questions))" + (Int(r.volume.rounded()) != r.questions ? " rows standing for \(count(Int(r.volume.rounded()))) questions (sampled)" : ""),
            "  clusters     \(count(r.leafClusters)) leaf, \(count(r.parentClusters)) parent",
            "  capabilities \(count(r.capabilities)), tagging \(count(r.taggedQuestions)) questions",
            "  rated        \(count(r.ratedQuestions)) (\(String(format: "%.1f", rated))% of questions)",
            "  embeddings   " + (r.embeddings == 0 ? "none" : "\(count(r.embeddings)), dimension \(r.embeddingDims.map(String.init).joined(separator: ", "))"),
            "  decisions    \(count(r.decisions))" + (r.cladeMigrations.isEmpty ? " (not yet opened by Clade)" : ""),
        ]
        var warnings: [String] = []
        if r.unassignedQuestions > 0 { warnings.append("\(count(r.unassignedQuestions)) questions have no cluster and are not shown") }
        if r.assignmentsToMissingClusters > 0 { warnings.append("\(count(r.assignmentsToMissingClusters)) assignments point at missing clusters") }
        if r.embeddingDims.count > 1 { warnings.append("embeddings have mixed dimensions") }
        if !r.writable { warnings.append("the file is read-only: Clade will open it read-only") }
        lines += warnings.map { "  warning      " + $0 }
        return lines.joined(separator: "\n")
    }
}
