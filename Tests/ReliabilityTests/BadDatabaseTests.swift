import CladeStore
import Foundation
import Testing

/// Every database of the catalogue (Support/BadDatabases.swift), through `SchemaCheck`, the real
/// `clade check` and `AppDatabase.open`: refused with one line naming the problem and the fix,
/// or opened with a warning; never a trap; the file byte-identical after checking and after a
/// refused open.
@Suite("bad databases")
struct BadDatabaseTests {
    @Test(arguments: BadDatabases.all)
    func badDatabase(_ bad: BadDatabase) throws {
        let scratch = try Scratch()
        let path = scratch.path("diagnostics.sqlite")
        try bad.make(path)
        let before = FileSnapshot(path)
        let filesBefore = scratch.files

        // The check, in process.
        var checkError: StoreError?
        var report: CheckReport?
        do {
            report = try SchemaCheck.run(path: path, options: .thorough)
        } catch let e as StoreError {
            checkError = e
        }
        #expect(FileSnapshot(path) == before, "checking changed the file")

        // The real binary: exit status and output.
        if CladeCLI.isAvailable {
            let cli = try CladeCLI.run(["check", path])
            switch bad.outcome {
            case .refused(let phrase):
                #expect(cli.status == 1, "\(cli.stderr)")
                #expect(cli.stdout.isEmpty)
                #expect(cli.stderr.hasPrefix("clade: ") && cli.stderr.split(separator: "\n").count == 1, "\(cli.stderr)")
                #expect(cli.stderr.contains(phrase), "\(cli.stderr)")
            case .warning(let phrase, _):
                #expect(cli.status == 2, "\(cli.stdout)\(cli.stderr)")
                #expect(cli.stdout.split(separator: "\n").contains { $0.contains("warning") && $0.contains(phrase) }, "\(cli.stdout)")
            case .clean:
                #expect(cli.status == 0, "\(cli.stdout)\(cli.stderr)")
            }
            #expect(FileSnapshot(path) == before, "clade check changed the file")
        }
        #expect(scratch.files == filesBefore, "checking left files beside it")

        switch bad.outcome {
        case .refused(let phrase):
            let error = try #require(checkError, "accepted: \(String(describing: report))")
            #expect(error.description.contains(phrase), "\(error)")
            #expect(!error.description.contains("\n"))
            #expect(throws: error) { try AppDatabase.open(path: path) }
            #expect(FileSnapshot(path) == before, "a refused open changed the file")
        case .warning(let phrase, let onOpen):
            #expect(checkError == nil, "\(String(describing: checkError))")
            #expect(report?.warnings.contains { $0.contains(phrase) } == true, "\(report?.warnings ?? [])")
            let app = try AppDatabase.open(path: path)
            if onOpen { #expect(app.notices.contains { $0.contains(phrase) }, "\(app.notices)") }
            try Exercise.everything(app)
        case .clean:
            #expect(checkError == nil, "\(String(describing: checkError))")
            #expect(report?.warnings == [])
            try Exercise.everything(try AppDatabase.open(path: path))
        }
    }

    @Test func theCatalogueCoversEveryKind() {
        let refused = BadDatabases.all.filter { if case .refused = $0.outcome { true } else { false } }
        #expect(refused.count >= 30)
        #expect(Set(BadDatabases.all.map(\.name)).count == BadDatabases.all.count)
    }
}
