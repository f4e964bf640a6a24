import CladeCore
import Foundation
import GRDB

/// Search everywhere: every question of the run by text, or by similarity to a question or a
/// typed text. Similarity is the cosine of embeddings when the run has them (a typed text has
/// none: it stands for the mean embedding of its ten best TF-IDF matches), of TF-IDF vectors
/// otherwise.
extension CurationEngine {
    public func searchAll(_ query: SearchAllQuery, isCancelled: @escaping () -> Bool = { false }) throws -> SearchAllResult {
        switch query.mode {
        case .text:
            return try textSearch(query)
        case .similarToText, .similarToQuestion:
            return try similarSearch(query, isCancelled: isCancelled)
        }
    }

    /// Questions containing every word typed, case aside, first by id.
    func textSearch(_ query: SearchAllQuery) throws -> SearchAllResult {
        let words = query.text.split(whereSeparator: \.isWhitespace).map(String.init)
        guard !words.isEmpty else { return SearchAllResult(query: query, hits: [], total: 0, basis: "text") }
        let clade = app.hasCladeTables
        let conditions = words.map { _ in "q.text LIKE ? ESCAPE '\\'" }.joined(separator: " AND ")
        let patterns = words.map { "%" + $0.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_") + "%" }
        return try app.writer.read { db in
            let run = try DatasetLoader.latestRun(db)
            let arguments = StatementArguments([DatabaseValue(value: run) ?? .null] + patterns.map { $0.databaseValue })
            let total = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM questions q WHERE q.run_id = ? AND \(conditions)", arguments: arguments) ?? 0
            let hits = try Row.fetchAll(db, sql: """
                SELECT q.question_id, \(Row.wholeTextPrefix("q.text", bytes: QuestionReads.maxTextLength, as: "text")), \(Membership.cluster(clade)) AS c
                FROM questions q \(Membership.joins(clade)) WHERE q.run_id = ? AND \(conditions) ORDER BY q.question_id LIMIT \(query.limit)
                """, arguments: arguments).map { SearchHit(questionID: $0["question_id"], text: $0.text("text") ?? "", clusterID: $0["c"]) }
            return SearchAllResult(query: query, hits: hits, total: total, basis: "text")
        }
    }

    struct RunQuestion {
        var id: QuestionID
        var text: String
        var cluster: ClusterID
    }

    func runQuestions() throws -> [RunQuestion] {
        let clade = app.hasCladeTables
        return try app.writer.read { db in
            let run = try DatasetLoader.latestRun(db)
            return try Row.fetchAll(db, sql: """
                SELECT q.question_id, \(Row.wholeTextPrefix("q.text", bytes: QuestionReads.maxTextLength, as: "text")), \(Membership.cluster(clade)) AS c
                FROM questions q \(Membership.joins(clade)) WHERE q.run_id = ? ORDER BY q.question_id
                """, arguments: [run]).map { RunQuestion(id: $0["question_id"], text: $0.text("text") ?? "", cluster: $0["c"]) }
        }
    }

    func similarSearch(_ query: SearchAllQuery, isCancelled: @escaping () -> Bool) throws -> SearchAllResult {
        let all = try runQuestions()
        guard !all.isEmpty else { return SearchAllResult(query: query, hits: [], total: 0, basis: "text") }
        let tokens = all.map { Tokenizer.english.tokens($0.text) }
        let vectorizer = TFIDFVectorizer(fitting: tokens, options: .init(minimumDocumentFrequency: 1))
        let tfidf = vectorizer.transform(documents: tokens)
        guard !isCancelled() else { throw CancellationError() }
        // The query in TF-IDF space: the question's own row, or the typed text.
        let position = Dictionary(all.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        var queryRow: Int?
        let queryTFIDF: Matrix
        switch query.mode {
        case .similarToQuestion(let q):
            guard let p = position[q] else { return SearchAllResult(query: query, hits: [], total: 0, basis: "text") }
            queryRow = p
            queryTFIDF = Centroids.compute(tfidf.selecting(rows: [p]), labels: [0], k: 1, normalized: true)
        default:
            let typed = vectorizer.transform(documents: [Tokenizer.english.tokens(query.text)])
            queryTFIDF = Centroids.compute(typed, labels: [0], k: 1, normalized: true)
        }
        let byText = scores(tfidf, queryTFIDF)
        if let embeddings = try embeddingMatrix(all.map(\.id)) {
            guard !isCancelled() else { throw CancellationError() }
            let centre: Matrix
            let basis: String
            if let queryRow {
                centre = Centroids.compute(embeddings.selecting(rows: [queryRow]), labels: [0], k: 1, normalized: true)
                basis = "embeddings"
            } else {
                let best = Array(byText.indices.sorted { byText[$0] != byText[$1] ? byText[$0] > byText[$1] : $0 < $1 }.prefix(10).filter { byText[$0] > 0 })
                guard !best.isEmpty else { return SearchAllResult(query: query, hits: [], total: 0, basis: "embeddings") }
                centre = Centroids.compute(embeddings.selecting(rows: best), labels: Array(repeating: 0, count: best.count), k: 1, normalized: true)
                basis = "embeddings of its 10 best text matches"
            }
            return top(query, all, scores(embeddings, centre), basis: basis)
        }
        return top(query, all, byText, basis: "TF-IDF")
    }

    func scores<Rows: VectorRows>(_ data: Rows, _ centre: Matrix) -> [Double] {
        centre.withRow(0) { c in (0..<data.count).map { Double(data.dot(row: $0, c)) } }
    }

    /// The `limit` highest-scoring questions (a positive score only), highest first.
    func top(_ query: SearchAllQuery, _ all: [RunQuestion], _ scores: [Double], basis: String) -> SearchAllResult {
        let candidates = all.indices.filter { scores[$0] > 1e-6 }
        let best = candidates.sorted { scores[$0] != scores[$1] ? scores[$0] > scores[$1] : $0 < $1 }.prefix(query.limit)
        let hits = best.map { SearchHit(questionID: all[$0].id, text: all[$0].text, clusterID: all[$0].cluster, similarity: scores[$0]) }
        return SearchAllResult(query: query, hits: hits, total: candidates.count, basis: basis)
    }

    /// Names for questions gathered from anywhere: the words that set them apart from the run.
    func namesForFound(_ questions: [QuestionID]) throws -> [DialogOption] {
        let chosen = Set(questions)
        let own = try app.writer.read { db in
            try String.fetchAll(db, sql: "SELECT text FROM questions WHERE question_id IN (SELECT value FROM json_each(?))", arguments: [CurrentState.idArray(chosen)])
        }
        let keywords = Self.distinctive(own, against: try contrastTexts(excluding: []), top: 6)
        var out: [DialogOption] = []
        if keywords.count >= 2 {
            let name = Self.titleCase(keywords[0] + " " + keywords[1])
            out.append(DialogOption(name, detail: "keywords", value: .label(name), suggested: true))
        }
        if !keywords.isEmpty {
            let name = keywords.prefix(3).joined(separator: " · ")
            out.append(DialogOption(name, detail: "keywords", value: .label(name), suggested: true))
        }
        return out
    }
}
