import CladeCore
import Foundation
import GRDB

/// Writes decisions: each is one transaction holding the log row and the state change together,
/// so a decision is either wholly there or not at all, even after `kill -9`.
public struct DecisionStore: Sendable {
    public let app: AppDatabase
    public let reviewer: String
    /// The clock, injectable so tests get stable timestamps.
    let now: @Sendable () -> Date

    public init(app: AppDatabase, reviewer: String, now: @escaping @Sendable () -> Date = Date.init) {
        self.app = app
        self.reviewer = reviewer
        self.now = now
    }

    public struct Refused: Error, CustomStringConvertible, Equatable {
        public var description: String
        public init(description: String) { self.description = description }
    }

    /// A decision as written: its log record, and the clusters whose cached figures it changed
    /// (so a window can read those again instead of every cluster).
    public struct Written: Sendable {
        public var record: DecisionRecord
        public var figuresChanged: Set<ClusterID>
    }

    /// Records a decision and applies it. Throws `Refused` with a readable reason when it makes no sense.
    @discardableResult
    public func commit(_ request: DecisionRequest, note: String = "") throws -> DecisionRecord {
        try write(request, note: note).record
    }

    /// `commit`, also saying which clusters' figures changed.
    public func write(_ request: DecisionRequest, note: String = "") throws -> Written {
        try guardWritable()
        return try app.writer.write { db in try write(request, note: note, in: db, run: currentRun(db)) }
    }

    /// Records a decision on `run` inside a write transaction the caller holds: a re-import adds a
    /// run and the decisions it carries forward to it in one transaction.
    func commit(_ request: DecisionRequest, note: String, in db: Database, run: RunID) throws -> DecisionRecord {
        try write(request, note: note, in: db, run: run).record
    }

    func write(_ request: DecisionRequest, note: String, in db: Database, run: RunID) throws -> Written {
        let plan: DecisionPlanner.Plan
        do {
            plan = try DecisionPlanner(db: db, runID: run).plan(request)
        } catch let r as DecisionPlanner.Refusal {
            throw Refused(description: r.description)
        }
        return try append(db, run: run, op: request.op, plan: plan, note: note, undoes: nil)
    }

    /// Undoes the latest decision still in force by appending its inverse; nil when there is none.
    @discardableResult
    public func undo() throws -> DecisionRecord? { try writeUndo()?.record }

    /// Re-applies the latest undone decision (by undoing its undo); nil when there is none.
    @discardableResult
    public func redo() throws -> DecisionRecord? { try writeRedo()?.record }

    public func writeUndo() throws -> Written? {
        try guardWritable()
        return try app.writer.write { db in
            guard let target = try DecisionLog.stacks(db).undo.last else { return nil }
            return try appendInverse(db, of: target, op: .undo, verb: "Undid")
        }
    }

    public func writeRedo() throws -> Written? {
        try guardWritable()
        return try app.writer.write { db in
            guard let target = try DecisionLog.stacks(db).redo.last else { return nil }
            return try appendInverse(db, of: target, op: .redo, verb: "Redid")
        }
    }

    func appendInverse(_ db: Database, of id: Int64, op: DecisionOp, verb: String) throws -> Written {
        // The summary by SQLite, so that a large change set is parsed once (by `unwrap`, which
        // also reports a malformed one). When both sides' overrides are plain (integer keys,
        // integer or null values), SQLite also hands them over as text, to be written back as
        // they are: a split of 12,000 questions is then undone without a Swift value per question.
        guard let row = try Row.fetchOne(db, sql: """
            SELECT *, CASE WHEN json_valid(new_json) THEN \(DecisionLog.summarySQL) END AS summary,
                   CASE WHEN \(Self.plainOverrides("old_json")) AND \(Self.plainOverrides("new_json")) THEN 1 ELSE 0 END AS plain
            FROM clade_decisions WHERE decision_id = ?
            """, arguments: [id]) else {
            throw Refused(description: "Decision \(id) is missing from the log")
        }
        let old: ChangeSet
        let new: ChangeSet
        if row["plain"] == true, let parts = try Row.fetchOne(db, sql: """
            SELECT json_set(old_json, '$.assignment_override', json('{}')), json_extract(old_json, '$.assignment_override'),
                   json_set(new_json, '$.assignment_override', json('{}')), json_extract(new_json, '$.assignment_override')
            FROM clade_decisions WHERE decision_id = ?
            """, arguments: [id]) {
            old = try Self.withRawOverrides(DecisionLog.unwrap(parts[0], decision: id), parts[1])
            new = try Self.withRawOverrides(DecisionLog.unwrap(parts[2], decision: id), parts[3])
        } else {
            old = try DecisionLog.unwrap(row["old_json"], decision: id)
            new = try DecisionLog.unwrap(row["new_json"], decision: id)
        }
        var plan = DecisionPlanner.Plan(old: new, new: old, summary: "")
        plan.clusterIDs = DecisionLog.decodeIDs(row["cluster_ids"])
        plan.questionIDs = DecisionLog.decodeIDs(row["question_ids"])
        // An undo of an undo reads as a redo of the original: the log's `undoes` links lead to it.
        plan.summary = "\(verb): \(try originalSummary(db, of: row))"
        // The figures go back by the delta the decision kept, negated: no moved question is read.
        let figures = try FiguresDelta.stored(db, decision: id)?.negated()
        return try append(db, run: row["run_id"], op: op, plan: plan, note: "", undoes: id, figures: figures)
    }

    /// SQL true when `column` is valid JSON whose overrides are an object of integer keys (as
    /// Clade writes them) and integer or null values.
    static func plainOverrides(_ column: String) -> String {
        """
        (json_valid(\(column)) AND json_type(\(column), '$.assignment_override') = 'object'
         AND NOT EXISTS (SELECT 1 FROM json_each(\(column), '$.assignment_override')
                         WHERE type NOT IN ('integer', 'null') OR CAST(CAST(key AS INTEGER) AS TEXT) IS NOT key))
        """
    }

    /// A change set read without its overrides, given them back as the log's text (none when empty).
    static func withRawOverrides(_ changes: ChangeSet, _ overrides: String?) -> ChangeSet {
        var out = changes
        if let overrides, overrides != "{}" { out.overridesJSON = overrides }
        return out
    }

    /// The summary of the decision an undo or redo finally acts on, following `undoes` from
    /// undo to undo rather than reading the summaries' words.
    func originalSummary(_ db: Database, of row: Row) throws -> String {
        var current = row
        var seen: Set<Int64> = []
        while let op = current["op"] as DecisionOp?, op == .undo || op == .redo,
              let target: Int64 = current["undoes"], seen.insert(target).inserted,
              let next = try Row.fetchOne(db, sql: """
                  SELECT op, undoes, CASE WHEN json_valid(new_json) THEN \(DecisionLog.summarySQL) END AS summary
                  FROM clade_decisions WHERE decision_id = ?
                  """, arguments: [target]) {
            current = next
        }
        return current["summary"] ?? ""
    }

    /// `figures`: the change to the cached figures when it is already known (an undo's or redo's).
    func append(_ db: Database, run: RunID, op: DecisionOp, plan: DecisionPlanner.Plan, note: String, undoes: Int64?,
                figures known: FiguresDelta? = nil) throws -> Written {
        let at = Self.timestamp(now())
        var row = DecisionRow(
            runID: run, at: at, reviewer: reviewer, op: op, clusterIDs: DecisionLog.encodeIDs(plan.clusterIDs),
            questionIDs: DecisionLog.encodeIDs(plan.questionIDs), oldJSON: try DecisionLog.wrap(plan.old, summary: nil),
            newJSON: try DecisionLog.wrap(plan.new, summary: plan.summary), note: note, undoes: undoes
        )
        try row.insert(db)
        let id = row.decisionID ?? db.lastInsertedRowID
        let applied = try plan.new.applying(db, decisionID: id, figures: known, placements: plan.placements)
        let figuresChanged = applied.figuresChanged
        // Kept for this decision's own undo or redo.
        try applied.figures?.store(db, decision: id)
        let record = DecisionRecord(id: id, runID: run, at: at, reviewer: reviewer, op: op, clusterIDs: plan.clusterIDs,
                                    questionIDs: plan.questionIDs, note: note, undoes: undoes, summary: plan.summary)
        return Written(record: record, figuresChanged: figuresChanged)
    }

    func currentRun(_ db: Database) throws -> RunID { try DatasetLoader.latestRun(db) }

    func guardWritable() throws {
        if app.readOnly { throw Refused(description: "This database is open read-only: decisions cannot be saved") }
    }

    static func timestamp(_ date: Date) -> String {
        let ms = Int64((date.timeIntervalSince1970 * 1000).rounded())
        var t = time_t(ms / 1000)
        var parts = tm()
        gmtime_r(&t, &parts)
        func pad(_ v: Int32, _ n: Int) -> String { String(repeating: "0", count: max(0, n - String(v).count)) + String(v) }
        return "\(pad(parts.tm_year + 1900, 4))-\(pad(parts.tm_mon + 1, 2))-\(pad(parts.tm_mday, 2))T\(pad(parts.tm_hour, 2)):\(pad(parts.tm_min, 2)):\(pad(parts.tm_sec, 2)).\(pad(Int32(ms % 1000), 3))Z"
    }
}
