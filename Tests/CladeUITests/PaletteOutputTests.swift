import CladeCore
import CladeStore
import Foundation
import Testing

/// `:report` and `:export` from the palette, through the real run loop: the file is written next
/// to the database (or where the reviewer typed) and the status line says where.
@Suite(.serialized) struct PaletteOutputTests {
    @Test func reportAndExportAreWrittenFromThePalette() throws {
        let app = try SampleApp(width: 120, height: 40)
        let folder = (app.path as NSString).deletingLastPathComponent
        let report = folder + "/sample-report.html"
        let dialog = app.type(":write the report<Enter>").text
        #expect(dialog.contains("Write the report to"))
        #expect(app.state.dialog?.text == report, "the default sits next to the database")
        let done = app.type("<Enter>").text
        #expect(done.contains("Wrote the report to \(report)"), "\(done)")
        let html = try String(contentsOfFile: report, encoding: .utf8)
        #expect(html.hasPrefix("<!DOCTYPE html>") && html.contains("Review of Northwind Builders"))

        // A chosen path: Ctrl-U clears the field; a relative name lands beside the database; .md is Markdown.
        let typed = app.type(":write the report<Enter><C-u>review.md<Enter>").text
        #expect(typed.contains("Wrote the report to \(folder)/review.md"))
        #expect(try String(contentsOfFile: folder + "/review.md", encoding: .utf8).hasPrefix("# Review of Northwind Builders"))

        let exported = app.type(":export the decisions<Enter><Enter>").text
        let json = folder + "/sample-decisions.json"
        #expect(exported.contains("Wrote the decisions to \(json)"), "\(exported)")
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: json))) as? [String: Any]
        #expect(object?["format"] as? String == "clade-decisions/2")

        let failed = app.type(":export the decisions<Enter><C-u>/nonexistent-dir/x.json<Enter>").text
        #expect(failed.contains("Could not write /nonexistent-dir/x.json"))
    }

    @Test func aReadOnlyDatabaseStillWritesItsReport() throws {
        let first = try SampleApp(width: 120, height: 40)
        let app = try SampleApp(width: 120, height: 40, readOnly: true, reopening: first)
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("clade-ro-\(UUID().uuidString).html").path
        defer { try? FileManager.default.removeItem(atPath: out) }
        let screen = app.type(":write the report<Enter><C-u>\(out)<Enter>").text
        #expect(screen.contains("Wrote the report to \(out)"), "\(screen)")
        #expect(FileManager.default.fileExists(atPath: out))
    }

    @Test func homeExpandsFromHOME() {
        let r = OutputRequest(kind: .report, path: "~/r.html")
        #expect(r.resolved(database: "/data/x.sqlite", home: "/home/ana") == "/home/ana/r.html")
        #expect(OutputRequest(kind: .report, path: "r.html").resolved(database: "/data/x.sqlite", home: nil) == "/data/r.html")
        #expect(OutputRequest.defaultPath(.decisions, database: "/data/x.sqlite") == "/data/x-decisions.json")
    }
}
