import Foundation

/// How a question of one run is recognised in another: by the pipeline's `external_id`, or by its
/// text, case-folded with whitespace collapsed.
public enum QuestionIdentity: String, CaseIterable, Sendable {
    case externalID = "id"
    case text

    /// `auto` picks external ids when both runs have usable ones, else the text.
    public enum Choice: String, CaseIterable, Sendable {
        case auto, id, text
    }

    /// External ids identify questions across runs only when every question has one, they are
    /// unique within the run, and they are not mere row numbers (an import without an id column
    /// numbers its rows, and row numbers shift when rows are added or dropped).
    public static func choose(_ choice: Choice, old: [String?], new: [String?]) -> (identity: QuestionIdentity, why: String) {
        switch choice {
        case .id: return (.externalID, "external ids (--match-by id)")
        case .text: return (.text, "normalised text (--match-by text)")
        case .auto:
            for (ids, run) in [(old, "reviewed"), (new, "new")] {
                if let reason = unusable(ids) { return (.text, "normalised text (the \(run) run's external ids \(reason))") }
            }
            return (.externalID, "external ids")
        }
    }

    /// Why a run's external ids cannot identify its questions, or nil when they can.
    static func unusable(_ ids: [String?]) -> String? {
        if ids.isEmpty { return "are absent" }
        if ids.contains(where: { ($0 ?? "").isEmpty }) { return "are missing on some questions" }
        if Set(ids).count != ids.count { return "repeat" }
        if looksPositional(ids.map { $0! }) { return "look like row numbers" }
        return nil
    }

    /// Positive integers rising with the question order: what an importer writes as ids when the
    /// input has no id column (gaps where it skipped rows).
    static func looksPositional(_ ids: [String]) -> Bool {
        var previous = 0
        for id in ids {
            guard let n = Int(id), n > previous else { return false }
            previous = n
        }
        return true
    }

    /// The key two runs compare: the external id, or the text case-folded, Unicode-normalised,
    /// trimmed, with every run of whitespace made one space.
    public func key(externalID: String?, text: String) -> String {
        switch self {
        case .externalID: externalID ?? ""
        case .text: Self.normalise(text)
        }
    }

    public static func normalise(_ text: String) -> String {
        text.precomposedStringWithCanonicalMapping
            .folding(options: [.caseInsensitive], locale: nil)
            .split(whereSeparator: { $0.isWhitespace })
            .joined(separator: " ")
    }
}
