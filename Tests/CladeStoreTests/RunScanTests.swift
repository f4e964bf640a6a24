@testable import CladeStore
import CladeCore
import Foundation
import GRDB
import Testing

/// The pieces of `RunScan` that stand in for SQLite functions, against SQLite itself. The pass as
/// a whole is compared with the SQL it replaces in ReliabilityTests (RunScanAgreementTests).
@Suite struct RunScanTests {
    /// The pass's day of asked_at is `julianday(date(asked_at))`, for every form of date SQLite reads.
    @Test func askedDayIsTheDayOfDate() throws {
        var rng = SeededGenerator(seed: 7)
        var texts = [
            "2026-02-01", "2026-02-01T00:00:00Z", "2026-02-01T23:59:59.999Z", "2026-02-01 23:59:59.9994", "2026-02-01 23:59:59.9996",
            "2026-02-01T12:00", "2026-02-01T00:30:00+05:00", "2026-02-01T23:30:00-08:00", "2026-02-31", "2461073.5", "2461073.49999999",
            "0000-01-01", "-4713-11-24 12:00:00", "-4713-11-25", "9999-12-31 23:59:59.999", "1970-01-01T00:00:00.000+14:00",
            "2026-02-01T24:00:00", "2026-02-01T23:59:60", " 2026-02-01", "2026-02-01Z", "yesterday", "", "0.1",
        ]
        for _ in 0..<3000 {
            let seconds = Double(Int64(rng.nextIndex(below: 4_000_000_000))) - 1_000_000_000 + Double(rng.nextIndex(below: 1000)) / 1000
            let zone = ["Z", "", "+05:45", "-11:00", "+00:00"][rng.nextIndex(below: 5)]
            let format = DateFormatter()
            format.locale = Locale(identifier: "en_US_POSIX")
            format.timeZone = TimeZone(identifier: "UTC")
            format.dateFormat = ["yyyy-MM-dd'T'HH:mm:ss.SSS", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd'T'HH:mm"][rng.nextIndex(below: 3)]
            texts.append(format.string(from: Date(timeIntervalSince1970: seconds)) + zone)
        }
        let db = try DatabaseQueue()
        try db.read { db in
            for text in texts {
                let row = try Row.fetchOne(db, sql: """
                    SELECT \(RunScan.askedDay.replacingOccurrences(of: "asked_at", with: ":t")) AS day,
                           julianday(date(:t)) AS date, julianday(:t) AS julian
                    """, arguments: ["t": text])!
                let day: Double? = row["day"], date: Double? = row["date"], julian: Double? = row["julian"]
                #expect(day == (date ?? (julian == nil ? nil : -1)), "\(text)")
                if let date { #expect(RunScan.dayStart(Int64(date + 0.5)) == date) }
            }
        }
    }

    /// Characters as `length()` counts them, in valid and invalid UTF-8 and past NULs.
    @Test func textLengthIsSQLitesLength() throws {
        var rng = SeededGenerator(seed: 11)
        let pieces: [[UInt8]] = [[0x41], [0xC3, 0xA9], [0xE6, 0xBC, 0xA2], [0xF0, 0x9F, 0x98, 0x80], [0x80], [0xBF, 0xBF], [0xC3], [0xFF], [0x00], [0xF8, 0x80, 0x80, 0x80, 0x80]]
        let db = try DatabaseQueue()
        try db.read { db in
            for _ in 0..<2000 {
                let bytes = (0..<rng.nextIndex(below: 12)).flatMap { _ in pieces[rng.nextIndex(below: pieces.count)] }
                let hex = bytes.map { String(format: "%02x", $0) }.joined()
                let expected = try Int.fetchOne(db, sql: "SELECT length(CAST(x'\(hex)' AS TEXT))")
                let counted = bytes.withUnsafeBufferPointer { RunScan.sqliteLength($0) }
                #expect(counted == expected, "\(hex)")
            }
        }
    }

    @Test func sumsByKeyAddUpAsADictionary() {
        var rng = SeededGenerator(seed: 3)
        var sums = SumsByKey()
        var expected: [Int64: Double] = [:]
        for _ in 0..<20_000 {
            let key = Int64(rng.nextIndex(below: 3000)) << 32 | Int64(rng.nextIndex(below: 9))
            let value = Double(rng.nextIndex(below: 100)) / 4
            sums.add(key, value)
            expected[key, default: 0] += value
        }
        var seen: [Int64: Double] = [:]
        sums.forEach { seen[$0] = $1 }
        #expect(seen == expected && sums.count == expected.count)
    }

    /// Every table is read in question_id order as stored: no sort, no run index and lookups.
    @Test func passReadsTablesInOrder() throws {
        let app = try AppDatabase.inMemory(populate: StoreFixtures.populate)
        try app.writer.read { db in
            for sql in [
                "SELECT question_id, weight, text FROM questions WHERE +run_id = 1 AND question_id >= 3 ORDER BY question_id",
                "SELECT question_id, cluster_id FROM assignments WHERE question_id < 3 ORDER BY question_id",
                "SELECT question_id, cluster_id FROM clade_assignment_override ORDER BY question_id",
                "SELECT question_id, capability_id FROM question_capabilities ORDER BY question_id",
            ] {
                let plan = try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql).map { $0["detail"] as String }
                #expect(!plan.contains { $0.contains("TEMP B-TREE") || $0.contains("INDEX") }, "\(plan)")
            }
        }
    }

    /// Opening a new file reads its questions once: the statistics cache is built from the
    /// validation pass, and must equal what the SQL computes.
    @Test func openingBuildsTheCacheFromTheValidationPass() throws {
        let tmp = try StoreFixtures.TempFolder()
        let path = tmp.path("db.sqlite")
        try StoreFixtures.writeDatabase(at: path)
        let app = try AppDatabase.open(path: path)
        try app.writer.read { db in
            let cached = try #require(try StatsCache.read(db, run: 1))
            let sql = try StatsCache.computeInSQL(db, run: 1, clade: true)
            #expect(cached.stats == sql.stats && cached.weekly == sql.weekly && cached.capabilities == sql.capabilities)
            #expect(cached.firstMonday == sql.firstMonday && cached.weekCount == sql.weekCount)
            #expect(cached.capabilityTotals == (try StatsCache.capabilityTotals(db, run: 1)))
        }
    }
}
