import CladeTestSupport
import Foundation
import Testing

/// `clade queue` as a user runs it: the sample's planted findings, and one clear line for a bad file.
@Suite("clade queue", .enabled(if: CladeCLI.isAvailable, "needs the built clade binary"))
struct QueueCommandTests {
    @Test func theSampleQueueNamesThePlantedFindings() throws {
        let scratch = try Scratch()
        let path = try Pipelines.sample(into: scratch)
        let before = FileSnapshot(path)
        let r = try CladeCLI.run(["queue", path])
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("Review queue of run 1 (embeddings)") == true, "\(r.stdout)")
        #expect(lines.contains { $0.contains("1. Split “Drawing counts and revisions” into 2") }, "\(r.stdout)")
        #expect(lines.contains { $0.contains("Merge “Open RFIs” into “RFI status”") }, "\(r.stdout)")
        #expect(FileSnapshot(path) == before, "listing the queue writes nothing")

        let json = try CladeCLI.run(["queue", path, "--json", "--limit", "1"])
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        let proposals = object?["proposals"] as? [[String: Any]]
        #expect(proposals?.count == 1 && (proposals?.first?["key"] as? String)?.hasPrefix("recut:") == true, "\(json.stdout)")
    }

    @Test func aBadFileOrLimitIsOneLine() throws {
        let scratch = try Scratch()
        let text = scratch.path("notes.sqlite")
        FileManager.default.createFile(atPath: text, contents: Data("hello".utf8))
        for arguments in [["queue", text], ["queue", scratch.path("missing.sqlite")], ["queue", text, "--limit", "0"]] {
            let r = try CladeCLI.run(arguments)
            #expect(r.status != 0, "\(arguments)")
            #expect(r.stderr.split(separator: "\n").count <= 3 && !r.stderr.contains("Fatal"), "\(arguments): \(r.stderr)")
        }
    }

    /// `--progress`: the first proposals (those that need only centres) are reported before any
    /// re-cut is checked, then each re-cut; the last line counts what is listed.
    @Test func progressReportsTheFirstProposalsThenEachRecut() throws {
        let scratch = try Scratch()
        let path = try Pipelines.sample(into: scratch)
        let r = try CladeCLI.run(["queue", path, "--progress"])
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stderr.split(separator: "\n").map(String.init).filter { $0.hasPrefix("clade: queue: ") }
        #expect(lines.first?.hasPrefix("clade: queue: run loaded after ") == true, "\(r.stderr)")
        #expect(lines.dropFirst().first?.contains("re-cuts checked 0/") == true, "\(r.stderr)")
        let total = r.stdout.split(separator: "\n").first.flatMap { $0.split(separator: ":").last }?.split(separator: " ").first ?? ""
        #expect(lines.last?.hasPrefix("clade: queue: \(total) proposals after ") == true, "\(r.stderr) / \(r.stdout)")
        #expect(lines.count >= 3)
    }
}
