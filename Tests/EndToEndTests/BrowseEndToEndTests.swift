import CladeTestSupport
import Foundation
import Testing

/// The real `clade` binary in tmux on a copy of the sample: what a reviewer sees at each step.
extension EndToEnd {
    @Suite("browsing, end to end", .serialized, .enabled(if: TmuxSession.isAvailable, "tmux is not installed"))
    struct BrowseEndToEndTests {
        @Test func browseSearchFilterHelpResizeQuit() async throws {
            let sample = try SampleCopy()
            let tmux = try TmuxSession(command: [try CladeBinary.path(), sample.path, "--reviewer", "e2e"], width: 120, height: 40)
            var screen = try await tmux.waitFor("Document search")
            #expect(screen.contains("[1 Clusters]") && screen.contains("5,034 questions · 28 clusters"))
            #expect(screen.contains("Fiscal-year budgets") && screen.contains("H·L·L"))

            // Move through the clusters: the detail follows the selection.
            try tmux.send(keys: "jj")
            screen = try await tmux.waitFor("2 Document search › Drawing counts and revisions")
            #expect(screen.contains("400 questions (7.9%)"))

            // Open its questions: the 10-10 order starts with thumbs-down.
            try tmux.send(keys: .enter)
            screen = try await tmux.waitFor("[2 Document search › Drawing counts and revisions]")
            let firstQuestion = screen.split(separator: "\n").last { $0.contains("│›") }
            #expect(firstQuestion?.contains("-1") == true)

            // Incremental search in the questions: the cursor lands on a match.
            try tmux.send(keys: "/", "A-201")
            screen = try await tmux.waitFor("Search /A-201")
            let selected = screen.split(separator: "\n").last { $0.contains("│›") }
            #expect(selected?.contains("A-201") == true)
            try tmux.send(keys: .enter, .escape)
            _ = try await tmux.waitFor("[1 Clusters]")

            // Filter the clusters by a capability.
            try tmux.send(keys: "3")
            screen = try await tmux.waitFor("[3 Capabilities]")
            try tmux.send(keys: "/", "fiscal", .enter, .enter)
            screen = try await tmux.waitFor("Clusters with “Fiscal-year dates”")
            #expect(screen.contains("Fiscal-year budgets"))
            #expect(!screen.contains("Submittal log exports"))
            try tmux.send(keys: .escape)
            screen = try await tmux.waitFor("Filters cleared")

            // Help lists the keys of the pane, filtered by typing.
            try tmux.send(keys: "1", "?")
            screen = try await tmux.waitFor("Help · Clusters pane")
            #expect(screen.contains("Sort by the next column"))
            try tmux.send(keys: "merge")
            screen = try await tmux.waitUntil("help filtered to merge") { $0.contains("Merge marked clusters") && !$0.contains("Sort by the next column") }
            try tmux.send(keys: .escape, .escape)
            screen = try await tmux.waitUntil("help closed") { !$0.contains("Help · Clusters pane") }

            // Smaller, tiny, and back.
            try tmux.resize(width: 60, height: 18)
            screen = try await tmux.waitUntil("60×18 layout") { $0.contains("[1 Clusters]") && $0.split(separator: "\n").first.map { $0.count <= 60 } == true }
            #expect(!screen.contains("Capabilities"))
            try tmux.resize(width: 30, height: 10)
            screen = try await tmux.waitFor("Terminal too small")
            #expect(screen.contains("30×10"))
            try tmux.resize(width: 120, height: 40)
            screen = try await tmux.waitFor("3 Capabilities")
            #expect(screen.contains("[1 Clusters]"))

            try tmux.send(keys: "q")
            #expect(try await tmux.waitForExit() == 0)
        }

        @Test func checkSaysOneClearLineAndLeavesFilesAlone() throws {
            let sample = try SampleCopy()
            let notSQLite = sample.folder.appendingPathComponent("questions.csv").path
            try Data("text,category\nhello,greeting\n".utf8).write(to: URL(fileURLWithPath: notSQLite))
            let empty = sample.folder.appendingPathComponent("empty.sqlite").path
            _ = FileManager.default.createFile(atPath: empty, contents: Data())
            let missing = sample.folder.appendingPathComponent("missing-table.sqlite").path
            try FileManager.default.copyItem(atPath: sample.path, toPath: missing)
            _ = try sample.sqlOn(missing, "DROP TABLE question_capabilities")

            for (path, phrase) in [(notSQLite, "not an SQLite database"), (empty, "empty"), (missing, "missing table question_capabilities")] {
                let before = FileManager.default.contents(atPath: path)
                let result = try SampleCopy.clade(["check", path])
                #expect(result.status == 1, "\(path)")
                #expect(result.stderr.split(separator: "\n").count == 1 && result.stderr.contains(phrase), "\(result.stderr)")
                #expect(result.stdout.isEmpty)
                #expect(FileManager.default.contents(atPath: path) == before, "\(path) changed")
            }

            let ok = try SampleCopy.clade(["check", sample.path])
            #expect(ok.status == 0)
            #expect(ok.stdout.contains("4,530 rows standing for 5,034 questions (sampled)"))
            #expect(ok.stdout.contains("28 leaf, 5 parent"))
        }

        @Test func noTerminalIsAClearError() throws {
            let sample = try SampleCopy()
            let result = try SampleCopy.clade([sample.path])
            #expect(result.status != 0)
            #expect(result.stderr.hasPrefix("clade: ") && result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
        }
    }
}

extension SampleCopy {
    func sqlOn(_ path: String, _ statement: String) throws -> String {
        try Spawn.run(["sqlite3", path, statement]).output
    }
}
