import CladeCore
import CladeStore
import CladeTestSupport
import Foundation
import GRDB
import Testing

/// `kill -9` (what a power cut leaves of a process) at random moments of the commands a pipeline
/// runs: `clade apply` writing decisions of every kind, and a consumer's `clade export` / `clade
/// ack`. Whatever moment the kill lands on, the file is sound, every decision in the log is whole
/// (the state is what replaying the log gives), a cursor is the old or the new value, and a
/// consumer whose ack did not land reads the same decisions again.
@Suite("kill -9 during apply and ack", .serialized)
struct KillNineCommandTests {
    static let trials = Budget.value("CLADE_KILL_COMMAND_TRIALS", default: 6)

    /// Every op `clade apply` accepts, then enough small ones that a kill lands mid-file.
    static func script(_ path: String) throws -> [String] {
        let inTen = try Pipelines.sqlite3(path, "SELECT question_id FROM assignments WHERE cluster_id = 10 ORDER BY 1 LIMIT 2")
            .split(separator: "\n").joined(separator: ",")
        let inTwenty = try Pipelines.sqlite3(path, "SELECT question_id FROM assignments WHERE cluster_id = 20 ORDER BY 1 LIMIT 1")
        var lines = [
            #"{"op":"relabel","cluster_id":10,"name":"RFI status","description":"open RFIs"}"#,
            #"{"op":"priority","cluster_id":10,"priority":"P1"}"#,
            #"{"op":"issue_type","cluster_id":11,"issue_type":"capability"}"#,
            #"{"op":"action","cluster_id":20,"action":"monitor"}"#,
            #"{"op":"note","cluster_id":21,"note":"check with finance"}"#,
            #"{"op":"split","cluster_id":10,"question_ids":[\#(inTen)],"name":"RFI deadlines"}"#,
            #"{"op":"move","question_ids":[\#(inTwenty)],"into":11}"#,
            #"{"op":"merge","cluster_ids":[20,21],"name":"Money"}"#,
            #"{"op":"dismiss","cluster_id":30}"#,
            #"{"op":"reviewed","cluster_id":11}"#,
            #"{"op":"restore","cluster_id":30}"#,
        ]
        for i in 1...40 {
            lines.append(#"{"op":"relabel","cluster_id":11,"name":"Drawings \#(i)"}"#)
            lines.append(#"{"op":"priority","cluster_id":11,"priority":\#(i % 4)}"#)
            lines.append(#"{"op":"note","cluster_id":30,"note":"pass \#(i)"}"#)
        }
        return lines
    }

    static func decisionCount(_ path: String) throws -> Int {
        // A kill before Clade's first migration leaves no log at all.
        guard try Pipelines.sqlite3(path, "SELECT COUNT(*) FROM sqlite_master WHERE name = 'clade_decisions'") == "1" else { return 0 }
        return Int(try Pipelines.sqlite3(path, "SELECT COUNT(*) FROM clade_decisions")) ?? -1
    }

    /// Sound file, log = state (read by this process, a second one), and `clade check` passes.
    static func expectWhole(_ path: String, _ context: String) throws {
        #expect(try Pipelines.sqlite3(path, "PRAGMA integrity_check") == "ok", "\(context)")
        let queue = try DatabaseQueue(path: path)
        let consistent = try queue.read { try DecisionLogCheck.isConsistent($0) }
        try queue.close()
        #expect(consistent, "\(context): the state is not what replaying the log gives")
        let check = try CladeCLI.run(["check", path])
        #expect(check.status == 0, "\(context): clade check: \(check.stdout) \(check.stderr)")
    }

    static func elapsed(_ body: () throws -> Void) rethrows -> Double {
        let start = Date()
        try body()
        return Date().timeIntervalSince(start)
    }

    @Test(.enabled(if: CladeCLI.isAvailable))
    func applyKilledAtRandomMomentsLeavesEveryDecisionWhole() throws {
        let scratch = try Scratch()
        let reference = scratch.path("reference.sqlite")
        try Pipelines.write(at: reference)
        let lines = try Self.script(reference)
        let scriptPath = scratch.path("decisions.jsonl")
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: scriptPath))

        // An uncut run: every line is accepted, and how long a whole run takes on this machine.
        let whole = try Self.elapsed {
            let r = try CladeCLI.run(["apply", reference, scriptPath])
            #expect(r.status == 0, "\(r.stderr)")
        }
        #expect(try Self.decisionCount(reference) == lines.count)
        try Self.expectWhole(reference, "uncut run")

        var rng = SeededGenerator(seed: Budget.seed)
        var killedMidway = 0
        for trial in 1...Self.trials {
            let path = scratch.path("trial\(trial).sqlite")
            try Pipelines.write(at: path)
            let atomic = trial % 3 == 0
            let delay = rng.nextUnit() * whole * 1.1
            let child = try Spawn.start([CladeCLI.path!, "apply", path, scriptPath] + (atomic ? ["--atomic"] : []))
            usleep(useconds_t(delay * 1_000_000))
            child.kill(SIGKILL)
            let ended = child.wait()
            let context = "trial \(trial) (seed \(Budget.seed), kill after \(String(format: "%.3f", delay)) s, exit \(ended.status)\(atomic ? ", --atomic" : ""))"
            let count = try Self.decisionCount(path)
            if count > 0 && count < lines.count { killedMidway += 1 }
            #expect((0...lines.count).contains(count), "\(context): \(count) decisions")
            if atomic { #expect(count == 0 || count == lines.count, "\(context): an --atomic apply left \(count) of \(lines.count)") }
            try Self.expectWhole(path, context)

            // The rest of the script applies on top of what survived, as a rerun would.
            if count < lines.count && !atomic {
                let rest = scratch.path("rest\(trial).jsonl")
                try Data((lines[count...].joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: rest))
                let r = try CladeCLI.run(["apply", path, rest])
                #expect(r.status == 0, "\(context): the rest after the kill: \(r.stderr)")
                #expect(try Self.decisionCount(path) == lines.count, "\(context)")
                try Self.expectWhole(path, "\(context), rest applied")
            }
        }
        print("KillNineCommandTests: \(Self.trials) kills of clade apply, \(killedMidway) mid-file, whole run \(String(format: "%.2f", whole)) s")
    }

    static func cursor(_ path: String) throws -> Int64 {
        Int64(try Pipelines.sqlite3(path, "SELECT last_decision_id FROM clade_consumer_cursor WHERE consumer = 'etl'")) ?? 0
    }

    static func export(_ path: String) throws -> (decisions: Data, through: Int) {
        let r = try CladeCLI.run(["export", path, "--consumer", "etl"])
        guard r.status == 0, let json = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any],
              let decisions = json["decisions"] as? [Any], let through = json["through"] as? Int
        else { throw Pipelines.ShellFailed(description: "export --consumer: \(r.stderr)") }
        return (try JSONSerialization.data(withJSONObject: decisions, options: [.sortedKeys]), through)
    }

    @Test(.enabled(if: CladeCLI.isAvailable))
    func aConsumerKilledAroundItsAckReadsTheSameDecisionsAgain() throws {
        let scratch = try Scratch()
        let path = scratch.path("review.sqlite")
        try Pipelines.write(at: path)
        var rng = SeededGenerator(seed: Budget.seed &+ 1)
        var notLanded = 0, landed = 0
        for trial in 1...Self.trials {
            let script = scratch.path("d\(trial).jsonl")
            try Data("""
                {"op":"relabel","cluster_id":11,"name":"Drawings \(trial)"}
                {"op":"note","cluster_id":30,"note":"trial \(trial)"}
                """.utf8).write(to: URL(fileURLWithPath: script))
            #expect(try CladeCLI.run(["apply", path, script]).status == 0)
            let old = try Self.cursor(path)

            // Killed while exporting: an export never moves the cursor.
            let exporting = try Spawn.start([CladeCLI.path!, "export", path, "--consumer", "etl"])
            usleep(useconds_t(rng.nextUnit() * 150_000))
            exporting.kill(SIGKILL)
            _ = exporting.wait()
            #expect(try Self.cursor(path) == old, "trial \(trial): a killed export moved the cursor")

            let first = try Self.export(path)
            let child = try Spawn.start([CladeCLI.path!, "ack", path, "--consumer", "etl", "--through", String(first.through)])
            let delay = rng.nextUnit() * 0.15
            usleep(useconds_t(delay * 1_000_000))
            child.kill(SIGKILL)
            let ended = child.wait()
            let context = "trial \(trial) (kill after \(String(format: "%.3f", delay)) s, exit \(ended.status))"
            let now = try Self.cursor(path)
            #expect(now == old || now == Int64(first.through), "\(context): cursor \(now), neither \(old) nor \(first.through)")
            #expect(try Pipelines.sqlite3(path, "PRAGMA integrity_check") == "ok", "\(context)")
            if now == old {
                notLanded += 1
                let again = try Self.export(path)
                #expect(again.decisions == first.decisions && again.through == first.through, "\(context): the next export differs")
                let ack = try CladeCLI.run(["ack", path, "--consumer", "etl", "--through", String(first.through)])
                #expect(ack.status == 0, "\(context): \(ack.stderr)")
            } else {
                landed += 1
                let again = try Self.export(path)
                #expect(again.decisions == (try JSONSerialization.data(withJSONObject: [Any](), options: [.sortedKeys])), "\(context): acked decisions read again")
            }
            try Self.expectWhole(path, context)
        }
        print("KillNineCommandTests: \(Self.trials) kills of clade ack, \(notLanded) before it landed, \(landed) after")
    }
}
