import CladeTestSupport
import Foundation
import Testing

/// A value in Clade's tables that this build does not know (a hand edit, or a newer Clade):
/// the commands that read it say so in one line and exit non-zero, the file unchanged.
@Suite("unknown stored values", .enabled(if: CladeCLI.isAvailable))
struct StoredValueCommandTests {
    @Test func exportRefusesAnUnknownClusterStatusInOneLine() throws {
        let scratch = try Scratch()
        let path = scratch.path("review.sqlite")
        try Pipelines.write(at: path)
        let script = scratch.path("d.jsonl")
        try Data(#"{"op":"dismiss","cluster_id":10}"#.utf8).write(to: URL(fileURLWithPath: script))
        let applied = try CladeCLI.run(["apply", path, script, "--reviewer", "ci"])
        #expect(applied.status == 0, "\(applied.stderr)")
        try Pipelines.sqlite3(path, "PRAGMA ignore_check_constraints = ON; UPDATE clade_cluster_state SET status = 'archived' WHERE cluster_id = 10;")
        try PipelineCommandsTests.refused(["export", path], file: path, mentioning: "status 'archived' is not one of active, merged, dismissed")
    }
}
