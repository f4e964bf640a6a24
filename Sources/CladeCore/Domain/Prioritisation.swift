import Foundation

/// How the prioritised list scores a cluster (the playbook's two formulas).
public enum PriorityFormula: String, CaseIterable, Sendable {
    /// impact × volume% × chance of success
    case expectedValue = "expected_value"
    /// (impact × volume%) / (effort × risk)
    case valueForEffort = "value_for_effort"

    public var title: String {
        switch self {
        case .expectedValue: "expected value"
        case .valueForEffort: "value for effort"
        }
    }

    public var formula: String {
        switch self {
        case .expectedValue: "impact × volume% × success"
        case .valueForEffort: "(impact × volume%) / (effort × risk)"
        }
    }

    public var next: PriorityFormula { self == .expectedValue ? .valueForEffort : .expectedValue }

    public func score(_ i: PrioritisationInputs.Effective, share: Double) -> Double {
        let volumePercent = share * 100
        switch self {
        case .expectedValue: return i.impact * volumePercent * i.success
        case .valueForEffort: return i.impact * volumePercent / max(0.01, i.effort * i.risk)
        }
    }
}

/// One input of the prioritised list.
public enum PrioritisationField: String, CaseIterable, Sendable {
    case impact, effort, risk, success

    public var title: String { rawValue.prefix(1).uppercased() + rawValue.dropFirst() }

    public var letter: Character {
        switch self {
        case .impact: "i"
        case .effort: "e"
        case .risk: "r"
        case .success: "s"
        }
    }

    /// What to type, for the dialog's prompt.
    public var hint: String {
        switch self {
        case .impact: "How much fixing it is worth: 1 (little) to 5 (a lot). Empty: the segment's default"
        case .effort: "How much work it takes: 1 (an afternoon) to 5 (a quarter). Empty: the default, 3"
        case .risk: "How likely it is to break something or slip: 1 (safe) to 5 (risky). Empty: the default, 3"
        case .success: "Chance the fix works, in percent: e.g. 70. Empty: the default, 50%"
        }
    }

    public func value(in i: PrioritisationInputs) -> Double? {
        switch self {
        case .impact: i.impact
        case .effort: i.effort
        case .risk: i.risk
        case .success: i.success
        }
    }

    public func set(_ v: Double?, in i: inout PrioritisationInputs) {
        switch self {
        case .impact: i.impact = v
        case .effort: i.effort = v
        case .risk: i.risk = v
        case .success: i.success = v
        }
    }

    /// `4`, `2.5`, or `70%` for success.
    public func display(_ v: Double) -> String {
        self == .success ? Format.percent(v, decimals: 0) : ThresholdKey.plain(v)
    }

    /// The value as the reviewer types it back.
    public func editable(_ v: Double) -> String { ThresholdKey.plain(self == .success ? v * 100 : v) }

    /// The value for what the reviewer typed (nil: back to the default), or why it cannot be used.
    public func parse(_ typed: String) -> Result<Double?, ThresholdInputError> {
        var text = typed.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: ",", with: ".")
        if text.isEmpty { return .success(nil) }
        if text.hasSuffix("%") { text = String(text.dropLast()).trimmingCharacters(in: .whitespaces) }
        guard let v = Double(text), v.isFinite else { return .failure(ThresholdInputError("Type a number, or nothing for the default")) }
        if self == .success {
            guard v >= 0, v <= 100 else { return .failure(ThresholdInputError("A chance between 0 and 100%")) }
            return .success(v / 100)
        }
        guard v >= 1, v <= 5 else { return .failure(ThresholdInputError("\(title) runs from 1 to 5")) }
        return .success(v)
    }
}

extension PrioritisationInputs {
    /// The inputs with the defaults filled in, and which of them are defaults.
    public struct Effective: Equatable, Sendable {
        public var impact: Double
        public var effort: Double
        public var risk: Double
        public var success: Double
        public var defaulted: Set<PrioritisationField>

        public func value(_ f: PrioritisationField) -> Double {
            switch f {
            case .impact: impact
            case .effort: effort
            case .risk: risk
            case .success: success
            }
        }
    }

    /// Defaults when the reviewer set nothing (see `docs/segments.md`): effort 3, risk 3,
    /// success 50 %, and an impact that follows the segment's urgency — 5 for the danger zone,
    /// 4 when high volume is answered badly, 3 for the other unhappy or odd cells, 2 for what works
    /// but few use or cannot be judged yet, 1 for what already works or is not worth fixing.
    public func effective(segment: Segment) -> Effective {
        var defaulted = Set<PrioritisationField>()
        func pick(_ f: PrioritisationField, _ fallback: Double) -> Double {
            if let v = f.value(in: self) { return v }
            defaulted.insert(f)
            return fallback
        }
        return Effective(
            impact: pick(.impact, Self.defaultImpact(segment)), effort: pick(.effort, 3), risk: pick(.risk, 3),
            success: pick(.success, 0.5), defaulted: defaulted
        )
    }

    public static func defaultImpact(_ s: Segment) -> Double {
        switch (s.volume, s.relevance, s.satisfaction) {
        case (.high, .low, .low): 5
        case (.high, .high, .low): 4
        case (.low, .high, .low), (.high, .low, .high): 3
        case (.low, .high, .high), (.low, .low, .high): 2
        case (.high, .high, .high), (.low, .low, .low): 1
        default: 2
        }
    }

    public var isEmpty: Bool { impact == nil && effort == nil && risk == nil && success == nil }
}

/// The prioritised list: leaf clusters ranked by the chosen formula, best first.
public struct PriorityRanking: Equatable, Sendable {
    public struct Entry: Equatable, Sendable {
        public var clusterID: ClusterID
        /// 1 for the first.
        public var rank: Int
        public var segment: Segment
        public var share: Double
        public var inputs: PrioritisationInputs.Effective
        public var score: Double
    }

    public var formula: PriorityFormula
    public var entries: [Entry]

    /// Ranks the dataset's leaves; `including`, when given, keeps only those ids (a filter).
    /// Clusters sent away (redirected, out of scope) are not ranked: there is nothing to fix.
    public init(dataset: Dataset, formula: PriorityFormula, including: Set<ClusterID>? = nil) {
        self.formula = formula
        let scored = dataset.clusters.filter { dataset.isLeaf($0.id) && !$0.isSentAway && (including?.contains($0.id) ?? true) }.map { c -> Entry in
            let segment = dataset.segment(of: c)
            let inputs = c.prioritisation.effective(segment: segment)
            let share = dataset.volumeShare(of: c)
            return Entry(clusterID: c.id, rank: 0, segment: segment, share: share, inputs: inputs, score: formula.score(inputs, share: share))
        }
        entries = scored.sorted { a, b in
            if a.score != b.score { return a.score > b.score }
            if a.share != b.share { return a.share > b.share }
            return a.clusterID < b.clusterID
        }.enumerated().map { i, e in
            var e = e
            e.rank = i + 1
            return e
        }
    }

    public var order: [ClusterID] { entries.map(\.clusterID) }
    public func entry(_ id: ClusterID) -> Entry? { entries.first { $0.clusterID == id } }
}
