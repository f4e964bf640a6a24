import CladeCore
import Foundation
import GRDB

/// Carry-forward as a step of its own (`clade carry-forward`): the review of one run carried onto
/// a newer run however that run got into the file (an importer, a pipeline's own SQL, a Spark job).
/// The runs are checked first; then the carried decisions, the report and the new run's figures
/// are written in one transaction (rolled back for a dry run).
public enum CarryForwardStep {
    public struct Runs: Equatable, Sendable {
        public var from: RunID
        public var to: RunID
    }

    /// Which runs: `to` defaults to the latest run, `from` to the latest run before it that has
    /// decisions. Refuses a file with one run, unknown runs, `from` not before `to`, a `to` that
    /// already has the review of `from` or decisions of its own.
    public static func resolve(_ db: Database, from: RunID?, to: RunID?) throws -> Runs {
        let runs = try RunID.fetchAll(db, sql: "SELECT run_id FROM runs ORDER BY run_id")
        guard runs.count >= 2 else {
            throw DecisionStore.Refused(description: runs.isEmpty
                ? "the file has no runs: nothing to carry forward"
                : "the file has one run (\(runs[0])): carry-forward needs a reviewed run and a newer one")
        }
        for (flag, run) in [("--from", from), ("--to", to)] {
            if let run, !runs.contains(run) {
                throw DecisionStore.Refused(description: "\(flag) \(run): no such run (runs: \(runs.map(String.init).joined(separator: ", ")))")
            }
        }
        let target = to ?? runs.last!
        let clade = try db.tableExists("clade_decisions")
        let source: RunID
        if let from {
            source = from
        } else {
            let reviewed = clade ? try RunID.fetchOne(db, sql: "SELECT MAX(run_id) FROM clade_decisions WHERE run_id < ?", arguments: [target]) : nil
            guard let reviewed else { throw DecisionStore.Refused(description: "no run before run \(target) has decisions: nothing to carry forward") }
            source = reviewed
        }
        guard source < target else {
            throw DecisionStore.Refused(description: "--from \(source) must be an earlier run than --to \(target)")
        }
        if clade {
            if let at = try String.fetchOne(db, sql: "SELECT MIN(at) FROM clade_carry_forward WHERE run_id = ? AND from_run_id = ?", arguments: [target, source]) {
                throw DecisionStore.Refused(description: "the review of run \(source) was already carried to run \(target) (at \(at)); `clade import` or `clade carry-forward` did it")
            }
            let own = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM clade_decisions WHERE run_id = ? AND reviewer <> ?",
                                       arguments: [target, CarryForward.defaultReviewer]) ?? 0
            if own > 0 {
                throw DecisionStore.Refused(description: "run \(target) already has \(own) decision\(own == 1 ? "" : "s") of its own: carry-forward only goes onto a run not reviewed yet")
            }
        }
        return Runs(from: source, to: target)
    }

    /// Carries the review; with `dryRun` the report is computed exactly as it would be and nothing is kept.
    public static func run(
        _ app: AppDatabase, from: RunID?, to: RunID?, options: CarryForwardOptions = .init(), dryRun: Bool = false, now: Date = Date()
    ) throws -> CarryForwardReport {
        guard !app.readOnly else { throw DecisionStore.Refused(description: "\(app.path) is read-only: cannot carry decisions forward") }
        return try app.writer.writeWithoutTransaction { db in
            var report: CarryForwardReport?
            try db.inTransaction(.immediate) {
                let runs = try resolve(db, from: from, to: to)
                report = try CarryForward.run(db, app: app, from: runs.from, to: runs.to, options: options, now: now)
                _ = try StatsCache.ensure(db, run: runs.to)
                return dryRun ? .rollback : .commit
            }
            return report!
        }
    }

    /// The run Clade opened is newer than the latest reviewed run and got none of its review:
    /// the runs a carry-forward would use, or nil when there is nothing to offer.
    public static func pending(_ db: Database) throws -> Runs? {
        guard try db.tableExists("clade_decisions") else { return nil }
        return try? resolve(db, from: nil, to: nil)
    }
}
