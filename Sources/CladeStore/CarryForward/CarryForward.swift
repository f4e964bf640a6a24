import CladeCore
import Foundation
import GRDB

public struct CarryForwardOptions: Equatable, Sendable {
    /// A reviewed cluster and a new one match when the Jaccard overlap of their questions reaches this.
    public var threshold: Double
    public var identity: QuestionIdentity.Choice
    /// Written as the reviewer of every carried decision.
    public var reviewer: String

    public init(threshold: Double = CarryForward.defaultThreshold, identity: QuestionIdentity.Choice = .auto, reviewer: String = CarryForward.defaultReviewer) {
        self.threshold = threshold
        self.identity = identity
        self.reviewer = reviewer
    }
}

/// Carries the reviewer's decisions on one run over to a newer run of the pipeline: matches the
/// reviewed clusters (as reviewed: after merges, splits and moves) to the new run's clusters by
/// member overlap, and re-applies what they carry as new decisions on the new run, appended to
/// the log through `DecisionStore`. The reviewed run and its decisions are left as they are.
public enum CarryForward {
    public static let defaultThreshold = 0.5
    public static let defaultReviewer = "carry-forward"

    /// Call inside the write transaction that added run `to` to the database `app` has open, so
    /// the run and its carried decisions are written together or not at all.
    public static func run(
        _ db: Database, app: AppDatabase, from: RunID, to: RunID, options: CarryForwardOptions = .init(), now: Date = Date()
    ) throws -> CarryForwardReport {
        let store = DecisionStore(app: app, reviewer: options.reviewer, now: { now })
        var engine = try CarryForwardEngine(db: db, store: store, from: from, to: to, options: options)
        try engine.carrySplits()
        try engine.carryMoves()
        try engine.carryMerges()
        try engine.carryAnnotations()
        let report = engine.report()
        try report.store(db, at: DecisionStore.timestamp(now))
        return report
    }
}

/// The state of one carry-forward: both runs, how their questions and clusters correspond, and
/// the report so far. Structural decisions go first (splits, moves, then merges, which need the
/// clusters they join to exist and be active), then each cluster's labels and annotations.
struct CarryForwardEngine {
    let db: Database
    let store: DecisionStore
    let options: CarryForwardOptions
    let old: RunSnapshot
    let new: RunSnapshot
    /// The reviewed run as the reviewer saw it: visible clusters and what each absorbed.
    let oldDataset: Dataset
    let identityDescription: String
    /// Interned identity of every question, by index in the snapshots.
    let oldKeys: [Int]
    /// The new run's questions by identity, in id order.
    let newByKey: [Int: [QuestionID]]
    /// Reviewed-run questions (indices) per cluster before merges: leaves and the reviewer's own clusters.
    let components: [ClusterID: [Int]]
    let componentKeys: [ClusterID: Set<Int>]
    let leafMatcher: OverlapMatcher
    let leafMatch: OverlapMatcher.Result
    let parentMatch: OverlapMatcher.Result
    /// Reviewed cluster → the new run's cluster that now stands for it.
    var image: [ClusterID: ClusterID] = [:]
    var imageJaccard: [ClusterID: Double] = [:]
    /// The reviewer's clusters made again by a carried split (they got their name from it).
    var madeBySplit = Set<ClusterID>()
    /// The decision behind each field of each reviewed cluster.
    let fieldSources: FieldSources
    /// Why a merged group found no cluster as a whole.
    var groupReason: [ClusterID: String] = [:]
    var claimed = Set<QuestionID>()
    var items: [CarryForwardItem] = []

    init(db: Database, store: DecisionStore, from: RunID, to: RunID, options: CarryForwardOptions) throws {
        let old = try RunSnapshot.load(db, run: from)
        let new = try RunSnapshot.load(db, run: to)
        let (identity, why) = QuestionIdentity.choose(options.identity, old: old.questions.map(\.externalID), new: new.questions.map(\.externalID))
        var intern: [String: Int] = [:]
        func key(_ q: RunSnapshot.QuestionRow) -> Int {
            let k = identity.key(externalID: q.externalID, text: q.text)
            if let i = intern[k] { return i }
            intern[k] = intern.count
            return intern.count - 1
        }
        let oldKeys = old.questions.map(key)
        let newKeys = new.questions.map(key)
        var byKey: [Int: [QuestionID]] = [:]
        for (i, q) in new.questions.enumerated() { byKey[newKeys[i], default: []].append(q.id) }

        let components = old.membersByOwnCluster()
        let componentKeys = components.mapValues { Set($0.map { oldKeys[$0] }) }
        var newLeafKeys: [ClusterID: Set<Int>] = [:]
        for (i, q) in new.questions.enumerated() { newLeafKeys[q.pipelineCluster, default: []].insert(newKeys[i]) }
        let leafMatcher = OverlapMatcher(new: newLeafKeys, threshold: options.threshold)

        // Parents match on the members of all their descendants.
        func ancestors(_ c: ClusterID, parent: (ClusterID) -> ClusterID?) -> [ClusterID] {
            var out: [ClusterID] = []
            var current = parent(c)
            while let p = current, out.count < 64, !out.contains(p) {
                out.append(p)
                current = parent(p)
            }
            return out
        }
        var oldParentKeys: [ClusterID: Set<Int>] = [:]
        for (c, keys) in componentKeys {
            for p in ancestors(c, parent: old.parent) { oldParentKeys[p, default: []].formUnion(keys) }
        }
        var newParentKeys: [ClusterID: Set<Int>] = [:]
        for (c, keys) in newLeafKeys {
            for p in ancestors(c, parent: { new.pipelineParent[$0] }) { newParentKeys[p, default: []].formUnion(keys) }
        }

        self.db = db
        self.store = store
        self.options = options
        self.old = old
        self.new = new
        oldDataset = try DatasetLoader.load(db, path: "", hasCladeTables: true, readOnly: true, runID: from)
        fieldSources = try FieldSources(db, run: from)
        identityDescription = why
        self.oldKeys = oldKeys
        newByKey = byKey
        self.components = components
        self.componentKeys = componentKeys
        self.leafMatcher = leafMatcher
        leafMatch = leafMatcher.match(componentKeys.filter { !$0.value.isEmpty })
        parentMatch = OverlapMatcher(new: newParentKeys, threshold: options.threshold).match(oldParentKeys)
        for (c, m) in leafMatch.matched {
            image[c] = m.cluster
            imageJaccard[c] = m.jaccard
        }
    }

    func report() -> CarryForwardReport {
        let reviewed = Set(items.compactMap(\.oldClusterID))
        let matched = reviewed.filter { image[$0] != nil || parentMatch.matched[$0] != nil }
        return CarryForwardReport(
            fromRun: old.run, toRun: new.run, identity: identityDescription, threshold: options.threshold,
            reviewedClusters: reviewed.count, matchedClusters: matched.count, items: items
        )
    }

    // MARK: - Helpers

    /// Appends a decision for the new run; a refusal leaves nothing behind and is returned.
    func commit(_ request: DecisionRequest, note: String) throws -> Result<DecisionRecord, DecisionStore.Refused> {
        var record: DecisionRecord?
        do {
            try db.inSavepoint {
                record = try store.commit(request, note: note, in: db, run: new.run)
                return .commit
            }
        } catch let refused as DecisionStore.Refused {
            return .failure(refused)
        }
        return .success(record!)
    }

    /// The note on a carried decision: where it comes from.
    func note(from c: ClusterID, decision: Int64?, jaccard: Double? = nil) -> String {
        var text = "carried forward from run \(old.run), cluster \(c) \u{201C}\(old.label(c))\u{201D}"
        if let decision { text += ", decision #\(decision)" }
        if let jaccard { text += ", Jaccard \(CarryForwardReport.number(jaccard))" }
        return text
    }

    /// The new run's question for each reviewed question that has one, each used once.
    mutating func claim(_ indices: [Int]) -> (found: [QuestionID], missing: Int) {
        var found: [QuestionID] = []
        var missing = 0
        for i in indices {
            if let q = newByKey[oldKeys[i]]?.first(where: { !claimed.contains($0) }) {
                claimed.insert(q)
                found.append(q)
            } else {
                missing += 1
            }
        }
        return (found, missing)
    }

    /// The new run's questions for these reviewed questions, without claiming them.
    func lookup(_ indices: [Int]) -> [QuestionID] {
        indices.compactMap { newByKey[oldKeys[$0]]?.first }
    }

    /// The cluster each new-run question is in now, before merges are followed.
    func currentCluster(_ ids: [QuestionID]) throws -> [QuestionID: ClusterID] {
        var out: [QuestionID: ClusterID] = [:]
        for start in stride(from: 0, to: ids.count, by: 500) {
            let list = ids[start..<min(start + 500, ids.count)].map(String.init).joined(separator: ",")
            for row in try Row.fetchAll(db, sql: """
                SELECT a.question_id, COALESCE(o.cluster_id, a.cluster_id) AS c FROM assignments a
                LEFT JOIN clade_assignment_override o ON o.question_id = a.question_id WHERE a.question_id IN (\(list))
                """) {
                out[row["question_id"]] = row["c"]
            }
        }
        return out
    }

    /// Where a new-run cluster's questions are now, following merges carried so far.
    func newSurvivor(_ c: ClusterID) throws -> ClusterID {
        var current = c
        var hops = 0
        while let s = try CurrentState.clusterState(db, current), s.status == .merged, let next = s.mergedInto, hops < 64 {
            current = next
            hops += 1
        }
        return current
    }

    /// The new-run cluster's label as the reviewer will first see it.
    func newLabel(_ c: ClusterID) throws -> String {
        try CurrentState.clusterState(db, c)?.name ?? new.names[c] ?? "cluster \(c)"
    }

    /// Why a reviewed cluster has no counterpart in the new run.
    func whyUnmatched(_ c: ClusterID, in result: OverlapMatcher.Result, members: Int?) throws -> String {
        if members == 0 { return "it has no questions left in run \(old.run)" }
        if let tied = result.ambiguous[c], let first = tied.first {
            let names = try tied.map { "\u{201C}\(try newLabel($0.cluster))\u{201D} (\($0.cluster))" }.joined(separator: " and ")
            return "ambiguous: \(names) tie at J \(CarryForwardReport.number(first.jaccard))"
        }
        guard let best = result.best[c] else { return "none of its questions is in the new run" }
        let candidate = "\u{201C}\(try newLabel(best.cluster))\u{201D} (\(best.cluster)), J \(CarryForwardReport.number(best.jaccard))"
        if best.jaccard < options.threshold {
            return "no new cluster shares enough of its questions (best \(candidate) < \(CarryForwardReport.number(options.threshold)))"
        }
        return "its best match \(candidate) went to a cluster that overlaps it more"
    }

    /// The decision that created a reviewer's cluster by a split.
    func splitDecision(_ c: ClusterID) throws -> Int64? {
        try Int64.fetchOne(db, sql: """
            SELECT d.decision_id FROM clade_decisions d, json_each(d.cluster_ids) j
            WHERE d.op IN (?, ?) AND d.run_id = ? AND j.value = ? ORDER BY d.decision_id DESC LIMIT 1
            """, arguments: [DecisionOp.split, DecisionOp.recluster, old.run, c])
    }
}
