import GRDB

extension RunScan {
    /// How the tables beside `questions` are read in question order. A table whose question_id is
    /// its key (Clade's DDL) is read `ORDER BY question_id`, which is its own order. A pipeline's
    /// table without such a key (its own DDL: assignments with an index by cluster only, tags
    /// with one index per column) would make that ORDER BY a sort of the whole table, or a
    /// lookup of every row through an index: it is read in rowid order instead, the order the
    /// pipeline wrote it in, which `KeyedRows` checks is question order as it goes. When it is
    /// not, the pass starts again with ORDER BY (`OutOfOrder`).
    struct ReadPlan: Sendable {
        /// Tables read in rowid order.
        var rowOrder: Set<String> = []
        /// Per table read in rowid order: the rowids of this part's rows (from, below).
        var rowIDs: [String: IDRange] = [:]

        static let byKey = ReadPlan()
    }

    /// A table read in rowid order was not in question order: read again by key.
    struct OutOfOrder: Error {}

    /// Which of `tables` to read in rowid order.
    static func readPlan(_ db: Database, tables: [String]) throws -> ReadPlan {
        var plan = ReadPlan()
        for table in tables where try db.tableExists(table) && DataCheck.hasRowID(db, table)
            && !DataCheck.isRowID(db, table: table, column: "question_id") {
            plan.rowOrder.insert(table)
        }
        return plan
    }

    /// `plan` for the part of the question ids `ids`: each rowid-ordered table's rows from the
    /// first whose question_id is at least `ids.from` to the first at least `ids.below`, found by
    /// a binary search over rowids (a few dozen lookups). Right only if the table is in question
    /// order, which the pass checks: every row it reads must fall in `ids`.
    static func readPlan(_ db: Database, _ plan: ReadPlan, part ids: IDRange) throws -> ReadPlan {
        var part = plan
        for table in plan.rowOrder {
            part.rowIDs[table] = IDRange(from: try ids.from.map { try firstRowID(db, table: table, questionAtLeast: $0) },
                                         below: try ids.below.map { try firstRowID(db, table: table, questionAtLeast: $0) })
        }
        return part
    }

    /// The least rowid value from which every row has a question_id of at least `question`,
    /// supposing the table is in question order.
    static func firstRowID(_ db: Database, table: String, questionAtLeast question: Int64) throws -> Int64 {
        let bounds = try Row.fetchOne(db, sql: "SELECT MIN(rowid), MAX(rowid) FROM \(table)")!
        guard var low = bounds[0] as Int64?, let highest = bounds[1] as Int64? else { return 0 }
        var high = highest &+ 1
        let probe = try db.makeStatement(sql: "SELECT rowid, question_id FROM \(table) WHERE rowid >= ? ORDER BY rowid LIMIT 1")
        while low < high {
            let middle = low + (high - low) / 2
            guard let row = try Row.fetchOne(probe, arguments: [middle]) else {
                high = middle
                continue
            }
            let rowid: Int64 = row[0]
            if let key = row[1] as Int64?, key >= question { high = middle } else { low = rowid &+ 1 }
        }
        return low
    }

    /// The rows of `table` for `plan`'s part, in the order `plan` reads them.
    static func keyedRows(_ db: Database, table: String, columns: String, plan: ReadPlan, ids: IDRange) throws -> RawRows {
        if plan.rowOrder.contains(table) {
            let range = plan.rowIDs[table] ?? .all
            let conditions = [range.from.map { "rowid >= \($0)" }, range.below.map { "rowid < \($0)" }].compactMap { $0 }
            let clause = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
            return try RawRows(db, sql: "SELECT \(columns) FROM \(table)\(clause) ORDER BY rowid")
        }
        let clause = ids.conditions.compactMap { $0 }
        return try RawRows(db, sql: "SELECT \(columns) FROM \(table)\(clause.isEmpty ? "" : " WHERE " + clause.joined(separator: " AND ")) ORDER BY question_id")
    }
}
