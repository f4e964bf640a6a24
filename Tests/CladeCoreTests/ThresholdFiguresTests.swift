@testable import CladeCore
import Testing

/// A figure shown beside its segment never reads as reaching a threshold it is classed below.
@Suite struct ThresholdFiguresTests {
    @Test func aValueBelowAThresholdNeverDisplaysAsIt() {
        #expect(Format.percent(0.0397) == "4.0%")  // plain rounding, for figures no threshold decides
        #expect(Format.percent(0.0397, below: 0.04) == "3.97%")
        #expect(Format.percent(0.039999, below: 0.04) == "3.99%")
        #expect(Format.percent(0.04, below: 0.04) == "4.0%")
        #expect(Format.percent(0.0404, below: 0.04) == "4.0%")
        #expect(Format.percent(0.0381, below: 0.04) == "3.8%")
        #expect(Format.percent(0.596, decimals: 0, below: 0.6) == "59.6%")
        #expect(Format.percent(0.59, decimals: 0, below: 0.6) == "59%")
        #expect(Format.score(0.497, below: 0.5) == "0.497")
        #expect(Format.shortScore(0.497, below: 0.5) == ".497")
        #expect(Format.score(0.5, below: 0.5) == "0.50")
        #expect(Format.score(nil, below: 0.5) == "—")
    }

    @Test func theFiguresAgreeWithTheSegment() {
        let near = Cluster(id: 1, name: "Near", stats: Fixtures.stats(397, relevance: 0.497, satisfied: 298, rated: 397))
        let rest = Cluster(id: 2, name: "Rest", stats: Fixtures.stats(9603, relevance: 0.7, satisfied: 10, rated: 20))
        let d = Dataset(title: "T", clusters: [near, rest], capabilities: [], total: near.stats + rest.stats)
        let s = d.segment(of: near)
        #expect(s.volume == .low && s.relevance == .low)
        #expect(d.shareText(of: near) == "3.97%")
        #expect(d.relevanceText(of: near) == "0.497" && d.relevanceText(of: near, short: true) == ".497")
        #expect(d.figures(of: near).hasPrefix("397 questions (3.97%) · relevance 0.497 · "))
    }
}
