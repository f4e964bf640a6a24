import CladeCore
import CladeStore
import Foundation
import GRDB

/// Adds an imported pipeline run to an existing diagnostics database and carries the reviewer's
/// decisions forward to it. The earlier runs and every decision stay as they are. Under one
/// write lock: a backup copy of the file is made, then the run, the carried decisions and the
/// carry-forward report are written in one transaction, so the file never holds half of it.
public enum Reimporter {
    public struct Options: Sendable {
        public var carry: CarryForwardOptions
        /// `meta` keys the user gave explicitly (`--title`, `--relevance-metric`): they replace the
        /// database's values. Others are added only when missing, except the embedding keys, which
        /// describe the latest run's vectors.
        public var replaceMeta: Set<String>
        /// Seconds to wait for another program's write before refusing the file as locked.
        public var lockTimeout: TimeInterval

        public init(carry: CarryForwardOptions = .init(), replaceMeta: Set<String> = [], lockTimeout: TimeInterval = 5) {
            self.carry = carry
            self.replaceMeta = replaceMeta
            self.lockTimeout = lockTimeout
        }
    }

    public struct Result: Sendable {
        public var runID: RunID
        public var previousRunID: RunID
        /// The copy of the database as it was just before the run was added.
        public var backup: String
        public var questions: Int
        public var clusters: Int
        public var report: CarryForwardReport
    }

    /// Refuses, before any input is read, a database that does not exist, is not a diagnostics
    /// database, cannot be written, or is one of the inputs. Reads only.
    public static func checkTarget(_ path: String, inputs: [String] = []) throws(ImportError) {
        if !FileManager.default.fileExists(atPath: path) {
            throw ImportError("\(path): no such file; --into adds a run to an existing database (-o creates a new one)")
        }
        do {
            _ = try SchemaCheck.run(path: path)
        } catch {
            throw ImportError("\(error)")
        }
        for input in inputs where PipelineWriter.sameFile(input, path) {
            throw ImportError("\(path) is also an input; give the database to add the run to with --into")
        }
        if !AppDatabase.isWritable(path) { throw readOnly(path) }
    }

    public static func run(
        _ pipeline: ImportedPipeline, into path: String, options: Options = .init(), isCancelled: () -> Bool = { false }
    ) throws(ImportError) -> Result {
        try pipeline.validate()
        try checkTarget(path)
        let app: AppDatabase
        do {
            app = try AppDatabase.openForImport(path: path, busyTimeout: options.lockTimeout)
        } catch StoreError.readOnly {
            throw readOnly(path)
        } catch {
            throw ImportError("\(error)")
        }
        var backup: String?
        var committing = false
        do {
            let result = try app.writer.writeWithoutTransaction { db -> Result in
                var result: Result?
                try db.inTransaction(.immediate) {
                    let copy = try makeBackup(db, of: path)
                    backup = copy
                    result = try append(pipeline, to: db, app: app, backup: copy, options: options, isCancelled: isCancelled)
                    if isCancelled() { throw ImportError.cancelled }
                    committing = true
                    return .commit
                }
                return result!
            }
            return result
        } catch {
            // Rolled back: the database is as it was, so its copy is not needed. A failed commit
            // leaves the copy in place, in case.
            if let backup, !committing { PipelineWriter.removeDatabaseFiles(backup) }
            if let e = error as? ImportError { throw e }
            let message = "\(SchemaCheck.translate(error, path: path))"
            throw ImportError(committing ? "\(message); a copy of the database before the import is in \(backup ?? "?")" : message)
        }
    }

    /// The new run's rows, then the carried decisions and their report, in the caller's transaction.
    static func append(
        _ p: ImportedPipeline, to db: Database, app: AppDatabase, backup: String, options: Options, isCancelled: () -> Bool
    ) throws -> Result {
        let previous = try RunID.fetchOne(db, sql: "SELECT MAX(run_id) FROM runs") ?? 0
        try requireRoom(db, for: p)
        let run = previous + 1
        try mergeMeta(p.meta, into: db, replacing: options.replaceMeta)
        let ids = RunRows.IDs(
            run: run, parentRun: previous,
            questionBase: try Int64.fetchOne(db, sql: "SELECT MAX(question_id) FROM questions") ?? 0,
            clusterBase: max(0, try Int64.fetchOne(db, sql: "SELECT MAX(cluster_id) FROM clusters") ?? 0),
            capabilities: try capabilityIDs(p.capabilities, in: db)
        )
        try RunRows.insert(p, into: db, ids: ids, isCancelled: isCancelled)
        let report = try CarryForward.run(db, app: app, from: previous, to: run, options: options.carry)
        // The new run's figures, with the carried moves and splits, so the first open is instant.
        try StatsCache.ensure(db, run: run)
        if try Row.fetchOne(db, sql: "PRAGMA foreign_key_check") != nil {
            throw ImportError("internal error: the new run fails the database's foreign key check")
        }
        return Result(runID: run, previousRunID: previous, backup: backup, questions: p.questions.count, clusters: p.clusters.count, report: report)
    }

    /// New ids continue after the largest in the file: refuse, before writing a row, a file whose
    /// ids are too near Int64.max for the new run to fit (the addition would trap mid-transaction).
    static func requireRoom(_ db: Database, for p: ImportedPipeline) throws {
        let needs: [(column: String, table: String, count: Int)] = [
            ("run_id", "runs", 1), ("question_id", "questions", p.questions.count),
            ("cluster_id", "clusters", p.clusters.count), ("capability_id", "capabilities", p.capabilities.count),
        ]
        for need in needs {
            let largest = try Int64.fetchOne(db, sql: "SELECT MAX(\(need.column)) FROM \(need.table)") ?? 0
            if largest.addingReportingOverflow(Int64(need.count) + 1).overflow {
                throw ImportError("\(need.table).\(need.column) reaches \(largest), too near the largest integer for \(need.count) more: the new run's ids would not fit (renumber the database's ids, or import into a new file with -o)")
            }
        }
    }

    /// Capabilities are shared by all runs: a name already known keeps its id, a new one gets the next.
    static func capabilityIDs(_ names: [String], in db: Database) throws -> [Int64] {
        var next = (try Int64.fetchOne(db, sql: "SELECT MAX(capability_id) FROM capabilities") ?? 0) + 1
        return try names.map { name in
            if let id = try Int64.fetchOne(db, sql: "SELECT capability_id FROM capabilities WHERE name = ?", arguments: [name]) { return id }
            try db.execute(sql: "INSERT INTO capabilities(capability_id, name) VALUES (?, ?)", arguments: [next, name])
            next += 1
            return next - 1
        }
    }

    static func mergeMeta(_ meta: [String: String], into db: Database, replacing: Set<String>) throws {
        let latest: Set<String> = [PipelineSchema.MetaKey.embeddingModel, PipelineSchema.MetaKey.embeddingDim]
        var values = RunRows.defaultMeta
        values.merge(meta) { _, new in new }
        for (key, value) in values.sorted(by: { $0.key < $1.key }) {
            let verb = replacing.contains(key) || (latest.contains(key) && meta[key] != nil) ? "REPLACE" : "IGNORE"
            try db.execute(sql: "INSERT OR \(verb) INTO meta(key, value) VALUES (?, ?)", arguments: [key, value])
        }
    }

    // MARK: - Files

    /// Copies the database next to it, as `NAME.before-run-N.EXT` (with `-2`, `-3`… if taken),
    /// while the caller holds the write lock and has written nothing yet: no one else can change
    /// it meanwhile. SQLite's backup API copies what is committed, write-ahead log included, read
    /// through a second, read-only connection (the locked one cannot be a backup's source).
    static func makeBackup(_ db: Database, of path: String) throws -> String {
        let run = (try RunID.fetchOne(db, sql: "SELECT MAX(run_id) FROM runs") ?? 0) + 1
        let ext = (path as NSString).pathExtension
        let stem = (path as NSString).deletingPathExtension + ".before-run-\(run)"
        var candidate = stem + (ext.isEmpty ? "" : "." + ext)
        var n = 2
        while FileManager.default.fileExists(atPath: candidate) {
            candidate = stem + "-\(n)" + (ext.isEmpty ? "" : "." + ext)
            n += 1
        }
        do {
            var config = Configuration()
            config.readonly = true
            let source = try DatabaseQueue(path: path, configuration: config)
            let copy = try DatabaseQueue(path: candidate)
            try source.backup(to: copy)
            try copy.close()
            try source.close()
        } catch {
            PipelineWriter.removeDatabaseFiles(candidate)
            throw ImportError("cannot make a backup copy of \(path) at \(candidate): \(error); nothing was imported")
        }
        return candidate
    }

    static func readOnly(_ path: String) -> ImportError {
        ImportError("\(path) is read-only (the file or its folder): cannot add a run to it; nothing was imported")
    }
}
