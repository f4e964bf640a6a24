import CladeCore
import Foundation

/// The report as `clade import --into` prints it: what was carried, what the new run already had,
/// and what the reviewer has to look at again, one line per cluster or structural decision.
extension CarryForwardReport {
    public var text: String { lines().joined(separator: "\n") }

    public func lines() -> [String] {
        let decisions = carried.filter { $0.decisionID != nil }.count
        var out = [
            "Carry-forward from run \(fromRun) to run \(toRun)",
            "  questions recognised by \(identity); clusters matched one to one at Jaccard ≥ \(Self.number(threshold))",
            "  \(reviewedClusters) reviewed cluster\(reviewedClusters == 1 ? "" : "s"), \(matchedClusters) matched · "
                + "\(decisions) decision\(decisions == 1 ? "" : "s") carried, \(already.count) already in the new run, \(notCarried.count) not carried",
        ]
        let sections: [(String, CarryForwardItem.Status)] = [
            ("Carried", .carried), ("Already so in the new run", .already), ("Not carried: for the reviewer to redo or drop", .notCarried),
        ]
        for (title, status) in sections {
            let group = items.filter { $0.status == status }
            guard !group.isEmpty else { continue }
            out += ["", "\(title) (\(group.count))"]
            var i = 0
            while i < group.count {
                var j = i + 1
                if group[i].isAnnotation {
                    while j < group.count, group[j].isAnnotation, group[j].oldClusterID == group[i].oldClusterID,
                          group[j].newClusterID == group[i].newClusterID, group[j].reason == group[i].reason { j += 1 }
                }
                out.append("  " + Self.line(Array(group[i..<j])))
                i = j
            }
        }
        return out
    }

    /// `“A” (3) → “A2” (18), J 0.69: label “Card delivery”, P1`; `split “X” (-1) → “X” (-2): …`;
    /// `move to “A” (3) → “A2” (18): …`; `merge “C” (7) into “B” (6): merged …`.
    static func line(_ items: [CarryForwardItem]) -> String {
        let first = items[0]
        let old = cluster(first.oldLabel, first.oldClusterID)
        if first.what == .merge { return "merge \(old) " + first.detail + (first.reason.isEmpty ? "" : " — " + first.reason) }
        var line = first.what == .split ? "split " + old : first.what == .move ? "move to " + old : old
        if let new = first.newClusterID {
            line += " → " + cluster(first.newLabel ?? "", new)
            if let j = first.jaccard, first.isAnnotation { line += ", J \(number(j))" }
        }
        line += ": " + items.map(\.detail).joined(separator: ", ")
        if !first.reason.isEmpty { line += " — " + first.reason }
        return line
    }

    static func cluster(_ label: String, _ id: ClusterID?) -> String {
        "\u{201C}\(label)\u{201D}" + (id.map { " (\($0))" } ?? "")
    }

    /// Two decimals, truncated, so a figure just under the threshold never prints as equal to it.
    static func number(_ x: Double) -> String { String(format: "%.2f", (x * 100 + 1e-9).rounded(.down) / 100) }
}

extension CarryForwardItem {
    /// A change to one cluster's labels or annotations (as opposed to merges, splits and moves).
    var isAnnotation: Bool {
        switch what {
        case .merge, .split, .move: false
        default: true
        }
    }
}
