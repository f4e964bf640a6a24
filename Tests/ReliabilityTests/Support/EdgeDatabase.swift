import CladeCore
import CladeStore
import Foundation
import GRDB

/// Pipeline databases of mostly valid values with the edges a reader of raw values can get wrong:
/// numbers stored as INTEGER and as REAL (a questions table without column types keeps them as
/// written), dates in every form SQLite reads and some it does not, texts with multibyte
/// characters, stray bytes and NULs, long texts, questions of two runs, missing and extra
/// assignments and tags, cluster ids large and negative, and (when migrated) the reviewer's
/// overrides. Now and then an invalid value, so that refusals are compared too.
enum EdgeDatabase {
    static func write(at path: String, using m: inout Mutator) throws {
        var config = Configuration()
        config.foreignKeysEnabled = false
        let queue = try DatabaseQueue(path: path, configuration: config)
        let layout = m.below(3)  // 0: the pipeline DDL; 1: questions without column types; 2: no keys at all
        let junkDates = m.below(4) == 0
        let invalid = m.below(8) == 0 ? 3 : 0  // percent of invalid values, in one file of eight
        let clusters: [Int64] = [1, 2, 3, 7, 1 << 20 + 5, 5_000_000_000, -3]
        let parents: [Int64] = [1, 2]
        var rng = m
        func pick<T>(_ values: [T]) -> T { values[rng.below(values.count)] }
        func maybeInvalid(_ sound: DatabaseValueConvertible?, _ bad: [DatabaseValueConvertible?]) -> DatabaseValueConvertible? {
            rng.below(100) < invalid ? pick(bad) : sound
        }
        try queue.write { db in
            var ddl = Pipelines.looseDDL
            func replace(_ table: String, with definition: String) {
                let start = ddl.range(of: "CREATE TABLE \(table) (")!
                let end = ddl.range(of: ");", range: start.upperBound..<ddl.endIndex)!
                ddl.replaceSubrange(start.lowerBound..<end.upperBound, with: "CREATE TABLE \(table) (\(definition));")
            }
            if layout == 1 {
                replace("questions", with: "question_id INTEGER PRIMARY KEY, run_id, external_id, text, asked_at, relevance, feedback, weight, metadata_json")
            }
            if layout == 2 {
                // Ids in plain columns: read in a sorted order, and NULL or repeated where invalid.
                replace("questions", with: "question_id INTEGER, run_id INTEGER, external_id TEXT, text TEXT, asked_at TEXT, relevance REAL, feedback INTEGER, weight REAL, metadata_json TEXT")
                replace("assignments", with: "question_id INTEGER, cluster_id INTEGER, probability REAL, is_representative INTEGER")
                replace("question_capabilities", with: "question_id INTEGER, capability_id INTEGER, confidence REAL")
            }
            try db.execute(sql: ddl)
            try db.execute(sql: "PRAGMA application_id = \(PipelineSchema.applicationID); PRAGMA user_version = 1")
            try db.execute(sql: "INSERT INTO runs VALUES (1, 'now', 'edge', '{}', NULL), (2, 'now', 'edge', '{}', 1)")
            for c in parents { try db.execute(sql: "INSERT INTO clusters (cluster_id, run_id, name) VALUES (?, 2, 'parent')", arguments: [c + 100]) }
            for c in clusters where rng.below(6) > 0 {
                try db.execute(sql: "INSERT INTO clusters (cluster_id, run_id, parent_id, name) VALUES (?, ?, ?, 'leaf')",
                               arguments: [c, rng.below(8) == 0 ? 1 : 2, pick(parents) + 100])
            }
            for c in 1...4 { try db.execute(sql: "INSERT INTO capabilities VALUES (?, ?, '')", arguments: [c, "cap \(c)"]) }

            let dates: [() -> DatabaseValueConvertible?] = [
                { nil },
                { String(format: "2026-02-%02dT%02d:%02d:%02dZ", 1 + rng.below(28), rng.below(24), rng.below(60), rng.below(60)) },
                { String(format: "2026-03-%02d %02d:59:59.99%d", 1 + rng.below(31), rng.below(24), rng.below(10)) },
                { String(format: "2026-01-%02d", 1 + rng.below(31)) },
                { String(format: "2026-02-%02dT0%d:30:00+0%d:00", 1 + rng.below(28), rng.below(6), rng.below(9)) },
                { String(format: "2026-02-%02dT22:30:00-0%d:00", 1 + rng.below(28), rng.below(9)) },
                // Julian day numbers around 2026-01-01 (2461041.5): they sort after every "2026-…", and
                // some fall in the days before the first Monday.
                { "\(2_461_025 + rng.below(25)).\(rng.below(10))" },
                { junkDates ? pick(["yesterday", "", " 2026-02-03", "2026-13-45", "1999-01-04", "2036-02-29"]) : "2026-01-01" },
                { pick(["2026-02-31T23:59:59.9999", "2026-01-01", "2026-01-04T23:00:00-05:00", "2026-01-05"]) },
            ]
            let texts: [() -> DatabaseValueConvertible?] = [
                { "question about the roof \(rng.below(1000))" },
                { "Überprüfung der Baustelle 漢字 😀 \(rng.below(10))" },
                { nil },
                { "" },
                { String(repeating: "x", count: 9_990 + rng.below(20)) },
                { String(repeating: "漢", count: 3_000 + rng.below(8_000)) },
            ]
            let questions = rng.below(150)
            var id: Int64 = pick([-20, 1, 1, 1_000])
            for _ in 0..<questions {
                id += Int64(1 + (rng.below(10) == 0 ? rng.below(50) : 0))
                let weight: DatabaseValueConvertible = pick([1, 1, 1, 1.0, 2, 0.5, 3.25, 1e15])
                let relevance: DatabaseValueConvertible? = pick([nil, 0.37, 1, -2, 0, 1e15])
                let feedback: DatabaseValueConvertible? = pick([nil, nil, 1, -1, 1.0, -1.0])
                let questionID = layout == 2 ? maybeInvalid(id, [nil, id - 1, "q\(id)", Double(id) + 0.5]) : id
                try db.execute(sql: "INSERT INTO questions (question_id, run_id, text, asked_at, relevance, feedback, weight) VALUES (?, ?, ?, ?, ?, ?, ?)",
                               arguments: [questionID, rng.below(10) == 0 ? 1 : 2, pick(texts)(), pick(dates)(),
                                           maybeInvalid(relevance, ["n/a", 1e16, Data([1])]),
                                           maybeInvalid(feedback, [0, 5, "1", 0.5]),
                                           maybeInvalid(weight, [0, -1, 1e16, "x", nil, "2"])])
                if rng.below(12) > 0 {
                    try db.execute(sql: "INSERT INTO assignments (question_id, cluster_id) VALUES (?, ?)",
                                   arguments: [layout == 2 ? maybeInvalid(id, [nil, id - 1]) : id, maybeInvalid(pick(clusters), [nil, "RFIs", 2.5, 3.0])])
                }
                for capability in 1...4 where rng.below(4) == 0 {
                    try db.execute(sql: "INSERT INTO question_capabilities (question_id, capability_id) VALUES (?, ?)",
                                   arguments: [layout == 2 ? maybeInvalid(id, [nil]) : id, capability])
                }
                if rng.below(30) == 0 {
                    // Rows of a question that does not exist.
                    try db.execute(sql: "INSERT OR IGNORE INTO assignments (question_id, cluster_id) VALUES (?, ?)", arguments: [id + 100_000, pick(clusters)])
                    try db.execute(sql: "INSERT OR IGNORE INTO question_capabilities (question_id, capability_id) VALUES (?, 2)", arguments: [id + 100_000])
                }
            }
        }
        if rng.below(2) == 0 {
            // Opened by Clade: its tables, and the reviewer's moves and splits.
            try CladeSchema.migrator.migrate(queue)
            try queue.write { db in
                let ids = try Int64.fetchAll(db, sql: "SELECT question_id FROM questions WHERE typeof(question_id) = 'integer'")
                for id in ids where rng.below(5) == 0 {
                    try db.execute(sql: "INSERT INTO clade_assignment_override VALUES (?, ?, 1)", arguments: [id, pick(clusters + [-1, -2])])
                }
            }
        }
        try queue.close()
        m = rng
    }
}
