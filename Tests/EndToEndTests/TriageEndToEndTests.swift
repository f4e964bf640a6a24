import Foundation
import Testing

/// Fast keyboard triage on the real binary: bulk decisions on marks, bracketed paste.
extension EndToEnd {
    @Suite("triage, end to end", .serialized, .enabled(if: TmuxSession.isAvailable, "tmux is not installed"))
    struct TriageEndToEndTests {
        func start(_ sample: SampleCopy, width: Int = 120, height: Int = 40, arguments: [String] = []) async throws -> TmuxSession {
            let tmux = try TmuxSession(command: [try CladeBinary.path(), sample.path, "--reviewer", "e2e"] + arguments, width: width, height: height)
            _ = try await tmux.waitFor("[1 Clusters]")
            return tmux
        }

        @Test func priorityOnThreeMarkedClustersIsOneDecisionAndOneUndo() async throws {
            let sample = try SampleCopy()
            let tmux = try await start(sample)
            // The first row is a parent: Space marks the three clusters under it.
            try tmux.send(keys: "j", " ", " ", " ", "p")
            _ = try await tmux.waitFor("Set priority of 3 clusters")
            try tmux.send(keys: "1")
            let screen = try await tmux.waitFor("Set 3 clusters to P1")
            #expect(screen.split(separator: "\n").filter { $0.contains(" P1 ") }.count == 3)
            #expect(try sample.sql("SELECT COUNT(*) FROM clade_cluster_state WHERE priority = 1") == "3")
            #expect(try sample.sql("SELECT COUNT(*) FROM clade_decisions") == "1")
            try tmux.send(keys: "u")
            let undone = try await tmux.waitFor("Undid: Set 3 clusters to P1")
            #expect(!undone.split(separator: "\n").contains { $0.contains(" P1 ") })
            #expect(try sample.sql("SELECT COUNT(*) FROM clade_cluster_state WHERE priority = 1") == "0")
            // The cursor went to what the undo changed (it was on the row after the marks).
            _ = try await tmux.waitUntil("the cursor on Drawing search") { s in
                s.split(separator: "\n").contains { $0.contains("│›") && $0.contains("Drawing search") }
            }
            try tmux.send(keys: .ctrl("r"))
            _ = try await tmux.waitFor("Redid: Set 3 clusters to P1")
            try tmux.send(keys: .ctrl("r"))
            _ = try await tmux.waitFor("Nothing to redo")
            try tmux.send(keys: "q")
            #expect(try await tmux.waitForExit() == 0)
        }

        @Test func aMultiLinePasteIntoANoteStaysText() async throws {
            let sample = try SampleCopy()
            let tmux = try await start(sample)
            try tmux.send(keys: "j", "e")
            _ = try await tmux.waitFor("Note on “Drawing search”")
            try tmux.paste("First line\nyp1")
            _ = try await tmux.waitFor("› First line yp1")
            try tmux.send(keys: .enter)
            _ = try await tmux.waitFor("Noted on “Drawing search”: First line yp1")
            #expect(try sample.sql("SELECT COUNT(*) FROM clade_decisions") == "1")
            #expect(try sample.sql("SELECT COUNT(*) FROM clade_cluster_state WHERE reviewed = 1 OR priority IS NOT NULL") == "0")
            // Alt-x is a key of its own: it does not cancel a prompt as a lone Esc would.
            try tmux.send(keys: "/", "Open", .key("M-x"), " RFIs")
            _ = try await tmux.waitFor("Search /Open RFIs")
            // Esc then q at once would read as Alt-q, as in any terminal program: wait between.
            try tmux.send(keys: .escape)
            _ = try await tmux.waitUntil("the search closed") { !$0.contains("Search /") }
            try tmux.send(keys: "q")
            #expect(try await tmux.waitForExit() == 0)
        }

        @Test func aNoteWrittenInEditorKeepsItsLinesAndTheAppComesBack() async throws {
            let sample = try SampleCopy()
            // An "editor" that appends a second line to the file it is given.
            let editor = sample.folder.appendingPathComponent("editor.sh")
            try "#!/bin/sh\nprintf 'second line\\n' >> \"$1\"\n".write(to: editor, atomically: true, encoding: .utf8)
            chmod(editor.path, 0o755)
            let tmux = try TmuxSession(command: [try CladeBinary.path(), sample.path, "--reviewer", "e2e"], width: 120, height: 40,
                                       env: ["EDITOR": editor.path], unset: ["VISUAL"])
            _ = try await tmux.waitFor("[1 Clusters]")
            try tmux.send(keys: "j", "e")
            _ = try await tmux.waitFor("Note on “Drawing search”")
            try tmux.send(keys: "first line", .ctrl("x"))
            let screen = try await tmux.waitFor("Noted on “Drawing search”")
            #expect(screen.contains("[1 Clusters]"))
            #expect(try sample.sql("SELECT note FROM clade_cluster_state") == "first line\nsecond line")
            try tmux.send(keys: "q")
            #expect(try await tmux.waitForExit() == 0)
        }

        @Test func filterBySegmentAndSayWhenNothingMatches() async throws {
            let sample = try SampleCopy()
            let tmux = try await start(sample)
            try tmux.send(keys: "\\", "seg:HLL", .enter)
            let screen = try await tmux.waitFor("matching “seg:HLL”")
            #expect(screen.contains("Fiscal-year budgets") && !screen.contains("Drawing search"))
            try tmux.send(keys: .escape)
            _ = try await tmux.waitUntil("the filter cleared") { $0.contains("Drawing search") }
            try tmux.send(keys: "/", "zzzz")
            _ = try await tmux.waitFor("No match for “zzzz”")
            try tmux.send(keys: .escape)
            _ = try await tmux.waitUntil("the search closed") { !$0.contains("Search /") }
            // The header counts what is reviewed; w walks to the next cluster to review.
            _ = try await tmux.waitFor("· 0 reviewed (0%")
            try tmux.send(keys: "j", "y")
            _ = try await tmux.waitFor("· 1 reviewed (")
            try tmux.send(keys: "w")
            _ = try await tmux.waitFor("26 more to review after this one")
            try tmux.send(keys: "q")
            #expect(try await tmux.waitForExit() == 0)
        }

        @Test func enterReadsAQuestionWholeAndYCopiesIt() async throws {
            let sample = try SampleCopy()
            let tmux = try await start(sample, width: 80, height: 24)
            try tmux.send(keys: "j", .enter)
            // The Questions pane focused ("[2 …") with its questions loaded (the cursor on one).
            _ = try await tmux.waitUntil("the questions loaded") { $0.contains("┌[2 ") && ($0.contains("│›-1") || $0.contains("│›+1")) }
            try tmux.send(keys: .enter)
            let screen = try await tmux.waitFor("[Question ")
            #expect(screen.contains("Project ") && screen.contains("Channel ") && screen.contains("User ") && screen.contains("Sources "))
            #expect(screen.contains("relevance ") && screen.contains("weight "))
            try tmux.send(keys: "Y")
            _ = try await tmux.waitFor("Copied the question to the clipboard (OSC 52)")
            try tmux.send(keys: .escape)
            _ = try await tmux.waitUntil("the question closed") { !$0.contains("[Question ") }
            try tmux.send(keys: "q")
            #expect(try await tmux.waitForExit() == 0)

            // A terminal without OSC 52: the text goes to a file, and the status line says where.
            let vt = try TmuxSession(command: [try CladeBinary.path(), sample.path, "--reviewer", "e2e"], width: 80, height: 24, env: ["TERM": "vt100"])
            _ = try await vt.waitFor("Clusters")
            try vt.send(keys: "j", "Y")
            _ = try await vt.waitFor("clade-copied.txt: this terminal takes no")
            try vt.send(keys: "q")
            #expect(try await vt.waitForExit() == 0)
        }

        @Test func aClickSelectsAClusterAndTheWheelScrollsQuestions() async throws {
            let sample = try SampleCopy()
            let tmux = try await start(sample)
            // Row 6 is the fourth row of the cluster list (title bar, border, column header first).
            try tmux.click(x: 10, y: 6)
            var screen = try await tmux.waitUntil("Specifications selected") { s in
                s.split(separator: "\n").contains { $0.contains("│›") && $0.contains("Specifications") }
            }
            #expect(screen.contains("2 Document search › Specifications"))
            // Its questions loaded (a page arrives after the selection moves).
            _ = try await tmux.waitUntil("the questions of Specifications") { s in
                let lines = s.split(separator: "\n").map(String.init)
                guard let header = lines.firstIndex(where: { $0.contains("FB  Rel Asked") }), lines.indices.contains(header + 1) else { return false }
                return s.contains("250 questions · 10-10") && (lines[header + 1].contains("-1") || lines[header + 1].contains("+1"))
            }
            // The wheel over the Questions pane focuses it and moves three rows at a time.
            try tmux.wheel(down: true, x: 10, y: 30)
            screen = try await tmux.waitUntil("the questions scrolled") { s in
                let lines = s.split(separator: "\n").map(String.init)
                guard let header = lines.firstIndex(where: { $0.contains("FB  Rel Asked") }) else { return false }
                return lines.indices.contains(header + 4) && lines[header + 4].hasPrefix("│›") && s.contains("┌[2 ")
            }
            try tmux.send(keys: "q")
            #expect(try await tmux.waitForExit() == 0)

            // --no-mouse: the same click does nothing.
            let still = try TmuxSession(command: [try CladeBinary.path(), sample.path, "--reviewer", "e2e", "--no-mouse"], width: 120, height: 40)
            _ = try await still.waitFor("[1 Clusters]")
            try still.click(x: 10, y: 6)
            try await Task.sleep(for: .milliseconds(500))
            #expect(!(try still.screen()).split(separator: "\n").contains { $0.contains("│›") && $0.contains("Specifications") })
            try still.send(keys: "q")
        }
    }
}

extension TmuxSession {
    /// A left press at a cell, as an xterm sends it (X10 encoding, which curses reads for `kmous`).
    func click(x: Int, y: Int) throws { try sendMouse(button: 0, x: x, y: y) }

    func wheel(down: Bool, x: Int, y: Int) throws { try sendMouse(button: down ? 65 : 64, x: x, y: y) }

    private func sendMouse(button: Int, x: Int, y: Int) throws {
        let bytes = [UInt8(32 + button), UInt8(33 + x), UInt8(33 + y)]
        try send([.text("\u{1B}[M" + String(decoding: bytes, as: UTF8.self))])
    }

    /// Pastes text as a terminal does: bracketed (`paste-buffer -p`) when the program asked for it.
    func paste(_ text: String) throws {
        let buffer = "clade-e2e"
        _ = try Self.run(["-L", socket, "set-buffer", "-b", buffer, "--", text])
        let result = try Self.run(["-L", socket, "paste-buffer", "-p", "-d", "-b", buffer, "-t", Self.sessionName])
        guard result.status == 0 else { throw Failure(message: "tmux paste-buffer failed: \(result.error)", screen: nil) }
    }
}
