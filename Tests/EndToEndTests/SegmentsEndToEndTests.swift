import Foundation
import Testing

/// The segment grid in the real binary: a threshold changed with keys moves a cluster between
/// cells on screen, stays after quitting and reopening, and `clade report` then tells it.
@Suite("segments and report, end to end", .serialized, .enabled(if: TmuxSession.isAvailable, "tmux is not installed"))
struct SegmentsEndToEndTests {
    func start(_ sample: SampleCopy) async throws -> TmuxSession {
        let tmux = try TmuxSession(command: [try CladeBinary.path(), sample.path, "--reviewer", "e2e"], width: 120, height: 40)
        _ = try await tmux.waitFor("[1 Clusters]")
        try tmux.send(keys: "4")
        _ = try await tmux.waitFor("[4 Segments]")
        return tmux
    }

    @Test func aThresholdMovesAClusterSurvivesARestartAndReachesTheReport() async throws {
        let sample = try SampleCopy()
        let tmux = try await start(sample)
        var screen = try tmux.screen()
        // L·H·L holds Site logistics (relevance 0.59); L·L·L holds two clusters, 2.5% of questions.
        #expect(screen.contains("L·L·L not worth fixing") && screen.contains("2 · 2.5%"))
        #expect(screen.contains("Site logistics and deliveries"))

        try tmux.send(keys: "t")
        _ = try await tmux.waitFor("Segment thresholds")
        try tmux.send(keys: "r", .ctrl("u"), "0.6", .enter)
        screen = try await tmux.waitFor("Threshold: low relevance below 0.60 · u undoes")
        #expect(screen.contains("3 · 4.8%"))  // Site logistics joined L·L·L at once
        #expect(screen.contains("relevance < 0.60*"))
        try tmux.send(keys: "q")
        #expect(try await tmux.waitForExit() == 0)

        let again = try await start(sample)
        screen = try again.screen()
        #expect(screen.contains("3 · 4.8%") && screen.contains("relevance < 0.60*"))
        try again.send(keys: "q")
        _ = try await again.waitForExit()

        let folder = URL(fileURLWithPath: sample.path).deletingLastPathComponent()
        for format in ["md", "html"] {
            let file = folder.appendingPathComponent("report.\(format)").path
            let run = try SampleCopy.clade(["report", sample.path, "-o", file])
            #expect(run.status == 0, "\(run.stderr)")
            let text = try String(contentsOfFile: file, encoding: .utf8)
            #expect(text.contains("low relevance below: 0.50 in the pipeline, 0.60 after review"), "\(format)")
            #expect(text.contains("Fiscal-year budgets"))
        }
        let stdout = try SampleCopy.clade(["report", sample.path, "--format", "md"])
        #expect(stdout.status == 0 && stdout.stdout.hasPrefix("# Review of Northwind Builders"))
    }
}
