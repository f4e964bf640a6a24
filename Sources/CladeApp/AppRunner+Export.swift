import CladeCore
import CladeReport
import CladeStore
import Foundation

/// `:export` and `:report` from the palette: the same documents as `clade export --format json`
/// and `clade report`, written from the open database (read-only work), then a notice says where.
extension AppRunner {
    func writeFile(_ request: OutputRequest) {
        let path = request.resolved(database: database.path, home: ProcessInfo.processInfo.environment["HOME"])
        do {
            let text: String
            switch request.kind {
            case .decisions:
                text = OutputText.json(try DecisionExport.make(database, since: nil, consumer: nil, includeQuestions: nil).json()) + "\n"
            case .report:
                let report = try ReportBuilder.make(database, generatedAt: Self.today())
                text = OutputText.document(request.isMarkdown ? MarkdownReport.render(report) : HTMLReport.render(report))
            }
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            let size = text.utf8.count >= 1024 ? "\(text.utf8.count / 1024) KB" : "\(text.utf8.count) bytes"
            send(.notice("Wrote \(request.kind.title) to \(OutputText.terminalLine(path)) (\(size))"))
        } catch {
            let reason = (error as? LocalizedError)?.errorDescription ?? (error as NSError).localizedDescription
            send(.notice("Could not write \(OutputText.terminalLine(path)): \(OutputText.terminalLine(reason))", isError: true))
        }
    }

    /// The day the report is written, `2026-12-01` (UTC, as `clade report` dates it).
    static func today() -> String {
        var t = time(nil)
        var parts = tm()
        gmtime_r(&t, &parts)
        return String(format: "%04d-%02d-%02d", Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1, Int(parts.tm_mday))
    }
}
