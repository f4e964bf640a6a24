import CladeCore
import GRDB

/// Reads the ratings of the questions a re-cut's parts sampled, each question once per queue
/// computation (a few thousand at most: the re-cuts' samples), and gives the queue's proposals
/// their parts' figures (`QueuePartRatings`). A failed read leaves the proposals as they are:
/// the figures add evidence, the proposal stands without them.
final class QueuePartRatingsReader {
    private let app: AppDatabase
    private var ratings: [QuestionID: Question] = [:]
    private var read = Set<QuestionID>()

    init(app: AppDatabase) { self.app = app }

    func annotate(_ proposals: [QueueProposal]) -> [QueueProposal] {
        var wanted: [QuestionID] = []
        for p in proposals {
            guard case .recut(_, let parts) = p.kind else { continue }
            for id in parts.flatMap(\.questionIDs) where read.insert(id).inserted { wanted.append(id) }
        }
        if !wanted.isEmpty { try? load(wanted) }
        return proposals.map { QueuePartRatings.annotate($0, ratings: ratings) }
    }

    private func load(_ ids: [QuestionID]) throws {
        let rows = try app.writer.read { db in
            try Row.fetchAll(db, sql: "SELECT question_id, relevance, feedback, weight FROM questions WHERE question_id IN (SELECT value FROM json_each(?))",
                             arguments: [CurrentState.idArray(ids)])
        }
        for question in rows.map(QuestionReads.question) { ratings[question.id] = question }
    }
}
