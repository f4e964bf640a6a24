import Foundation
import GRDBSQLite

/// The first 100 bytes of an SQLite file: enough to tell, before SQLite sees the file, whether
/// it is whole (https://www.sqlite.org/fileformat2.html#the_database_header).
struct SQLiteFileHeader: Equatable {
    static let length = 100
    static let magic = Array("SQLite format 3\0".utf8)

    /// Bytes per page (512 … 65536, a power of two in a sound file).
    var pageSize: Int
    /// Pages the file holds according to its header; nil when the count is not trustworthy
    /// (written by a version of SQLite older than 3.7.0, which did not maintain it).
    var pageCount: Int?

    init?(_ bytes: [UInt8]) {
        guard bytes.count >= Self.length, Array(bytes[0..<16]) == Self.magic else { return nil }
        func u32(_ o: Int) -> UInt32 {
            UInt32(bytes[o]) << 24 | UInt32(bytes[o + 1]) << 16 | UInt32(bytes[o + 2]) << 8 | UInt32(bytes[o + 3])
        }
        let size = Int(bytes[16]) << 8 | Int(bytes[17])
        pageSize = size == 1 ? 65536 : size
        // The in-header size is valid only when the change counter equals "version valid for".
        let count = u32(28)
        pageCount = count > 0 && u32(24) == u32(92) ? Int(count) : nil
    }

    var hasValidPageSize: Bool { pageSize >= 512 && pageSize <= 65536 && pageSize & (pageSize - 1) == 0 }

    /// The size the file must have, when the header says.
    var expectedFileSize: Int? { pageCount.map { $0 * pageSize } }

    /// Checks a file of `fileSize` bytes against this header. A non-empty WAL may hold pages the
    /// main file does not have yet (a checkpoint was interrupted), so then only SQLite can tell.
    func problem(path: String, fileSize: Int, walSize: Int) -> StoreError? {
        guard walSize == 0 else { return nil }
        guard hasValidPageSize else { return .corrupt(path: path, detail: "invalid page size \(pageSize) in the file header") }
        if let expected = expectedFileSize, fileSize < expected {
            return .truncated(path: path, expectedBytes: expected, actualBytes: fileSize)
        }
        if fileSize % pageSize != 0 {
            return .truncated(path: path, expectedBytes: (fileSize / pageSize + 1) * pageSize, actualBytes: fileSize)
        }
        return nil
    }
}

extension SchemaCheck {
    /// Checks the file's existence and its header before anything reads it as a database: a
    /// directory, a FIFO or device, an unreadable, empty, foreign or truncated file is named as such.
    ///
    /// The header is read through SQLite's own file layer, never with a descriptor of our own:
    /// closing any descriptor of a file drops every POSIX lock the process holds on it, so a
    /// window that re-validates its open file would silently give up its locks, and the next
    /// client to close would delete the WAL under it ("How To Corrupt An SQLite Database File",
    /// §2.2). SQLite's unix VFS keeps such descriptors open until the process's locks are gone.
    public static func preflight(path: String) throws {
        var info = stat()
        guard stat(path, &info) == 0 else {
            if errno == EACCES { throw StoreError.unreadable(path: path, reason: "permission denied") }
            throw StoreError.notFound(path: path)
        }
        switch info.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: throw StoreError.notAFile(path: path)
        default: throw StoreError.notARegularFile(path: path)  // a FIFO would block the open forever
        }
        let walSize = fileSize(path + "-wal") ?? 0
        let (head, size) = try SQLiteFileProbe.header(path: path, length: SQLiteFileHeader.length)
        if head.isEmpty {
            // A new WAL database may not have reached the main file yet; SQLite will tell.
            if walSize > 0 { return }
            throw StoreError.empty(path: path)
        }
        guard Array(head.prefix(16)) == SQLiteFileHeader.magic else { throw StoreError.notSQLite(path: path) }
        guard let header = SQLiteFileHeader(head) else {
            throw StoreError.truncated(path: path, expectedBytes: SQLiteFileHeader.length, actualBytes: head.count)
        }
        if let problem = header.problem(path: path, fileSize: size, walSize: walSize) { throw problem }
    }

    static func fileSize(_ path: String) -> Int? {
        var info = stat()
        return stat(path, &info) == 0 ? Int(info.st_size) : nil
    }
}
