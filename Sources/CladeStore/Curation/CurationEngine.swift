#if canImport(GRDBSQLite)
import GRDBSQLite
#else
import SQLite3
#endif
import CladeCore
import Foundation
import GRDB

/// The analysis behind curation dialogs: relabel suggestions (c-TF-IDF keywords and the most
/// representative questions), merge suggestions (nearest centroids), suggested splits (k-means).
public struct CurationEngine: Sendable {
    public let app: AppDatabase
    /// Questions read per cluster for centroids and contrast: enough for stable figures, bounded
    /// so a million-question run stays interactive.
    static let samplePerCluster = 400

    /// The last split preview's inputs, for its re-cuts at another k.
    let splitCache = SplitInputCache()
    /// The review queue's samples of the clusters, for the app's next computation; a new engine
    /// (another file, or the same path written again) starts empty.
    public let queueCache = QueueSampleCache()

    public init(app: AppDatabase) { self.app = app }

    public func suggestions(for purpose: Dialog.Purpose, in dataset: Dataset) -> [DialogOption] {
        do {
            switch purpose {
            case .relabel(let c):
                return try relabelSuggestions(c, in: dataset)
            case .splitName(let c, let questions):
                return try namesForSubset(questions, of: c, in: dataset)
            case .mergeTarget(let sources):
                guard let source = sources.first else { return [] }
                return try mergeCandidates(source, in: dataset)
            case .moveTarget(let questions):
                return try moveCandidates(questions, in: dataset)
            case .gatherName(let questions):
                return try namesForFound(questions)
            default:
                return []
            }
        } catch {
            return []
        }
    }

    // MARK: Relabel

    func relabelSuggestions(_ c: ClusterID, in dataset: Dataset) throws -> [DialogOption] {
        let own = try texts(of: dataset.memberClusterIDs(of: c), limit: 2000)
        let rest = try contrastTexts(excluding: Set(dataset.memberClusterIDs(of: c)))
        let keywords = Self.distinctive(own, against: rest, top: 8)
        var names: [String] = []
        if keywords.count >= 2 { names.append(Self.titleCase(keywords[0] + " " + keywords[1])) }
        if keywords.count >= 3 { names.append(Self.titleCase(keywords[0]) + ": " + keywords[1] + ", " + keywords[2]) }
        if !keywords.isEmpty { names.append(keywords.prefix(4).joined(separator: " · ")) }
        var options = names.map { DialogOption($0, detail: "keywords", value: .label($0), suggested: true) }
        for q in try representative(of: dataset.memberClusterIDs(of: c), count: 3) {
            options.append(DialogOption(q, detail: "representative question", value: .label(q)))
        }
        var seen = Set<String>()
        return options.filter { seen.insert($0.label.lowercased()).inserted }
    }

    func namesForSubset(_ questions: [QuestionID], of c: ClusterID, in dataset: Dataset) throws -> [DialogOption] {
        let chosen = Set(questions)
        let all = try textsWithIDs(of: dataset.memberClusterIDs(of: c), limit: 5000)
        let own = all.filter { chosen.contains($0.0) }.map(\.1)
        let rest = all.filter { !chosen.contains($0.0) }.map(\.1)
        let keywords = Self.distinctive(own, against: rest.isEmpty ? try contrastTexts(excluding: []) : rest, top: 6)
        var out: [DialogOption] = []
        if keywords.count >= 2 { out.append(DialogOption(Self.titleCase(keywords[0] + " " + keywords[1]), detail: "keywords", value: .label(Self.titleCase(keywords[0] + " " + keywords[1])), suggested: true)) }
        if !keywords.isEmpty { out.append(DialogOption(keywords.prefix(3).joined(separator: " · "), detail: "keywords", value: .label(keywords.prefix(3).joined(separator: " · ")), suggested: true)) }
        return out
    }

    /// The words that set `own` apart from `rest` (class-based TF-IDF with two classes).
    static func distinctive(_ own: [String], against rest: [String], top: Int) -> [String] {
        let tokenizer = Tokenizer.english
        let docs = own.map(tokenizer.tokens) + rest.map(tokenizer.tokens)
        let labels = Array(repeating: 0, count: own.count) + Array(repeating: 1, count: rest.count)
        guard !own.isEmpty else { return [] }
        return ClassTFIDF.keywords(documents: docs, labels: labels, classCount: 2, top: top)[0].map(\.term)
    }

    static func titleCase(_ s: String) -> String {
        s.prefix(1).uppercased() + s.dropFirst()
    }

    // MARK: Reads

    struct MemberRow {
        var id: QuestionID
        var text: String
        var relevance: Double?
        var feedback: Int?
        var weight: Double
    }

    func memberRows(_ clusters: [ClusterID]) throws -> [MemberRow] {
        let ids = clusters.map(String.init).joined(separator: ",")
        let clade = app.hasCladeTables
        return try app.writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM (" + Membership.questionsIn(ids, columns: "q.question_id, \(Row.wholeText("q.text", as: "text")), q.relevance, q.feedback, q.weight", clade: clade)
                + ") ORDER BY question_id").map {
                    MemberRow(id: $0["question_id"], text: $0.text("text") ?? "", relevance: $0.real("relevance"),
                              feedback: $0.integer("feedback").map(Int.init), weight: $0.real("weight") ?? 1)
                }
        }
    }

    func texts(of clusters: [ClusterID], limit: Int) throws -> [String] {
        try textsWithIDs(of: clusters, limit: limit).map(\.1)
    }

    func textsWithIDs(of clusters: [ClusterID], limit: Int) throws -> [(QuestionID, String)] {
        let ids = clusters.map(String.init).joined(separator: ",")
        let clade = app.hasCladeTables
        return try app.writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM (" + Membership.questionsIn(ids, columns: "q.question_id, \(Row.wholeText("q.text", as: "text"))", clade: clade)
                + ") ORDER BY question_id LIMIT ?", arguments: [limit]).map { ($0["question_id"], $0.text("text") ?? "") }
        }
    }

    /// A spread-out sample of the run's other questions, to contrast a cluster against (only the
    /// run under review: after a re-import, the earlier run's copy of the same topic is no contrast).
    func contrastTexts(excluding: Set<ClusterID>) throws -> [String] {
        let clade = app.hasCladeTables
        return try app.writer.read { db in
            let run = try DatasetLoader.latestRun(db)
            let total = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM questions WHERE run_id = ?", arguments: [run]) ?? 0
            let step = max(1, total / 20_000)
            return try Row.fetchAll(db, sql: """
                SELECT \(Membership.cluster(clade)) AS c, q.text FROM questions q \(Membership.joins(clade))
                WHERE q.run_id = ? AND q.question_id % ? = 0
                """, arguments: [run, step]).compactMap { row in excluding.contains(row["c"]) ? nil : row.text("text") }
        }
    }

    func hasEmbeddings() throws -> Bool {
        try app.writer.read { db in
            try db.tableExists("question_embeddings") && (try Bool.fetchOne(db, sql: "SELECT 1 FROM question_embeddings LIMIT 1") ?? false)
        }
    }

    /// The questions nearest their cluster's centroid, or the most typical by TF-IDF without embeddings.
    func representative(of clusters: [ClusterID], count: Int) throws -> [String] {
        let rows = try textsWithIDs(of: clusters, limit: 2000)
        guard !rows.isEmpty else { return [] }
        if let matrix = try embeddingMatrix(rows.map(\.0)) {
            let centroid = Centroids.compute(matrix, labels: Array(repeating: 0, count: matrix.count), k: 1, normalized: true)
            return Centroids.mostCentral(matrix, labels: Array(repeating: 0, count: matrix.count), centroids: centroid, count: count)[0].map { rows[$0].1 }
        }
        let tokens = rows.map { Tokenizer.english.tokens($0.1) }
        let tfidf = TFIDFVectorizer(fitting: tokens).transform(documents: tokens)
        let centroid = Centroids.compute(tfidf, labels: Array(repeating: 0, count: tfidf.count), k: 1, normalized: true)
        return Centroids.mostCentral(tfidf, labels: Array(repeating: 0, count: tfidf.count), centroids: centroid, count: count)[0].map { rows[$0].1 }
    }

    func centroid(of clusters: [ClusterID]) throws -> [Float]? {
        let ids = try textsWithIDs(of: clusters, limit: Self.samplePerCluster).map(\.0)
        guard let m = try embeddingMatrix(ids) else { return nil }
        let c = Centroids.compute(m, labels: Array(repeating: 0, count: m.count), k: 1, normalized: true)
        return c.row(0)
    }

    /// The embeddings of these questions as unit rows, in order; nil when any is missing. Read
    /// straight into one contiguous matrix (no per-question arrays): a split of 25,000
    /// 384-dimensional questions holds 38 MB once, not three times. Read in id order, whatever
    /// the order asked for: a spread-out sample of every cluster then reads the table's pages
    /// front to back, each once (64,000 of 200,000 questions in half the time of cluster order).
    func embeddingMatrix(_ ids: [QuestionID]) throws -> Matrix? {
        guard !ids.isEmpty, try hasEmbeddings() else { return nil }
        let position = Dictionary(ids.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        guard position.count == ids.count else { return nil }
        let ordered = ids.sorted()
        return try app.writer.read { db in
            var storage: [Float] = []
            var dim = 0
            var filled = 0
            /// Decodes one little-endian float32 vector into row `position`, normalised; false
            /// when its length differs from the first one's (or it is empty).
            func unitRow(_ data: Data, position p: Int) -> Bool {
                let n = data.count / 4
                if dim == 0 {
                    guard n > 0 else { return false }
                    dim = n
                    storage = [Float](repeating: 0, count: ids.count * n)
                }
                guard n == dim else { return false }
                storage.withUnsafeMutableBufferPointer { out in
                    let target = out.baseAddress! + p * n
                    data.withUnsafeBytes { raw in
                        for j in 0..<n {
                            target[j] = Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: j * 4, as: UInt32.self)))
                        }
                    }
                    VectorMath.normalize(target, count: n)
                }
                return true
            }
            for start in stride(from: 0, to: ordered.count, by: 900) {
                let list = ordered[start..<min(start + 900, ordered.count)].map(String.init).joined(separator: ",")
                let statement = try db.makeStatement(sql: "SELECT question_id, vector FROM question_embeddings WHERE question_id IN (\(list))")
                let rows = try Row.fetchCursor(statement)
                while let row = try rows.next() {
                    guard let id = row[0] as QuestionID?, let p = position[id] else { continue }
                    // The blob as SQLite holds it, not copied; a vector written as text is read leniently.
                    let read: Bool? = try sqlite3_column_type(statement.sqliteStatement, 1) == SQLITE_BLOB
                        ? row.withUnsafeData(atIndex: 1) { data in data.map { unitRow($0, position: p) } }
                        : row.blob("vector").map { unitRow($0, position: p) }
                    guard let read else { continue }
                    guard read else { return nil }
                    filled += 1
                }
            }
            guard dim > 0, filled == ids.count else { return nil }
            return Matrix(rows: ids.count, columns: dim, storage: storage)
        }
    }
}
