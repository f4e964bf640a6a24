import CladeCore
import GRDB

/// The figures behind one cluster's charts: its weighted relevance histogram and its weekly
/// volume and satisfaction. Read on demand for the selected cluster (and for the report), so
/// opening a database stays as fast as before.
public enum ChartReads {
    public static func charts(_ app: AppDatabase, _ query: ChartQuery) throws -> ClusterCharts {
        try app.writer.read { db in try charts(db, query, clade: app.hasCladeTables) }
    }

    static func charts(_ db: Database, _ query: ChartQuery, clade: Bool) throws -> ClusterCharts {
        let run = try Int64.fetchOne(db, sql: "SELECT MAX(run_id) FROM runs") ?? 0
        var bins = [Double](repeating: 0, count: ClusterCharts.relevanceBinCount)
        var without = 0.0
        var weeks: [ClusterCharts.Week] = []
        guard !query.memberIDs.isEmpty else { return ClusterCharts(query: query, relevanceBins: bins, weeks: weeks) }
        let members = "\(Membership.cluster(clade)) IN (\(query.memberIDs.map(String.init).joined(separator: ",")))"
        let top = ClusterCharts.relevanceBinCount - 1
        let binRows = try Row.fetchCursor(db, sql: """
            SELECT CASE WHEN q.relevance IS NULL THEN -1
                        ELSE MIN(\(top), MAX(0, CAST(q.relevance * \(ClusterCharts.relevanceBinCount) AS INTEGER))) END AS b,
                   TOTAL(q.weight) AS w
            FROM questions q \(Membership.joins(clade)) WHERE q.run_id = ? AND \(members) GROUP BY b
            """, arguments: [run])
        while let row = try binRows.next() {
            let b: Int = row["b"]
            if b < 0 { without = row["w"] } else { bins[b] = row["w"] }
        }
        if let start = try DatasetLoader.firstMonday(db, run: run) {
            weeks = try DatasetLoader.weekLabels(db, run: run, start: start).map { ClusterCharts.Week(start: $0) }
            let weekRows = try Row.fetchCursor(db, sql: """
                SELECT CAST((julianday(date(q.asked_at)) - ?) / 7 AS INTEGER) AS wk, TOTAL(q.weight) AS w,
                       SUM(q.feedback IS NOT NULL) AS fn,
                       TOTAL(CASE WHEN q.feedback IS NOT NULL THEN q.weight END) AS fw,
                       TOTAL(CASE WHEN q.feedback = 1 THEN q.weight END) AS sw
                FROM questions q \(Membership.joins(clade))
                WHERE q.run_id = ? AND q.asked_at IS NOT NULL AND \(members) GROUP BY wk
                """, arguments: [start, run])
            while let row = try weekRows.next() {
                let wk: Int = row["wk"]
                guard weeks.indices.contains(wk) else { continue }
                weeks[wk].volume = row["w"]
                weeks[wk].ratedRows = row["fn"]
                weeks[wk].ratedWeight = row["fw"]
                weeks[wk].satisfiedWeight = row["sw"]
            }
        }
        return ClusterCharts(query: query, relevanceBins: bins, withoutRelevance: without, weeks: weeks)
    }
}
