import Foundation
import CladeCore
import GRDB

/// What `clade check` reports about a database that passed validation.
public struct CheckReport: Equatable, Sendable, Codable {
    public var path: String
    public var pipelineFormat: Int32
    public var applicationIDSet: Bool
    public var cladeMigrations: [String]
    public var runs: Int
    public var runID: Int64
    public var questions: Int
    public var volume: Double
    public var leafClusters: Int
    public var parentClusters: Int
    public var capabilities: Int
    public var taggedQuestions: Int
    public var ratedQuestions: Int
    public var embeddings: Int
    public var embeddingDims: [Int]
    public var unassignedQuestions: Int
    public var assignmentsToMissingClusters: Int
    public var decisions: Int
    public var writable: Bool
    /// `PRAGMA quick_check` ran (and passed); false when skipped for a large file on open.
    public var integrityChecked: Bool = false
    /// Questions of the run whose text is NULL.
    public var nullTexts: Int = 0
    /// Questions of the run longer than `DataCheck.longText` characters, and the longest length.
    public var longTexts: Int = 0
    public var longestText: Int = 0
    /// Questions whose `asked_at` is set but not a date SQLite can read.
    public var undatedQuestions: Int = 0
    /// Clusters of the run whose parent is not a cluster of the run.
    public var clustersWithMissingParent: Int = 0
    /// Embeddings whose blob is NULL or not a whole number of float32 values.
    public var unreadableEmbeddings: Int = 0
    /// Replaying the decision log gives exactly Clade's state tables; nil when not verified.
    public var decisionLogConsistent: Bool?
    /// The pipeline tables' fingerprint when this was gathered (see `Fingerprint`).
    public var fingerprint: String?
    /// Taken from the last open of the unchanged file instead of reading every row again.
    public var reused: Bool = false
    /// Clusters the reviewer created, in a file from before `CladeIDs`' range, whose id is also a
    /// pipeline cluster's (a split took -1 where BERTopic's outliers are -1).
    public var expertIDCollisions: Int = 0
}

/// Validates a file as a diagnostics database without changing a byte of it.
public enum SchemaCheck {
    /// How thorough a check is.
    public struct Options: Sendable {
        /// Run `PRAGMA quick_check` (reads every page: about a second per few hundred MB) on files
        /// up to this size; nil: always.
        public var integrityCheckLimit: Int?
        /// Clade migration identifiers this build knows; a file with others is from a newer Clade.
        public var knownMigrations: [String]
        /// Replay the decision log in memory and compare it with Clade's state tables.
        public var verifyDecisionLog: Bool

        /// Trust the validation that passed when Clade last opened the file, if the pipeline tables'
        /// fingerprint is unchanged (the schema is always checked again).
        public var reuseValidation: Bool

        /// A file a writer left mid-transaction is first put back as it was before that write, as
        /// any SQLite connection with write access does on its first read (`clade check` only says so).
        public var undoInterruptedWrite: Bool

        /// Sees the SQL of every statement the check runs (tests read their query plans).
        var statementTrace: (@Sendable (String) -> Void)?

        public init(integrityCheckLimit: Int? = nil, knownMigrations: [String] = CladeSchema.migrationIDs, verifyDecisionLog: Bool = false,
                    reuseValidation: Bool = false, undoInterruptedWrite: Bool = true) {
            self.undoInterruptedWrite = undoInterruptedWrite
            self.integrityCheckLimit = integrityCheckLimit
            self.knownMigrations = knownMigrations
            self.verifyDecisionLog = verifyDecisionLog
            self.reuseValidation = reuseValidation
        }

        /// `clade check`: everything.
        public static let thorough = Options(integrityCheckLimit: nil, verifyDecisionLog: true, undoInterruptedWrite: false)
        /// Opening for review: `quick_check` only on files up to 64 MiB, and the data read again only
        /// when the pipeline changed it, so a large file opens at once (damage found later by a
        /// read is reported as such all the same).
        public static let opening = Options(integrityCheckLimit: 64 << 20, reuseValidation: true)
    }

    /// Opens read-only, validates the schema and the data, and gathers the summary. Never writes.
    public static func run(path: String, options: Options = .thorough) throws -> CheckReport {
        try runKeepingFigures(path: path, options: options).report
    }

    /// `run`, also giving the run's figures the validation pass gathered (by pipeline assignment,
    /// without the reviewer's moves), so that opening a new file reads its questions once.
    static func runKeepingFigures(path: String, options: Options) throws -> (report: CheckReport, figures: StatsCache.Snapshot?) {
        do {
            return try validateOnce(path: path, options: options)
        } catch StoreError.interruptedWrite(_, writable: true) where options.undoInterruptedWrite {
            try InterruptedWrite.undo(path: path)
            return try validateOnce(path: path, options: options)
        }
    }

    private static func validateOnce(path: String, options: Options) throws -> (report: CheckReport, figures: StatsCache.Snapshot?) {
        try preflight(path: path)
        var config = Configuration()
        config.readonly = true
        config.busyMode = .timeout(2)
        if let trace = options.statementTrace {
            config.prepareDatabase { db in
                db.trace(options: .statement) { event in
                    if case .statement(let statement) = event { trace(statement.sql) }
                }
            }
        }
        let queue: DatabaseQueue
        do {
            queue = try DatabaseQueue(path: ReadOnlyAccess.sqliteName(path), configuration: config)
        } catch {
            throw translate(error, path: path)
        }
        defer { try? queue.close() }
        do {
            return try queue.read { db in
                try validate(db, path: path, knownMigrations: options.knownMigrations)
                let size = fileSize(path) ?? 0
                let integrity = options.integrityCheckLimit.map { size <= $0 } ?? true
                if integrity { try quickCheck(db, path: path) }
                let run = try Int64.fetchOne(db, sql: "SELECT MAX(run_id) FROM runs") ?? 0
                let fingerprint = try Fingerprint.tables(db)
                if options.reuseValidation, var report = try reusableReport(db, run: run, fingerprint: fingerprint) {
                    try refreshLiveFields(db, path: path, into: &report)
                    report.integrityChecked = integrity
                    return (report, nil)
                }
                // A read error (damage) is left to the SQL checks, which meet it in their usual order.
                let scanned = try? RunScan.figuresInParallel(db, run: run, overrides: false)
                try DataCheck.refuseInvalidValues(db, path: path, run: run, questionTablesPassed: scanned != nil)
                var report = try summarize(db, path: path, run: run, scanned: scanned)
                report.fingerprint = fingerprint
                report.integrityChecked = integrity
                if options.verifyDecisionLog, !report.cladeMigrations.isEmpty {
                    report.decisionLogConsistent = try DecisionLogCheck.isConsistent(db)
                }
                return (report, scanned?.snapshot)
            }
        } catch let e as StoreError {
            throw e
        } catch {
            throw translate(error, path: path)
        }
    }

    /// The report stored when this file last passed validation, if its pipeline tables are unchanged.
    static func reusableReport(_ db: Database, run: Int64, fingerprint: String) throws -> CheckReport? {
        guard try db.tableExists("clade_stats_runs"), try db.columns(in: "clade_stats_runs").contains(where: { $0.name == "check_json" }),
              let json = try String.fetchOne(db, sql: "SELECT check_json FROM clade_stats_runs WHERE run_id = ? AND tables_fingerprint = ?",
                                             arguments: [run, fingerprint]),
              var report = try? JSONDecoder().decode(CheckReport.self, from: Data(json.utf8)),
              report.runID == run, report.fingerprint == fingerprint else { return nil }
        report.reused = true
        return report
    }

    /// What changes without the pipeline: Clade's own tables, decisions, the file's permissions.
    static func refreshLiveFields(_ db: Database, path: String, into report: inout CheckReport) throws {
        report.path = path
        report.cladeMigrations = try db.tableExists("grdb_migrations") ? String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations") : []
        report.runs = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM runs") ?? 0
        report.decisions = try db.tableExists("clade_decisions") ? Int.fetchOne(db, sql: "SELECT COUNT(*) FROM clade_decisions") ?? 0 : 0
        report.writable = FileManager.default.isWritableFile(atPath: path)
        report.decisionLogConsistent = nil
        report.expertIDCollisions = try db.tableExists("clade_cluster_state") ? Int.fetchOne(db, sql: """
            SELECT COUNT(*) FROM clade_cluster_state s WHERE s.origin = ? AND s.cluster_id IN (SELECT cluster_id FROM clusters WHERE cluster_id IS NOT NULL)
            """, arguments: [ClusterOrigin.expert]) ?? 0 : 0
    }

    /// `PRAGMA quick_check`: every page readable, every record well-formed.
    static func quickCheck(_ db: Database, path: String) throws {
        let result = try String.fetchAll(db, sql: "PRAGMA quick_check(3)")
        guard result != ["ok"] else { return }
        // Lines such as "*** in database main ***\nPage 8: btreeInitPage() returns error code 11".
        let lines = result.flatMap { $0.split(separator: "\n") }.filter { !$0.hasPrefix("***") }
        throw StoreError.corrupt(path: path, detail: "integrity check: " + String((lines.first ?? "no answer").prefix(120)))
    }

    /// Structural validation shared by `check` and by opening a database for review.
    public static func validate(_ db: Database, path: String, knownMigrations: [String] = CladeSchema.migrationIDs) throws {
        let appID = try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0
        if appID != 0 && appID != PipelineSchema.applicationID { throw StoreError.foreignApplication(path: path, id: appID) }
        let format = try Int32.fetchOne(db, sql: "PRAGMA user_version") ?? 0
        if format > PipelineSchema.version {
            throw StoreError.newerPipelineFormat(path: path, found: format, supported: PipelineSchema.version)
        }
        let tables = Set(try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type IN ('table', 'view')"))
        if tables.isEmpty { throw StoreError.empty(path: path) }
        let missing = PipelineSchema.requiredColumns.map(\.table).filter { !tables.contains($0) }
        if !missing.isEmpty { throw StoreError.missingTables(path: path, tables: missing) }
        for (table, columns) in PipelineSchema.requiredColumns + PipelineSchema.optionalColumns where tables.contains(table) {
            let present = Set(try db.columns(in: table).map(\.name))
            let lacking = columns.filter { !present.contains($0) }
            if !lacking.isEmpty { throw StoreError.missingColumns(path: path, table: table, columns: lacking) }
        }
        if tables.contains("grdb_migrations") {
            let applied = try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations")
            if let unknown = applied.first(where: { !knownMigrations.contains($0) }) {
                throw StoreError.newerCladeSchema(path: path, migration: unknown)
            }
        }
        if try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM runs") == 0 { throw StoreError.noRun(path: path) }
    }

    public static func translate(_ error: Error, path: String) -> StoreError {
        guard let e = error as? DatabaseError else { return .unreadable(path: path, reason: "\(error)") }
        switch e.resultCode {
        case .SQLITE_NOTADB: return .notSQLite(path: path)
        case .SQLITE_CORRUPT: return .corrupt(path: path, detail: e.message ?? "corrupt")
        case .SQLITE_BUSY, .SQLITE_LOCKED: return .locked(path: path)
        case .SQLITE_CANTOPEN: return .unreadable(path: path, reason: e.message ?? "cannot open")
        case .SQLITE_READONLY:
            if e.extendedResultCode == .SQLITE_READONLY_ROLLBACK || e.extendedResultCode == .SQLITE_READONLY_RECOVERY {
                return .interruptedWrite(path: path, writable: AppDatabase.isWritable(path))
            }
            return .readOnly(path: path)
        default: return .sqlite(path: path, message: e.message ?? "\(e.resultCode)")
        }
    }
}
