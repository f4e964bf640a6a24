import CladeCore
import GRDB

/// Reads the ratings of the questions a re-cut's parts sampled, each question once per queue
/// computation (a few thousand at most: the re-cuts' samples), and gives the queue's proposals
/// their parts' figures (`QueuePartRatings`). A failed read leaves the proposals as they are:
/// the figures add evidence, the proposal stands without them.
final class QueuePartRatingsReader {
    private let app: AppDatabase
    private var ratings: [QuestionID: QueuePartRatings.Rating] = [:]
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
        try app.writer.read { db in
            for start in stride(from: 0, to: ids.count, by: 900) {
                let list = ids[start..<min(start + 900, ids.count)].map(String.init).joined(separator: ",")
                for row in try Row.fetchAll(db, sql: "SELECT question_id, feedback, relevance, weight FROM questions WHERE question_id IN (\(list))") {
                    ratings[row["question_id"]] = .init(feedback: row.integer("feedback").map(Int.init), relevance: row.real("relevance"),
                                                       weight: row.real("weight") ?? 1)
                }
            }
        }
    }
}
