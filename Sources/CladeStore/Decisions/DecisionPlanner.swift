import CladeCore
import GRDB

/// Turns a request into the change it makes: the old and new values of every key it touches,
/// read inside the decision's transaction. Refuses requests that make no sense (merging a
/// cluster into itself, moving questions to a parent…) with a reason the reviewer can read.
struct DecisionPlanner {
    let db: Database
    let runID: RunID

    struct Plan {
        var old = ChangeSet()
        var new = ChangeSet()
        var clusterIDs: [ClusterID] = []
        var questionIDs: [QuestionID] = []
        var summary: String
        /// Where each reassigned question was when the decision was planned, read once here:
        /// the change to the figures is computed from it without reading the assignments again.
        var placements: [QuestionID: Placement] = [:]
    }

    /// A question's pipeline cluster (nil: not assigned) and the reviewer's override (nil: none).
    struct Placement: Equatable {
        var pipeline: ClusterID?
        var override: ClusterID?

        var effective: ClusterID? { override ?? pipeline }
    }

    struct Refusal: Error, CustomStringConvertible {
        var description: String
    }

    /// Each kind plans in its own file (`Plans/`); this only routes.
    func plan(_ request: DecisionRequest) throws -> Plan {
        switch request {
        case .relabel(let c, let name, let description): try relabel(c, name: name, description: description)
        case .merge(let sources, let target, let name): try merge(sources, into: target, name: name)
        case .split(let c, let parts): try split(c, parts: parts)
        case .move(let questions, let target): try move(questions, to: target)
        case .setPriority(let c, let p): try setPriority(c, p)
        case .setIssueType(let c, let t): try setIssueType(c, t)
        case .setAction(let c, let a): try setAction(c, a)
        case .setNote(let c, let note): try setNote(c, note)
        case .setReviewed(let c, let reviewed): try setReviewed(c, reviewed)
        case .dismiss(let c, let reason): try dismiss(c, reason: reason)
        case .restore(let c): try restore(c)
        case .capabilityVerdict(let c, let cap, let verdict): try capabilityVerdict(c, cap, verdict)
        case .addCapability(let name, let description, let cluster): try addCapability(name, description: description, confirmOn: cluster)
        case .setThreshold(let key, let value): try setThreshold(key: key, value: value)
        case .setPrioritisation(let c, let inputs): try setPrioritisation(c, inputs)
        case .recluster(let r): try recluster(r)
        case .gather(let questions, let name, let description): try gather(questions, name: name, description: description)
        case .batch(let parts): try batch(parts)
        }
    }

    // MARK: Building blocks

    func annotate(_ c: ClusterID, _ summary: String, _ change: (inout ClusterStateRow) -> Void) throws -> Plan {
        try requireCluster(c)
        var plan = Plan(clusterIDs: [c], summary: summary)
        try updateCluster(c, in: &plan, change)
        return plan
    }

    /// Records a cluster's state before and after `change`; an untouched pipeline cluster keeps no row.
    func updateCluster(_ c: ClusterID, in plan: inout Plan, _ change: (inout ClusterStateRow) -> Void) throws {
        let key = String(c)
        let before: ClusterStateRow?
        if let pending = plan.new.clusterState[key] {
            before = pending
        } else {
            before = try CurrentState.clusterState(db, c)
            plan.old.clusterState[key] = .some(before)
        }
        var row = before ?? ClusterStateRow(runID: runID)
        change(&row)
        plan.new.clusterState[key] = .some(row.origin == .pipeline && row.isPristine() ? nil : row)
    }

    func reassign(_ questions: [QuestionID], to target: ClusterID, in plan: inout Plan, placements known: [QuestionID: Placement]? = nil) throws {
        let current = try known ?? placements(questions)
        for q in questions {
            plan.old.overrides[String(q)] = .some(current[q]?.override)
            plan.new.overrides[String(q)] = .some(target)
            if plan.placements[q] == nil { plan.placements[q] = current[q] ?? Placement() }
        }
        plan.questionIDs += questions
    }

    /// Where each of `questions` is now: two reads of the ids, one per table.
    /// `expected`: the clusters they should be in (a split's own). Their assignments are then read
    /// through the cluster, an index every pipeline keeps, rather than by id, which is a scan of a
    /// pipeline's table without a key on question_id; only those not found there are read by id.
    func placements(_ questions: [QuestionID], expected: Set<ClusterID>? = nil) throws -> [QuestionID: Placement] {
        let ids = CurrentState.idArray(questions)
        var out: [QuestionID: Placement] = [:]
        if let expected {
            let assigned = try Row.fetchCursor(db, sql: """
                SELECT question_id, cluster_id FROM assignments
                WHERE cluster_id IN (SELECT value FROM json_each(?2)) AND question_id IN (SELECT value FROM json_each(?1))
                """, arguments: [ids, CurrentState.idArray(expected)])
            while let row = try assigned.next() { out[row[0], default: Placement()].pipeline = row[1] }
        }
        let elsewhere = expected == nil ? questions : questions.filter { out[$0] == nil }
        if !elsewhere.isEmpty {
            // `IN (…)`, not a join from json_each: a pipeline's assignments without a key on
            // question_id are read once, not once per question.
            let assigned = try Row.fetchCursor(db, sql: """
                SELECT question_id, cluster_id FROM assignments WHERE question_id IN (SELECT value FROM json_each(?))
                """, arguments: [CurrentState.idArray(elsewhere)])
            while let row = try assigned.next() { out[row[0], default: Placement()].pipeline = row[1] }
        }
        let overridden = try Row.fetchCursor(db, sql: """
            SELECT question_id, cluster_id FROM clade_assignment_override WHERE question_id IN (SELECT value FROM json_each(?))
            """, arguments: [ids])
        while let row = try overridden.next() { out[row[0], default: Placement()].override = row[1] }
        return out
    }

    func requireCluster(_ c: ClusterID) throws {
        let pipeline = try Bool.fetchOne(db, sql: "SELECT 1 FROM clusters WHERE cluster_id = ? AND run_id = ?", arguments: [c, runID]) ?? false
        // A reviewer's cluster of an earlier run is not one of this run's, whatever its id.
        let expert = try Bool.fetchOne(db, sql: "SELECT 1 FROM clade_cluster_state WHERE cluster_id = ? AND origin = ? AND run_id = ?", arguments: [c, ClusterOrigin.expert, runID]) ?? false
        guard pipeline || expert else { throw Refusal(description: "Cluster \(c) does not exist in this run") }
        // Checked at write time: another window may have merged it since this one showed it.
        if let state = try CurrentState.clusterState(db, c), state.status == .merged {
            throw Refusal(description: "\u{201C}\(try label(c))\u{201D} was merged away")
        }
    }

    func requireActiveLeaf(_ c: ClusterID) throws {
        try requireCluster(c)
        if let state = try CurrentState.clusterState(db, c), state.status == .merged {
            throw Refusal(description: "\u{201C}\(try label(c))\u{201D} was merged away")
        }
        let pipelineChildren = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM clusters WHERE parent_id = ?", arguments: [c]) ?? 0
        let expertChildren = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM clade_cluster_state WHERE parent_id = ? AND origin = ?", arguments: [c, ClusterOrigin.expert]) ?? 0
        if pipelineChildren + expertChildren > 0 { throw Refusal(description: "\u{201C}\(try label(c))\u{201D} is a parent: pick one of its clusters") }
    }

    func label(_ c: ClusterID) throws -> String {
        if let state = try CurrentState.clusterState(db, c), let name = state.name { return name }
        return try String.fetchOne(db, sql: "SELECT name FROM clusters WHERE cluster_id = ?", arguments: [c]) ?? "cluster \(c)"
    }

    func capabilityName(_ cap: CapabilityID) throws -> String {
        try String.fetchOne(db, sql: """
            SELECT name FROM capabilities WHERE capability_id = ? UNION ALL SELECT name FROM clade_capabilities WHERE capability_id = ?
            """, arguments: [cap, cap]) ?? "capability \(cap)"
    }

    func parentOf(_ c: ClusterID) throws -> ClusterID? {
        if let state = try CurrentState.clusterState(db, c), state.origin == .expert { return state.parentID }
        return try ClusterID.fetchOne(db, sql: "SELECT parent_id FROM clusters WHERE cluster_id = ?", arguments: [c])
    }

    /// Expert clusters take ids of Clade's own range, so they never collide with a pipeline id (see `CladeIDs`).
    func nextExpertID() throws -> ClusterID { try CladeIDs.nextExpertCluster(db) }

    /// The questions effectively in a cluster now (its own, those of clusters merged into it, moves in and out).
    /// The cluster and those merged into it, directly or not.
    func memberClusters(_ c: ClusterID) throws -> Set<ClusterID> {
        var ids: Set<ClusterID> = [c]
        var frontier = [c]
        while let x = frontier.popLast() {
            for merged in try ClusterID.fetchAll(db, sql: "SELECT cluster_id FROM clade_cluster_state WHERE status = ? AND merged_into = ?", arguments: [ClusterStatus.merged, x])
            where ids.insert(merged).inserted { frontier.append(merged) }
        }
        return ids
    }

    /// How many of `questions` are effectively in none of `clusters`, by where `placed` (from
    /// `placements`) found them: a question found nowhere is one of them.
    static func strays(_ questions: [QuestionID], outside clusters: Set<ClusterID>, placed: [QuestionID: Placement]) -> Int {
        Set(questions).filter { q in placed[q]?.effective.map { !clusters.contains($0) } ?? true }.count
    }
}
