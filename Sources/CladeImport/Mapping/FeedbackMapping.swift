/// How numeric feedback values are read. Words (up/down, true/false, yes/no…) read the same
/// under every scale.
public enum FeedbackScale: String, CaseIterable, Sendable {
    /// Decide from all the values: any negative number → signed, any number above 1 → stars, else binary.
    case auto
    /// −1 thumbs-down, 1 thumbs-up, 0 unrated.
    case signed
    /// 0 thumbs-down, 1 thumbs-up.
    case binary
    /// 1–5 stars: 4–5 thumbs-up, 1–2 thumbs-down, 3 unrated.
    case stars
}

/// Turns the many spellings of user feedback into Clade's −1 / +1 / nil.
public enum FeedbackMapping {
    private static let positive: Set<String> = [
        "up", "thumbsup", "thumbup", "👍", "+", "positive", "pos", "good", "like", "liked", "helpful",
        "true", "t", "yes", "y", "satisfied",
    ]
    private static let negative: Set<String> = [
        "down", "thumbsdown", "thumbdown", "👎", "-", "negative", "neg", "bad", "dislike", "disliked", "unhelpful",
        "false", "f", "no", "n", "unsatisfied", "dissatisfied",
    ]
    private static let unrated: Set<String> = ["", "null", "none", "nan", "na", "n/a", "neutral", "unrated"]

    /// The numeric scale for a whole column: `auto` is resolved from all its numeric values
    /// (a lone "1" could be a thumbs-up or one star; the rest of the column decides).
    public static func resolve(_ scale: FeedbackScale, values: some Sequence<String>) -> FeedbackScale {
        guard scale == .auto else { return scale }
        var sawAboveOne = false
        for raw in values {
            guard let n = Double(normalise(raw)) else { continue }
            if n < 0 { return .signed }
            if n > 1 { sawAboveOne = true }
        }
        return sawAboveOne ? .stars : .binary
    }

    public enum Failure: Error, Equatable, Sendable {
        case unrecognised(String)
        case outOfScale(String, FeedbackScale)
    }

    /// −1, +1 or nil (unrated) for one raw value under a resolved scale (not `auto`).
    public static func map(_ raw: String, scale: FeedbackScale) -> Result<Int?, Failure> {
        let value = normalise(raw)
        if unrated.contains(value) { return .success(nil) }
        if positive.contains(value) { return .success(1) }
        if negative.contains(value) { return .success(-1) }
        guard let n = Double(value) else { return .failure(.unrecognised(raw)) }
        switch scale {
        case .signed:
            if n == 1 { return .success(1) }
            if n == -1 { return .success(-1) }
            if n == 0 { return .success(nil) }
        case .binary, .auto:
            if n == 1 { return .success(1) }
            if n == 0 { return .success(-1) }
        case .stars:
            if n >= 1 && n <= 5 { return .success(n >= 4 ? 1 : (n <= 2 ? -1 : nil)) }
        }
        return .failure(.outOfScale(raw, scale))
    }

    /// Human wording of a failure, for "line N: …" messages.
    public static func explain(_ failure: Failure) -> String {
        switch failure {
        case .unrecognised(let raw):
            "unrecognised feedback '\(raw)' (expected 1/-1, up/down, thumbs_up/thumbs_down, true/false, yes/no or 1–5 stars)"
        case .outOfScale(let raw, let scale):
            "feedback '\(raw)' is outside the \(scale.rawValue) scale"
                + (scale == .stars ? " (1–5)" : scale == .signed ? " (-1, 0, 1)" : " (0, 1)")
        }
    }

    /// Lower case without spaces, underscores or inner hyphens: "Thumbs_Up" = "thumbs-up" = "thumbsup";
    /// a leading minus stays ("-1").
    private static func normalise(_ raw: String) -> String {
        var out = ""
        for (i, c) in raw.trimmingWhitespace().lowercased().enumerated() {
            if c == "_" || c == " " || (c == "-" && i > 0) { continue }
            out.append(c)
        }
        return out
    }
}
