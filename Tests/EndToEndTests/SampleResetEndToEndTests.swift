import CladeTestSupport
import Foundation
import Testing

/// Where the sample's working copy goes ($HOME, not the account's home in the user database), and
/// `--reset-sample`: it keeps the old review in a dated copy, asks first in a terminal, and
/// without one needs `--yes`.
extension EndToEnd {
    @Suite("sample reset, end to end", .serialized, .enabled(if: TmuxSession.isAvailable, "tmux is not installed"))
    struct SampleResetEndToEndTests {
        /// A fresh `$HOME`, with the other variables that choose the data folder unset.
        final class Home {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("clade-home-\(UUID().uuidString)")
            var sampleFolder: String { folder.path + "/.local/share/clade/sample" }
            var workingCopy: String { sampleFolder + "/construction.sqlite" }
            init() throws { try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true) }
            deinit { try? FileManager.default.removeItem(at: folder) }

            func session(_ arguments: [String]) throws -> TmuxSession {
                try TmuxSession(command: [try CladeBinary.path()] + arguments, width: 120, height: 40,
                                env: ["HOME": folder.path], unset: ["CLADE_HOME", "XDG_DATA_HOME"])
            }

            func clade(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
                try SampleCopy.clade(arguments, environment: ["HOME": folder.path, "CLADE_HOME": "", "XDG_DATA_HOME": ""])
            }

            func decisions(_ path: String) throws -> String {
                try Spawn.run(["sqlite3", "-readonly", path, "SELECT COUNT(*) FROM clade_decisions"]).output.trimmingCharacters(in: .whitespacesAndNewlines)
            }

            func keptCopies() -> [String] {
                ((try? FileManager.default.contentsOfDirectory(atPath: sampleFolder)) ?? []).filter { $0.hasPrefix("construction-reviewed-") && $0.hasSuffix(".sqlite") }
            }
        }

        @Test func theWorkingCopyGoesUnderHOMEAndAResetKeepsTheReview() async throws {
            let home = try Home()
            // One decision in the working copy, made in the app under this $HOME.
            var tmux = try home.session(["--reviewer", "e2e"])
            _ = try await tmux.waitFor("[1 Clusters]")
            #expect(FileManager.default.fileExists(atPath: home.workingCopy), "the working copy is under $HOME")
            try tmux.send(keys: "j", "p", "1")
            _ = try await tmux.waitFor("P1")
            try tmux.send(keys: "q")
            _ = try await tmux.waitForExit()
            #expect(try home.decisions(home.workingCopy) == "1")

            // Without a terminal and without --yes: one line, nothing changed.
            let refused = try home.clade(["--reset-sample"])
            #expect(refused.status != 0)
            #expect(refused.stderr.contains("add --yes") && refused.stderr.split(separator: "\n").count == 1, "\(refused.stderr)")
            #expect(try home.decisions(home.workingCopy) == "1" && home.keptCopies().isEmpty)

            // In a terminal it asks; N (or Enter) keeps everything.
            tmux = try home.session(["--reset-sample"])
            _ = try await tmux.waitFor("[y/N]")
            try tmux.send(keys: .text("n"), .enter)
            _ = try await tmux.waitFor("the sample was not reset")
            #expect(try home.decisions(home.workingCopy) == "1" && home.keptCopies().isEmpty)

            // y resets, and the old review is kept beside it under a dated name.
            tmux = try home.session(["--reset-sample"])
            _ = try await tmux.waitFor("(1 decision)")
            try tmux.send(keys: .text("y"), .enter)
            _ = try await tmux.waitFor("[1 Clusters]")
            try tmux.send(keys: "q")
            _ = try await tmux.waitForExit()
            #expect(try home.decisions(home.workingCopy) == "0")
            let kept = home.keptCopies()
            #expect(kept.count == 1)
            if let copy = kept.first { #expect(try home.decisions(home.sampleFolder + "/" + copy) == "1") }
        }
    }
}
