import CladeCore
import GRDB

/// Questions that show a cluster's problem at a glance, for the report: the thumbs-down ones with
/// the poorest retrieval first, then the newest; a text asked again is shown once.
public enum ExampleReads {
    public static func worstRated(_ app: AppDatabase, memberIDs: [ClusterID], limit: Int) throws -> [Question] {
        guard !memberIDs.isEmpty, limit > 0 else { return [] }
        let clade = app.hasCladeTables
        let rows = try app.writer.read { db in
            try Row.fetchAll(db, sql: """
                SELECT q.question_id, \(Row.wholeText("q.text", as: "text")), q.asked_at, q.relevance, q.feedback, q.weight
                FROM questions q \(Membership.joins(clade))
                WHERE q.run_id = (SELECT MAX(run_id) FROM runs) AND q.feedback = -1
                  AND \(Membership.cluster(clade)) IN (\(memberIDs.map(String.init).joined(separator: ",")))
                ORDER BY q.relevance IS NULL, q.relevance ASC, q.asked_at DESC, q.question_id
                LIMIT ?
                """, arguments: [limit * 4]).map(QuestionReads.question)
        }
        var seen = Set<String>()
        return Array(rows.filter { seen.insert($0.text.lowercased()).inserted }.prefix(limit))
    }
}
