import CladeCore
import Foundation
import GRDB

/// `clade apply`: decisions from a JSON Lines file, written through the same planner as the
/// reviewer's keys, onto the latest run. The whole file is read and every line parsed before
/// anything is written (a malformed line anywhere writes nothing). Then each decision is its own
/// transaction, and the first one refused stops the file there: what came before stays written,
/// nothing after it is. `atomic` writes all of them in one transaction or none; `dryRun` plans
/// them all in one transaction and rolls it back.
public enum ScriptedApply {
    public struct Applied: Equatable, Sendable {
        public var line: Int
        public var decisionID: Int64
        public var summary: String
    }

    public struct Outcome: Sendable {
        public var run: RunID
        public var applied: [Applied]
        /// The line that stopped the file, when one did.
        public var failure: ScriptedDecision.LineError?
        public var rolledBack: Bool
    }

    /// Parses every non-blank line; the first bad one is thrown.
    public static func parse(_ text: String) throws(ScriptedDecision.LineError) -> [ScriptedDecision] {
        var out: [ScriptedDecision] = []
        var number = 0
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            number += 1
            let line = raw.hasSuffix("\r") ? String(raw.dropLast()) : String(raw)
            if line.trimmingCharacters(in: .whitespaces).isEmpty { continue }
            out.append(try ScriptedDecision.parse(line, line: number))
        }
        if out.isEmpty { throw ScriptedDecision.LineError(line: max(number, 1), reason: "no decisions in the file") }
        return out
    }

    public static func run(
        _ app: AppDatabase, decisions: [ScriptedDecision], reviewer: String, atomic: Bool, dryRun: Bool, now: @escaping @Sendable () -> Date = Date.init
    ) throws -> Outcome {
        guard !app.readOnly else { throw DecisionStore.Refused(description: "\(app.path) is read-only: decisions cannot be saved") }
        let store = DecisionStore(app: app, reviewer: reviewer, now: now)
        let run = try app.writer.read { try DatasetLoader.latestRun($0) }
        var applied: [Applied] = []
        var failure: ScriptedDecision.LineError?

        func one(_ d: ScriptedDecision, _ db: Database) throws -> Applied {
            try checkIDs(d, db: db, run: run)
            let record = try store.commit(d.request, note: d.note, in: db, run: run)
            return Applied(line: d.line, decisionID: record.id, summary: record.summary)
        }

        if atomic || dryRun {
            try app.writer.writeWithoutTransaction { db in
                try db.inTransaction(.immediate) {
                    for d in decisions {
                        do {
                            applied.append(try one(d, db))
                        } catch let refused as DecisionStore.Refused {
                            failure = ScriptedDecision.LineError(line: d.line, reason: refused.description)
                            return .rollback
                        }
                    }
                    return dryRun ? .rollback : .commit
                }
            }
            return Outcome(run: run, applied: applied, failure: failure, rolledBack: dryRun || failure != nil)
        }
        for d in decisions {
            do {
                applied.append(try app.writer.write { db in try one(d, db) })
            } catch let refused as DecisionStore.Refused {
                failure = ScriptedDecision.LineError(line: d.line, reason: refused.description)
                break
            }
        }
        return Outcome(run: run, applied: applied, failure: failure, rolledBack: false)
    }

    /// Before anything is written (on a read-only connection): every pipeline cluster and question a
    /// line names is the latest run's. The reviewer's clusters (negative ids) may be made by an
    /// earlier line, so they are checked as each line is written.
    public static func precheck(_ app: AppDatabase, decisions: [ScriptedDecision]) throws(ScriptedDecision.LineError) {
        do {
            try app.writer.read { db in
                let run = try DatasetLoader.latestRun(db)
                for d in decisions {
                    var pipelineOnly = d
                    pipelineOnly.clusterIDs = d.clusterIDs.filter { $0 >= 0 }
                    do {
                        try checkIDs(pipelineOnly, db: db, run: run)
                    } catch let refused as DecisionStore.Refused {
                        throw ScriptedDecision.LineError(line: d.line, reason: refused.description)
                    }
                }
            }
        } catch let e as ScriptedDecision.LineError {
            throw e
        } catch {
            throw ScriptedDecision.LineError(line: 0, reason: "\(error)")
        }
    }

    /// Every cluster a line names is one of the run's (a pipeline cluster or one the reviewer made
    /// on it), every question is the run's: a script made for another run is refused by name.
    static func checkIDs(_ d: ScriptedDecision, db: Database, run: RunID) throws {
        for c in d.clusterIDs {
            let pipeline = try Bool.fetchOne(db, sql: "SELECT 1 FROM clusters WHERE cluster_id = ? AND run_id = ?", arguments: [c, run]) ?? false
            let expert = try c < 0 && db.tableExists("clade_cluster_state")
                && (Bool.fetchOne(db, sql: "SELECT 1 FROM clade_cluster_state WHERE cluster_id = ? AND run_id = ? AND origin = ?", arguments: [c, run, ClusterOrigin.expert]) ?? false)
            if !pipeline && !expert { throw DecisionStore.Refused(description: "cluster \(c) is not a cluster of run \(run)") }
        }
        guard !d.questionIDs.isEmpty else { return }
        let found = try Int.fetchOne(db, sql: """
            SELECT COUNT(*) FROM questions WHERE run_id = ? AND question_id IN (SELECT value FROM json_each(?))
            """, arguments: [run, CurrentState.idArray(d.questionIDs)]) ?? 0
        if found < d.questionIDs.count {
            let known = Set(try QuestionID.fetchAll(db, sql: "SELECT question_id FROM questions WHERE run_id = ? AND question_id IN (SELECT value FROM json_each(?))",
                                                    arguments: [run, CurrentState.idArray(d.questionIDs)]))
            let missing = d.questionIDs.filter { !known.contains($0) }
            let shown = missing.prefix(5).map(String.init).joined(separator: ", ") + (missing.count > 5 ? "…" : "")
            throw DecisionStore.Refused(description: "\(missing.count) question id\(missing.count == 1 ? " is" : "s are") not in run \(run) (\(shown))")
        }
    }
}
