import CladeCore
import CladeStore
import Foundation
import GRDB

/// What kind of file a benchmark measured, read from the file: the generator's shape when it
/// wrote one (`runs.params_json`), and the facts that cost Clade differently on any file — tags
/// per question, weights, the hierarchy's depth, the pipeline's own indexes and stamps.
struct BenchShapeDescription: Codable {
    var shape: String
    var questions: Int
    var tagsPerQuestion: Double
    var sampledQuestions: Int
    var clusters: Int
    var topLevelClusters: Int
    var depth: Int
    var negativeClusterIDs: Int
    var indexes: [String]
    var applicationID: Int32
    var userVersion: Int32
    var journalMode: String

    var line: String {
        String(format: "%@ — %@ questions, %.2f tags per question, %@ sampled, %@ clusters (%@ at the top, %d levels%@), indexes: %@; application_id %d, user_version %d, journal %@",
               shape, Format.count(questions), tagsPerQuestion, Format.count(sampledQuestions), Format.count(clusters), Format.count(topLevelClusters),
               depth, negativeClusterIDs > 0 ? ", \(negativeClusterIDs) negative ids" : "", indexes.isEmpty ? "none" : indexes.joined(separator: ", "),
               applicationID, userVersion, journalMode)
    }

    /// Read-only, before the benchmark opens the file (whose first open it measures).
    static func read(_ path: String) throws -> BenchShapeDescription {
        var config = Configuration()
        config.readonly = true
        let queue = try DatabaseQueue(path: path, configuration: config)
        defer { try? queue.close() }
        return try queue.read { db in
            let run = try Int64.fetchOne(db, sql: "SELECT MAX(run_id) FROM runs") ?? 0
            let params = try String.fetchOne(db, sql: "SELECT params_json FROM runs WHERE run_id = ?", arguments: [run]) ?? ""
            let generated = (try? JSONSerialization.jsonObject(with: Data(params.utf8)) as? [String: Any])?["shape"] as? String
            let questions = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM questions") ?? 0
            let tags = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM question_capabilities") ?? 0
            let depth = try Int.fetchOne(db, sql: """
                WITH RECURSIVE walk(id, level) AS (
                    SELECT cluster_id, 1 FROM clusters WHERE run_id = ?1 AND parent_id IS NULL
                    UNION ALL SELECT c.cluster_id, w.level + 1 FROM clusters c JOIN walk w ON c.parent_id = w.id WHERE w.level < 100000)
                SELECT MAX(level) FROM walk
                """, arguments: [run]) ?? 0
            return BenchShapeDescription(
                shape: generated ?? "file",
                questions: questions,
                tagsPerQuestion: questions == 0 ? 0 : Double(tags) / Double(questions),
                sampledQuestions: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM questions WHERE weight <> 1") ?? 0,
                clusters: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM clusters WHERE run_id = ?", arguments: [run]) ?? 0,
                topLevelClusters: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM clusters WHERE run_id = ? AND parent_id IS NULL", arguments: [run]) ?? 0,
                depth: depth,
                negativeClusterIDs: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM clusters WHERE cluster_id < 0") ?? 0,
                indexes: try String.fetchAll(db, sql: """
                    SELECT tbl_name || '(' || (SELECT group_concat(name, ',') FROM pragma_index_info(m.name)) || ')'
                    FROM sqlite_master m WHERE type = 'index' AND tbl_name IN ('questions', 'assignments', 'question_capabilities') ORDER BY 1
                    """),
                applicationID: try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0,
                userVersion: try Int32.fetchOne(db, sql: "PRAGMA user_version") ?? 0,
                journalMode: try String.fetchOne(db, sql: "PRAGMA journal_mode") ?? "?"
            )
        }
    }
}
