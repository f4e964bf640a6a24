import Foundation
import GRDB

extension AppDatabase {
    /// Opens an existing diagnostics database to add a pipeline run to it: validated read-only
    /// first (a file that is not a diagnostics database is refused untouched), refused when it
    /// cannot be written, then Clade's tables migrated. One connection, which waits up to
    /// `busyTimeout` seconds for another program's write before reporting the file as locked.
    public static func openForImport(path: String, busyTimeout: TimeInterval = 5) throws -> AppDatabase {
        _ = try SchemaCheck.run(path: path)
        guard isWritable(path) else { throw StoreError.readOnly(path: path) }
        var config = Configuration()
        config.busyMode = .timeout(busyTimeout)
        do {
            let queue = try DatabaseQueue(path: path, configuration: config)
            try CladeSchema.migrate(CladeSchema.migrator, queue)
            return try AppDatabase(writer: queue, path: path, readOnly: false)
        } catch let e as StoreError {
            throw e
        } catch {
            throw SchemaCheck.translate(error, path: path)
        }
    }
}
