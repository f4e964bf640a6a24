import CladeCore
import CladeStore
import Foundation
import GRDB
import Testing

/// The schema checker and everything behind it on damaged files and on databases of random
/// values: `clade check` never traps, throws nothing but `StoreError`, never changes the file;
/// whatever it accepts, Clade opens and shows without trapping.
@Suite("fuzzing: databases")
struct SchemaFuzzTests {
    @Test func damagedFiles() throws {
        let scratch = try Scratch()
        let seedPath = scratch.path("seed.sqlite")
        try Pipelines.write(at: seedPath, questions: 80, textLength: 60)
        let seed = [UInt8](try Data(contentsOf: URL(fileURLWithPath: seedPath)))
        var accepted = 0
        let count = Fuzz.run("damaged-db", seeds: [seed], iterations: Fuzz.iterations(120)) { input, m in
            // A third byte-level mutations, a third page-aware damage, a third one byte in the second
            // half of a page (where record payloads such as texts live): damage a check may not see.
            let damaged: [UInt8]
            switch m.below(3) {
            case 0: damaged = m.mutate(input, others: [])
            case 1: damaged = Self.damagePages(input, &m)
            default:
                var bytes = input
                let page = 1 + m.below(max(1, bytes.count / 4096 - 1))
                bytes[page * 4096 + 2048 + m.below(2048)] = UInt8(truncatingIfNeeded: m.rng.next())
                damaged = bytes
            }
            let path = scratch.path("damaged.sqlite")
            for suffix in ["", "-wal", "-shm", "-journal"] { try? FileManager.default.removeItem(atPath: path + suffix) }
            try Data(damaged).write(to: URL(fileURLWithPath: path))
            if try Self.checkThenShow(path) { accepted += 1 }
        }
        print("fuzz damaged-db: \(count - accepted) refused, \(accepted) accepted and shown")
    }

    @Test func randomDatabases() throws {
        let scratch = try Scratch()
        var accepted = 0
        let count = Fuzz.run("random-db", seeds: [[0]], iterations: Fuzz.iterations(60)) { _, m in
            let path = scratch.path("random.sqlite")
            for suffix in ["", "-wal", "-shm", "-journal"] { try? FileManager.default.removeItem(atPath: path + suffix) }
            try RandomDatabase.write(at: path, using: &m)
            if try Self.checkThenShow(path) { accepted += 1 }
        }
        print("fuzz random-db: \(count - accepted) refused, \(accepted) accepted and shown")
        #expect(accepted > 0, "the generator should also make acceptable databases")
    }

    /// Checks a file; if accepted, opens it and drives every screen. True when accepted.
    static func checkThenShow(_ path: String) throws -> Bool {
        let before = FileSnapshot(path)
        do {
            _ = try SchemaCheck.run(path: path, options: .thorough)
        } catch is StoreError {
            #expect(FileSnapshot(path) == before, "a refused check changed the file")
            #expect(throws: StoreError.self) { try AppDatabase.open(path: path) }
            return false
        } catch {
            Issue.record("the check threw something other than a StoreError: \(error)")
            return false
        }
        #expect(FileSnapshot(path) == before, "the check changed the file")
        // Damage the check cannot see (a flipped bit in a text) may still fail a read: an error
        // is fine, a trap is not.
        if let app = try? AppDatabase.open(path: path) { try? Exercise.everything(app) }
        return true
    }

    /// Page-aware damage: bytes changed in random pages, header fields, a page copied over another,
    /// truncation on a page boundary.
    static func damagePages(_ input: [UInt8], _ m: inout Mutator) -> [UInt8] {
        var out = input
        let pageSize = 4096
        for _ in 0...m.below(4) {
            let pages = max(1, out.count / pageSize)
            guard !out.isEmpty else { break }
            switch m.below(6) {
            case 0, 1:
                for _ in 0...m.below(16) { out[m.below(out.count)] = UInt8(truncatingIfNeeded: m.rng.next()) }
            case 2:
                // Header fields: page size, counters, page count, schema cookie, encoding…
                let field = [16, 18, 20, 24, 28, 32, 36, 40, 44, 48, 52, 56, 92, 96][m.below(14)] + m.below(4)
                if field < out.count { out[field] = UInt8(truncatingIfNeeded: m.rng.next()) }
            case 3 where pages > 2 && out.count >= pages * pageSize:
                let from = m.below(pages), to = 1 + m.below(pages - 1)
                out.replaceSubrange((to * pageSize)..<((to + 1) * pageSize), with: out[(from * pageSize)..<((from + 1) * pageSize)])
            case 4 where pages > 2 && out.count >= pages * pageSize:
                let page = 1 + m.below(pages - 1)
                let header = page * pageSize
                out[header + m.below(12)] = Mutator.interestingBytes[m.below(Mutator.interestingBytes.count)]
            default:
                out = Array(out.prefix(pageSize * (1 + m.below(pages))))
            }
        }
        return out
    }
}

/// Pipeline databases of random values, as a buggy pipeline with its own DDL might write them:
/// values of every type in every column, ids that collide, parents that loop, orphans.
enum RandomDatabase {
    static func write(at path: String, using m: inout Mutator) throws {
        var config = Configuration()
        config.foreignKeysEnabled = false
        let queue = try DatabaseQueue(path: path, configuration: config)
        // Mostly sound values, so that a fair share of the files is accepted and shown.
        let chaos = [0, 2, 5, 15][m.below(4)]
        var rng = m
        func value(_ sound: DatabaseValueConvertible?) -> DatabaseValueConvertible? {
            guard rng.below(100) < chaos else { return sound }
            switch rng.below(8) {
            case 0: return nil
            case 1: return Int64(bitPattern: rng.rng.next())
            case 2: return [Double.infinity, -1, 0, 1e300, 0.5][rng.below(5)]
            case 3: return ["", "n/a", "1", "-1", "0.5", "2026-13-45", "yesterday", "\u{1B}[2J", String(repeating: "x", count: 20_000)][rng.below(9)]
            case 4: return Data((0..<rng.below(40)).map { _ in UInt8(truncatingIfNeeded: rng.rng.next()) })
            case 5: return Int64(rng.below(12)) - 2
            case 6: return "[\"a\", 1, null]"
            default: return sound
            }
        }
        try queue.write { db in
            try db.execute(sql: Pipelines.looseDDL)
            try db.execute(sql: "PRAGMA application_id = \(PipelineSchema.applicationID); PRAGMA user_version = 1")
            for key in ["title", "volume_high_share", "relevance_low", "satisfaction_low", "min_ratings"] {
                try db.execute(sql: "INSERT INTO meta VALUES (?, ?)", arguments: [key, value(["T", "0.1", "0.5", "60", "3"][rng.below(5)])])
            }
            let runs = 1 + rng.below(2)
            for r in 1...runs { try db.execute(sql: "INSERT INTO runs VALUES (?, 'now', 'fuzz', '{}', NULL)", arguments: [r]) }
            let clusters = 1 + rng.below(10)
            for c in 1...clusters {
                let parent: Int? = rng.below(3) == 0 ? 1 + rng.below(clusters) : nil
                try db.execute(sql: "INSERT OR IGNORE INTO clusters (cluster_id, run_id, parent_id, name, description, keywords_json, is_outlier) VALUES (?, ?, ?, ?, ?, ?, ?)",
                               arguments: [c, value(runs), value(parent == c ? nil : parent), value("cluster \(c)"), value(""), value("[\"k\(c)\"]"), value(0)])
            }
            let questions = rng.below(40)
            let dim = 1 + rng.below(6)
            for q in 0..<questions {
                try db.execute(sql: "INSERT OR IGNORE INTO questions (question_id, run_id, text, asked_at, relevance, feedback, weight) VALUES (?, ?, ?, ?, ?, ?, ?)",
                               arguments: [q + 1, value(runs), value("question \(q) about k\(q % 5)"), value("2026-02-0\(1 + q % 9)T10:00:00Z"),
                                           value(Double(rng.below(100)) / 100), value([nil, 1, -1][rng.below(3)]), value(1 + rng.below(3))])
                if rng.below(10) > 0 {
                    try db.execute(sql: "INSERT OR IGNORE INTO assignments (question_id, cluster_id) VALUES (?, ?)", arguments: [q + 1, value(1 + rng.below(clusters))])
                }
                if rng.below(3) == 0 {
                    try db.execute(sql: "INSERT OR IGNORE INTO question_capabilities (question_id, capability_id) VALUES (?, ?)", arguments: [q + 1, 1 + rng.below(3)])
                }
                if rng.below(4) > 0 {
                    let d = rng.below(10) == 0 ? dim + 1 : dim
                    try db.execute(sql: "INSERT OR IGNORE INTO question_embeddings VALUES (?, ?)",
                                   arguments: [q + 1, value(Pipelines.floats((0..<d).map { _ in Float(rng.below(1000)) / 999 }))])
                }
            }
            for c in 1...3 { try db.execute(sql: "INSERT OR IGNORE INTO capabilities VALUES (?, ?, '')", arguments: [c, value("cap \(c)")]) }
        }
        try queue.close()
        m = rng
    }
}
