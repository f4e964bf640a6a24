import CladeCore
import GRDB

/// Values that would make Clade's figures wrong (a weight that is not a number, a thumbs-up
/// written as 5) or that no screen can place (a NULL key, a cluster that is its own ancestor).
/// SQLite does not enforce column types, so a pipeline with its own DDL can write them.
/// The file is refused with the first problem found; one scan per table.
enum DataCheck {
    /// Longer question texts are reported, and the Questions pane reads only this many characters.
    static let longText = 10_000

    struct Rule {
        /// Bad when this SQL condition holds.
        var condition: String
        var column: String
        var problem: String
        var fix: String
    }

    /// A value SQLite cannot read as a number: a blob, or text that is not numeric.
    static func notNumber(_ column: String) -> String {
        "(typeof(\(column)) = 'blob' OR (typeof(\(column)) = 'text' AND (trim(\(column)) NOT GLOB '*[0-9]*' OR trim(\(column)) GLOB '*[^0-9.eE+-]*')))"
    }

    static let questionRules = [
        Rule(condition: "weight IS NULL OR \(notNumber("weight")) OR CAST(weight AS REAL) <= 0 OR CAST(weight AS REAL) > 1e15", column: "weight",
             problem: "questions.weight must be a number above 0 (and at most 1e15)",
             fix: "write 1 for a row that stands for itself, or how many questions a sampled row stands for"),
        Rule(condition: "relevance IS NOT NULL AND (\(notNumber("relevance")) OR abs(CAST(relevance AS REAL)) > 1e15)", column: "relevance",
             problem: "questions.relevance must be a finite number or NULL", fix: "write NULL when the relevance is unknown"),
        Rule(condition: "feedback IS NOT NULL AND (\(notNumber("feedback")) OR CAST(feedback AS REAL) NOT IN (-1, 1))", column: "feedback",
             problem: "questions.feedback must be -1, 1 or NULL",
             fix: "write 1 for thumbs up, -1 for thumbs down and NULL when the user did not rate"),
    ]

    /// Identifiers must be integers (REAL with a whole value, as pandas writes a nullable integer
    /// column, reads as one); other values are read leniently (see `LenientRow.swift`).
    static func idRules(_ columns: [String], table: String, nullable: Set<String> = []) -> [Rule] {
        columns.map { column in
            let missing = nullable.contains(column) ? "0" : "\(column) IS NULL"
            return Rule(condition: "\(missing) OR (\(column) IS NOT NULL AND (typeof(\(column)) NOT IN ('integer', 'real') OR \(column) <> CAST(\(column) AS INTEGER)))",
                        column: column, problem: "\(table).\(column) must be an integer\(nullable.contains(column) ? " or NULL" : "")",
                        fix: "write ids as integers")
        }
    }

    /// Ids at and below `CladeIDs.ceiling` are Clade's, for what the reviewer creates.
    static func cladeRange(_ column: String, table: String) -> Rule {
        Rule(condition: "\(column) IS NOT NULL AND CAST(\(column) AS INTEGER) <= \(CladeIDs.ceiling)", column: column,
             problem: "\(table).\(column) from \(CladeIDs.ceiling) down are ids Clade gives the reviewer's clusters and capabilities",
             fix: "number the pipeline's ids above that (any other negative id is fine)")
    }

    /// `questionTablesPassed`: `RunScan`'s pass read the questions, assignments and
    /// question_capabilities and found every value plain, so no rule of theirs can fail.
    static func refuseInvalidValues(_ db: Database, path: String, run: Int64, questionTablesPassed: Bool = false) throws {
        if !questionTablesPassed {
            try scan(db, path: path, table: "questions", key: "question_id", noun: "question",
                     rules: idRules(["question_id"], table: "questions") + questionRules, where: "run_id = \(run)")
            try scan(db, path: path, table: "assignments", key: "rowid", noun: "row", rules: idRules(["question_id", "cluster_id"], table: "assignments"))
        }
        try scan(db, path: path, table: "clusters", key: "rowid", noun: "row",
                 rules: idRules(["cluster_id", "parent_id"], table: "clusters", nullable: ["parent_id"]) + [
                     Rule(condition: "name IS NULL", column: "name", problem: "every cluster needs a name", fix: "fill it in, or leave the row out"),
                     cladeRange("cluster_id", table: "clusters"), cladeRange("parent_id", table: "clusters"),
                 ])
        try scan(db, path: path, table: "capabilities", key: "rowid", noun: "row",
                 rules: idRules(["capability_id"], table: "capabilities") + [
                     Rule(condition: "name IS NULL", column: "name", problem: "every capability needs a name", fix: "fill it in, or leave the row out"),
                     cladeRange("capability_id", table: "capabilities"),
                 ])
        if !questionTablesPassed {
            try scan(db, path: path, table: "question_capabilities", key: "rowid", noun: "row",
                     rules: idRules(["question_id", "capability_id"], table: "question_capabilities"))
        }
        if try db.tableExists("question_embeddings"), !isRowID(db, table: "question_embeddings", column: "question_id") {
            try scan(db, path: path, table: "question_embeddings", key: "rowid", noun: "row", rules: idRules(["question_id"], table: "question_embeddings"))
        }
        // The pass found no question assigned or tagged twice (it reads them in question order).
        try refuseDuplicateKeys(db, path: path, except: questionTablesPassed ? ["assignments", "question_capabilities"] : [])
        try refuseParentCycles(db, path: path, run: run)
    }

    /// Keys the contract makes unique (ids across runs, one cluster per question, one tag per
    /// question and capability). A pipeline's own DDL without primary keys can repeat them; every
    /// reader would then count a question twice or take one cluster for another.
    static let uniqueKeys: [(table: String, columns: [String], noun: String, fix: String)] = [
        ("clusters", ["cluster_id"], "cluster id", "give every cluster of every run its own cluster_id"),
        ("questions", ["question_id"], "question id", "give every question of every run its own question_id"),
        ("assignments", ["question_id"], "question assigned more than once", "assign each question to one leaf cluster"),
        ("capabilities", ["capability_id"], "capability id", "give every capability its own capability_id"),
        ("question_capabilities", ["question_id", "capability_id"], "tag written more than once", "write each question's capability once"),
        ("question_embeddings", ["question_id"], "question with more than one embedding", "write one vector per question"),
    ]

    static func refuseDuplicateKeys(_ db: Database, path: String, except: Set<String> = []) throws {
        for key in uniqueKeys where try !except.contains(key.table) && db.tableExists(key.table) {
            if try enforcedUnique(db, table: key.table, columns: key.columns) { continue }
            let list = key.columns.joined(separator: ", ")
            guard let row = try Row.fetchOne(db, sql: """
                SELECT COUNT(*) AS n, MIN(example) AS example FROM (
                    SELECT \(key.columns.map { "quote(\($0))" }.joined(separator: " || ', ' || ")) AS example FROM \(key.table)
                    GROUP BY \(list) HAVING COUNT(*) > 1)
                """), let n = row["n"] as Int?, n > 0 else { continue }
            let example: String = row["example"] ?? ""
            throw StoreError.invalidData(path: path, problem: "\(key.table).\(list) must be unique, but \(Format.count(n)) \(key.noun)\(n == 1 ? " appears" : "s appear") more than once (e.g. \(String(example.prefix(40))))",
                                         fix: key.fix)
        }
    }

    /// The table's INTEGER PRIMARY KEY, or a unique index (a primary key among them) on exactly these columns.
    static func enforcedUnique(_ db: Database, table: String, columns: [String]) throws -> Bool {
        if columns.count == 1, isRowID(db, table: table, column: columns[0]) { return true }
        return try db.indexes(on: table).contains { $0.isUnique && Set($0.columns) == Set(columns) }
    }

    /// One scan of `table` counting every rule's bad rows; the first rule that matches is reported
    /// with how many rows and one example.
    static func scan(_ db: Database, path: String, table: String, key: String, noun: String, rules: [Rule], where filter: String = "1") throws {
        // WITHOUT ROWID tables have no rowid: fall back to the first column.
        let keyColumn = key == "rowid" && !hasRowID(db, table) ? (try db.columns(in: table).first?.name ?? key) : key
        let sums = rules.enumerated().map { i, r in "SUM(\(r.condition)) AS n\(i), MIN(CASE WHEN \(r.condition) THEN \(keyColumn) END) AS k\(i)" }
        guard let row = try Row.fetchOne(db, sql: "SELECT \(sums.joined(separator: ", ")) FROM \(table) WHERE \(filter)") else { return }
        for (i, rule) in rules.enumerated() {
            let count: Int = row["n\(i)"] ?? 0
            guard count > 0 else { continue }
            var example = ""
            if let key = row["k\(i)"] as DatabaseValue?, !key.isNull {
                let value = try String.fetchOne(db, sql: "SELECT quote(\(rule.column)) FROM \(table) WHERE \(keyColumn) = ? LIMIT 1", arguments: [key]) ?? "NULL"
                example = " (e.g. \(noun) \(key.description): \(String(value.prefix(40))))"
            }
            let problem = "\(rule.problem), but \(Format.count(count)) row\(count == 1 ? " holds" : "s hold") something else\(example)"
            throw StoreError.invalidData(path: path, problem: problem, fix: rule.fix)
        }
    }

    static func hasRowID(_ db: Database, _ table: String) -> Bool {
        (try? db.makeStatement(sql: "SELECT rowid FROM \(table)")) != nil
    }

    /// Whether `column` is `table`'s INTEGER PRIMARY KEY, which SQLite keeps as the rowid: an
    /// integer, never NULL, so no id rule can fail on it (and a scan of a large table is spared).
    static func isRowID(_ db: Database, table: String, column: String) -> Bool {
        // SQLite reads such a column with the Rowid opcode, any other with Column.
        guard let program = try? Row.fetchAll(db, sql: "EXPLAIN SELECT \(column) FROM \(table)") else { return false }
        let opcodes = program.map { $0["opcode"] as String? }
        return opcodes.contains("Rowid") && !opcodes.contains("Column")
    }

    /// A cluster that is its own ancestor can be shown nowhere in the tree.
    static func refuseParentCycles(_ db: Database, path: String, run: Int64) throws {
        var parent: [Int64: Int64] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT cluster_id, parent_id FROM clusters WHERE run_id = ? AND parent_id IS NOT NULL", arguments: [run]) {
            if let c = row["cluster_id"] as Int64?, let p = row["parent_id"] as Int64? { parent[c] = p }
        }
        var clear = Set<Int64>()
        for start in parent.keys.sorted() where !clear.contains(start) {
            var chain: [Int64] = []
            var seen = Set<Int64>()
            var current: Int64? = start
            while let c = current, !clear.contains(c) {
                if !seen.insert(c).inserted {
                    let loop = chain.drop(while: { $0 != c }).map(String.init).joined(separator: " → ")
                    throw StoreError.invalidData(path: path, problem: "clusters \(loop) → \(c) form a cycle through parent_id (a cluster cannot be its own ancestor)",
                                                 fix: "point parent_id at a real parent, or NULL at the top")
                }
                chain.append(c)
                current = parent[c]
            }
            clear.formUnion(chain)
        }
    }
}
