import CladeCore
import CladeStore
import Foundation
import GRDB

/// Writes an imported run as a new pipeline database, atomically: everything goes into a
/// temporary file in the output's folder, which replaces the output only once complete.
/// On any error or cancellation the temporary file is removed and the output is untouched.
public enum PipelineWriter {
    /// Refuses an output that exists (unless `force`), is a folder, is one of the inputs, or
    /// whose folder does not exist. Importers call it before doing any work.
    public static func checkDestination(_ output: String, force: Bool, inputs: [String] = []) throws(ImportError) {
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        let folder = (output as NSString).deletingLastPathComponent
        if !folder.isEmpty {
            guard fm.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw ImportError("\(output): the folder \(folder) does not exist")
            }
        }
        guard fm.fileExists(atPath: output, isDirectory: &isDirectory) else { return }
        if isDirectory.boolValue { throw ImportError("\(output) is a folder; give a database file name") }
        for input in inputs where sameFile(input, output) {
            throw ImportError("\(output) is also an input; choose another output file")
        }
        if !force { throw ImportError("\(output) already exists; use --force to replace it") }
        try refuseIfInUse(output)
    }

    /// Replacing a file another program has open would unlink the `-wal` and `-shm` it is using:
    /// what its WAL holds is lost and its later writes go nowhere. Every SQLite connection in WAL
    /// mode keeps a shared lock on the file, so an exclusive lock taken through SQLite (briefly,
    /// then released) says whether anyone else has it open. A file that is not a database cannot
    /// be in SQLite's use and is replaced as before.
    static func refuseIfInUse(_ output: String) throws(ImportError) {
        var config = Configuration()
        config.busyMode = .timeout(0.2)
        config.foreignKeysEnabled = false
        do {
            let queue = try DatabaseQueue(path: output, configuration: config)
            defer { try? queue.close() }
            try queue.inDatabase { db in
                try db.execute(sql: "PRAGMA locking_mode = EXCLUSIVE")
                try db.execute(sql: "BEGIN EXCLUSIVE")
                defer { try? db.execute(sql: "ROLLBACK") }
                _ = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sqlite_master")
            }
        } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED {
            throw ImportError("\(output) is open in another program; close it there first (nothing was replaced)")
        } catch {
            return
        }
    }

    public static func write(_ pipeline: ImportedPipeline, to output: String, force: Bool, isCancelled: () -> Bool = { false }) throws(ImportError) {
        try pipeline.validate()
        try checkDestination(output, force: force)
        let folder = (output as NSString).deletingLastPathComponent
        let name = (output as NSString).lastPathComponent
        let temp = (folder.isEmpty ? "" : folder + "/") + ".\(name).import-\(getpid())-\(UInt32.random(in: 0 ... .max)).tmp"
        var published = false
        defer { if !published { removeDatabaseFiles(temp) } }

        do {
            let queue = try DatabaseQueue(path: temp)
            try queue.write { db in try insert(pipeline, into: db, isCancelled: isCancelled) }
            try queue.read { db in
                if try Row.fetchOne(db, sql: "PRAGMA foreign_key_check") != nil {
                    throw ImportError("internal error: the written database fails its foreign key check")
                }
            }
            try queue.close()
        } catch let error as ImportError {
            throw error
        } catch {
            throw ImportError("cannot write \(output): \(error)")
        }
        if isCancelled() { throw .cancelled }
        try publish(temp, as: output, force: force)
        published = true
        syncFolder(folder.isEmpty ? "." : folder)
    }

    // MARK: - Rows

    private static func insert(_ p: ImportedPipeline, into db: Database, isCancelled: () -> Bool) throws {
        try PipelineSchema.create(db)
        var meta = RunRows.defaultMeta
        meta.merge(p.meta) { _, new in new }
        try RunRows.append(p, to: db, meta: meta, isCancelled: isCancelled)
    }

    // MARK: - Files

    /// Moves the finished temporary database to `output`. Without `force`, `link` fails if the
    /// output appeared meanwhile, so an existing file is never replaced by accident.
    private static func publish(_ temp: String, as output: String, force: Bool) throws(ImportError) {
        if force {
            // Checked again just before: the file may have been opened while the import ran.
            try refuseIfInUse(output)
            // A stale journal or WAL next to the old output would be applied to the new file.
            for suffix in ["-wal", "-shm", "-journal"] { unlink(output + suffix) }
            guard rename(temp, output) == 0 else { throw ImportError("cannot create \(output): \(String(cString: strerror(errno)))") }
        } else {
            guard link(temp, output) == 0 else {
                let code = errno
                if code == EEXIST { throw ImportError("\(output) already exists; use --force to replace it") }
                // Some file systems have no hard links; fall back to a plain rename after a last check.
                guard !FileManager.default.fileExists(atPath: output), rename(temp, output) == 0 else {
                    throw ImportError("cannot create \(output): \(String(cString: strerror(code)))")
                }
                return
            }
            unlink(temp)
        }
    }

    static func removeDatabaseFiles(_ path: String) {
        for suffix in ["", "-journal", "-wal", "-shm"] { unlink(path + suffix) }
    }

    private static func syncFolder(_ folder: String) {
        let fd = open(folder, O_RDONLY)
        if fd >= 0 {
            fsync(fd)
            close(fd)
        }
    }

    static func sameFile(_ a: String, _ b: String) -> Bool {
        var sa = stat(), sb = stat()
        guard stat(a, &sa) == 0, stat(b, &sb) == 0 else { return false }
        return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino
    }
}
