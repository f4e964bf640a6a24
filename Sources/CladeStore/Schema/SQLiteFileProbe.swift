import Foundation
import GRDBSQLite

/// Reads raw bytes of a database file through SQLite's own VFS, so that no descriptor of ours
/// is ever closed on a file SQLite may hold locks on (see `SchemaCheck.preflight`).
enum SQLiteFileProbe {
    /// The first `length` bytes (fewer when the file is shorter) and the file's size.
    static func header(path: String, length: Int) throws -> (bytes: [UInt8], fileSize: Int) {
        // access(2) opens nothing; without it SQLite's error would not say why.
        guard access(path, R_OK) == 0 else { throw StoreError.unreadable(path: path, reason: "permission denied") }
        var handle: OpaquePointer?
        // No URI parsing: a name like "file:x?mode=memory" is a file name here, as everywhere else.
        let rc = sqlite3_open_v2(path, &handle, SQLITE_OPEN_READONLY, nil)
        defer { sqlite3_close_v2(handle) }
        guard rc == SQLITE_OK, let handle else {
            throw StoreError.unreadable(path: path, reason: "SQLite cannot open it")
        }
        var file: UnsafeMutablePointer<sqlite3_file>?
        guard sqlite3_file_control(handle, "main", SQLITE_FCNTL_FILE_POINTER, &file) == SQLITE_OK,
              let file, let methods = file.pointee.pMethods,
              let fileSize = methods.pointee.xFileSize, let read = methods.pointee.xRead else {
            throw StoreError.unreadable(path: path, reason: "SQLite gave no file handle")
        }
        var size: sqlite3_int64 = 0
        guard fileSize(file, &size) == SQLITE_OK else { throw StoreError.unreadable(path: path, reason: "cannot tell its size") }
        let count = Int(min(Int64(length), max(0, size)))
        guard count > 0 else { return ([], Int(size)) }
        var bytes = [UInt8](repeating: 0, count: count)
        let status = bytes.withUnsafeMutableBytes { read(file, $0.baseAddress, Int32(count), 0) }
        guard status == SQLITE_OK else { throw StoreError.unreadable(path: path, reason: "read failed (SQLite error \(status))") }
        return (bytes, Int(size))
    }
}
