/// A problem with a database, said in one line: what is wrong and what to do about it.
public enum StoreError: Error, Equatable, CustomStringConvertible, Sendable {
    case notFound(path: String)
    case notAFile(path: String)
    /// A FIFO, socket or device: reading it as a database would block or make no sense.
    case notARegularFile(path: String)
    case unreadable(path: String, reason: String)
    case notSQLite(path: String)
    case corrupt(path: String, detail: String)
    case empty(path: String)
    case missingTables(path: String, tables: [String])
    case missingColumns(path: String, table: String, columns: [String])
    case foreignApplication(path: String, id: Int32)
    case newerPipelineFormat(path: String, found: Int32, supported: Int32)
    case newerCladeSchema(path: String, migration: String)
    case noRun(path: String)
    case locked(path: String)
    case readOnly(path: String)
    /// A writer stopped mid-transaction (a hot journal, or a log needing recovery) and this
    /// connection could not undo it: SQLite needs write access for that.
    case interruptedWrite(path: String, writable: Bool)
    case sqlite(path: String, message: String)
    /// The file is shorter than its own header says (an interrupted copy or download).
    case truncated(path: String, expectedBytes: Int, actualBytes: Int)
    /// Rows whose values would make the figures wrong: what is wrong, and how to fix it.
    case invalidData(path: String, problem: String, fix: String)
    /// Clade's tables need an upgrade but the backup copy made first failed; nothing was changed.
    case backupFailed(path: String, reason: String)

    public var description: String {
        switch self {
        case .notFound(let p): "\(p): no such file (give the path of a diagnostics database, or run `clade` alone for the sample)"
        case .notAFile(let p): "\(p): is a directory, not a database file"
        case .notARegularFile(let p): "\(p): is not a regular file (a pipe, socket or device); give the path of a database file"
        case .unreadable(let p, let r): "\(p): cannot be read (\(r)); check its permissions"
        case .notSQLite(let p): "\(p): not an SQLite database (expected a diagnostics database written by a clustering pipeline)"
        case .corrupt(let p, let d): "\(p): the database is damaged (\(d)); restore it from a backup or re-run the pipeline"
        case .empty(let p): "\(p): an empty SQLite database with no tables; run a pipeline or `clade import` to fill it"
        case .missingTables(let p, let t):
            "\(p): not a Clade diagnostics database: missing table\(t.count == 1 ? "" : "s") \(t.joined(separator: ", ")) (see docs/schema.md)"
        case .missingColumns(let p, let t, let c):
            "\(p): table \(t) lacks column\(c.count == 1 ? "" : "s") \(c.joined(separator: ", ")) (see docs/schema.md)"
        case .foreignApplication(let p, let id):
            "\(p): belongs to another application (application_id \(id)); Clade opens only diagnostics databases"
        case .newerPipelineFormat(let p, let f, let s):
            "\(p): written in diagnostics format \(f), but this Clade reads up to format \(s); update Clade"
        case .newerCladeSchema(let p, let m):
            "\(p): holds decisions from a newer Clade (schema \(m)); update Clade before opening it"
        case .noRun(let p): "\(p): has no pipeline run (the runs table is empty); run the pipeline or `clade import` to fill it"
        case .locked(let p): "\(p): is locked by another program; try again when it has finished writing"
        case .readOnly(let p): "\(p): is read-only"
        case .interruptedWrite(let p, true):
            "\(p): a program stopped in the middle of writing it; opening it for review (`clade \(p)`) lets SQLite undo the unfinished write, and the file is as it was before that write"
        case .interruptedWrite(let p, false):
            "\(p): a program stopped in the middle of writing it, and undoing that write needs write access, which this file or its folder does not give; copy the file together with its -journal or -wal beside it somewhere writable and open the copy"
        case .sqlite(let p, let m): "\(p): \(m)"
        case .truncated(let p, let expected, let actual):
            "\(p): the file is truncated (\(actual) of the \(expected) bytes its header announces: an interrupted copy or download?); copy it again or re-run the pipeline"
        case .invalidData(let p, let problem, let fix): "\(p): \(problem); \(fix)"
        case .backupFailed(let p, let r):
            "\(p): Clade's tables need an upgrade, but the backup copy made first failed (\(r)); nothing was changed. Free some disk space, or open it with --read-only"
        }
    }
}
