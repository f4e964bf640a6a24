import CladeCore
import GRDB

/// `e`: the note annotation.
extension DecisionPlanner {
    func setNote(_ c: ClusterID, _ note: String) throws -> Plan {
        return try annotate(c, note.isEmpty ? "Cleared the note on \u{201C}\(try label(c))\u{201D}" : "Noted on \u{201C}\(try label(c))\u{201D}: \(note)") { $0.note = note }
    }
}
