/// The figure lines the screens and the report both print, written once so they always agree.
extension Dataset {
    /// `235 questions (4.7%) · relevance 0.36 · 21% satisfied of 102 rated`
    public func figures(of c: Cluster) -> String {
        var figures = "\(Format.volume(c.stats.volume)) questions (\(shareText(of: c)))"
        figures += " · relevance \(relevanceText(of: c))"
        if c.stats.satisfaction != nil {
            figures += " · \(satisfactionText(of: c)) satisfied of \(Format.count(c.stats.ratedRows)) rated"
        } else {
            figures += " · no ratings"
        }
        return figures
    }
}

extension SegmentGrid.Cell {
    /// `2 · 9.1%`: how many clusters, and their share of all questions.
    public var figures: String { "\(clusterIDs.count) · \(Format.percent(share))" }
}
