@testable import CladeStore
import CladeCore
import Foundation
import GRDB
import Testing

/// `RunScan`'s one pass against the SQL it replaces, on the catalogue of bad databases, on random
/// ones and on ones full of edge values: the same refusal (or none), the same figures for
/// `clade check`, the same statistics (sums to the last bits), and the same from two connections
/// in parallel as from one.
@Suite("run scan agrees with SQL")
struct RunScanAgreementTests {
    @Test(arguments: BadDatabases.all)
    func badDatabase(_ bad: BadDatabase) throws {
        let scratch = try Scratch()
        let path = scratch.path("diagnostics.sqlite")
        try bad.make(path)
        try Self.expectAgreement(path, bad.name)
    }

    @Test func edgeDatabases() throws {
        let scratch = try Scratch()
        var plain = 0
        var file = 0
        let count = Fuzz.run("edge-db", seeds: [[0]], iterations: Fuzz.iterations(120)) { _, m in
            file += 1
            let path = scratch.path("edge.sqlite")
            for suffix in ["", "-wal", "-shm", "-journal"] { try? FileManager.default.removeItem(atPath: path + suffix) }
            try EdgeDatabase.write(at: path, using: &m)
            if try Self.expectAgreement(path, "edge database \(file)") { plain += 1 }
        }
        #expect(plain > count / 2, "most edge databases should take the fast pass (\(plain) of \(count))")
    }

    @Test func randomDatabases() throws {
        let scratch = try Scratch()
        _ = Fuzz.run("random-db-scan", seeds: [[0]], iterations: Fuzz.iterations(60)) { _, m in
            let path = scratch.path("random.sqlite")
            for suffix in ["", "-wal", "-shm", "-journal"] { try? FileManager.default.removeItem(atPath: path + suffix) }
            try RandomDatabase.write(at: path, using: &m)
            try Self.expectAgreement(path, "random database")
        }
    }

    @Test func sampleDatabase() throws {
        let scratch = try Scratch()
        #expect(try Self.expectAgreement(try Pipelines.sample(into: scratch), "sample"))
    }

    /// The embedding figures of `clade check`, read in one query, against the three they replace.
    static func expectEmbeddingFigures(_ db: Database, run: Int64, _ label: String) throws {
        guard try db.tableExists("question_embeddings") else { return }
        let report = try SchemaCheck.summarize(db, path: "", run: run)
        func count(_ sql: String) throws -> Int { try Int.fetchOne(db, sql: sql, arguments: [run]) ?? 0 }
        let embeddings = try count("SELECT COUNT(*) FROM question_embeddings e JOIN questions q USING (question_id) WHERE q.run_id = ?")
        let dims = try Int.fetchAll(db, sql: """
            SELECT DISTINCT length(CAST(e.vector AS BLOB)) / 4 FROM question_embeddings e
            JOIN questions q USING (question_id) WHERE q.run_id = ? AND typeof(e.vector) IN ('blob', 'text') ORDER BY 1
            """, arguments: [run])
        let unreadable = try count("""
            SELECT COUNT(*) FROM question_embeddings e JOIN questions q USING (question_id)
            WHERE q.run_id = ? AND (typeof(e.vector) NOT IN ('blob', 'text') OR length(CAST(e.vector AS BLOB)) % 4 <> 0 OR length(CAST(e.vector AS BLOB)) = 0)
            """)
        #expect(report.embeddings == embeddings && report.embeddingDims == dims && report.unreadableEmbeddings == unreadable,
                "\(label): embeddings \(report.embeddings) \(report.embeddingDims) \(report.unreadableEmbeddings) ≠ \(embeddings) \(dims) \(unreadable)")
    }

    /// Compares the pass with the SQL on a file; true when the pass read it (plain values).
    @discardableResult
    static func expectAgreement(_ path: String, _ label: String) throws -> Bool {
        var config = Configuration()
        config.readonly = true
        guard let queue = try? DatabaseQueue(path: path, configuration: config) else { return false }
        defer { try? queue.close() }
        // Damage is `PRAGMA quick_check`'s to find: the pass and the SQL read different pages.
        guard (try? queue.read({ try String.fetchAll($0, sql: "PRAGMA quick_check") })) == ["ok"] else { return false }
        return try queue.read { db in
            guard (try? SchemaCheck.validate(db, path: path)) != nil else { return false }
            let run = try Int64.fetchOne(db, sql: "SELECT MAX(run_id) FROM runs") ?? 0
            func refusal(questionTablesPassed: Bool) -> String? {
                do {
                    try DataCheck.refuseInvalidValues(db, path: path, run: run, questionTablesPassed: questionTablesPassed)
                    return nil
                } catch {
                    return "\(error)"
                }
            }
            if refusal(questionTablesPassed: false) == nil { try expectEmbeddingFigures(db, run: run, label) }
            let scanned: RunFigures?
            do {
                scanned = try RunScan.figures(db, run: run, overrides: false)
            } catch {
                return false  // damage a read runs into: SchemaCheck reports it either way
            }
            // Two connections at once must add up to one.
            let halves = try RunScan.figuresInParallel(db, run: run, overrides: false, minimumIDs: 0)
            #expect((halves == nil) == (scanned == nil), "\(label): the halves and the whole disagree on reading the file")

            let sqlRefusal = refusal(questionTablesPassed: false)
            guard let scanned else { return false }
            #expect(refusal(questionTablesPassed: true) == sqlRefusal, "\(label): the pass let through what the SQL refuses")
            guard sqlRefusal == nil else { return true }

            let counts = QuestionCounts(scanned, runClusters: try QuestionCounts.clusterIDs(db, run: run))
            expectEqual(counts, try QuestionCounts.query(db, run: run), label)
            if let halves { expectEqual(QuestionCounts(halves, runClusters: try QuestionCounts.clusterIDs(db, run: run)), counts, label + " (halves)") }

            // Sums in another order differ by rounding, relative to the largest term.
            let scale = try Double.fetchOne(db, sql: "SELECT MAX(abs(weight)) * MAX(1, MAX(abs(relevance))) * COUNT(*) FROM questions") ?? 1
            for overrides in [false] + (try db.tableExists("clade_assignment_override") ? [true] : []) {
                guard let figures = try RunScan.figures(db, run: run, overrides: overrides) else {
                    Issue.record("\(label): the pass read the file without overrides but not with them")
                    continue
                }
                let sql = try StatsCache.computeInSQL(db, run: run, clade: overrides)
                expectEqual(figures.snapshot, sql, scale: scale, "\(label), overrides \(overrides)")
                if let halves = try RunScan.figuresInParallel(db, run: run, overrides: overrides, minimumIDs: 0) {
                    expectEqual(halves.snapshot, sql, scale: scale, "\(label), overrides \(overrides), halves")
                }
            }
            return true
        }
    }

    /// Equal but for rounding: sums of the same terms in another order.
    static func close(_ a: Double, _ b: Double, scale: Double = 0) -> Bool {
        abs(a - b) <= 1e-12 * max(1, abs(a), abs(b), scale)
    }

    static func expectEqual(_ a: QuestionCounts, _ b: QuestionCounts, _ label: String) {
        var a = a
        #expect(close(a.totals.volume, b.totals.volume), "\(label): volume \(a.totals.volume) ≠ \(b.totals.volume)")
        a.totals.volume = b.totals.volume
        #expect(a == b, "\(label): \(a) ≠ \(b)")
    }

    static func expectEqual(_ a: StatsCache.Snapshot, _ b: StatsCache.Snapshot, scale: Double, _ label: String) {
        func close(_ a: Double, _ b: Double) -> Bool { Self.close(a, b, scale: scale) }
        #expect(a.firstMonday == b.firstMonday && a.weekCount == b.weekCount,
                "\(label): weeks from \(String(describing: a.firstMonday)) × \(a.weekCount) ≠ \(String(describing: b.firstMonday)) × \(b.weekCount)")
        #expect(Set(a.stats.keys) == Set(b.stats.keys), "\(label): clusters \(a.stats.keys.sorted()) ≠ \(b.stats.keys.sorted())")
        for (cluster, s) in a.stats {
            guard let t = b.stats[cluster] else { continue }
            #expect(s.rows == t.rows && s.ratedRows == t.ratedRows && s.sampledRows == t.sampledRows
                && close(s.volume, t.volume) && close(s.relevanceWeight, t.relevanceWeight) && close(s.relevanceSum, t.relevanceSum)
                && close(s.ratedWeight, t.ratedWeight) && close(s.satisfiedWeight, t.satisfiedWeight), "\(label): cluster \(cluster) \(s) ≠ \(t)")
        }
        for (name, x, y) in [("weekly", a.weekly.mapValues { $0.mapKeys(Int64.init) }, b.weekly.mapValues { $0.mapKeys(Int64.init) }),
                             ("capabilities", a.capabilities, b.capabilities)] {
            #expect(Set(x.keys) == Set(y.keys), "\(label): \(name) clusters \(x.keys.sorted()) ≠ \(y.keys.sorted())")
            for (cluster, sums) in x {
                let other = y[cluster] ?? [:]
                #expect(Set(sums.keys) == Set(other.keys) && sums.allSatisfy { close($0.value, other[$0.key] ?? .nan) },
                        "\(label): \(name) of cluster \(cluster) \(sums) ≠ \(other)")
            }
        }
    }
}

private extension Dictionary {
    func mapKeys<K: Hashable>(_ transform: (Key) -> K) -> [K: Value] {
        Dictionary<K, Value>(uniqueKeysWithValues: map { (transform($0.key), $0.value) })
    }
}
