/// SQL for "which cluster is each question effectively in": the reviewer's move or split
/// override wins over the pipeline's assignment. Merges are resolved in memory by following
/// `merged_into`, since the cluster table is small and the question table may be huge.
enum Membership {
    static func joins(_ hasCladeTables: Bool) -> String {
        hasCladeTables
            ? "JOIN assignments a ON a.question_id = q.question_id LEFT JOIN clade_assignment_override o ON o.question_id = q.question_id"
            : "JOIN assignments a ON a.question_id = q.question_id"
    }

    static func cluster(_ hasCladeTables: Bool) -> String {
        hasCladeTables ? "COALESCE(o.cluster_id, a.cluster_id)" : "a.cluster_id"
    }

    /// The questions effectively in the clusters `ids` (a comma-separated list), as rows of `q.*`
    /// columns named in `columns`. Written as two index lookups (pipeline assignments not
    /// overridden, plus overrides into the clusters) rather than a filter on `COALESCE(…)`,
    /// which would scan every question of the run.
    static func questionsIn(_ ids: String, columns: String, clade: Bool) -> String {
        guard clade else {
            return "SELECT \(columns) FROM assignments a JOIN questions q ON q.question_id = a.question_id WHERE a.cluster_id IN (\(ids))"
        }
        return """
            SELECT \(columns) FROM assignments a JOIN questions q ON q.question_id = a.question_id
            WHERE a.cluster_id IN (\(ids)) AND NOT EXISTS (SELECT 1 FROM clade_assignment_override o WHERE o.question_id = a.question_id)
            UNION ALL
            SELECT \(columns) FROM clade_assignment_override o JOIN questions q ON q.question_id = o.question_id
            WHERE o.cluster_id IN (\(ids))
            """
    }
}
