import CladeTestSupport
import Foundation
import Testing

/// The real binary against hostile texts and odd terminals: question texts and names carrying
/// escape sequences cannot change the terminal's state; TERM=dumb, an unknown TERM, a C locale,
/// no terminal on stdin or stdout, 1×1 and resize storms are all handled.
@Suite("terminal safety, end to end", .serialized, .enabled(if: TmuxSession.isAvailable, "tmux is not installed"))
struct TerminalSafetyEndToEndTests {
    /// Weather at the site (cluster 60) gets hostile question texts, a hostile name, and the
    /// title a hostile value: window title (OSC 0/2), colours, leaving the alternate screen,
    /// clearing, showing the cursor, C1 CSI, clipboard (OSC 52), DSR, DCS, bell, backspace, CR.
    static let hostile = keepEight + """
        UPDATE meta SET value = 'Northwind ' || char(27) || ']2;PWNED-TITLE' || char(27) || '\\' WHERE key = 'title';
        UPDATE clusters SET name = 'Weather ' || char(27) || '[5m' || char(27) || ']0;PWNED-NAME' || char(7) || 'at the site' WHERE cluster_id = 60;
        UPDATE questions SET text = CASE \(rank)
            WHEN 0 THEN 'title ' || char(27) || ']0;PWNED' || char(7) || ' end'
            WHEN 1 THEN 'red ' || char(27) || '[31;1mRED' || char(27) || '[0m end'
            WHEN 2 THEN 'alt ' || char(27) || '[?1049l' || char(27) || '[2J' || char(27) || '[H end'
            WHEN 3 THEN 'cursor ' || char(27) || '[?25h' || char(27) || '[10;10HMOVED end'
            WHEN 4 THEN 'c1 ' || char(155) || '31mC1RED end'
            WHEN 5 THEN 'clip ' || char(27) || ']52;c;cHduZWQ=' || char(7) || ' end'
            WHEN 6 THEN 'dsr ' || char(27) || '[6n' || char(27) || 'P+q544e' || char(27) || '\\ end'
            ELSE 'bell' || char(7) || char(8) || char(8) || 'XX' || char(13) || 'cr end' END
        WHERE question_id IN (SELECT question_id FROM assignments WHERE cluster_id = 60);
        """

    /// Cluster 60 keeps exactly eight questions, so that every one is on screen.
    static let keepEight = """
        CREATE TEMP TABLE gone AS SELECT question_id FROM assignments WHERE cluster_id = 60 AND question_id NOT IN
            (SELECT question_id FROM assignments WHERE cluster_id = 60 ORDER BY question_id LIMIT 8);
        DELETE FROM question_capabilities WHERE question_id IN gone;
        DELETE FROM question_embeddings WHERE question_id IN gone;
        DELETE FROM assignments WHERE question_id IN gone;
        DELETE FROM questions WHERE question_id IN gone;

        """
    /// 0…7: the question's place in cluster 60.
    static let rank = "(SELECT COUNT(*) FROM assignments a WHERE a.cluster_id = 60 AND a.question_id < questions.question_id)"

    @Test func escapeSequencesInTextsNeverReachTheTerminal() async throws {
        let sample = try ReliabilitySample()
        try sample.write(Self.hostile)
        let tmux = try await sample.start()
        try await tmux.select("Weather")
        try tmux.send(keys: .enter)
        let screen = try await tmux.waitFor("[2 Weather", timeout: .seconds(30))

        // Shown, escaped: every sequence is visible text, nothing was acted on.
        for shown in ["^[]0;PWNED^G end", "^[[31;1mRED^[[0m end", "^[[?1049l^[[2J^[[H end", "^[[?25h^[[10;10HMOVED end", "c1 �31mC1RED", "^[]52;c;cHduZWQ=^G", "^[[6n^[P+q544e^[\\ end", "bell^G^H^HXX cr end"] {
            #expect(screen.contains(shown), "\(shown) not shown escaped:\n\(screen)")
        }
        #expect(screen.contains("Weather ^[[5m^[]0;PWNED"))
        #expect(screen.contains("Northwind ^[]2;PWNED"))
        // The terminal's state: title, alternate screen, cursor, clipboard, colours.
        #expect(!(try tmux.format("#{pane_title}")).contains("PWNED"))
        #expect(try tmux.format("#{alternate_on}") == "1")
        #expect(try tmux.format("#{cursor_flag}") == "0")
        #expect(try TmuxSession.run(["-L", tmux.socket, "list-buffers"]).output.isEmpty, "OSC 52 reached the clipboard")
        let styled = try tmux.capture(escapes: true)
        #expect(styled.range(of: #"\x1B\[[0-9;]*m(RED|C1RED|MOVED)"#, options: .regularExpression) == nil, "a text changed the colours")

        // Every row still fits: nothing moved the cursor.
        #expect(screen.split(separator: "\n").allSatisfy { $0.count <= 120 })
        try tmux.send(keys: "q")
        #expect(try await tmux.waitForExit(timeout: .seconds(30)) == 0)
        #expect(!(try tmux.format("#{pane_title}")).contains("PWNED"))
        #expect(try tmux.format("#{alternate_on}") == "0")
    }

    @Test func rightToLeftEmojiAndWideTextsKeepTheColumns() async throws {
        let sample = try ReliabilitySample()
        try sample.write(Self.keepEight + """
            UPDATE questions SET text = CASE \(Self.rank) % 5
                WHEN 0 THEN 'מה הסטטוס של RFI 12 באתר?'
                WHEN 1 THEN 'ما هي ميزانية المشروع هذا الشهر؟'
                WHEN 2 THEN 'family 👨‍👩‍👧‍👦 and 👩‍💻 at 🏳️‍🌈 site'
                WHEN 3 THEN '漢字の質問 ｗｉｄｅ'
                ELSE 'e' || char(769, 769, 769) || ' marks ' || char(8238) || 'reversed' || char(8236) END
            WHERE question_id IN (SELECT question_id FROM assignments WHERE cluster_id = 60);
            """)
        let tmux = try await sample.start()
        try await tmux.select("Weather")
        try tmux.send(keys: .enter)
        let screen = try await tmux.waitFor("[2 Weather", timeout: .seconds(30))
        #expect(screen.contains("👩‍💻") || screen.contains("👩"))
        #expect(!screen.unicodeScalars.contains { $0.value == 8238 }, "a bidi override reached the terminal")
        // The right border of the questions box stays in the last column on every row.
        let rows = screen.split(separator: "\n", omittingEmptySubsequences: false).filter { $0.contains("marks") || $0.contains("漢字") || $0.contains("family") }
        #expect(!rows.isEmpty)
        for row in rows { #expect(row.hasSuffix("│") || row.hasSuffix("┃"), "the border moved: \(row)") }
        try tmux.send(keys: "q")
        _ = try await tmux.waitForExit()
    }

    @Test func dumbAndUnknownTerminalsAndTheCLocale() async throws {
        let sample = try ReliabilitySample()
        let untouched = try Self.fingerprint(sample.path)
        let dumb = try await sample.start(env: ["TERM": "dumb"], waitFor: nil)
        #expect(try await dumb.waitForExit(timeout: .seconds(30)) == 1)
        let said = try dumb.capture(history: true)
        #expect(said.contains("clade: terminal type 'dumb' cannot move the cursor"), "\(said)")
        // Refused before the file is opened: no WAL, no Clade tables, no journal left behind.
        #expect(try Self.fingerprint(sample.path) == untouched)

        let unknown = try await sample.start(env: ["TERM": "no-such-terminal-9000"])
        let screen = try unknown.screen()
        #expect(screen.contains("TERM 'no-such-terminal-9000' is unknown here; drawing as"), "\(screen)")
        try unknown.send(keys: "q")
        #expect(try await unknown.waitForExit() == 0)

        let ascii = try await sample.start(env: ["LANG": "C", "LC_ALL": "C"])
        let plain = try ascii.screen()
        #expect(!plain.contains("│") && !plain.contains("┌") && plain.contains("+-"), "\(plain)")
        try ascii.send(keys: "q")
        #expect(try await ascii.waitForExit() == 0)
    }

    @Test func noTerminalOnStandardInputOrOutput() async throws {
        let sample = try ReliabilitySample()
        let untouched = try Self.fingerprint(sample.path)
        let binary = try CladeBinary.path()
        for (command, stream) in [("'\(binary)' '\(sample.path)' | cat; echo \"status ${PIPESTATUS[0]}\"", "standard output"),
                                  ("'\(binary)' '\(sample.path)' < /dev/null; echo \"status $?\"", "standard input")] {
            let tmux = try TmuxSession(command: ["bash", "-c", command + "; sleep 30"], width: 120, height: 10, env: ["CLADE_HOME": sample.home])
            let screen = try await tmux.waitFor("status", timeout: .seconds(30))
            #expect(screen.contains("clade: clade needs an interactive terminal, but \(stream) is not one"), "\(screen)")
            #expect(screen.contains("status 1"), "\(screen)")
        }
        #expect(try Self.fingerprint(sample.path) == untouched, "a session that could not start changed the file")
    }

    @Test func oneByOneAndAResizeStorm() async throws {
        let sample = try ReliabilitySample()
        let tmux = try await sample.start(width: 80, height: 24)
        try tmux.resize(width: 1, height: 1)
        try await Task.sleep(for: .milliseconds(300))
        #expect(tmux.isRunning)
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<60 {
            try tmux.resize(width: Int.random(in: 1...200, using: &rng), height: Int.random(in: 1...60, using: &rng))
        }
        try tmux.send(keys: "jj")
        try tmux.resize(width: 120, height: 40)
        let screen = try await tmux.waitUntil("the full layout again", timeout: .seconds(30)) { $0.contains("[1 Clusters]") && $0.contains("3 Capabilities") }
        #expect(tmux.isRunning)
        let lines = screen.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.allSatisfy { $0.count <= 120 })
        #expect(lines.first?.hasPrefix(" Clade") == true)
        try tmux.send(keys: "q")
        #expect(try await tmux.waitForExit() == 0)
    }

    /// The file's checksum and what lies beside it (read by cksum and ls: this process opens nothing).
    static func fingerprint(_ path: String) throws -> String {
        let folder = (path as NSString).deletingLastPathComponent
        return try Spawn.run(["cksum", path]).output + Spawn.run(["ls", folder]).output
    }
}
