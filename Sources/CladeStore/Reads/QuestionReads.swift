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
        let ids = query.memberIDs.map(String.init).joined(separator: ",")
        var conditions = ["\(Membership.cluster(clade)) IN (\(ids))"]
        var arguments: StatementArguments = []
        if !query.filter.isEmpty {
            conditions.append("q.text LIKE ? ESCAPE '\\'")
            _ = arguments.append(contentsOf: ["%" + escapeLike(query.filter) + "%"])
        }
        let members = """
            SELECT q.question_id, substr(q.text, 1, \(maxTextLength)) AS text, q.asked_at, q.relevance, q.feedback, q.weight
            FROM questions q \(Membership.joins(clade)) WHERE \(conditions.joined(separator: " AND "))
            """
        let total = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM (\(members))", arguments: arguments) ?? 0
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
            sql = "\(members) ORDER BY q.relevance IS NULL, q.relevance ASC, q.question_id LIMIT ? OFFSET ?"
        case .bestRelevance:
            sql = "\(members) ORDER BY q.relevance IS NULL, q.relevance DESC, q.question_id LIMIT ? OFFSET ?"
        case .newest:
            sql = "\(members) ORDER BY q.asked_at DESC, q.question_id DESC LIMIT ? OFFSET ?"
        case .oldest:
            sql = "\(members) ORDER BY q.asked_at ASC, q.question_id ASC LIMIT ? OFFSET ?"
        }
        _ = arguments.append(contentsOf: [query.limit, query.offset])
        let rows = try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
            Question(
                id: row["question_id"], text: row.text("text") ?? "", askedAt: row.text("asked_at"),
                relevance: row.real("relevance"), feedback: row.integer("feedback").map(Int.init), weight: row.real("weight") ?? 1
            )
        }
        return QuestionPage(query: query, rows: rows, total: total, hasMore: query.offset + rows.count < total)
    }

    static func escapeLike(_ s: String) -> String {
        s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_")
    }
}
