/// What the `\` filter of the Clusters pane (and the views) asks for: words over names,
/// keywords, descriptions and segment readings, and terms over the review, all of which must
/// hold: `seg:HLL` (a segment code, `*` for any letter, or a word of its reading: `seg:danger`),
/// `p:0`…`p:3` or `p:none`, `issue:inventory` (or `issue:unset`), `reviewed`,
/// `status:dismissed|active|redirect|out-of-scope`; `!` before a term negates it.
/// Terms match leaves only (parents show as the way to them).
public struct ClusterFilter: Equatable, Sendable {
    public enum Term: Equatable, Sendable {
        case segment(String)
        case priority(Int?)
        case issue(IssueType?)
        case reviewed
        case status(String)
    }

    public struct Clause: Equatable, Sendable {
        public var term: Term
        public var negated: Bool
    }

    public var clauses: [Clause] = []
    /// The words that are not terms, as one lower-cased phrase.
    public var text: String = ""
    /// Terms with a value the filter cannot read, said once on the status line.
    public var problems: [String] = []

    public init(_ input: String) {
        var words: [String] = []
        for raw in input.split(separator: " ", omittingEmptySubsequences: true).map(String.init) {
            let negated = raw.hasPrefix("!") && raw.count > 1
            let word = negated ? String(raw.dropFirst()) : raw
            switch Self.term(word) {
            case .some(.success(let term)): clauses.append(Clause(term: term, negated: negated))
            case .some(.failure(let problem)): problems.append(problem.text)
            case nil: words.append(raw)
            }
        }
        text = words.joined(separator: " ").lowercased()
    }

    public var isEmpty: Bool { clauses.isEmpty && text.isEmpty && problems.isEmpty }
    /// Whether it has review terms (they match leaves only).
    public var hasTerms: Bool { !clauses.isEmpty || !problems.isEmpty }

    struct Problem: Error { var text: String }

    static let statuses = ["active", "dismissed", "redirect", "out-of-scope"]

    /// A `key:value` term (or `reviewed`); nil when the word is plain text.
    static func term(_ word: String) -> Result<Term, Problem>? {
        let lower = word.lowercased()
        if lower == "reviewed" { return .success(.reviewed) }
        guard let colon = lower.firstIndex(of: ":") else { return nil }
        let key = String(lower[..<colon])
        let value = String(lower[lower.index(after: colon)...])
        switch key {
        case "seg", "segment":
            guard !value.isEmpty else { return .failure(Problem(text: "seg: wants a code such as HLL, or a word such as danger")) }
            return .success(.segment(value))
        case "p", "priority":
            if ["none", "-", "unset"].contains(value) { return .success(.priority(nil)) }
            let digits = value.hasPrefix("p") ? String(value.dropFirst()) : value
            guard let p = Int(digits), (0...3).contains(p) else { return .failure(Problem(text: "p: takes 0, 1, 2, 3 or none")) }
            return .success(.priority(p))
        case "issue", "i":
            if ["unset", "-", "unclassified"].contains(value) { return .success(.issue(nil)) }
            guard let t = IssueType.allCases.first(where: { $0.rawValue.hasPrefix(value) && !value.isEmpty }) else {
                return .failure(Problem(text: "issue: takes inventory, capability, generation, none or unset"))
            }
            return .success(.issue(t))
        case "status", "s":
            let v = value == "out" || value == "outofscope" || value == "out_of_scope" ? "out-of-scope" : value
            guard let s = statuses.first(where: { $0.hasPrefix(v) && !v.isEmpty }) else {
                return .failure(Problem(text: "status: takes active, dismissed, redirect or out-of-scope"))
            }
            return .success(.status(s))
        default:
            return nil
        }
    }

    public func matches(_ c: Cluster, in data: Dataset) -> Bool {
        guard problems.isEmpty else { return false }
        let segment = data.segment(of: c)
        if !text.isEmpty {
            let haystack = ClusterTree.searchText(c) + " " + segment.reading.lowercased() + " " + segment.code(separator: "").lowercased()
                + (c.priority.map { " p\($0)" } ?? "")
            guard haystack.contains(text) else { return false }
        }
        for clause in clauses where holds(clause.term, c, segment) == clause.negated { return false }
        return true
    }

    func holds(_ term: Term, _ c: Cluster, _ segment: Segment) -> Bool {
        switch term {
        case .segment(let value):
            let letters = Array(value.uppercased().filter { !"·.-_ ".contains($0) })
            let code = Array(segment.code(separator: ""))
            if letters.count == 3, letters.allSatisfy({ "HL?*".contains($0) }) {
                return zip(letters, code).allSatisfy { $0 == "*" || $0 == $1 }
            }
            return segment.reading.lowercased().contains(value)
        case .priority(let p): return c.priority == p
        case .issue(let t): return c.issueType == t
        case .reviewed: return c.reviewed
        case .status(let s):
            switch s {
            case "active": return !c.dismissed
            case "dismissed": return c.dismissed
            case "redirect": return c.dismissed && c.action == .redirect
            default: return c.dismissed && c.action != .redirect
            }
        }
    }
}
