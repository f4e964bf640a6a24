import CladeCore
import GRDB

/// Stable identities of the concepts the clusters stand for, so a label stops drifting across
/// runs. A pipeline cluster is `pipeline:<external_id or cluster_id>`; a cluster the reviewer made
/// is `clade:<run>:<cluster_id>` from the run it was made on. Carry-forward keeps the identity:
/// when it makes a reviewer's cluster again on a new run, or finds the new run already has it as a
/// cluster of its own (matched as a whole), that cluster takes the earlier concept id.
public enum ConceptIDs {
    public static func pipeline(clusterID: ClusterID, externalID: String?) -> String {
        "pipeline:" + (externalID.flatMap { $0.isEmpty ? nil : $0 } ?? String(clusterID))
    }

    /// Concept ids of every cluster of `run` that has one other than its pipeline id.
    public static func inherited(_ db: Database, run: RunID) throws -> [ClusterID: String] {
        guard try db.tableExists("clade_cluster_state") else { return [:] }
        var memo: [RunID: [ClusterID: String]] = [:]
        func concepts(_ run: RunID, depth: Int) throws -> [ClusterID: String] {
            if let known = memo[run] { return known }
            var out: [ClusterID: String] = [:]
            for c in try ClusterID.fetchAll(db, sql: "SELECT cluster_id FROM clade_cluster_state WHERE run_id = ? AND origin = ?", arguments: [run, ClusterOrigin.expert]) {
                out[c] = "clade:\(run):\(c)"
            }
            if depth < 256, try db.tableExists("clade_carry_forward") {
                let rows = try Row.fetchAll(db, sql: """
                    SELECT from_run_id, old_cluster_id, new_cluster_id FROM clade_carry_forward
                    WHERE run_id = ? AND what = 'split' AND status IN ('carried', 'already') AND new_cluster_id IS NOT NULL
                    ORDER BY item_id
                    """, arguments: [run])
                for row in rows {
                    let from: RunID = row["from_run_id"]
                    let old: ClusterID = row["old_cluster_id"]
                    if let concept = try concepts(from, depth: depth + 1)[old] { out[row["new_cluster_id"]] = concept }
                }
            }
            memo[run] = out
            return out
        }
        return try concepts(run, depth: 0)
    }
}
