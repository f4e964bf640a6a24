import CladeStore
import Foundation

/// Opens a database for a command that only reads it (`export`, `report`, `queue`). When the
/// file's folder cannot be written (a read-only mount, say), it is read all the same, and one
/// line on standard error says so and why decisions could not be recorded there.
func openForReading(_ path: String) throws -> AppDatabase {
    let app = try reportingErrors { try AppDatabase.open(path: path, forceReadOnly: true) }
    if let notice = ReadOnlyAccess.notice(path) {
        FileHandle.standardError.write(Data(("clade: " + SafeText.line(notice) + "\n").utf8))
    }
    return app
}
