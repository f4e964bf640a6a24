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
        let meta = metaValues(p.meta, replacing: options.replaceMeta)
        let appended = try RunRows.append(p, to: db, meta: meta.values, replacingMeta: meta.replacing, isCancelled: isCancelled)
        let run = appended.runID
        let previous = appended.parentRunID ?? 0
        let report = try CarryForward.run(db, app: app, from: previous, to: run, options: options.carry)
        // The new run's figures, with the carried moves and splits, so the first open is instant.
        try StatsCache.ensure(db, run: run)
        if try Row.fetchOne(db, sql: "PRAGMA foreign_key_check") != nil {
            throw ImportError("internal error: the new run fails the database's foreign key check")
        }
        return Result(runID: run, previousRunID: previous, backup: backup, questions: p.questions.count, clusters: p.clusters.count, report: report)
    }

    /// The run's `meta`: the defaults and the input's values, added where the file has none; the
    /// keys the user gave replace the file's, and so do the embedding keys the input has (they
    /// describe the latest run's vectors).
    static func metaValues(_ meta: [String: String], replacing: Set<String>) -> (values: [String: String], replacing: Set<String>) {
        let latest: Set<String> = [PipelineSchema.MetaKey.embeddingModel, PipelineSchema.MetaKey.embeddingDim]
        var values = RunRows.defaultMeta
        values.merge(meta) { _, new in new }
        return (values, replacing.union(latest.filter { meta[$0] != nil }))
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
