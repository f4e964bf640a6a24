import CladeCore
import GRDB

/// Splits, moves and merges: the decisions that change which questions are together.
extension CarryForwardEngine {
    /// Each reviewer's cluster (a split) is made again from its questions found in the new run:
    /// split off the new cluster that holds most of them, the others moved in. When the new run
    /// already has it as a cluster of its own (a match), nothing needs splitting.
    mutating func carrySplits() throws {
        for x in old.experts {
            let label = old.label(x)
            let members = components[x] ?? []
            let source = try splitDecision(x)
            func item(_ status: CarryForwardItem.Status, new: ClusterID? = nil, newLabel: String? = nil, detail: String, reason: String = "", decision: Int64? = nil) {
                items.append(CarryForwardItem(
                    status: status, what: .split, oldClusterID: x, oldLabel: label, newClusterID: new, newLabel: newLabel,
                    jaccard: imageJaccard[x], detail: detail, reason: reason, sourceDecisionID: source, decisionID: decision
                ))
            }
            let count = "\(members.count) question\(members.count == 1 ? "" : "s")"
            if let m = image[x] {
                item(.already, new: m, newLabel: try newLabel(m), detail: count,
                     reason: "the new run has them as a cluster of their own (J \(CarryForwardReport.number(imageJaccard[x] ?? 0)))")
                continue
            }
            guard !members.isEmpty else {
                item(.notCarried, detail: "no questions", reason: "it has no questions left in run \(old.run)")
                continue
            }
            let (found, missing) = claim(members)
            guard !found.isEmpty else {
                item(.notCarried, detail: count, reason: "none of its questions is in the new run")
                continue
            }
            let current = try currentCluster(found)
            var counts: [ClusterID: Int] = [:]
            for q in found { counts[current[q]!, default: 0] += 1 }
            let from = counts.max { ($0.value, -$0.key) < ($1.value, -$1.key) }!.key
            let part = found.filter { current[$0] == from }
            let rest = found.filter { current[$0] != from }
            let fromLabel = try newLabel(from)
            let description = old.states[x]?.row.description ?? ""
            let note = note(from: x, decision: source)
            switch try commit(.split(from, parts: [SplitPart(name: label, description: description, questionIDs: part)]), note: note) {
            case .failure(let refused):
                item(.notCarried, detail: count, reason: refused.description)
            case .success(let record):
                let created = record.clusterIDs.last!
                image[x] = created
                madeBySplit.insert(created)
                var detail = "\(part.count) of \(count) split off \u{201C}\(fromLabel)\u{201D} (\(from))"
                if !rest.isEmpty {
                    switch try commit(.move(questions: rest, to: created), note: note) {
                    case .success: detail += ", \(rest.count) moved in from other clusters"
                    case .failure(let refused): detail += ", \(rest.count) in other clusters left there (\(refused.description))"
                    }
                }
                if missing > 0 { detail += ", \(missing) not in the new run" }
                item(.carried, new: created, newLabel: label, detail: detail, decision: record.id)
            }
        }
    }

    /// Questions the reviewer moved to another pipeline cluster are moved again, to that
    /// cluster's match, when both are found.
    mutating func carryMoves() throws {
        // One item per move decision in force: each cites its own decision.
        struct Move: Hashable, Comparable {
            var target: ClusterID
            var decision: Int64
            static func < (a: Move, b: Move) -> Bool { (a.target, a.decision) < (b.target, b.decision) }
        }
        var byMove: [Move: [Int]] = [:]
        for (i, q) in old.questions.enumerated() {
            guard let o = q.override, o.cluster != q.pipelineCluster, !old.isExpert(o.cluster) else { continue }
            byMove[Move(target: o.cluster, decision: o.decision), default: []].append(i)
        }
        for move in byMove.keys.sorted() {
            let t = move.target
            let indices = byMove[move]!
            let source = [t: move.decision]
            let label = old.label(t)
            let count = "\(indices.count) question\(indices.count == 1 ? "" : "s") moved here"
            func item(_ status: CarryForwardItem.Status, new: ClusterID? = nil, newLabel: String? = nil, detail: String, reason: String = "", decision: Int64? = nil) {
                items.append(CarryForwardItem(
                    status: status, what: .move, oldClusterID: t, oldLabel: label, newClusterID: new, newLabel: newLabel,
                    jaccard: imageJaccard[t], detail: detail, reason: reason, sourceDecisionID: source[t], decisionID: decision
                ))
            }
            guard let target = image[t] ?? image[old.survivor(t)] else {
                let why = try whyUnmatched(t, in: leafMatch, members: components[t]?.count ?? 0)
                item(.notCarried, detail: count, reason: "the cluster has no match: \(why)")
                continue
            }
            let targetLabel = try newLabel(target)
            let (found, missing) = claim(indices)
            guard !found.isEmpty else {
                item(.notCarried, new: target, newLabel: targetLabel, detail: count, reason: "none of them is in the new run")
                continue
            }
            let current = try currentCluster(found)
            let toMove = found.filter { current[$0] != target }
            var extra = ""
            if found.count > toMove.count { extra += "; \(found.count - toMove.count) already there" }
            if missing > 0 { extra += "; \(missing) not in the new run" }
            if toMove.isEmpty {
                item(.already, new: target, newLabel: targetLabel, detail: count + extra, reason: "the new run has them there")
                continue
            }
            switch try commit(.move(questions: toMove, to: target), note: note(from: t, decision: source[t])) {
            case .success(let record):
                item(.carried, new: target, newLabel: targetLabel, detail: count + "; \(toMove.count) moved again" + extra, decision: record.id)
            case .failure(let refused):
                item(.notCarried, new: target, newLabel: targetLabel, detail: count, reason: refused.description)
            }
        }
    }

    /// A merge is made again when both sides have a match: the matched new clusters are merged.
    /// Sides the new run already holds together need nothing; a side with no match is listed.
    mutating func carryMerges() throws {
        for s in oldDataset.absorbed.keys.sorted() {
            let absorbed = oldDataset.absorbed[s]!.sorted()
            let group = [s] + absorbed
            var images: [ClusterID] = []
            for c in group { if let i = image[c], !images.contains(i) { images.append(i) } }
            // The survivor's match stays; without one, the match of the largest side.
            let largest = group.filter { image[$0] != nil }.max { (components[$0]?.count ?? 0, -$0) < (components[$1]?.count ?? 0, -$1) }
            var target = image[s] ?? largest.flatMap { image[$0] }
            if images.isEmpty {
                // None of the sides matched alone: the new run may hold the whole group as one cluster.
                let keys = group.reduce(into: Set<Int>()) { $0.formUnion(componentKeys[$1] ?? []) }
                let candidates = leafMatcher.candidates(keys, excluding: Set(image.values))
                if let best = candidates.first, best.jaccard >= options.threshold,
                   candidates.count < 2 || candidates[1].jaccard < best.jaccard {
                    target = best.cluster
                    image[s] = best.cluster
                    imageJaccard[s] = best.jaccard
                } else if let best = candidates.first {
                    let tie = best.jaccard >= options.threshold
                    groupReason[s] = (tie ? "ambiguous" : "no new cluster shares enough of its questions")
                        + " (its merged clusters together: best \u{201C}\(try newLabel(best.cluster))\u{201D} (\(best.cluster)), "
                        + "J \(CarryForwardReport.number(best.jaccard))\(tie ? ", tied" : " < " + CarryForwardReport.number(options.threshold)))"
                }
            }
            var merged: [ClusterID: Int64] = [:]
            var refusal: String?
            if let target, images.count >= 2 {
                let sources = images.filter { $0 != target }
                let decision = absorbed.compactMap { old.states[$0]?.lastDecision }.max()
                switch try commit(.merge(sources: sources, into: target, name: nil), note: note(from: s, decision: decision)) {
                case .success(let record): for c in sources { merged[c] = record.id }
                case .failure(let refused): refusal = refused.description
                }
            }
            if let target {
                image[s] = target
                if imageJaccard[s] == nil, let side = largest { imageJaccard[s] = imageJaccard[side] }
            }
            for c in absorbed { try reportMerge(of: c, into: s, merged: merged, refusal: refusal) }
        }
    }

    /// Where a reviewed cluster's questions are in the new run: its match, or else the new
    /// cluster holding at least half of those found (merges followed).
    func location(_ c: ClusterID) throws -> ClusterID? {
        if let i = image[c] { return try newSurvivor(i) }
        let found = lookup(components[c] ?? [])
        guard !found.isEmpty else { return nil }
        var counts: [ClusterID: Int] = [:]
        for (_, cluster) in try currentCluster(found) { counts[try newSurvivor(cluster), default: 0] += 1 }
        guard let top = counts.max(by: { ($0.value, -$0.key) < ($1.value, -$1.key) }), 2 * top.value >= found.count else { return nil }
        return top.key
    }

    /// One line per merge decision: "merge `c` into `s`".
    mutating func reportMerge(of c: ClusterID, into s: ClusterID, merged: [ClusterID: Int64], refusal: String?) throws {
        let decision = fieldSources.source(c, "status", ClusterStatus.merged.rawValue) ?? old.states[c]?.lastDecision
        let detail = "into \u{201C}\(old.label(s))\u{201D} (\(s))"
        let a = try location(c), b = try location(s)
        func item(_ status: CarryForwardItem.Status, new: ClusterID?, detail: String, reason: String = "", decisionID: Int64? = nil) throws {
            items.append(CarryForwardItem(
                status: status, what: .merge, oldClusterID: c, oldLabel: old.label(c), newClusterID: new,
                newLabel: try new.map { try newLabel($0) }, detail: detail, reason: reason, sourceDecisionID: decision, decisionID: decisionID
            ))
        }
        if let a, let b, a == b {
            if let i = image[c], let id = merged[i] {
                try item(.carried, new: b, detail: detail + ": merged \u{201C}\(new.names[i] ?? "")\u{201D} (\(i)) into \u{201C}\(new.names[b] ?? "")\u{201D} (\(b))", decisionID: id)
            } else {
                try item(.already, new: b, detail: detail, reason: "the new run has their questions together in \u{201C}\(try newLabel(b))\u{201D} (\(b))")
            }
            return
        }
        var reasons: [String] = []
        for side in [c, s] where image[side] == nil {
            let why = try groupReason[side] ?? whyUnmatched(side, in: leafMatch, members: components[side]?.count ?? 0)
            reasons.append("\u{201C}\(old.label(side))\u{201D} has no match: \(why)")
        }
        if reasons.isEmpty { reasons.append("the merge was refused: \(refusal ?? "unknown reason")") }
        try item(.notCarried, new: nil, detail: detail, reason: reasons.joined(separator: "; "))
    }
}
