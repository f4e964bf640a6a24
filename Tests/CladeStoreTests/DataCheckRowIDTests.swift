@testable import CladeStore
import GRDB
import Testing

/// `DataCheck` skips the id rule of a column SQLite keeps as the rowid, and only of such a column.
@Suite struct DataCheckRowIDTests {
    @Test(arguments: [
        ("a INTEGER PRIMARY KEY, b", true),
        ("a integer primary key, b", true),
        ("a INTEGER, b, PRIMARY KEY (a)", true),
        ("a INTEGER PRIMARY KEY DESC, b", false),  // SQLite's quirk: not the rowid
        ("a INT PRIMARY KEY, b", false),
        ("a, b, PRIMARY KEY (a)", false),
        ("a INTEGER, b, PRIMARY KEY (a, b)", false),
        ("a INTEGER PRIMARY KEY, b) WITHOUT ROWID; CREATE TABLE unused (x", false),
        ("a INTEGER, b", false),
    ])
    func rowIDColumns(ddl: String, isRowID: Bool) throws {
        let db = try DatabaseQueue()
        try db.write { db in
            try db.execute(sql: "CREATE TABLE t (\(ddl))")
            #expect(DataCheck.isRowID(db, table: "t", column: "a") == isRowID, "\(ddl)")
        }
    }
}
