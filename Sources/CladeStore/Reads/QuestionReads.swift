import CladeCore
import GRDB

/// Pages of one cluster's questions for the Questions pane.
public enum QuestionReads {
    /// Characters of a question read for the screen: a row shows one line, and a pipeline that
    /// wrote whole conversations must not make every frame measure megabytes of text.
    public static let maxTextLength = 4096

    public static func page(_ app: AppDatabase, _ query: QuestionQuery) throws -> QuestionPage {
        try app.writer.read { db in try page(db, query, clade: app.hasCladeTables) }
    }

    static func page(_ db: Database, _ query: QuestionQuery, clade: Bool) throws -> QuestionPage {
        guard !query.memberIDs.isEmpty else { return QuestionPage(query: query, rows: [], total: 0, hasMore: false) }
        let (countSQL, sql, arguments) = statements(query, clade: clade)
        let total = try Int.fetchOne(db, sql: countSQL, arguments: StatementArguments(Array(arguments.dropLast(2)))) ?? 0
        let rows = try Row.fetchAll(db, sql: sql, arguments: StatementArguments(arguments)).map(question)
        return QuestionPage(query: query, rows: rows, total: total, hasMore: query.offset + rows.count < total)
    }

    /// The count and page statements for a query, with their arguments (the page's last two are
    /// limit and offset). Exposed to tests, which check their query plans use indexes.
    static func statements(_ query: QuestionQuery, clade: Bool) -> (count: String, page: String, arguments: [DatabaseValueConvertible?]) {
        let ids = query.memberIDs.map(String.init).joined(separator: ",")
        var arguments: [DatabaseValueConvertible?] = []
        var members = "SELECT * FROM (" + Membership.questionsIn(ids, columns: "q.question_id, substr(q.text, 1, \(maxTextLength)) AS text, q.asked_at, q.relevance, q.feedback, q.weight", clade: clade) + ") AS members"
        if !query.filter.isEmpty {
            members += " WHERE members.text LIKE ? ESCAPE '\\'"
            arguments.append("%" + escapeLike(query.filter) + "%")
        }
        let sql: String
        switch query.order {
        case .tenTen:
            sql = """
                WITH m AS (\(members)),
                down AS (SELECT question_id FROM m WHERE feedback = -1 ORDER BY asked_at DESC, question_id DESC LIMIT 10),
                up AS (SELECT question_id FROM m WHERE feedback = 1 ORDER BY asked_at DESC, question_id DESC LIMIT 10)
                SELECT m.*, CASE WHEN question_id IN down THEN 0 WHEN question_id IN up THEN 1 ELSE 2 END AS grp
                FROM m ORDER BY grp, asked_at DESC, question_id DESC LIMIT ? OFFSET ?
                """
        case .worstRelevance:
            sql = "\(members) ORDER BY members.relevance IS NULL, members.relevance ASC, members.question_id LIMIT ? OFFSET ?"
        case .bestRelevance:
            sql = "\(members) ORDER BY members.relevance IS NULL, members.relevance DESC, members.question_id LIMIT ? OFFSET ?"
        case .newest:
            sql = "\(members) ORDER BY members.asked_at DESC, members.question_id DESC LIMIT ? OFFSET ?"
        case .oldest:
            sql = "\(members) ORDER BY members.asked_at ASC, members.question_id ASC LIMIT ? OFFSET ?"
        }
        arguments += [query.limit, query.offset]
        return ("SELECT COUNT(*) FROM (\(members))", sql, arguments)
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
