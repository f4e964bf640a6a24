/// Where a cluster's questions are handled when the assistant will not answer them: sent to
/// other software (redirect) or declared out of scope (tell users "we don't do that"). Such a
/// cluster needs no fix, so it leaves the priorities and the report's "Read first"; the list,
/// the detail and the report name which of the two it is.
public enum Disposition: Equatable, Sendable {
    case inScope
    case redirected
    case outOfScope
    /// Dismissed without either action (a log written before dismissals carried one).
    case dismissed

    /// ` (redirected)`, ` (out of scope)`, ` (dismissed)`, or nothing: what follows the name.
    public var mark: String {
        switch self {
        case .inScope: ""
        case .redirected: " (redirected)"
        case .outOfScope: " (out of scope)"
        case .dismissed: " (dismissed)"
        }
    }

    /// `redirected`, for a list of annotations.
    public var word: String? {
        switch self {
        case .inScope: nil
        case .redirected: "redirected"
        case .outOfScope: "out of scope"
        case .dismissed: "dismissed"
        }
    }
}

extension Cluster {
    /// From the typed action and the dismissed flag: a redirect or "tell users" action counts
    /// whether it came with a dismissal (`d`) or was set as the action (`a`).
    public var disposition: Disposition {
        switch action {
        case .redirect: .redirected
        case .tellUsers: .outOfScope
        default: dismissed ? .dismissed : .inScope
        }
    }

    /// Handled outside the assistant: not a candidate for a fix.
    public var isSentAway: Bool { disposition != .inScope }
}
