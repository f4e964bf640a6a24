import CladeCore
import Foundation
import GRDB

/// Reads everything the browsing screens show about a run (by default the latest, the one under
/// review), in one read transaction.
public enum DatasetLoader {
    /// `runID`: an earlier run, as it was reviewed (a re-import keeps it beside the new one).
    /// `reusing`: what the previous load read; after this window's own decision, only the state
    /// tables and the cached figures of `changed` clusters are read again (nil: everything).
    public static func load(_ app: AppDatabase, runID: RunID? = nil, reusing cache: LoadCache? = nil, changed: Set<ClusterID>? = nil) throws -> Dataset {
        let tables = app.unchangedFingerprint()
        return try app.writer.read { db in
            try load(db, path: app.path, hasCladeTables: app.hasCladeTables, readOnly: app.readOnly, runID: runID, cache: cache, changed: changed,
                     tables: tables)
        }
    }

    static func load(_ db: Database, path: String, hasCladeTables clade: Bool, readOnly: Bool, runID requested: RunID? = nil,
                     cache: LoadCache? = nil, changed: Set<ClusterID>? = nil, tables: String? = nil) throws -> Dataset {
        let meta = try metaValues(db)
        let settings = clade ? try settingValues(db) : [:]
        let runID = try requested ?? latestRun(db)
        let pipeline: [LoadedCluster]
        var snapshot: StatsCache.Snapshot
        let weeks: [String]
        if let cache, let changed, let kept = cache.kept, kept.runID == runID {
            pipeline = kept.pipelineClusters
            snapshot = kept.snapshot
            try StatsCache.readRows(db, run: runID, clusters: changed, into: &snapshot)
            weeks = kept.weeks
        } else {
            pipeline = try pipelineClusters(db, run: runID)
            // The cached figures when they are current; computed from the questions otherwise
            // (a read-only file Clade never migrated, or a run the pipeline just changed).
            snapshot = try StatsCache.read(db, run: runID, tables: tables) ?? StatsCache.compute(db, run: runID, clade: clade)
            weeks = try weekLabels(db, start: snapshot.firstMonday, count: snapshot.weekCount)
        }
        cache?.kept = LoadCache.Kept(runID: runID, pipelineClusters: pipeline, snapshot: snapshot, weeks: weeks)
        var clusters = pipeline
        if clade { try applyState(db, run: runID, to: &clusters) }
        var own = snapshot.stats
        var weekly = snapshot.weekly
        var capVolume = snapshot.capabilities

        // A merged cluster's questions count in the cluster it was merged into.
        let byID = Dictionary(clusters.map { ($0.cluster.id, $0) }, uniquingKeysWith: { first, _ in first })
        func survivor(_ id: ClusterID) -> ClusterID {
            var current = id
            var hops = 0
            while let c = byID[current], let next = c.mergedInto, hops < 64 { current = next; hops += 1 }
            return current
        }
        var absorbed: [ClusterID: [ClusterID]] = [:]
        for c in clusters where c.mergedInto != nil {
            let target = survivor(c.cluster.id)
            guard target != c.cluster.id else { continue }
            absorbed[target, default: []].append(c.cluster.id)
            if let s = own.removeValue(forKey: c.cluster.id) { own[target, default: .zero] += s }
            if let w = weekly.removeValue(forKey: c.cluster.id) { weekly[target, default: [:]].merge(w, uniquingKeysWith: +) }
            if let v = capVolume.removeValue(forKey: c.cluster.id) { capVolume[target, default: [:]].merge(v, uniquingKeysWith: +) }
        }
        var visible = clusters.filter { $0.mergedInto == nil }.map(\.cluster)
        let weekCount = weeks.count
        for i in visible.indices {
            let id = visible[i].id
            visible[i].stats = own[id] ?? .zero
            visible[i].capabilityVolume = capVolume[id] ?? [:]
            visible[i].weekly = (0..<weekCount).map { weekly[id]?[$0] ?? 0 }
        }
        rollUp(&visible)

        // Questions assigned to a cluster missing from the run are in no figure (`clade check` warns).
        // Summed in id order, so that the same figures always give the same total to the last bit.
        let total = own.keys.filter { byID[$0] != nil }.sorted().reduce(ClusterStats.zero) { $0 + own[$1]! }
        return Dataset(
            title: meta[PipelineSchema.MetaKey.title] ?? (path as NSString).lastPathComponent,
            path: path,
            runID: runID,
            relevanceMetric: meta[PipelineSchema.MetaKey.relevanceMetric] ?? "cosine",
            thresholds: thresholds(meta: meta, settings: settings),
            pipelineThresholds: thresholds(meta: meta, settings: [:]),
            clusters: visible,
            capabilities: try capabilities(db, run: runID, clade: clade, totals: snapshot.capabilityTotals),
            total: total,
            weekStarts: weeks,
            readOnly: readOnly,
            absorbed: absorbed
        )
    }

    /// The run under review: the highest `run_id`.
    static func latestRun(_ db: Database) throws -> RunID {
        try RunID.fetchOne(db, sql: "SELECT MAX(run_id) FROM runs") ?? 0
    }

    struct LoadedCluster {
        var cluster: Cluster
        var mergedInto: ClusterID?
    }

    static func metaValues(_ db: Database) throws -> [String: String] {
        var out: [String: String] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT key, \(Row.wholeText("value")) FROM meta") {
            if let k = row.text("key"), let v = row.text("value") { out[k] = v }
        }
        return out
    }

    static func settingValues(_ db: Database) throws -> [String: String] {
        var out: [String: String] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT key, value FROM clade_settings") { out[row["key"]] = row["value"] }
        return out
    }

    /// Thresholds from the pipeline's meta, overridden by the reviewer's settings.
    static func thresholds(meta: [String: String], settings: [String: String]) -> Thresholds {
        func value(_ key: String) -> String? { settings[key] ?? meta[key] }
        var t = Thresholds.standard
        if let v = value(PipelineSchema.MetaKey.volumeHighShare).flatMap(Double.init) { t.volumeHighShare = v > 1 ? v / 100 : v }
        if let v = value(PipelineSchema.MetaKey.relevanceLow).flatMap(Double.init) { t.relevanceLow = v }
        if let v = value(PipelineSchema.MetaKey.satisfactionLow).flatMap(Double.init) { t.satisfactionLow = v > 1 ? v / 100 : v }
        if let v = value(PipelineSchema.MetaKey.minRatings).flatMap(Int.init) { t.minRatings = v }
        return t
    }

    static func pipelineClusters(_ db: Database, run: Int64) throws -> [LoadedCluster] {
        try Row.fetchAll(db, sql: """
            SELECT cluster_id, parent_id, \(Row.wholeText("name")), \(Row.wholeText("description")), keywords_json, is_outlier
            FROM clusters WHERE run_id = ? ORDER BY cluster_id
            """, arguments: [run]).map { row in
            LoadedCluster(cluster: Cluster(
                id: row["cluster_id"], parentID: row["parent_id"], name: row.text("name") ?? "",
                description: row.text("description") ?? "", keywords: decodeKeywords(row.text("keywords_json")),
                isOutlier: row.integer("is_outlier") == 1
            ))
        }
    }

    static func decodeKeywords(_ json: String?) -> [String] {
        guard let json, let data = json.data(using: .utf8),
              let words = try? JSONSerialization.jsonObject(with: data) as? [Any] else { return [] }
        return words.compactMap { $0 as? String }
    }

    /// Applies the reviewer's labels, annotations and merges, and adds the clusters the reviewer created.
    static func applyState(_ db: Database, run: Int64, to clusters: inout [LoadedCluster]) throws {
        var index = Dictionary(clusters.enumerated().map { ($1.cluster.id, $0) }, uniquingKeysWith: { first, _ in first })
        for row in try Row.fetchAll(db, sql: "SELECT * FROM clade_cluster_state WHERE run_id = ? ORDER BY cluster_id", arguments: [run]) {
            let id: ClusterID = row["cluster_id"]
            let origin: ClusterOrigin = try row.clusterStateValue("origin")
            if index[id] == nil {
                guard origin == .expert else { continue }
                clusters.append(LoadedCluster(cluster: Cluster(id: id, name: "", isExpert: true)))
                index[id] = clusters.count - 1
            }
            let i = index[id]!
            var c = clusters[i].cluster
            if origin == .expert { c.parentID = row["parent_id"] }
            if let name: String = row["name"] { c.name = name }
            if let description: String = row["description"] { c.description = description }
            c.priority = row["priority"]
            c.reviewed = (row["reviewed"] as Int?) == 1
            c.issueType = (row["issue_type"] as String?).flatMap(IssueType.init(rawValue:))
            c.action = (row["action"] as String?).flatMap(ClusterAction.init(rawValue:))
            c.note = row["note"] ?? ""
            c.prioritisation = PrioritisationInputs(impact: row["impact"], effort: row["effort"], risk: row["risk"], success: row["success"])
            let status: ClusterStatus = try row.clusterStateValue("status")
            c.dismissed = status == .dismissed
            clusters[i].cluster = c
            clusters[i].mergedInto = status == .merged ? row["merged_into"] : nil
        }
        for row in try Row.fetchAll(db, sql: "SELECT cluster_id, capability_id, verdict FROM clade_cluster_capability") {
            guard let i = index[row["cluster_id"]], let verdict = CapabilityVerdict(rawValue: row["verdict"]) else { continue }
            clusters[i].cluster.capabilityVerdicts[row["capability_id"]] = verdict
        }
    }

    static func leafStats(_ db: Database, run: Int64, clade: Bool) throws -> [ClusterID: ClusterStats] {
        var out: [ClusterID: ClusterStats] = [:]
        let rows = try Row.fetchCursor(db, sql: """
            SELECT \(Membership.cluster(clade)) AS c, COUNT(*) AS n, TOTAL(q.weight) AS w,
                   TOTAL(CASE WHEN q.relevance IS NOT NULL THEN q.weight END) AS rw,
                   TOTAL(q.weight * q.relevance) AS rs,
                   SUM(q.feedback IS NOT NULL) AS fn,
                   TOTAL(CASE WHEN q.feedback IS NOT NULL THEN q.weight END) AS fw,
                   TOTAL(CASE WHEN q.feedback = 1 THEN q.weight END) AS sw,
                   SUM(q.weight <> 1) AS sampled
            FROM questions q \(Membership.joins(clade))
            WHERE q.run_id = ? GROUP BY c
            """, arguments: [run])
        while let row = try rows.next() {
            out[row["c"]] = ClusterStats(
                rows: row["n"], volume: row["w"], relevanceWeight: row["rw"], relevanceSum: row["rs"],
                ratedRows: row["fn"], ratedWeight: row["fw"], satisfiedWeight: row["sw"], sampledRows: row["sampled"]
            )
        }
        return out
    }

    /// The Monday on or before the run's first question, as a julian day number.
    static func firstMonday(_ db: Database, run: Int64) throws -> Double? {
        guard let first = try Double.fetchOne(db, sql: """
            SELECT julianday(date(MIN(asked_at))) FROM questions WHERE run_id = ? AND asked_at IS NOT NULL
            """, arguments: [run]) else { return nil }
        return monday(onOrBefore: first)
    }

    /// The Monday on or before a day (`julianday(date(…))`).
    static func monday(onOrBefore day: Double) -> Double {
        // julianday 0.5 fractions: day numbers of dates end in .5; Monday is (jd + 0.5) % 7 == 0.
        let dayOfWeek = Int((day + 0.5).rounded()) % 7
        return day - Double(dayOfWeek)
    }

    /// Weeks of the trend: ten years at most.
    static let maxWeeks = 520

    /// How many weeks from `start` to the week of `last` (the day of the run's greatest asked_at).
    static func weekCount(start: Double, last: Double?) -> Int {
        // Text sorts differently from dates ("  2030-01-01" before "2026-…"): the last date may
        // come before the first, or be absurdly far (`clade check` warns about such dates).
        let weeks = ((last ?? start) - start) / 7
        return weeks.isFinite ? Int(max(0, min(weeks, Double(maxWeeks - 1)))) + 1 : 1
    }

    /// How many weeks the run's trend has from `start`, by its latest question.
    static func weekCount(_ db: Database, run: Int64, start: Double) throws -> Int {
        let last = try Double.fetchOne(db, sql: """
            SELECT julianday(date(MAX(asked_at))) FROM questions WHERE run_id = ? AND asked_at IS NOT NULL
            """, arguments: [run])
        return weekCount(start: start, last: last)
    }

    static func weekLabels(_ db: Database, run: Int64, start: Double) throws -> [String] {
        try weekLabels(db, start: start, count: weekCount(db, run: run, start: start))
    }

    static func weeklyVolume(_ db: Database, run: Int64, clade: Bool, start: Double) throws -> [ClusterID: [Int: Double]] {
        var out: [ClusterID: [Int: Double]] = [:]
        let rows = try Row.fetchCursor(db, sql: """
            SELECT \(Membership.cluster(clade)) AS c,
                   CAST((julianday(date(q.asked_at)) - ?) / 7 AS INTEGER) AS wk, TOTAL(q.weight) AS w
            FROM questions q \(Membership.joins(clade))
            WHERE q.run_id = ? AND q.asked_at IS NOT NULL GROUP BY c, wk
            """, arguments: [start, run])
        while let row = try rows.next() {
            // A text that is not a date has no week (`clade check` warns).
            guard let week = row["wk"] as Int?, week >= 0, week < maxWeeks else { continue }
            out[row["c"], default: [:]][week] = row["w"]
        }
        return out
    }

    static func capabilityVolume(_ db: Database, run: Int64, clade: Bool) throws -> [ClusterID: [CapabilityID: Double]] {
        var out: [ClusterID: [CapabilityID: Double]] = [:]
        let rows = try Row.fetchCursor(db, sql: """
            SELECT \(Membership.cluster(clade)) AS c, qc.capability_id AS cap, TOTAL(q.weight) AS w
            FROM question_capabilities qc JOIN questions q ON q.question_id = qc.question_id \(Membership.joins(clade))
            WHERE q.run_id = ? GROUP BY c, cap
            """, arguments: [run])
        while let row = try rows.next() { out[row["c"], default: [:]][row["cap"]] = row["w"] }
        return out
    }

    /// Every capability, with its tagged questions in the run (`totals` from the statistics
    /// cache, else counted now).
    static func capabilities(_ db: Database, run: Int64, clade: Bool, totals: [CapabilityID: StatsCache.CapabilityTotal]? = nil) throws -> [Capability] {
        let totals = try totals ?? StatsCache.capabilityTotals(db, run: run)
        return try Row.fetchAll(db, sql: "SELECT capability_id AS id, \(Row.wholeText("name")), \(Row.wholeText("description")) FROM capabilities ORDER BY capability_id").map {
            let total = totals[$0["id"]]
            return Capability(id: $0["id"], name: $0.text("name") ?? "", description: $0.text("description") ?? "",
                              rows: total?.rows ?? 0, volume: total?.volume ?? 0)
        } + cladeCapabilities(db, clade: clade)
    }

    /// The capabilities the reviewer added.
    static func cladeCapabilities(_ db: Database, clade: Bool) throws -> [Capability] {
        guard clade else { return [] }
        return try Row.fetchAll(db, sql: "SELECT capability_id, name, description FROM clade_capabilities ORDER BY capability_id").map {
            Capability(id: $0["capability_id"], name: $0["name"], description: $0["description"])
        }
    }

    /// "2026-08-03" for each week of the run's trend.
    static func weekLabels(_ db: Database, start: Double?, count: Int) throws -> [String] {
        guard let start else { return [] }
        return try (0..<count).map { i in try String.fetchOne(db, sql: "SELECT date(?)", arguments: [start + Double(7 * i)]) ?? "" }
    }

    /// A parent's figures are the sum of its descendants'. Iterative (a post-order walk with its
    /// own stack): a pipeline's hierarchy may be thousands of levels deep, and a recursion that
    /// deep overflows the thread's stack.
    static func rollUp(_ clusters: inout [Cluster]) {
        var index: [ClusterID: Int] = [:]
        for (i, c) in clusters.enumerated() where index[c.id] == nil { index[c.id] = i }
        var children = [[Int]](repeating: [], count: clusters.count)
        for (i, c) in clusters.enumerated() { if let p = c.parentID, let pi = index[p], pi != i { children[pi].append(i) } }
        // 0: not reached, 1: on the stack, 2: summed. A child on the stack is a cycle's back edge
        // (`clade check` refuses them): left out rather than counted twice.
        var mark = [UInt8](repeating: 0, count: clusters.count)
        var stack: [(node: Int, next: Int)] = []
        for root in clusters.indices where mark[root] == 0 {
            mark[root] = 1
            stack.append((root, 0))
            while let top = stack.last {
                let kids = children[top.node]
                if top.next < kids.count {
                    stack[stack.count - 1].next += 1
                    let child = kids[top.next]
                    if mark[child] == 0 { mark[child] = 1; stack.append((child, 0)) }
                    continue
                }
                stack.removeLast()
                let i = top.node
                for child in kids where mark[child] == 2 {
                    clusters[i].stats += clusters[child].stats
                    for (k, v) in clusters[child].capabilityVolume { clusters[i].capabilityVolume[k, default: 0] += v }
                    if clusters[i].weekly.count == clusters[child].weekly.count {
                        clusters[i].weekly = zip(clusters[i].weekly, clusters[child].weekly).map(+)
                    }
                }
                mark[i] = 2
            }
        }
    }
}
