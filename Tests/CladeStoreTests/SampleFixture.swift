import CladeCore
import CladeSample
import Foundation
import GRDB

/// The generated sample, shared by the read-only checks, and the vector maths they need.
enum SampleFixture {
    /// Generated once per test run.
    static let database = Result { () throws -> DatabaseQueue in
        let queue = try DatabaseQueue()
        try queue.write { try SampleGenerator.populate($0) }
        return queue
    }

    /// Normalised mean embedding of every non-outlier leaf, by external id, in cluster order.
    static func leafCentroids() throws -> [(key: String, centroid: [Float])] {
        try database.get().read { db in
            var vectors: [String: [[Float]]] = [:]
            var order: [String] = []
            let rows = try Row.fetchCursor(db, sql: """
                SELECT c.external_id, e.vector FROM clusters c JOIN assignments a USING (cluster_id)
                JOIN question_embeddings e USING (question_id) WHERE c.is_outlier = 0 ORDER BY c.cluster_id
                """)
            while let row = try rows.next() {
                let key: String = row["external_id"]
                if vectors[key] == nil { order.append(key) }
                vectors[key, default: []].append(floats(row["vector"]))
            }
            return order.map { ($0, mean(vectors[$0]!)) }
        }
    }

    /// Decodes a float32 little-endian blob.
    static func floats(_ blob: Data) -> [Float] {
        let bytes = [UInt8](blob)
        return stride(from: 0, to: bytes.count, by: 4).map { i in
            Float(bitPattern: UInt32(bytes[i]) | UInt32(bytes[i + 1]) << 8 | UInt32(bytes[i + 2]) << 16 | UInt32(bytes[i + 3]) << 24)
        }
    }

    static func mean(_ vectors: [[Float]]) -> [Float] {
        var sum = [Float](repeating: 0, count: vectors.first?.count ?? 0)
        for v in vectors { for i in v.indices { sum[i] += v[i] } }
        return sum.map { $0 / Float(max(vectors.count, 1)) }
    }

    static func cosine(_ a: [Float], _ b: [Float]) -> Double {
        var dot = 0.0, na = 0.0, nb = 0.0
        for (x, y) in zip(a, b) {
            dot += Double(x) * Double(y)
            na += Double(x) * Double(x)
            nb += Double(y) * Double(y)
        }
        return dot / (na.squareRoot() * nb.squareRoot())
    }
}

/// Per-leaf weighted statistics computed with SQL, placed in segments by CladeCore's rules and the
/// thresholds stored in `meta`.
struct SampleStoryFigures {
    struct Leaf {
        var id: Int64
        var externalID: String
        var parentID: Int64?
        var stats: ClusterStats
    }

    var leaves: [Leaf]
    var externalIDs: [Int64: String]
    var thresholds: Thresholds
    var total: ClusterStats

    static func load() throws -> SampleStoryFigures {
        try SampleFixture.database.get().read { db in
            let meta = try Dictionary(uniqueKeysWithValues: Row.fetchAll(db, sql: "SELECT key, value FROM meta").map {
                ($0["key"] as String, $0["value"] as String)
            })
            let thresholds = Thresholds(
                volumeHighShare: Double(meta["volume_high_share"]!)!, relevanceLow: Double(meta["relevance_low"]!)!,
                satisfactionLow: Double(meta["satisfaction_low"]!)!, minRatings: Int(meta["min_ratings"]!)!
            )
            let leaves = try Row.fetchAll(db, sql: """
                SELECT c.cluster_id, c.external_id, c.parent_id,
                       COUNT(*) AS row_count,
                       SUM(q.weight) AS volume,
                       TOTAL(CASE WHEN q.relevance IS NOT NULL THEN q.weight END) AS relevance_weight,
                       TOTAL(q.weight * q.relevance) AS relevance_sum,
                       COUNT(q.feedback) AS rated_rows,
                       TOTAL(CASE WHEN q.feedback IS NOT NULL THEN q.weight END) AS rated_weight,
                       TOTAL(CASE WHEN q.feedback = 1 THEN q.weight END) AS satisfied_weight,
                       SUM(q.weight <> 1) AS sampled_rows
                FROM clusters c JOIN assignments a ON a.cluster_id = c.cluster_id
                JOIN questions q ON q.question_id = a.question_id
                GROUP BY c.cluster_id ORDER BY c.cluster_id
                """).map { row in
                Leaf(
                    id: row["cluster_id"], externalID: row["external_id"], parentID: row["parent_id"],
                    stats: ClusterStats(
                        rows: row["row_count"], volume: row["volume"], relevanceWeight: row["relevance_weight"],
                        relevanceSum: row["relevance_sum"], ratedRows: row["rated_rows"], ratedWeight: row["rated_weight"],
                        satisfiedWeight: row["satisfied_weight"], sampledRows: row["sampled_rows"]
                    )
                )
            }
            let externalIDs = try Dictionary(uniqueKeysWithValues: Row.fetchAll(db, sql: "SELECT cluster_id, external_id FROM clusters").map {
                ($0["cluster_id"] as Int64, $0["external_id"] as String)
            })
            return SampleStoryFigures(
                leaves: leaves, externalIDs: externalIDs, thresholds: thresholds,
                total: leaves.reduce(.zero) { $0 + $1.stats }
            )
        }
    }

    func leaf(_ externalID: String) -> Leaf? { leaves.first { $0.externalID == externalID } }
    func parentExternalID(of leaf: Leaf) -> String? { leaf.parentID.flatMap { externalIDs[$0] } }
    func children(of parent: String) -> [Leaf] { leaves.filter { parentExternalID(of: $0) == parent } }
    func total(of parent: String) -> ClusterStats { children(of: parent).reduce(.zero) { $0 + $1.stats } }
    func share(_ stats: ClusterStats) -> Double { stats.volume / total.volume }
    func share(_ leaf: Leaf) -> Double { share(leaf.stats) }
    func segment(_ leaf: Leaf) -> Segment { Segment(stats: leaf.stats, totalVolume: total.volume, thresholds: thresholds) }
}
