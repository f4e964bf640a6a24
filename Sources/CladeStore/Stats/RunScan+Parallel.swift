#if canImport(GRDBSQLite)
import GRDBSQLite
#else
import SQLite3
#endif
import CladeCore
import Dispatch
import GRDB

extension RunScan {
    /// Runs under this many question ids take one pass: a second connection would cost more than it saves.
    static let parallelMinimum: Int64 = 50_000

    /// `figures(db…)`, reading the upper half of the question ids on a second connection at the
    /// same time, when that connection is sure to see what `db` sees: `db` is in a read
    /// transaction (so has changed nothing) on a file in rollback-journal mode, where its shared
    /// lock keeps every writer from committing until it ends. Otherwise (a write transaction, WAL,
    /// a memory database, a small run) one pass on `db`.
    static func figuresInParallel(_ db: Database, run: RunID, overrides: Bool, minimumIDs: Int64 = parallelMinimum) throws -> RunFigures? {
        // SQLite's count of the table's b-tree: no row decoded.
        ScanProgress.shared.start(total: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM questions") ?? 0)
        guard let path = try pathForSecondConnection(db), let (lower, upper) = try halves(db, run: run, minimumIDs: minimumIDs) else {
            return try figures(db, run: run, overrides: overrides)
        }
        let (lowerFigures, upperFigures) = inParallel({ try figures(db, run: run, overrides: overrides, ids: lower) }, {
            var config = Configuration()
            config.readonly = true
            let queue = try DatabaseQueue(path: path, configuration: config)
            defer { try? queue.close() }
            return try queue.read { try figures($0, run: run, overrides: overrides, ids: upper) }
        })
        guard case .success(let upperFigures) = upperFigures else {
            // The second connection could not read (busy, say): `db` reads it all.
            return try figures(db, run: run, overrides: overrides)
        }
        guard let lowerFigures = try lowerFigures.get(), let upperFigures else { return nil }
        return lowerFigures + upperFigures
    }

    /// The file `db` reads, if a second connection may read it alongside (see above).
    static func pathForSecondConnection(_ db: Database) throws -> String? {
        guard let handle = db.sqliteConnection, sqlite3_txn_state(handle, "main") == SQLITE_TXN_READ,
              try String.fetchOne(db, sql: "PRAGMA journal_mode") != "wal",
              let name = sqlite3_db_filename(handle, "main"), name.pointee != 0 else { return nil }
        return String(cString: name)
    }

    /// The question ids split in the middle of the run's; nil for a small run, or when some
    /// question_id is NULL (in no half) in a table read by key. Tables read in rowid order are
    /// split by rowid, so each half reads every row of its own, NULLs included (not checked
    /// here: without an index that would be a scan of the table).
    static func halves(_ db: Database, run: RunID, minimumIDs: Int64) throws -> (lower: IDRange, upper: IDRange)? {
        let byKey = try ["assignments", "question_capabilities"].filter { try !readPlan(db, tables: [$0]).rowOrder.contains($0) }
        guard let span = try questionSpan(db, run: run), span.upperBound / 2 - span.lowerBound / 2 >= minimumIDs / 2,
              try !hasNullQuestionIDs(db, tables: byKey) else { return nil }
        let middle = span.lowerBound / 2 + span.upperBound / 2
        return (IDRange(below: middle), IDRange(from: middle))
    }

    /// `a` here and `b` on another thread, at the same time.
    static func inParallel<A, B: Sendable>(_ a: () throws -> A, _ b: @escaping @Sendable () throws -> B) -> (Result<A, Error>, Result<B, Error>) {
        let outcome = Outcome<B>()
        let done = DispatchSemaphore(value: 0)
        DispatchQueue.global(qos: .userInitiated).async {
            outcome.result = Result(catching: b)
            done.signal()
        }
        let resultA = Result(catching: a)
        done.wait()
        return (resultA, outcome.result!)
    }
}

/// The result of work on another thread, read after a semaphore says it is there.
private final class Outcome<T>: @unchecked Sendable {
    var result: Result<T, Error>?
}
