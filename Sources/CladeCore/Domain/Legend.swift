/// What the columns and marks of the lists mean: the Legend page of help (`?`, then Tab).
/// A mark that is a glyph is named by kind, so each theme draws its own (`~` for `≈` in ASCII).
public enum LegendMark: Equatable, Sendable {
    case text(String)
    case weighted, sampledWeight, reviewed, marked, cursor, parents, feedback, bar, sparkline, segment(String)
}

public struct LegendEntry: Equatable, Sendable {
    public var mark: LegendMark
    public var meaning: String
}

public enum Legend {
    public static let entries: [LegendEntry] = [
        .init(mark: .text("Questions"), meaning: "how many questions the cluster holds"),
        .init(mark: .weighted, meaning: "weighted count: sampled rows stand for more questions"),
        .init(mark: .sampledWeight, meaning: "a sampled question and how many it stands for"),
        .init(mark: .text("Vol%"), meaning: "share of all questions"),
        .init(mark: .bar, meaning: "volume share, to the scale of the largest leaf listed"),
        .init(mark: .text("Rel"), meaning: "mean retrieval relevance of the questions (0 to 1)"),
        .init(mark: .text("Sat"), meaning: "satisfaction: share of ratings that are thumbs up"),
        .init(mark: .text("Seg"), meaning: "segment: volume, relevance, satisfaction, each H or L"),
        .init(mark: .segment("HHL"), meaning: "e.g. high volume, high relevance, low satisfaction"),
        .init(mark: .text("?"), meaning: "in Seg: not judged (too few ratings or no relevance)"),
        .init(mark: .segment("HLL"), meaning: "danger zone: add the missing data or fix retrieval"),
        .init(mark: .text("(n in danger zone)"), meaning: "a collapsed parent hides n danger-zone clusters"),
        .init(mark: .text("P"), meaning: "priority the reviewer set, P0 the most urgent"),
        .init(mark: .reviewed, meaning: "reviewed"),
        .init(mark: .text("(redirected)"), meaning: "sent to other software; left out of the priorities"),
        .init(mark: .text("(out of scope)"), meaning: "users are told \u{201C}we don't do that\u{201D}; left out too"),
        .init(mark: .text("(dismissed)"), meaning: "dismissed; left out of the priorities"),
        .init(mark: .parents, meaning: "a parent, collapsed or expanded (h and l)"),
        .init(mark: .marked, meaning: "a marked row: bulk actions apply to every mark"),
        .init(mark: .cursor, meaning: "the row the cursor is on"),
        .init(mark: .feedback, meaning: "FB: thumbs up, thumbs down, not rated"),
        .init(mark: .sparkline, meaning: "Weekly: questions per week, oldest first"),
    ]
}
