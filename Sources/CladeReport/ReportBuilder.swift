import CladeCore
import CladeStore
import Foundation

/// Reads the reviewed state and assembles the report. Read-only: a report never changes the file.
public enum ReportBuilder {
    /// Worst-rated questions shown under each cluster that matters.
    public static let examplesPerCluster = 5
    /// Clusters given a section of their own; the segment table lists every one.
    public static let maxSections = 12

    public static func make(_ app: AppDatabase, generatedAt: String) throws -> Report {
        let data = try DatasetLoader.load(app)
        let grid = SegmentGrid(dataset: data)
        let ranking = PriorityRanking(dataset: data, formula: .expectedValue)
        let records = try DecisionLog.records(app)
        let inForce = try DecisionsInForce.records(app)
        var owners: [ClusterID: String] = [:]
        for r in inForce { for c in r.clusterIDs { owners[c] = r.reviewer } }

        let sections = try mattering(data, ranking).prefix(maxSections).map { c in
            let members = data.memberClusterIDs(of: c.id)
            return Report.ClusterSection(
                cluster: c, path: (data.ancestors(of: c.id).compactMap { data.cluster($0)?.name } + [c.name]).joined(separator: " › "),
                segment: data.segment(of: c),
                examples: try ExampleReads.worstRated(app, memberIDs: members, limit: examplesPerCluster),
                charts: try ChartReads.charts(app, ChartQuery(clusterID: c.id, memberIDs: members))
            )
        }
        return Report(
            title: data.title, databaseName: (app.path as NSString).lastPathComponent, generatedAt: generatedAt,
            run: try RunReads.latest(app), dataset: data, grid: grid, ranking: ranking, matrix: CapabilityMatrix(dataset: data),
            clusters: Array(sections), decisions: records, inForce: inForce, owners: owners,
            gaps: gaps(data), changes: try changes(app, data, records)
        )
    }

    /// Leaves whose segment calls for action or that cannot be judged yet, and any the reviewer
    /// decided something about: danger zone first, then by urgency and expected value.
    static func mattering(_ data: Dataset, _ ranking: PriorityRanking) -> [Cluster] {
        let decided = { (c: Cluster) in c.priority != nil || !c.note.isEmpty || c.action != nil || c.dismissed || c.issueType != nil }
        // Looked up once: `ranking.entry` searches the list, and the sort asks n log n times.
        let scores = Dictionary(ranking.entries.map { ($0.clusterID, $0.score) }, uniquingKeysWith: { first, _ in first })
        return data.clusters.filter { c in
            guard data.isLeaf(c.id) else { return false }
            let s = data.segment(of: c)
            return s.urgency <= 5 || !s.isJudged || decided(c)
        }.sorted { a, b in
            // Sent away (redirected, out of scope): after the clusters that need a fix.
            if a.isSentAway != b.isSentAway { return !a.isSentAway }
            let (ua, ub) = (data.segment(of: a).urgency, data.segment(of: b).urgency)
            if ua != ub { return ua < ub }
            let (sa, sb) = (scores[a.id] ?? 0, scores[b.id] ?? 0)
            return sa != sb ? sa > sb : a.id < b.id
        }
    }

    static func gaps(_ data: Dataset) -> [Report.CapabilityGap] {
        let leaves = data.clusters.filter { data.isLeaf($0.id) }
        return CapabilityMatrix(dataset: data).capabilities.map { cap in
            let using = leaves.compactMap { c -> (Cluster, Double)? in
                let v = c.capabilityVolume[cap.id] ?? 0
                return v > 0 ? (c, v) : nil
            }.sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0.id < $1.0.id }
            let poor = using.filter { c, _ in
                let s = data.segment(of: c)
                return s.satisfaction == .low || s.relevance == .low
            }.reduce(0) { $0 + $1.1 }
            return Report.CapabilityGap(
                capability: cap, share: data.total.volume > 0 ? cap.volume / data.total.volume : 0, poorVolume: poor, clusters: using,
                confirmedOn: leaves.filter { $0.capabilityVerdicts[cap.id] == .confirmed }.map(\.name),
                rejectedOn: leaves.filter { $0.capabilityVerdicts[cap.id] == .rejected }.map(\.name)
            )
        }.sorted { $0.poorVolume != $1.poorVolume ? $0.poorVolume > $1.poorVolume : $0.capability.volume > $1.capability.volume }
    }

    static func changes(_ app: AppDatabase, _ data: Dataset, _ records: [DecisionRecord]) throws -> Report.Changes {
        let export = try DecisionExport.make(app, since: nil, consumer: nil)
        var changes = Report.Changes()
        let byID = Dictionary(export.clusters.map { ($0.clusterID, $0) }, uniquingKeysWith: { first, _ in first })
        for c in export.clusters where c.origin == .pipeline && c.status != .merged {
            if let before = c.pipelineLabel, before != c.label { changes.relabels.append((before, c.label)) }
        }
        var merged: [Int64: [String]] = [:]
        for c in export.clusters where c.status == .merged { merged[c.survivor, default: []].append(c.pipelineLabel ?? c.label) }
        changes.merges = merged.keys.sorted().map { (merged[$0]!, byID[$0]?.label ?? "cluster \($0)") }
        // A split's log row lists the split cluster first, then the clusters it made.
        var splitFrom: [ClusterID: ClusterID] = [:]
        for r in records where r.op == .split || r.op == .recluster { for made in r.clusterIDs.dropFirst() { splitFrom[made] = r.clusterIDs.first } }
        for c in export.clusters where c.origin == .expert && c.status != .merged {
            let from = splitFrom[c.clusterID].flatMap { byID[$0]?.label } ?? "—"
            changes.splits.append((c.label, from, data.cluster(c.clusterID)?.stats.volume ?? Double(c.questions)))
        }
        for c in export.clusters where c.status == .dismissed {
            changes.dismissed.append((c.label, c.action.flatMap(ClusterAction.init(rawValue:))))
        }
        changes.movedQuestions = export.reassignments.count
        for key in ThresholdKey.allCases where key.display(data.thresholds) != key.display(data.pipelineThresholds) {
            changes.thresholds.append((key, key.display(data.pipelineThresholds), key.display(data.thresholds)))
        }
        for c in data.clusters {
            for (cap, verdict) in c.capabilityVerdicts.sorted(by: { $0.key < $1.key }) {
                changes.verdicts.append((c.name, data.capability(cap)?.name ?? "capability \(cap)", verdict.rawValue))
            }
        }
        changes.pipelineLeaves = Set(export.questions.map(\.pipelineClusterID)).count
        changes.reviewedLeaves = data.leafCount
        return changes
    }
}
