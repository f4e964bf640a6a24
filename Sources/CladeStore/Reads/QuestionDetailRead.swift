import CladeCore
import Foundation
import GRDB

/// One question whole, for the question view: its text uncut and the metadata the pipeline
/// recorded (project, channel, user, sources). Other metadata keys are not shown: they may be
/// labels the review must not see.
extension QuestionReads {
    public static func detail(_ app: AppDatabase, _ id: QuestionID) throws -> QuestionDetail? {
        try app.writer.read { db in
            guard let row = try Row.fetchOne(db, sql: """
                SELECT question_id, text, asked_at, relevance, feedback, weight, metadata_json FROM questions WHERE question_id = ?
                """, arguments: [id]) else { return nil }
            let metadata = row.text("metadata_json").flatMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) } as? [String: Any] ?? [:]
            func field(_ key: String) -> String? {
                switch metadata[key] {
                case let s as String: s.isEmpty ? nil : s
                case let n as NSNumber: n.stringValue
                case let a as [Any]: a.map { "\($0)" }.joined(separator: ", ")
                default: nil
                }
            }
            return QuestionDetail(question: question(row), project: field("project"), channel: field("channel"),
                                  user: field("user"), sources: field("sources"))
        }
    }
}
