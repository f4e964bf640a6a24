#if canImport(GRDBSQLite)
import GRDBSQLite
#else
import SQLite3
#endif
import Foundation
import GRDB

/// The rows of a query, stepped by GRDB (errors, interruption) but read straight from SQLite by
/// column index: a pass over a million rows builds no `Row`, `DatabaseValue` or `String`.
struct RawRows {
    private let statement: Statement
    private let cursor: RowCursor
    private let handle: SQLiteStatement

    init(_ db: Database, sql: String, arguments: StatementArguments = StatementArguments()) throws {
        statement = try db.makeStatement(sql: sql)
        cursor = try Row.fetchCursor(statement, arguments: arguments)
        handle = statement.sqliteStatement
    }

    /// Steps to the next row; false after the last.
    func next() throws -> Bool { try cursor.next() != nil }

    /// A value of the current row.
    subscript(column: Int32) -> RawValue { RawValue(sqlite3_column_value(handle, column)) }
}

/// A value of a row, valid until the next step. SQLite calls it unprotected: read it only on the
/// thread that steps its statement, which GRDB's serialized connections guarantee. Reading it
/// costs no lock, where each `sqlite3_column_…` call takes the connection's mutex.
struct RawValue {
    /// SQLite's storage classes (`typeof`).
    enum Storage: Int32 {
        case integer = 1, real, text, blob, null
        var isNumber: Bool { self == .integer || self == .real }
    }

    private let value: OpaquePointer?
    let storage: Storage

    @inline(__always)
    init(_ value: OpaquePointer?) {
        self.value = value
        storage = Storage(rawValue: sqlite3_value_type(value)) ?? .null
    }

    var int64: Int64 { sqlite3_value_int64(value) }
    /// An INTEGER or REAL value as SQLite's `CAST(… AS REAL)` gives it.
    var double: Double { sqlite3_value_double(value) }
    /// The length in bytes of a TEXT value (the database is UTF-8).
    var textBytes: Int { Int(sqlite3_value_bytes(value)) }

    /// A TEXT value's UTF-8 bytes.
    var text: UnsafeBufferPointer<UInt8> {
        let start = sqlite3_value_text(value)
        return UnsafeBufferPointer(start: start, count: Int(sqlite3_value_bytes(value)))
    }
}

/// Text compared as SQLite compares it by default (BINARY): bytes, then length.
enum BinaryText {
    static func compare(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Int {
        let common = min(a.count, b.count)
        let order = common == 0 ? 0 : Int(memcmp(a.baseAddress!, b.baseAddress!, common))
        return order != 0 ? order : a.count - b.count
    }
}
