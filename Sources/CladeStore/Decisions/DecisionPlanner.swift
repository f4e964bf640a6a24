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
    }

    struct Refusal: Error, CustomStringConvertible {
        var description: String
    }

    func plan(_ request: DecisionRequest) throws -> Plan {
        switch request {
        case .relabel(let c, let name, let description):
            let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !trimmed.isEmpty else { throw Refusal(description: "A cluster needs a name") }
            try requireCluster(c)
            let before = try label(c)
            let summary = trimmed == before && description != nil
                ? "Described \u{201C}\(before)\u{201D}: \(description!)"
                : "Relabelled \u{201C}\(before)\u{201D} as \u{201C}\(trimmed)\u{201D}"
            var plan = Plan(clusterIDs: [c], summary: summary)
            try updateCluster(c, in: &plan) { row in
                row.name = trimmed
                if let description { row.description = description }
            }
            return plan
        case .merge(let sources, let target, let name):
            let sources = sources.filter { $0 != target }
            guard !sources.isEmpty else { throw Refusal(description: "Pick at least one other cluster to merge") }
            try requireActiveLeaf(target)
            for s in sources { try requireActiveLeaf(s) }
            let names = try sources.map(label).map { "\u{201C}\($0)\u{201D}" }.joined(separator: ", ")
            var plan = Plan(clusterIDs: [target] + sources, summary: "Merged \(names) into \u{201C}\(try label(target))\u{201D}")
            for s in sources {
                try updateCluster(s, in: &plan) { row in
                    row.status = "merged"
                    row.mergedInto = target
                }
            }
            if let name, !name.isEmpty, name != (try label(target)) {
                try updateCluster(target, in: &plan) { $0.name = name }
                plan.summary += " as \u{201C}\(name)\u{201D}"
            }
            return plan
        case .split(let c, let parts):
            try requireActiveLeaf(c)
            let parts = parts.filter { !$0.questionIDs.isEmpty }
            guard !parts.isEmpty else { throw Refusal(description: "Mark the questions to split off first") }
            let members = try memberClusters(c)
            var plan = Plan(clusterIDs: [c], summary: "")
            var next = try nextExpertID()
            let parent = try parentOf(c)
            for part in parts {
                let stray = try strays(part.questionIDs, outside: members)
                guard stray == 0 else { throw Refusal(description: "\(stray) of the questions are not in this cluster any more") }
                let id = next
                next -= 1
                plan.clusterIDs.append(id)
                plan.old.clusterState[String(id)] = .some(nil)
                plan.new.clusterState[String(id)] = ClusterStateRow(
                    runID: runID, origin: "expert", parentID: parent, name: part.name, description: part.description
                )
                try reassign(part.questionIDs, to: id, in: &plan)
            }
            let moved = parts.reduce(0) { $0 + $1.questionIDs.count }
            plan.summary = "Split \(moved) questions off \u{201C}\(try label(c))\u{201D} into " + parts.map { "\u{201C}\($0.name)\u{201D}" }.joined(separator: ", ")
            return plan
        case .move(let questions, let target):
            try requireActiveLeaf(target)
            guard !questions.isEmpty else { throw Refusal(description: "Mark the questions to move first") }
            var plan = Plan(clusterIDs: [target], summary: "Moved \(questions.count) question\(questions.count == 1 ? "" : "s") to \u{201C}\(try label(target))\u{201D}")
            try reassign(questions, to: target, in: &plan)
            return plan
        case .setPriority(let c, let p):
            if let p, !(0...3).contains(p) { throw Refusal(description: "Priorities run from P0 to P3") }
            return try annotate(c, p.map { "Set \u{201C}\(try label(c))\u{201D} to P\($0)" } ?? "Cleared the priority of \u{201C}\(try label(c))\u{201D}") { $0.priority = p }
        case .setIssueType(let c, let t):
            return try annotate(c, "Marked \u{201C}\(try label(c))\u{201D} as a\(t == .inventory ? "n" : "") \(t?.rawValue ?? "unclassified") issue") { $0.issueType = t?.rawValue }
        case .setAction(let c, let a):
            return try annotate(c, "Set the action of \u{201C}\(try label(c))\u{201D} to \(a?.title ?? "the segment's default")") { $0.action = a?.rawValue }
        case .setNote(let c, let note):
            return try annotate(c, note.isEmpty ? "Cleared the note on \u{201C}\(try label(c))\u{201D}" : "Noted on \u{201C}\(try label(c))\u{201D}: \(note)") { $0.note = note }
        case .setReviewed(let c, let reviewed):
            return try annotate(c, "\(reviewed ? "Marked" : "Unmarked") \u{201C}\(try label(c))\u{201D} as reviewed") { $0.reviewed = reviewed }
        case .dismiss(let c, let reason):
            try requireActiveLeaf(c)
            return try annotate(c, "Dismissed \u{201C}\(try label(c))\u{201D}: \(reason.title)") { row in
                row.status = "dismissed"
                row.action = reason == .redirect ? ClusterAction.redirect.rawValue : ClusterAction.tellUsers.rawValue
            }
        case .restore(let c):
            return try annotate(c, "Restored \u{201C}\(try label(c))\u{201D}") { row in
                row.status = "active"
                row.action = nil
            }
        case .capabilityVerdict(let c, let cap, let verdict):
            try requireCluster(c)
            var plan = Plan(clusterIDs: [c], summary: "")
            let key = "\(c):\(cap)"
            plan.old.clusterCapabilities[key] = .some(try CurrentState.verdict(db, c, cap))
            plan.new.clusterCapabilities[key] = .some(verdict?.rawValue)
            let name = try capabilityName(cap)
            let cluster = try label(c)
            if let verdict {
                plan.summary = "\(verdict == .confirmed ? "Confirmed" : "Rejected") \u{201C}\(name)\u{201D} on \u{201C}\(cluster)\u{201D}"
            } else {
                plan.summary = "Cleared the verdict on \u{201C}\(name)\u{201D} for \u{201C}\(cluster)\u{201D}"
            }
            return plan
        case .addCapability(let name, let description, let cluster):
            let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !trimmed.isEmpty else { throw Refusal(description: "A capability needs a name") }
            let taken = try Int.fetchOne(db, sql: """
                SELECT (SELECT COUNT(*) FROM capabilities WHERE lower(name) = lower(?)) + (SELECT COUNT(*) FROM clade_capabilities WHERE lower(name) = lower(?))
                """, arguments: [trimmed, trimmed]) ?? 0
            guard taken == 0 else { throw Refusal(description: "A capability named \u{201C}\(trimmed)\u{201D} exists already") }
            let id = try CladeIDs.nextExpertCapability(db)
            var plan = Plan(summary: "Added the capability \u{201C}\(trimmed)\u{201D}")
            plan.old.capabilities[String(id)] = .some(nil)
            plan.new.capabilities[String(id)] = CapabilityRow(name: trimmed, description: description)
            if let cluster {
                try requireCluster(cluster)
                plan.clusterIDs = [cluster]
                plan.old.clusterCapabilities["\(cluster):\(id)"] = .some(nil)
                plan.new.clusterCapabilities["\(cluster):\(id)"] = CapabilityVerdict.confirmed.rawValue
                plan.summary += " on \u{201C}\(try label(cluster))\u{201D}"
            }
            return plan
        case .setThreshold(let key, let value):
            var plan = Plan(summary: Self.thresholdSummary(key: key, value: value))
            plan.old.settings[key] = .some(try CurrentState.setting(db, key))
            plan.new.settings[key] = .some(value)
            return plan
        case .setPrioritisation(let c, let inputs):
            return try annotate(c, "Set the prioritisation inputs of \u{201C}\(try label(c))\u{201D}") { row in
                row.impact = inputs.impact
                row.effort = inputs.effort
                row.risk = inputs.risk
                row.success = inputs.success
            }
        }
    }

    /// "Threshold: low relevance below 0.45", or the raw key for a setting Clade does not know.
    static func thresholdSummary(key: String, value: String?) -> String {
        guard let k = ThresholdKey(rawValue: key) else {
            return value.map { "Set \(key) to \($0)" } ?? "Reset \(key) to the pipeline's value"
        }
        let phrase = k.title.prefix(1).lowercased() + k.title.dropFirst()
        return "Threshold: " + phrase + " " + (value.map { k.describe(stored: $0) } ?? "the pipeline's value")
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
        plan.new.clusterState[key] = .some(row.origin == "pipeline" && row.isPristine() ? nil : row)
    }

    func reassign(_ questions: [QuestionID], to target: ClusterID, in plan: inout Plan) throws {
        let current = try CurrentState.overrides(db, questions)
        for q in questions {
            plan.old.overrides[String(q)] = .some(current[q])
            plan.new.overrides[String(q)] = .some(target)
        }
        plan.questionIDs += questions
    }

    func requireCluster(_ c: ClusterID) throws {
        let pipeline = try Bool.fetchOne(db, sql: "SELECT 1 FROM clusters WHERE cluster_id = ? AND run_id = ?", arguments: [c, runID]) ?? false
        let expert = try Bool.fetchOne(db, sql: "SELECT 1 FROM clade_cluster_state WHERE cluster_id = ? AND origin = 'expert'", arguments: [c]) ?? false
        guard pipeline || expert else { throw Refusal(description: "Cluster \(c) does not exist in this run") }
    }

    func requireActiveLeaf(_ c: ClusterID) throws {
        try requireCluster(c)
        if let state = try CurrentState.clusterState(db, c), state.status == "merged" {
            throw Refusal(description: "\u{201C}\(try label(c))\u{201D} was merged away")
        }
        let pipelineChildren = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM clusters WHERE parent_id = ?", arguments: [c]) ?? 0
        let expertChildren = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM clade_cluster_state WHERE parent_id = ? AND origin = 'expert'", arguments: [c]) ?? 0
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
        if let state = try CurrentState.clusterState(db, c), state.origin == "expert" { return state.parentID }
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
            for merged in try ClusterID.fetchAll(db, sql: "SELECT cluster_id FROM clade_cluster_state WHERE status = 'merged' AND merged_into = ?", arguments: [x])
            where ids.insert(merged).inserted { frontier.append(merged) }
        }
        return ids
    }

    /// How many of `questions` are effectively in none of `clusters`: one lookup per question,
    /// not a read of the whole cluster.
    func strays(_ questions: [QuestionID], outside clusters: Set<ClusterID>) throws -> Int {
        try Int.fetchOne(db, sql: """
            SELECT COUNT(*) FROM json_each(?) j LEFT JOIN assignments a ON a.question_id = j.value
            LEFT JOIN clade_assignment_override o ON o.question_id = j.value
            WHERE COALESCE(o.cluster_id, a.cluster_id) IS NULL OR COALESCE(o.cluster_id, a.cluster_id) NOT IN (SELECT value FROM json_each(?))
            """, arguments: [CurrentState.idArray(questions), CurrentState.idArray(clusters)]) ?? 0
    }
}
