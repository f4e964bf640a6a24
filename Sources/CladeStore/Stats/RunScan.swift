import CladeCore
import GRDB

/// One pass over a run's questions in question_id order, merged with the assignments, the
/// reviewer's overrides and the capability tags read in the same order (a merge join, where the
/// SQL joins look every question up in each other table). It gathers `RunFigures` and checks, in
/// passing, every value that `DataCheck`'s rules read in the questions, assignments and
/// question_capabilities tables.
///
/// It reads the plain case only, and answers nil at the first value outside it: a NULL or
/// non-integer id, a weight that is not a positive number, a number stored as text, a date that
/// is not text, two rows for one question. The caller then runs the SQL, which reports the
/// problem in its own words, or reads the unusual value the way SQLite does.
enum RunScan {
    /// `overrides`: effective clusters follow clade_assignment_override (a file Clade migrated).
    /// `ids`: only the questions (and assignments and tags) of these question ids.
    static func figures(_ db: Database, run: RunID, overrides: Bool, ids: IDRange = .all) throws -> RunFigures? {
        guard try isPlain(db) else { return nil }
        do {
            return try figures(db, run: run, overrides: overrides, ids: ids, plan: readPlan(db, readPlan(db, tables: tables(overrides)), part: ids))
        } catch is OutOfOrder {
            // A part of the ids by key sees no row whose question_id is NULL: the SQL does.
            if ids.from != nil || ids.below != nil, try hasNullQuestionIDs(db, tables: tables(overrides)) { return nil }
            return try figures(db, run: run, overrides: overrides, ids: ids, plan: .byKey)
        }
    }

    static func hasNullQuestionIDs(_ db: Database, tables: [String]) throws -> Bool {
        try tables.contains { try db.tableExists($0) && Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM \($0) WHERE question_id IS NULL)") == true }
    }

    /// The tables read beside the questions.
    static func tables(_ overrides: Bool) -> [String] {
        ["assignments", "question_capabilities"] + (overrides ? ["clade_assignment_override"] : [])
    }

    /// One pass with `plan` saying how each table is read; throws `OutOfOrder` when a table read
    /// in rowid order is not in question order.
    static func figures(_ db: Database, run: RunID, overrides: Bool, ids: IDRange, plan: ReadPlan) throws -> RunFigures? {
        // `+run_id`: the table in question_id order, rather than the run's index and a lookup per
        // row; within the run's ids, to pass over other runs' questions where they lie apart.
        let span = try questionSpan(db, run: run).map { "question_id BETWEEN \($0.lowerBound) AND \($0.upperBound)" }
        let conditions = ([span, "+run_id = \(run)"] + ids.conditions).compactMap { $0 }
        let questions = try RawRows(db, sql: """
            SELECT question_id, weight, relevance, feedback, asked_at, \(askedDay), text FROM questions
            WHERE \(conditions.joined(separator: " AND ")) ORDER BY question_id
            """)
        func keyed(_ table: String, _ column: String, unique: Bool) throws -> KeyedRows {
            try KeyedRows(keyedRows(db, table: table, columns: "question_id, \(column)", plan: plan, ids: ids), unique: unique,
                          expected: plan.rowOrder.contains(table) ? ids : nil)
        }
        var assignments = try keyed("assignments", "cluster_id", unique: true)
        var moved = overrides ? try keyed("clade_assignment_override", "cluster_id", unique: true) : nil
        var tags = try keyed("question_capabilities", "capability_id", unique: false)

        var tally = RunTally()
        var capabilities: [CapabilityID] = []
        var previous: Int64?
        var sinceReported = 0
        defer { ScanProgress.shared.add(sinceReported) }
        while try questions.next() {
            sinceReported += 1
            if sinceReported == ScanProgress.step {
                ScanProgress.shared.add(sinceReported)
                sinceReported = 0
            }
            let (id, weightValue, relevanceValue, feedbackValue) = (questions[0], questions[1], questions[2], questions[3])
            let (askedAt, askedDay, text) = (questions[4], questions[5], questions[6])
            guard id.storage == .integer else { return nil }
            let question = id.int64
            guard previous.map({ $0 < question }) ?? true else { return nil }
            previous = question

            // DataCheck.questionRules, for numbers; anything else is left to the SQL.
            guard weightValue.storage.isNumber else { return nil }
            let weight = weightValue.double
            guard weight > 0, weight <= 1e15 else { return nil }
            var relevance: Double?
            if relevanceValue.storage != .null {
                guard relevanceValue.storage.isNumber, abs(relevanceValue.double) <= 1e15 else { return nil }
                relevance = relevanceValue.double
            }
            var feedback: Int?
            if feedbackValue.storage != .null {
                guard feedbackValue.storage.isNumber, feedbackValue.double == 1 || feedbackValue.double == -1 else { return nil }
                feedback = Int(feedbackValue.double)
            }
            guard askedAt.storage == .null || askedAt.storage == .text, text.storage == .null || text.storage == .text else { return nil }

            tally.totals.questions += 1
            tally.totals.volume += weight
            if feedback != nil { tally.totals.rated += 1 }
            if text.storage == .null {
                tally.totals.nullTexts += 1
            } else if text.textBytes > min(tally.totals.longestText, DataCheck.longText) {
                // A text has at most as many characters as bytes: most need no counting.
                let length = sqliteLength(text.text)
                tally.totals.longestText = max(tally.totals.longestText, length)
                if length > DataCheck.longText { tally.totals.longTexts += 1 }
            }
            var day: Int64?
            if askedAt.storage == .text {
                switch askedDay.storage {
                case .real:
                    let start = askedDay.double
                    if start >= 0 {
                        guard start < 1e7 else { return nil }
                        day = Int64(start + 0.5)
                    }
                case .null: tally.totals.undated += 1
                default: return nil
                }
                tally.note(askedAt: askedAt.text, day: day)
            }

            let assigned = try assignments.take(question)
            let override = try moved?.take(question)
            try tags.take(question, into: &capabilities)
            guard assignments.plain, tags.plain, moved?.plain != false else { return nil }
            if !capabilities.isEmpty {
                tally.totals.tagged += 1
                tally.count(tags: capabilities, weight: weight)
            }
            guard let assigned else {
                tally.totals.unassigned += 1
                continue
            }
            tally.add(pipelineCluster: assigned, effectiveCluster: override ?? assigned, weight: weight, relevance: relevance,
                      feedback: feedback, day: day, capabilities: capabilities)
        }
        // Rows of questions after the run's last: checked like the others.
        try assignments.drain()
        try tags.drain()
        guard assignments.plain, tags.plain else { return nil }
        var figures = tally.figures
        figures.maxQuestionID = previous
        return figures
    }

    /// Question ids from `from` (if any) and below `below` (if any).
    struct IDRange: Sendable {
        var from: Int64?
        var below: Int64?
        static let all = IDRange()

        var conditions: [String?] {
            [from.map { "question_id >= \($0)" }, below.map { "question_id < \($0)" }]
        }
    }

    /// The least and greatest of the run's question ids, when they bound them all (no id is NULL,
    /// text or REAL); nil for a run without questions, or one that holds such ids.
    static func questionSpan(_ db: Database, run: RunID) throws -> ClosedRange<Int64>? {
        let row = try Row.fetchOne(db, sql: """
            SELECT (SELECT MIN(question_id) FROM questions WHERE run_id = ?1) AS low, (SELECT MAX(question_id) FROM questions WHERE run_id = ?1) AS high,
                   EXISTS (SELECT 1 FROM questions WHERE question_id IS NULL) AS nulls
            """, arguments: [run])!
        guard case .int64(let low) = (row["low"] as DatabaseValue).storage, case .int64(let high) = (row["high"] as DatabaseValue).storage,
              (row["nulls"] as Int) == 0 else { return nil }
        return low...high
    }

    /// The tables as Clade's schema makes them; files that differ (a view, another text encoding
    /// or collation) are read by the SQL.
    static func isPlain(_ db: Database) throws -> Bool {
        guard try String.fetchOne(db, sql: "PRAGMA encoding") == "UTF-8" else { return false }
        let tables = Dictionary(try Row.fetchAll(db, sql: "SELECT name, sql FROM sqlite_master WHERE type = 'table'").map {
            ($0["name"] as String, ($0["sql"] as String?) ?? "")
        }, uniquingKeysWith: { a, _ in a })
        guard ["questions", "assignments", "question_capabilities"].allSatisfy({ tables[$0] != nil }) else { return false }
        // MIN(asked_at) and MAX(asked_at) compare bytes only under the default collation.
        return !tables["questions"]!.lowercased().contains("collate")
    }

    /// asked_at's day as `julianday(date(asked_at))` (the weekly trend's) gives it, which
    /// 'start of day' does without printing and parsing a date; -1 for a date whose day starts
    /// before the first SQLite numbers (it counts as dated, in no week); NULL for what is not a date.
    static let askedDay = "COALESCE(julianday(asked_at, 'start of day'), CASE WHEN julianday(asked_at) IS NOT NULL THEN -1.0 END)"

    /// A day's midnight (`julianday(date(…))`) from its number: julian days start at noon.
    static func dayStart(_ dayNumber: Int64) -> Double { Double(dayNumber) - 0.5 }

    /// Characters as SQLite's `length()` counts them in UTF-8 text: up to the first NUL, a byte
    /// from 0xC0 up and the continuation bytes after it being one.
    static func sqliteLength(_ text: UnsafeBufferPointer<UInt8>) -> Int {
        var count = 0
        var i = 0
        while i < text.count, text[i] != 0 {
            let lead = text[i]
            i += 1
            if lead >= 0xC0 {
                while i < text.count, text[i] & 0xC0 == 0x80 { i += 1 }
            }
            count += 1
        }
        return count
    }
}
