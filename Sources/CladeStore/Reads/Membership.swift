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
}
