import ArgumentParser
import CladeCore
import CladeReport
import CladeStore
import Foundation

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write the consultant's report from the reviewed state: Markdown or self-contained HTML.",
        discussion: """
            The report holds summary figures, the method, the segment table, the clusters that matter (danger zone \
            first) with their worst-rated questions and charts, decisions with reviewer notes, priorities and owners \
            (the reviewer of the latest decision on a cluster), capability gaps, and what changed since the pipeline \
            run. It reads the database without changing it. The format follows -o's extension (.html, .md) unless \
            --format is given; without -o the report goes to standard output.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case md, html }

    @Argument(help: "The diagnostics database.")
    var database: String

    @Option(name: .shortAndLong, help: "Write to this file instead of standard output.")
    var output: String?

    @Option(name: .long, help: "md (GitHub Markdown) or html (one file: inline CSS and SVG, prints well).")
    var format: Format?

    func run() throws {
        let chosen = format ?? (output.map { ($0 as NSString).pathExtension.lowercased().hasPrefix("htm") } == true ? .html : .md)
        let app = try openForReading(database)
        let report = try reportingErrors { try ReportBuilder.make(app, generatedAt: Self.today()) }
        let text = OutputText.document(chosen == .html ? HTMLReport.render(report) : MarkdownReport.render(report))
        guard let output else {
            emit(text, terminator: "")
            return
        }
        try reportingErrors { try text.write(toFile: output, atomically: true, encoding: .utf8) }
        FileHandle.standardError.write(Data("clade: wrote \(SafeText.line(output)) (\(chosen.rawValue), \(text.utf8.count / 1024) KB)\n".utf8))
    }

    /// The date the report is written, `2026-12-01`.
    static func today() -> String {
        var t = time(nil)
        var parts = tm()
        gmtime_r(&t, &parts)
        return String(format: "%04d-%02d-%02d", Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1, Int(parts.tm_mday))
    }
}
