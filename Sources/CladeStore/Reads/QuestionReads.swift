import CladeCore
import GRDB

/// Pages of one cluster's questions for the Questions pane.
public enum QuestionReads {
    /// Bytes of a question read for the screen (so at most as many characters): a row shows one
    /// line, and a pipeline that wrote whole conversations must not make every frame measure
    /// megabytes of text.
    public static let maxTextLength = 4096

    public static func page(_ app: AppDatabase, _ query: QuestionQuery) throws -> QuestionPage {
        try app.writer.read { db in try page(db, query, clade: app.hasCladeTables) }
    }

    static func page(_ db: Database, _ query: QuestionQuery, clade: Bool) throws -> QuestionPage {
        guard !query.memberIDs.isEmpty else { return QuestionPage(query: query, rows: [], total: 0, hasMore: false) }
        let (countSQL, sql, arguments) = statements(query, clade: clade)
        // Without a filter the cluster's size is known from its statistics: no count.
        let total = try query.knownTotal ?? Int.fetchOne(db, sql: countSQL, arguments: StatementArguments(Array(arguments.dropLast(2)))) ?? 0
        // The sort reads only ids and sort keys; texts are read for the page's rows alone.
        let ids = try (query.order == .tenTen ? TenTenOrder.page(db, query, clade: clade) : nil)
            ?? QuestionID.fetchAll(db, sql: sql, arguments: StatementArguments(arguments))
        var byID: [QuestionID: Question] = [:]
        if !ids.isEmpty {
            let list = ids.map(String.init).joined(separator: ",")
            for row in try Row.fetchAll(db, sql: """
                SELECT question_id, \(Row.wholeTextPrefix("text", bytes: maxTextLength, as: "text")), asked_at, relevance, feedback, weight
                FROM questions WHERE question_id IN (\(list))
                """) {
                let q = question(row)
                byID[q.id] = q
            }
        }
        let rows = ids.compactMap { byID[$0] }
        return QuestionPage(query: query, rows: rows, total: total, hasMore: query.offset + rows.count < total)
    }

    /// The count and page statements for a query, with their arguments (the page's last two are
    /// limit and offset); the page gives question ids in order. Exposed to tests, which check
    /// their query plans use indexes.
    static func statements(_ query: QuestionQuery, clade: Bool) -> (count: String, page: String, arguments: [DatabaseValueConvertible?]) {
        var (members, arguments) = members(query, clade: clade)
        let sql: String
        switch query.order {
        case .tenTen:
            sql = """
                WITH m AS MATERIALIZED (\(members)),
                down AS (SELECT question_id FROM m WHERE feedback = -1 ORDER BY asked_at DESC, question_id DESC LIMIT 10),
                up AS (SELECT question_id FROM m WHERE feedback = 1 ORDER BY asked_at DESC, question_id DESC LIMIT 10)
                SELECT question_id FROM m
                ORDER BY CASE WHEN question_id IN down THEN 0 WHEN question_id IN up THEN 1 ELSE 2 END, asked_at DESC, question_id DESC
                LIMIT ? OFFSET ?
                """
        case .worstRelevance:
            sql = "SELECT question_id FROM (\(members)) ORDER BY relevance IS NULL, relevance ASC, question_id LIMIT ? OFFSET ?"
        case .bestRelevance:
            sql = "SELECT question_id FROM (\(members)) ORDER BY relevance IS NULL, relevance DESC, question_id LIMIT ? OFFSET ?"
        case .newest:
            sql = "SELECT question_id FROM (\(members)) ORDER BY asked_at DESC, question_id DESC LIMIT ? OFFSET ?"
        case .oldest:
            sql = "SELECT question_id FROM (\(members)) ORDER BY asked_at ASC, question_id ASC LIMIT ? OFFSET ?"
        }
        arguments += [query.limit, query.offset]
        return ("SELECT COUNT(*) FROM (\(members))", sql, arguments)
    }

    /// The questions a query covers, as rows of `question_id, asked_at, relevance, feedback`
    /// (and `text` under a filter), with the filter's argument.
    static func members(_ query: QuestionQuery, clade: Bool) -> (sql: String, arguments: [DatabaseValueConvertible?]) {
        let ids = query.memberIDs.map(String.init).joined(separator: ",")
        var arguments: [DatabaseValueConvertible?] = []
        let columns = query.filter.isEmpty
            ? "q.question_id, q.asked_at, q.relevance, q.feedback"
            : "q.question_id, q.asked_at, q.relevance, q.feedback, q.text"
        var members = "SELECT * FROM (" + Membership.questionsIn(ids, columns: columns, clade: clade) + ") AS members"
        if !query.filter.isEmpty {
            members += " WHERE substr(members.text, 1, \(maxTextLength)) LIKE ? ESCAPE '\\'"
            arguments.append("%" + escapeLike(query.filter) + "%")
        }
        return (members, arguments)
    }

    /// A question from a row with `question_id, text, asked_at, relevance, feedback, weight`.
    static func question(_ row: Row) -> Question {
        Question(
            id: row["question_id"], text: row.text("text") ?? "", askedAt: row.text("asked_at"),
            relevance: row.real("relevance"), feedback: row.integer("feedback").map(Int.init), weight: row.real("weight") ?? 1
        )
    }

    static func escapeLike(_ s: String) -> String {
        s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_")
    }
}
