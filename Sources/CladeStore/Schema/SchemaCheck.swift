import Foundation
import CladeCore
import GRDB

/// What `clade check` reports about a database that passed validation.
public struct CheckReport: Equatable, Sendable {
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
}

/// Validates a file as a diagnostics database without changing a byte of it.
public enum SchemaCheck {
    static let sqliteHeader = Array("SQLite format 3\0".utf8)

    /// Checks the file's existence and its first bytes before SQLite sees it.
    public static func preflight(path: String) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { throw StoreError.notFound(path: path) }
        if isDirectory.boolValue { throw StoreError.notAFile(path: path) }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw StoreError.unreadable(path: path, reason: "permission denied")
        }
        defer { try? handle.close() }
        let head = (try? handle.read(upToCount: 16)) ?? Data()
        if head.isEmpty { throw StoreError.empty(path: path) }
        if Array(head) != sqliteHeader { throw StoreError.notSQLite(path: path) }
    }

    /// Opens read-only, validates the schema and gathers the summary. Never writes.
    public static func run(path: String) throws -> CheckReport {
        try preflight(path: path)
        var config = Configuration()
        config.readonly = true
        config.busyMode = .timeout(2)
        let queue: DatabaseQueue
        do {
            queue = try DatabaseQueue(path: path, configuration: config)
        } catch {
            throw translate(error, path: path)
        }
        defer { try? queue.close() }
        do {
            return try queue.read { db in
                try validate(db, path: path)
                return try summarize(db, path: path)
            }
        } catch let e as StoreError {
            throw e
        } catch {
            throw translate(error, path: path)
        }
    }

    /// Structural validation shared by `check` and by opening a database for review.
    public static func validate(_ db: Database, path: String) throws {
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
            if let unknown = applied.first(where: { !CladeSchema.migrationIDs.contains($0) }) {
                throw StoreError.newerCladeSchema(path: path, migration: unknown)
            }
        }
        if try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM runs") == 0 { throw StoreError.noRun(path: path) }
    }

    static func summarize(_ db: Database, path: String) throws -> CheckReport {
        let run = try Int64.fetchOne(db, sql: "SELECT MAX(run_id) FROM runs") ?? 0
        let tables = Set(try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'"))
        func count(_ sql: String, _ args: StatementArguments = []) throws -> Int { try Int.fetchOne(db, sql: sql, arguments: args) ?? 0 }
        let q = try Row.fetchOne(db, sql: """
            SELECT COUNT(*) AS n, TOTAL(weight) AS volume, SUM(feedback IS NOT NULL) AS rated
            FROM questions WHERE run_id = ?
            """, arguments: [run])!
        let leaves = try count("""
            SELECT COUNT(*) FROM clusters c WHERE c.run_id = ?
            AND NOT EXISTS (SELECT 1 FROM clusters k WHERE k.parent_id = c.cluster_id)
            """, [run])
        let all = try count("SELECT COUNT(*) FROM clusters WHERE run_id = ?", [run])
        let hasEmbeddings = tables.contains("question_embeddings")
        let dims = hasEmbeddings
            ? try Int.fetchAll(db, sql: """
                SELECT DISTINCT length(e.vector) / 4 FROM question_embeddings e
                JOIN questions q USING (question_id) WHERE q.run_id = ? ORDER BY 1
                """, arguments: [run])
            : []
        let applied = tables.contains("grdb_migrations") ? try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations") : []
        return CheckReport(
            path: path,
            pipelineFormat: try Int32.fetchOne(db, sql: "PRAGMA user_version") ?? 0,
            applicationIDSet: (try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0) == PipelineSchema.applicationID,
            cladeMigrations: applied,
            runs: try count("SELECT COUNT(*) FROM runs"),
            runID: run,
            questions: q["n"],
            volume: q["volume"],
            leafClusters: leaves,
            parentClusters: all - leaves,
            capabilities: try count("SELECT COUNT(*) FROM capabilities"),
            taggedQuestions: try count("""
                SELECT COUNT(DISTINCT qc.question_id) FROM question_capabilities qc
                JOIN questions q USING (question_id) WHERE q.run_id = ?
                """, [run]),
            ratedQuestions: q["rated"] ?? 0,
            embeddings: hasEmbeddings
                ? try count("SELECT COUNT(*) FROM question_embeddings e JOIN questions q USING (question_id) WHERE q.run_id = ?", [run])
                : 0,
            embeddingDims: dims,
            unassignedQuestions: try count("""
                SELECT COUNT(*) FROM questions q WHERE q.run_id = ?
                AND NOT EXISTS (SELECT 1 FROM assignments a WHERE a.question_id = q.question_id)
                """, [run]),
            assignmentsToMissingClusters: try count("""
                SELECT COUNT(*) FROM assignments a JOIN questions q USING (question_id) WHERE q.run_id = ?
                AND NOT EXISTS (SELECT 1 FROM clusters c WHERE c.cluster_id = a.cluster_id)
                """, [run]),
            decisions: tables.contains("clade_decisions") ? try count("SELECT COUNT(*) FROM clade_decisions") : 0,
            writable: FileManager.default.isWritableFile(atPath: path)
        )
    }

    public static func translate(_ error: Error, path: String) -> StoreError {
        guard let e = error as? DatabaseError else { return .unreadable(path: path, reason: "\(error)") }
        switch e.resultCode {
        case .SQLITE_NOTADB: return .notSQLite(path: path)
        case .SQLITE_CORRUPT: return .corrupt(path: path, detail: e.message ?? "corrupt")
        case .SQLITE_BUSY, .SQLITE_LOCKED: return .locked(path: path)
        case .SQLITE_CANTOPEN: return .unreadable(path: path, reason: e.message ?? "cannot open")
        case .SQLITE_READONLY: return .readOnly(path: path)
        default: return .sqlite(path: path, message: e.message ?? "\(e.resultCode)")
        }
    }
}
