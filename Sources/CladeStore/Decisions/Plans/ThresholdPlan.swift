import CladeCore
import GRDB

/// `t`: a segment threshold setting (nil: the pipeline's value).
extension DecisionPlanner {
    func setThreshold(key: String, value: String?) throws -> Plan {
        var plan = Plan(summary: Self.thresholdSummary(key: key, value: value))
        plan.old.settings[key] = .some(try CurrentState.setting(db, key))
        plan.new.settings[key] = .some(value)
        return plan
    }

    /// "Threshold: low relevance below 0.45", or the raw key for a setting Clade does not know.
    static func thresholdSummary(key: String, value: String?) -> String {
        guard let k = ThresholdKey(rawValue: key) else {
            return value.map { "Set \(key) to \($0)" } ?? "Reset \(key) to the pipeline's value"
        }
        let phrase = k.title.prefix(1).lowercased() + k.title.dropFirst()
        return "Threshold: " + phrase + " " + (value.map { k.describe(stored: $0) } ?? "the pipeline's value")
    }
}
