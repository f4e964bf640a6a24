import CladeCore
import CladeStore
import CladeTestSupport
import Foundation
import GRDB

/// A temporary folder removed when released.
final class Scratch: @unchecked Sendable {
    let url: URL
    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("clade-reliability-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(at: url) }
    func path(_ name: String) -> String { url.appendingPathComponent(name).path }
    /// The files in the folder, for "nothing was created beside it".
    var files: [String] { ((try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []).sorted() }
}

/// Test budgets: small by default so `swift test` stays quick; larger through the environment
/// (see docs/reliability.md).
enum Budget {
    static func value(_ name: String, default fallback: Int) -> Int {
        ProcessInfo.processInfo.environment[name].flatMap(Int.init) ?? fallback
    }

    /// The seed of every generated input; `CLADE_SEED` replays a run.
    static var seed: UInt64 { ProcessInfo.processInfo.environment["CLADE_SEED"].flatMap(UInt64.init) ?? 20_260_801 }
}

/// Pipeline databases written for a test: a small, valid one by default, which each case then damages.
enum Pipelines {
    /// The pipeline DDL without NOT NULL and CHECK constraints, as a pipeline with its own DDL may have it.
    static var looseDDL: String {
        var ddl = PipelineSchema.ddl.replacingOccurrences(of: " NOT NULL", with: "")
        while let start = ddl.range(of: "CHECK (") {
            var depth = 0
            var end = start.lowerBound
            for i in ddl[start.lowerBound...].indices {
                if ddl[i] == "(" { depth += 1 }
                if ddl[i] == ")" { depth -= 1; if depth == 0 { end = ddl.index(after: i); break } }
            }
            ddl.removeSubrange(start.lowerBound..<end)
        }
        return ddl
    }

    /// Two parents over four leaves and one top-level leaf, `questions` questions (texts about
    /// `textLength` characters) with ratings, relevance and a few weights, three capabilities,
    /// 8-dimensional embeddings. Deterministic for a seed.
    static func populate(_ db: Database, questions: Int = 60, seed: UInt64 = 1, textLength: Int = 40, embeddings: Bool = true) throws {
        var rng = SeededGenerator(seed: seed)
        try db.execute(sql: """
            INSERT INTO meta VALUES ('title', 'Reliability'), ('relevance_metric', 'cosine'), ('min_ratings', '2');
            INSERT INTO runs VALUES (1, '2026-01-01T00:00:00Z', 'native', '{}', NULL);
            INSERT INTO clusters (cluster_id, run_id, parent_id, name, description, keywords_json) VALUES
                (1, 1, NULL, 'Documents', 'Finding documents', '["docs"]'),
                (2, 1, NULL, 'Costs', '', '["cost"]'),
                (10, 1, 1, 'RFIs', '', '["rfi"]'), (11, 1, 1, 'Drawings', '', '["drawing"]'),
                (20, 1, 2, 'Budgets', '', '["budget"]'), (21, 1, 2, 'Invoices', '', '["invoice"]'),
                (30, 1, NULL, 'Weather', '', '["rain"]');
            INSERT INTO capabilities VALUES (1, 'relative dates', ''), (2, 'comparison', ''), (3, 'aggregation', '');
            """)
        let leaves: [Int64] = [10, 11, 20, 21, 30]
        let words = ["rfi", "drawing", "budget", "invoice", "rain", "status", "open", "latest", "fy26", "site"]
        for q in 1...max(1, questions) {
            var text = "question \(q)"
            while text.count < textLength { text += " " + words[rng.nextIndex(below: words.count)] }
            let feedback: Int? = [nil, 1, -1][rng.nextIndex(below: 3)]
            let weight = rng.nextIndex(below: 6) == 0 ? Double(2 + rng.nextIndex(below: 3)) : 1
            try db.execute(sql: """
                INSERT INTO questions (question_id, run_id, text, asked_at, relevance, feedback, weight) VALUES (?, 1, ?, ?, ?, ?, ?)
                """, arguments: [q, text, String(format: "2026-02-%02dT10:00:00Z", 1 + rng.nextIndex(below: 28)),
                                 (rng.nextUnit() * 100).rounded() / 100, feedback, weight])
            try db.execute(sql: "INSERT INTO assignments (question_id, cluster_id) VALUES (?, ?)", arguments: [q, leaves[rng.nextIndex(below: leaves.count)]])
            if rng.nextIndex(below: 3) == 0 {
                try db.execute(sql: "INSERT INTO question_capabilities (question_id, capability_id) VALUES (?, ?)", arguments: [q, 1 + rng.nextIndex(below: 3)])
            }
            if embeddings {
                let vector = (0..<8).map { _ in Float(rng.nextUnit()) }
                try db.execute(sql: "INSERT INTO question_embeddings VALUES (?, ?)", arguments: [q, floats(vector)])
            }
        }
    }

    static func floats(_ v: [Float]) -> Data {
        var data = Data()
        for x in v { withUnsafeBytes(of: x.bitPattern.littleEndian) { data.append(contentsOf: $0) } }
        return data
    }

    /// Writes a pipeline database file (rollback journal, as most pipelines leave it).
    static func write(at path: String, ddl: String = PipelineSchema.ddl, questions: Int = 60, seed: UInt64 = 1, textLength: Int = 40,
                      mutate: (Database) throws -> Void = { _ in }) throws {
        // Like most pipelines, without foreign key enforcement (the damage below needs it off).
        var config = Configuration()
        config.foreignKeysEnabled = false
        let queue = try DatabaseQueue(path: path, configuration: config)
        try queue.write { db in
            try db.execute(sql: ddl)
            try db.execute(sql: "PRAGMA application_id = \(PipelineSchema.applicationID)")
            try db.execute(sql: "PRAGMA user_version = \(PipelineSchema.version)")
            try populate(db, questions: questions, seed: seed, textLength: textLength)
            try mutate(db)
        }
        try queue.close()
    }

    /// A connection playing a pipeline: no foreign key enforcement, and it may hold a
    /// transaction open across calls.
    static func holder(_ path: String) throws -> DatabaseQueue {
        var config = Configuration()
        config.allowsUnsafeTransactions = true
        config.foreignKeysEnabled = false
        return try DatabaseQueue(path: path, configuration: config)
    }

    struct ShellFailed: Error, CustomStringConvertible { var description: String }

    /// The sqlite3 shell, as a pipeline or a curious user runs it: one process per call, its
    /// output trimmed; a failure throws.
    @discardableResult
    static func sqlite3(_ path: String, _ sql: String) throws -> String {
        let r = try Spawn.run(["sqlite3", "-batch", path, sql])
        guard r.status == 0 else { throw ShellFailed(description: "sqlite3 \(sql): \(r.error)") }
        return r.output.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// SQL a pipeline runs to append run 2: run 1's clusters and questions again, ids shifted by
    /// 100 and 1000, written by `source` (with the embeddings when asked).
    static func secondRun(source: String = "native", embeddings: Bool = false) -> String {
        """
        INSERT INTO runs VALUES (2, '2026-03-01T00:00:00Z', '\(source)', '{}', 1);
        INSERT INTO clusters (cluster_id, run_id, parent_id, name, description, keywords_json, is_outlier)
            SELECT cluster_id + 100, 2, parent_id + 100, name, description, keywords_json, is_outlier FROM clusters WHERE run_id = 1;
        INSERT INTO questions (question_id, run_id, text, asked_at, relevance, feedback, weight)
            SELECT question_id + 1000, 2, text, asked_at, relevance, feedback, weight FROM questions WHERE run_id = 1;
        INSERT INTO assignments (question_id, cluster_id) SELECT question_id + 1000, cluster_id + 100 FROM assignments;
        """ + (embeddings ? "\nINSERT INTO question_embeddings SELECT question_id + 1000, vector FROM question_embeddings;" : "")
    }

    /// A copy of the bundled sample.
    static func sample(into scratch: Scratch, name: String = "sample.sqlite") throws -> String {
        let path = scratch.path(name)
        try FileManager.default.copyItem(atPath: packageRoot.appendingPathComponent("sample-data/construction.sqlite").path, toPath: path)
        return path
    }

    static var packageRoot: URL {
        var dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: dir.appendingPathComponent("Package.swift").path) { dir.deleteLastPathComponent() }
        return dir
    }
}

/// The file's bytes and the WAL/SHM beside it, to prove a check changed nothing.
struct FileSnapshot: Equatable {
    var main: Data?
    var siblings: [String: Data?]

    init(_ path: String) {
        main = FileManager.default.contents(atPath: path)
        siblings = Dictionary(uniqueKeysWithValues: ["-wal", "-journal"].map { (path + $0, FileManager.default.contents(atPath: path + $0)) })
    }
}
