import Foundation

/// A threshold the reviewer may change in the app: the `clade_settings` key, the same as the
/// pipeline's `meta` key whose value it overrides.
///
/// Volume share and satisfaction are typed as percentages (`5` or `5%` means 0.05), relevance in
/// the metric's own units (`0.45`), the minimum of ratings as a whole number of rated rows. The
/// stored value is a plain decimal fraction or integer, as the pipeline writes it.
public enum ThresholdKey: String, CaseIterable, Sendable {
    case volumeHighShare = "volume_high_share"
    case relevanceLow = "relevance_low"
    case satisfactionLow = "satisfaction_low"
    case minRatings = "min_ratings"

    /// How the grid and the dialog name it.
    public var title: String {
        switch self {
        case .volumeHighShare: "High volume from"
        case .relevanceLow: "Low relevance below"
        case .satisfactionLow: "Low satisfaction below"
        case .minRatings: "Judge satisfaction from"
        }
    }

    /// What to type, for the dialog's prompt.
    public var hint: String {
        switch self {
        case .volumeHighShare: "Percent of all questions at which a cluster counts as high volume, e.g. 4"
        case .relevanceLow: "Mean relevance under which retrieval counts as poor, e.g. 0.5"
        case .satisfactionLow: "Percent satisfied under which answers count as poor, e.g. 60"
        case .minRatings: "Rated rows a cluster needs before its satisfaction is judged, e.g. 10"
        }
    }

    /// The key that picks it in the thresholds dialog.
    public var letter: Character {
        switch self {
        case .volumeHighShare: "v"
        case .relevanceLow: "r"
        case .satisfactionLow: "s"
        case .minRatings: "m"
        }
    }

    /// The value in force, as the screens and the report write it: `4.0%`, `0.50`, `60%`, `10 ratings`.
    public func display(_ t: Thresholds) -> String {
        switch self {
        case .volumeHighShare: Format.percent(t.volumeHighShare)
        case .relevanceLow: Format.score(t.relevanceLow)
        case .satisfactionLow: Format.percent(t.satisfactionLow, decimals: 0)
        case .minRatings: "\(t.minRatings) rating\(t.minRatings == 1 ? "" : "s")"
        }
    }

    /// The value as the reviewer types it back: `4`, `0.5`, `60`, `10`.
    public func editable(_ t: Thresholds) -> String {
        switch self {
        case .volumeHighShare: Self.plain(t.volumeHighShare * 100)
        case .relevanceLow: Self.plain(t.relevanceLow)
        case .satisfactionLow: Self.plain(t.satisfactionLow * 100)
        case .minRatings: String(t.minRatings)
        }
    }

    /// The stored value for what the reviewer typed, or why it cannot be used.
    public func parse(_ typed: String) -> Result<String, ThresholdInputError> {
        var text = typed.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: ",", with: ".")
        if text.hasSuffix("%") { text = String(text.dropLast()).trimmingCharacters(in: .whitespaces) }
        switch self {
        case .minRatings:
            guard let n = Int(text), n >= 1, n <= 1_000_000 else { return .failure(ThresholdInputError("A whole number of ratings, 1 or more")) }
            return .success(String(n))
        case .relevanceLow:
            guard let v = Double(text), v.isFinite, v >= -1, v <= 1 else { return .failure(ThresholdInputError("A relevance between -1 and 1, e.g. 0.5")) }
            return .success(Self.plain(v))
        case .volumeHighShare, .satisfactionLow:
            guard let v = Double(text), v.isFinite, v > 0, v <= 100 else { return .failure(ThresholdInputError("A percentage above 0 and at most 100, e.g. \(self == .volumeHighShare ? "4" : "60")")) }
            return .success(Self.plain(v / 100))
        }
    }

    /// A stored value as the reviewer reads it, for the decision's summary: `5.0%`, `0.45`.
    public func describe(stored: String) -> String {
        var t = Thresholds.standard
        switch self {
        case .volumeHighShare: t.volumeHighShare = Double(stored) ?? 0
        case .relevanceLow: t.relevanceLow = Double(stored) ?? 0
        case .satisfactionLow: t.satisfactionLow = Double(stored) ?? 0
        case .minRatings: t.minRatings = Int(stored) ?? 0
        }
        return display(t)
    }

    /// A decimal without trailing zeros: `0.05`, `4`, `0.455`.
    static func plain(_ v: Double) -> String {
        var text = Format.fixed(v, 6)
        while text.contains("."), text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }
}

public struct ThresholdInputError: Error, Equatable, Sendable {
    public var message: String
    public init(_ message: String) { self.message = message }
}

extension Thresholds {
    /// The threshold line the grid and the report show: `volume ≥ 4.0% · relevance < 0.50 · satisfied < 60% · ≥ 10 ratings`.
    public var summary: String {
        "volume ≥ \(ThresholdKey.volumeHighShare.display(self)) · relevance < \(ThresholdKey.relevanceLow.display(self))"
            + " · satisfied < \(ThresholdKey.satisfactionLow.display(self)) · judged from \(ThresholdKey.minRatings.display(self))"
    }
}
