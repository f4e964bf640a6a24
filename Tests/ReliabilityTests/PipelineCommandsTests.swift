import CladeStore
import CladeTestSupport
import Foundation
import Testing

/// The pipeline-loop commands run as a pipeline runs them: the built binary, a real file. Every
/// bad input gets one clear line on standard error, a non-zero exit, and the file unchanged.
@Suite("pipeline commands: ack, carry-forward, apply, export", .enabled(if: CladeCLI.isAvailable))
struct PipelineCommandsTests {
    /// Everything the file holds, as SQL text: equal dumps mean the file did not change.
    static func dump(_ path: String) throws -> String {
        let r = try Spawn.run(["sqlite3", "-batch", path, ".dump"])
        #expect(r.status == 0, "sqlite3 .dump: \(r.error)")
        return r.output
    }

    /// Runs clade and expects a refusal: one line, non-zero, nothing changed.
    static func refused(_ arguments: [String], file path: String, mentioning: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let before = try dump(path)
        let r = try CladeCLI.run(arguments)
        let lines = r.stderr.split(separator: "\n")
        #expect(r.status != 0, "\(arguments) exited 0", sourceLocation: sourceLocation)
        #expect(lines.count == 1 && r.stderr.hasPrefix("clade: "), "\(arguments): \(r.stderr)", sourceLocation: sourceLocation)
        #expect(r.stderr.contains(mentioning), "\(arguments): \(r.stderr)", sourceLocation: sourceLocation)
        #expect(try dump(path) == before, "\(arguments) changed the file", sourceLocation: sourceLocation)
    }

    @Test func consumerReadsAgainUntilItAcksAndAckRefusesBadMoves() throws {
        let scratch = try Scratch()
        let path = scratch.path("review.sqlite")
        try Pipelines.write(at: path)
        let script = scratch.path("d.jsonl")
        try Data("""
            {"op":"relabel","cluster_id":10,"name":"RFI status"}
            {"op":"merge","cluster_ids":[20,21]}
            {"op":"priority","cluster_id":30,"priority":2}
            """.utf8).write(to: URL(fileURLWithPath: script))
        let applied = try CladeCLI.run(["apply", path, script, "--reviewer", "ci"])
        #expect(applied.status == 0 && applied.stdout.contains("3 decisions written on run 1"), "\(applied.stderr)")

        // Export, "crash" before the ack: the same decisions again. Then ack: not again.
        for _ in 0..<2 {
            let e = try CladeCLI.run(["export", path, "--consumer", "etl"])
            let json = try JSONSerialization.jsonObject(with: Data(e.stdout.utf8)) as! [String: Any]
            #expect((json["decisions"] as! [Any]).count == 3 && json["through"] as? Int == 3)
        }
        let jsonl = try CladeCLI.run(["export", path, "--consumer", "etl", "--format", "jsonl"])
        let lines = jsonl.stdout.split(separator: "\n")
        #expect(lines.first?.contains("\"through\":3") == true && lines.last == "{\"kind\":\"end\",\"questions\":60,\"through\":3}" && lines.count == 62)
        let csv = try CladeCLI.run(["export", path, "--consumer", "etl", "--format", "csv", "--table", "clusters"])
        #expect(csv.status == 0 && csv.stderr.contains("acknowledge with: clade ack \(path) --consumer etl --through 3"))

        let ack = try CladeCLI.run(["ack", path, "--consumer", "etl", "--through", "3"])
        #expect(ack.status == 0 && ack.stdout.contains("acknowledged through decision 3"), "\(ack.stderr)")
        let after = try CladeCLI.run(["export", path, "--consumer", "etl"])
        let afterJSON = try JSONSerialization.jsonObject(with: Data(after.stdout.utf8)) as! [String: Any]
        #expect((afterJSON["decisions"] as! [Any]).isEmpty && afterJSON["since"] as? Int == 3)

        try Self.refused(["ack", path, "--consumer", "etl", "--through", "2"], file: path, mentioning: "never moves backwards")
        try Self.refused(["ack", path, "--consumer", "etl", "--through", "9"], file: path, mentioning: "the log ends at decision 3")
        try Self.refused(["ack", path, "--consumer", "", "--through", "1"], file: path, mentioning: "--consumer needs a name")
        try Self.refused(["ack", scratch.path("missing.sqlite"), "--consumer", "etl", "--through", "1"], file: path, mentioning: "missing.sqlite")
    }

    @Test func carryForwardOntoASQLRunAndItsRefusals() throws {
        let scratch = try Scratch()
        let path = scratch.path("review.sqlite")
        try Pipelines.write(at: path)
        try Self.refused(["carry-forward", path], file: path, mentioning: "one run")
        let script = scratch.path("d.jsonl")
        try Data("{\"op\":\"relabel\",\"cluster_id\":10,\"name\":\"RFI status\"}\n{\"op\":\"dismiss\",\"cluster_id\":30}\n".utf8)
            .write(to: URL(fileURLWithPath: script))
        #expect(try CladeCLI.run(["apply", path, script]).status == 0)
        try Pipelines.sqlite3(path, Pipelines.secondRun(source: "spark", embeddings: true))
        try Self.refused(["carry-forward", path, "--from", "5"], file: path, mentioning: "--from 5: no such run")
        try Self.refused(["carry-forward", path, "--from", "2", "--to", "1"], file: path, mentioning: "must be an earlier run")

        let dry = try CladeCLI.run(["carry-forward", path, "--dry-run"])
        #expect(dry.status == 0 && dry.stdout.contains("Dry run: nothing was written"), "\(dry.stderr)")
        let carriedBefore = try Spawn.run(["sqlite3", path, "SELECT COUNT(*) FROM clade_decisions WHERE run_id = 2"]).output
        #expect(carriedBefore.hasPrefix("0"))
        let carried = try CladeCLI.run(["carry-forward", path])
        #expect(carried.status == 0 && carried.stdout.contains("Carry-forward from run 1 to run 2"), "\(carried.stderr)")
        #expect(carried.stdout.contains("label “RFI status”") && carried.stdout.contains("dismissed"))
        try Self.refused(["carry-forward", path], file: path, mentioning: "already carried")
    }

    @Test func applyRefusesBadLinesByNumber() throws {
        let scratch = try Scratch()
        let path = scratch.path("review.sqlite")
        try Pipelines.write(at: path)
        func script(_ text: String) throws -> String {
            let p = scratch.path("s-\(UUID().uuidString).jsonl")
            try Data(text.utf8).write(to: URL(fileURLWithPath: p))
            return p
        }
        let good = "{\"op\":\"note\",\"cluster_id\":10,\"note\":\"ok\"}\n"
        try Self.refused(["apply", path, try script(good + "{not json\n")], file: path, mentioning: ".jsonl:2: not valid JSON; nothing was written")
        try Self.refused(["apply", path, try script(good + "{\"op\":\"explode\"}\n")], file: path, mentioning: "unknown op \"explode\"")
        try Self.refused(["apply", path, try script("")], file: path, mentioning: "no decisions")
        try Self.refused(["apply", path, try script(good + "{\"op\":\"relabel\",\"cluster_id\":999,\"name\":\"x\"}\n"), "--atomic"], file: path,
                         mentioning: ":2: cluster 999 is not a cluster of run 1; nothing was written")
        try Self.refused(["apply", path, try script(good + "{\"op\":\"move\",\"question_ids\":[7000],\"into\":10}\n"), "--dry-run"], file: path,
                         mentioning: "question id is not in run 1")
        try Self.refused(["apply", path, scratch.path("none.jsonl")], file: path, mentioning: "no such file")
        try Self.refused(["apply", path, scratch.url.path], file: path, mentioning: "is a folder")

        // Without --atomic, the decisions before the bad line stay.
        let r = try CladeCLI.run(["apply", path, try script(good + good + "{\"op\":\"relabel\",\"cluster_id\":-5,\"name\":\"x\"}\n")])
        #expect(r.status != 0 && r.stderr.contains(":3:") && r.stderr.contains("the 2 decisions before it were written (#1–#2), nothing after"), "\(r.stderr)")
        let written = try Spawn.run(["sqlite3", path, "SELECT COUNT(*) FROM clade_decisions"]).output
        #expect(written.hasPrefix("2"))
    }

    @Test func exportRefusesOptionsThatDoNotGoTogether() throws {
        let scratch = try Scratch()
        let path = scratch.path("review.sqlite")
        try Pipelines.write(at: path)
        try Self.refused(["export", path, "--format", "kura", "--changed"], file: path, mentioning: "--changed goes with")
        try Self.refused(["export", path, "--format", "json", "--table", "questions"], file: path, mentioning: "--table goes with --format csv")
        try Self.refused(["export", path, "--run", "4"], file: path, mentioning: "has no run 4")
        try Self.refused(["export", path, "--format", "kura", "--consumer", "etl"], file: path, mentioning: "not the decisions")
        try Self.refused(["export", path, "--since", "1", "--consumer", "x"], file: path, mentioning: "cannot be combined")
        let kura = try CladeCLI.run(["export", path, "--format", "kura"])
        #expect(kura.status == 0 && kura.stdout.split(separator: "\n").count == 7)
        let table = try CladeCLI.run(["export", path, "--format", "csv", "--table", "questions"])
        #expect(table.stdout.hasPrefix("question_id,external_id,pipeline_cluster_id,reviewed_cluster_id,concept_id,label,status,topic\n"))
    }
}
