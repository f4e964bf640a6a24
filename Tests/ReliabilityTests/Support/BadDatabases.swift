import CladeStore
import Foundation
import GRDB

/// A catalogue of damaged and dubious diagnostics databases, and what Clade must do with each:
/// refuse it with one line naming the problem and the fix (exit 1), or open it with a warning
/// that says what Clade does about the problem (`clade check` exits 2).
struct BadDatabase: Sendable, CustomStringConvertible {
    enum Outcome: Sendable {
        /// Refused by `clade check` and by opening, with a message containing this.
        case refused(String)
        /// Opens; `clade check` warns with this (and so does opening, when `onOpen`).
        case warning(String, onOpen: Bool = true)
        /// Opens without a warning (texts that must be drawn safely).
        case clean
    }

    var name: String
    var outcome: Outcome
    var make: @Sendable (String) throws -> Void
    var description: String { name }
}

enum BadDatabases {
    static func valid(_ path: String) throws { try Pipelines.write(at: path) }
    static func big(_ path: String) throws { try Pipelines.write(at: path, questions: 400, textLength: 200) }

    static func loose(_ path: String, _ mutate: @escaping (Database) throws -> Void) throws {
        try Pipelines.write(at: path, ddl: Pipelines.looseDDL, mutate: mutate)
    }

    static func sql(_ statements: String) -> @Sendable (String) throws -> Void {
        { path in try loose(path) { try $0.execute(sql: statements) } }
    }

    /// Rewrites the bytes of one page (1-based) of a database file.
    static func damage(_ path: String, page: (Database) throws -> Int, _ change: @Sendable (inout [UInt8], Range<Int>) -> Void) throws {
        let queue = try DatabaseQueue(path: path)
        let (number, size) = try queue.read { db in (try page(db), try Int.fetchOne(db, sql: "PRAGMA page_size") ?? 4096) }
        try queue.close()
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        change(&bytes, ((number - 1) * size)..<(number * size))
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }

    static func rootPage(_ table: String) -> (Database) throws -> Int {
        { db in try Int.fetchOne(db, sql: "SELECT rootpage FROM sqlite_master WHERE name = ?", arguments: [table]) ?? 2 }
    }

    static func truncate(_ path: String, to size: (Int) -> Int) throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        try data.prefix(size(data.count)).write(to: URL(fileURLWithPath: path))
    }

    static let all: [BadDatabase] = files + damaged + schemas + values + warnings + texts

    static let files: [BadDatabase] = [
        BadDatabase(name: "a CSV file", outcome: .refused("not an SQLite database")) { try Data("question,cluster\nhello,1\n".utf8).write(to: URL(fileURLWithPath: $0)) },
        BadDatabase(name: "random bytes", outcome: .refused("not an SQLite database")) { path in
            var rng = SystemRandomNumberGenerator()
            try Data((0..<4096).map { _ in UInt8.random(in: 0...255, using: &rng) }).write(to: URL(fileURLWithPath: path))
        },
        BadDatabase(name: "zero length", outcome: .refused("empty")) { _ = FileManager.default.createFile(atPath: $0, contents: Data()) },
        BadDatabase(name: "an SQLite database without tables", outcome: .refused("an empty SQLite database")) { path in
            let q = try DatabaseQueue(path: path)
            try q.write { try $0.execute(sql: "CREATE TABLE t(x); DROP TABLE t") }
            try q.close()
        },
        BadDatabase(name: "a directory", outcome: .refused("is a directory")) { try FileManager.default.createDirectory(atPath: $0, withIntermediateDirectories: true) },
        BadDatabase(name: "no such file", outcome: .refused("no such file")) { _ in },
        BadDatabase(name: "header cut at 60 bytes", outcome: .refused("truncated")) { try valid($0); try truncate($0) { _ in 60 } },
        BadDatabase(name: "truncated to half", outcome: .refused("truncated")) { try big($0); try truncate($0) { $0 / 2 } },
        BadDatabase(name: "truncated mid-page", outcome: .refused("truncated")) { try big($0); try truncate($0) { $0 - 1000 } },
        BadDatabase(name: "invalid page size", outcome: .refused("damaged")) { path in
            try valid(path)
            try damage(path, page: { _ in 1 }) { bytes, _ in bytes[16] = 0x03; bytes[17] = 0x00 }
        },
    ]

    static let damaged: [BadDatabase] = [
        BadDatabase(name: "a page overwritten with 0xFF", outcome: .refused("damaged")) { path in
            try big(path)
            try damage(path, page: { db in (try Int.fetchOne(db, sql: "PRAGMA page_count") ?? 4) / 2 }) { bytes, range in
                for i in range { bytes[i] = 0xFF }
            }
        },
        BadDatabase(name: "a table's root page zeroed", outcome: .refused("damaged")) { path in
            try big(path)
            try damage(path, page: rootPage("assignments")) { bytes, range in for i in range { bytes[i] = 0 } }
        },
        BadDatabase(name: "a b-tree page of an invalid type", outcome: .refused("damaged")) { path in
            try big(path)
            try damage(path, page: rootPage("questions")) { bytes, range in bytes[range.lowerBound] = 0x07 }
        },
        BadDatabase(name: "cell pointers past the page", outcome: .refused("damaged")) { path in
            try big(path)
            try damage(path, page: rootPage("questions")) { bytes, range in
                // The first cell pointer (after the 8- or 12-byte page header) points nowhere.
                let header = bytes[range.lowerBound] == 0x05 ? 12 : 8
                bytes[range.lowerBound + header] = 0xFF
                bytes[range.lowerBound + header + 1] = 0xF0
            }
        },
        BadDatabase(name: "the schema page garbled", outcome: .refused("damaged")) { path in
            try valid(path)
            try damage(path, page: { _ in 1 }) { bytes, range in for i in (range.lowerBound + 100)..<(range.lowerBound + 400) { bytes[i] = 0x5A } }
        },
    ]

    static let schemas: [BadDatabase] = [
        BadDatabase(name: "from a newer Clade", outcome: .refused("newer Clade (schema v9-hologram)")) { path in
            try Pipelines.write(at: path) {
                try $0.execute(sql: "CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY); INSERT INTO grdb_migrations VALUES ('v1-decisions'), ('v9-hologram')")
            }
        },
        BadDatabase(name: "a newer pipeline format", outcome: .refused("diagnostics format 7")) { try Pipelines.write(at: $0) { try $0.execute(sql: "PRAGMA user_version = 7") } },
        BadDatabase(name: "another application's file", outcome: .refused("another application")) { try Pipelines.write(at: $0) { try $0.execute(sql: "PRAGMA application_id = 42") } },
        BadDatabase(name: "missing table assignments", outcome: .refused("missing table assignments")) { try Pipelines.write(at: $0) { try $0.execute(sql: "DROP TABLE assignments") } },
        BadDatabase(name: "missing column questions.weight", outcome: .refused("lacks column weight")) { path in
            try Pipelines.write(at: path, ddl: Pipelines.looseDDL) { try $0.execute(sql: "ALTER TABLE questions DROP COLUMN weight") }
        },
        BadDatabase(name: "embeddings without a vector column", outcome: .refused("lacks column vector")) { path in
            try Pipelines.write(at: path) { try $0.execute(sql: "DROP TABLE question_embeddings; CREATE TABLE question_embeddings (question_id INTEGER PRIMARY KEY, v BLOB)") }
        },
        BadDatabase(name: "no run", outcome: .refused("no pipeline run")) { path in
            try Pipelines.write(at: path, ddl: Pipelines.looseDDL) { try $0.execute(sql: "DELETE FROM runs") }
        },
    ]

    static let values: [BadDatabase] = [
        BadDatabase(name: "weight not a number", outcome: .refused("questions.weight must be a number above 0"), make: sql("UPDATE questions SET weight = 'many' WHERE question_id = 7")),
        BadDatabase(name: "weight zero", outcome: .refused("questions.weight must be a number above 0"), make: sql("UPDATE questions SET weight = 0 WHERE question_id % 5 = 0")),
        BadDatabase(name: "weight 1e300", outcome: .refused("questions.weight must be a number above 0 (and at most 1e15)"), make: sql("UPDATE questions SET weight = 1e300 WHERE question_id = 3")),
        BadDatabase(name: "relevance infinite", outcome: .refused("questions.relevance must be a finite number or NULL"), make: sql("UPDATE questions SET relevance = 1e999 WHERE question_id = 4")),
        BadDatabase(name: "weight NULL", outcome: .refused("questions.weight must be a number above 0"), make: sql("UPDATE questions SET weight = NULL WHERE question_id = 3")),
        BadDatabase(name: "relevance 'n/a'", outcome: .refused("questions.relevance must be a finite number or NULL"), make: sql("UPDATE questions SET relevance = 'n/a' WHERE question_id = 9")),
        BadDatabase(name: "relevance a blob", outcome: .refused("questions.relevance must be a finite number or NULL"), make: sql("UPDATE questions SET relevance = x'00ff' WHERE question_id = 9")),
        BadDatabase(name: "feedback 5 stars", outcome: .refused("questions.feedback must be -1, 1 or NULL"), make: sql("UPDATE questions SET feedback = 5 WHERE question_id = 2")),
        BadDatabase(name: "feedback 'thumbs up'", outcome: .refused("questions.feedback must be -1, 1 or NULL"), make: sql("UPDATE questions SET feedback = 'thumbs up' WHERE question_id = 2")),
        BadDatabase(name: "feedback 0 for unrated", outcome: .refused("questions.feedback must be -1, 1 or NULL"), make: sql("UPDATE questions SET feedback = 0 WHERE feedback IS NULL")),
        BadDatabase(name: "an assignment to a NULL cluster", outcome: .refused("assignments.cluster_id must be an integer"), make: sql("UPDATE assignments SET cluster_id = NULL WHERE question_id = 4")),
        BadDatabase(name: "a cluster without a name", outcome: .refused("every cluster needs a name"), make: sql("UPDATE clusters SET name = NULL WHERE cluster_id = 11")),
        BadDatabase(name: "a capability without a name", outcome: .refused("every capability needs a name"), make: sql("UPDATE capabilities SET name = NULL WHERE capability_id = 2")),
        BadDatabase(name: "a capability tag without a capability", outcome: .refused("question_capabilities.capability_id must be an integer"),
                    make: sql("""
                        DROP TABLE question_capabilities;
                        CREATE TABLE question_capabilities (question_id INTEGER, capability_id INTEGER, confidence REAL);
                        INSERT INTO question_capabilities VALUES (1, 1, NULL), (2, NULL, NULL);
                        """)),
        BadDatabase(name: "a cluster id as text", outcome: .refused("clusters.cluster_id must be an integer"), make: sql("""
            CREATE TABLE c2 AS SELECT * FROM clusters; DROP TABLE clusters; ALTER TABLE c2 RENAME TO clusters;
            UPDATE clusters SET cluster_id = 'k' || cluster_id WHERE cluster_id = 30;
            """)),
        BadDatabase(name: "a parent id of 10.5", outcome: .refused("clusters.parent_id must be an integer or NULL"), make: sql("UPDATE clusters SET parent_id = 10.5 WHERE cluster_id = 30")),
        BadDatabase(name: "an assignment to cluster 'RFIs'", outcome: .refused("assignments.cluster_id must be an integer"), make: sql("UPDATE assignments SET cluster_id = 'RFIs' WHERE question_id = 3")),
        BadDatabase(name: "clusters in a parent cycle", outcome: .refused("form a cycle through parent_id"), make: sql("UPDATE clusters SET parent_id = 10 WHERE cluster_id = 1")),
        BadDatabase(name: "a cluster that is its own parent", outcome: .refused("form a cycle through parent_id"), make: sql("UPDATE clusters SET parent_id = 30 WHERE cluster_id = 30")),
    ]

    static let warnings: [BadDatabase] = [
        BadDatabase(name: "a question assigned to a missing cluster", outcome: .warning("assigned to a cluster missing from run 1"),
                    make: sql("UPDATE assignments SET cluster_id = 999 WHERE question_id IN (1, 2)")),
        BadDatabase(name: "a question assigned to another run's cluster", outcome: .warning("assigned to a cluster missing from run 1"), make: sql("""
            INSERT INTO runs VALUES (0, '2025-01-01T00:00:00Z', 'old', '{}', NULL);
            INSERT INTO clusters (cluster_id, run_id, name) VALUES (99, 0, 'Old cluster');
            UPDATE assignments SET cluster_id = 99 WHERE question_id = 5;
            """)),
        BadDatabase(name: "a question without a cluster", outcome: .warning("no cluster"), make: sql("DELETE FROM assignments WHERE question_id = 6")),
        BadDatabase(name: "NULL texts", outcome: .warning("no text (NULL)"), make: sql("UPDATE questions SET text = NULL WHERE question_id % 7 = 0")),
        BadDatabase(name: "a 2 MB question", outcome: .warning("longer than 10,000 characters")) { path in
            try loose(path) { try $0.execute(sql: "UPDATE questions SET text = ? WHERE question_id = 8", arguments: [String(repeating: "why is the budget late ", count: 90_000)]) }
        },
        BadDatabase(name: "embeddings of mixed dimensions", outcome: .warning("mixed dimensions")) { path in
            try loose(path) { db in
                try db.execute(sql: "UPDATE question_embeddings SET vector = ? WHERE question_id IN (SELECT question_id FROM assignments WHERE cluster_id = 20)",
                               arguments: [Pipelines.floats([0.1, 0.2, 0.3])])
            }
        },
        BadDatabase(name: "an embedding of 7 bytes", outcome: .warning("not a float32 vector"), make: sql("UPDATE question_embeddings SET vector = x'01020304050607' WHERE question_id = 3")),
        BadDatabase(name: "a NULL embedding", outcome: .warning("not a float32 vector"), make: sql("UPDATE question_embeddings SET vector = NULL WHERE question_id = 3")),
        BadDatabase(name: "an embedding stored as a number", outcome: .warning("not a float32 vector"), make: sql("UPDATE question_embeddings SET vector = 0.5 WHERE question_id = 2")),
        BadDatabase(name: "asked_at not a date", outcome: .warning("not a date"), make: sql("UPDATE questions SET asked_at = 'yesterday' WHERE question_id % 4 = 0")),
        BadDatabase(name: "asked_at as Unix seconds", outcome: .warning("not a date"), make: sql("UPDATE questions SET asked_at = 1741000000 + question_id")),
        BadDatabase(name: "a parent that does not exist", outcome: .warning("parent_id that is not a cluster"), make: sql("UPDATE clusters SET parent_id = 77 WHERE cluster_id = 30")),
        BadDatabase(name: "a latest run without questions", outcome: .warning("has no questions"), make: sql("""
            INSERT INTO runs VALUES (2, '2026-03-01T00:00:00Z', 'native', '{}', NULL);
            INSERT INTO clusters (cluster_id, run_id, name) VALUES (200, 2, 'Empty');
            """)),
        BadDatabase(name: "state tables edited by hand", outcome: .warning("disagree with its decision log", onOpen: false)) { path in
            try valid(path)
            let app = try AppDatabase.open(path: path)
            try DecisionStore(app: app, reviewer: "t").commit(.setNote(10, "kept"))
            try app.writer.write { try $0.execute(sql: "UPDATE clade_cluster_state SET note = 'edited' WHERE cluster_id = 10") }
            try app.writer.close()
        },
    ]

    static let texts: [BadDatabase] = [
        BadDatabase(name: "texts stored as bytes, some not UTF-8", outcome: .clean, make: sql("""
            UPDATE questions SET text = x'c328a0a1ff' WHERE question_id = 5;
            UPDATE questions SET text = CAST('stored as a blob' AS BLOB) WHERE question_id = 6;
            UPDATE clusters SET keywords_json = x'5b2261225d', name = x'ff00ff' WHERE cluster_id = 20;
            UPDATE meta SET value = x'ff' WHERE key = 'title';
            """)),
        BadDatabase(name: "numbers where text is expected", outcome: .clean, make: sql("""
            UPDATE clusters SET name = 48, description = 1.5 WHERE cluster_id = 21;
            UPDATE capabilities SET name = 7 WHERE capability_id = 3;
            UPDATE meta SET value = 0.5 WHERE key = 'title';
            INSERT OR REPLACE INTO meta VALUES ('volume_high_share', 0.04), ('relevance_low', 0.5), ('min_ratings', 3);
            """)),
        BadDatabase(name: "ids, weights and ratings as REAL (pandas)", outcome: .clean, make: sql("""
            UPDATE clusters SET parent_id = CAST(parent_id AS REAL), is_outlier = 0.0;
            UPDATE assignments SET cluster_id = CAST(cluster_id AS REAL);
            UPDATE questions SET feedback = CAST(feedback AS REAL), weight = CAST(weight AS REAL);
            """)),
        BadDatabase(name: "numbers as text", outcome: .clean, make: sql("""
            UPDATE questions SET relevance = CAST(relevance AS TEXT), weight = ' 2 ' WHERE question_id % 3 = 0;
            UPDATE questions SET feedback = '1' WHERE feedback = 1;
            UPDATE clusters SET is_outlier = 'no' WHERE cluster_id = 30;
            """)),
        BadDatabase(name: "escape sequences and controls in texts", outcome: .clean) { path in
            try loose(path) { db in
                let hostile = ["\u{1B}]0;PWNED\u{07}title", "\u{1B}[31mred\u{1B}[0m", "\u{1B}[2J\u{1B}[Hclear", "bell\u{07}\u{08}\u{7F}",
                               "\u{9B}31mC1", "\u{1B}[?1049lalt", "\u{1B}P+q\u{1B}\\dcs", "line\nbreak\rreturn\ttab", "\u{202E}reversed\u{202C}", "nul\u{0}byte"]
                for (i, text) in hostile.enumerated() {
                    try db.execute(sql: "UPDATE questions SET text = ? WHERE question_id = ?", arguments: [text, i + 1])
                }
                try db.execute(sql: "UPDATE clusters SET name = ?, description = ? WHERE cluster_id = 10", arguments: ["RFIs\u{1B}[5m", "\u{1B}]52;c;cHduZWQ=\u{07}"])
                try db.execute(sql: "UPDATE meta SET value = ? WHERE key = 'title'", arguments: ["Title\u{1B}]2;x\u{1B}\\"])
            }
        },
        BadDatabase(name: "right-to-left, emoji ZWJ and wide texts", outcome: .clean) { path in
            try loose(path) { db in
                let texts = ["מה הסטטוס של RFI 12?", "ما هي ميزانية المشروع؟", "👩‍💻👨‍👩‍👧‍👦 family 🏳️‍🌈", "漢字の質問ですか", "e\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}", "\u{301}orphan mark", "🇫🇷🇩🇪", "x\u{200D}\u{200D}y"]
                for (i, text) in texts.enumerated() {
                    try db.execute(sql: "UPDATE questions SET text = ? WHERE question_id = ?", arguments: [text, i + 1])
                }
                try db.execute(sql: "UPDATE clusters SET name = ? WHERE cluster_id = 11", arguments: ["שרטוטים 👩‍💻"])
            }
        },
    ]
}
