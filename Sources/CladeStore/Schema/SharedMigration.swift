import GRDB

extension CladeSchema {
    /// Migrates Clade's tables while another process may be doing the same: two windows opening a
    /// never-opened file at once. GRDB reads the applied migrations, then runs each missing one in
    /// its own transaction; the other process can apply one in between, and the second
    /// `CREATE TABLE clade_decisions` fails ("already exists"). When that happens — the applied set
    /// changed under us — read it again and go on with what is still missing.
    static func migrate(_ migrator: DatabaseMigrator, _ writer: any DatabaseWriter) throws {
        for attempt in 1...10 {
            let before = try writer.read { try migrator.appliedIdentifiers($0) }
            do {
                try migrator.migrate(writer)
                return
            } catch {
                let after = try writer.read { try migrator.appliedIdentifiers($0) }
                guard after != before, attempt < 10 else { throw error }
            }
        }
    }
}
