import Testing
@testable import CladeCore

@Suite struct DomainTests {
    @Test func statsAreWeighted() {
        var s = ClusterStats()
        s.add(weight: 3, relevance: 0.2, feedback: -1)
        s.add(weight: 1, relevance: 0.6, feedback: 1)
        s.add(weight: 1, relevance: nil, feedback: nil)
        #expect(s.rows == 3 && s.volume == 5)
        #expect(abs(s.meanRelevance! - 0.3) < 1e-9)  // (3×0.2 + 0.6) / 4
        #expect(s.satisfaction == 0.25)
        #expect(s.ratedRows == 2 && s.isSampled)
    }

    @Test func statsAddAndSubtract() {
        let a = Fixtures.stats(10, relevance: 0.5, satisfied: 3, rated: 5)
        let b = Fixtures.stats(4, relevance: 0.9, satisfied: 4, rated: 4)
        let sum = a + b
        #expect(sum.rows == 14 && sum.ratedRows == 9 && sum.satisfiedWeight == 7)
        #expect(sum - b == a)
    }

    @Test func segmentsFollowThePlaybook() {
        let t = Thresholds.standard
        let danger = Segment(stats: Fixtures.stats(100, relevance: 0.3, satisfied: 3, rated: 20), totalVolume: 1000, thresholds: t)
        #expect(danger.code() == "H·L·L" && danger.isDangerZone && danger.defaultAction == .fixRetrieval)
        let tiny = Segment(stats: Fixtures.stats(5, relevance: 0.3, satisfied: 0, rated: 5), totalVolume: 1000, thresholds: t)
        #expect(tiny.code() == "L·L·?")  // 5 ratings < min 10: not judged
        let generation = Segment(stats: Fixtures.stats(100, relevance: 0.8, satisfied: 5, rated: 20), totalVolume: 1000, thresholds: t)
        #expect(generation.code(separator: ".") == "H.H.L" && generation.defaultAction == .fixGeneration)
        let good = Segment(stats: Fixtures.stats(10, relevance: 0.8, satisfied: 18, rated: 20), totalVolume: 1000, thresholds: t)
        #expect(good.code() == "L·H·H" && good.defaultAction == .promote)
    }

    @Test func memberIDsIncludeDescendantsAndAbsorbedClusters() {
        var d = Fixtures.dataset
        d.absorbed = [11: [99]]
        #expect(d.memberClusterIDs(of: 1) == [1, 11, 12, 99])
        #expect(d.memberClusterIDs(of: 22) == [22])
        #expect(d.ancestors(of: 22) == [2])
    }

    @Test func keymapResolvesSequencesPerPane() {
        let map = Keymap.standard
        #expect(map.resolve([.char("g")], in: .clusters) == .pending)
        #expect(map.resolve([.char("g"), .char("g")], in: .clusters) == .command(.moveTop))
        #expect(map.resolve([.char("o")], in: .clusters) == .command(.sortNext))
        #expect(map.resolve([.char("o")], in: .questions) == .command(.questionOrderNext))
        #expect(map.resolve([.escape], in: .questions) == .command(.back))
        #expect(map.resolve([.enter], in: .capabilities) == .command(.toggleCapabilityFilter))
        #expect(map.resolve([.char("x")], in: .clusters) == .unbound)
    }

    @Test func everyCommandHasAKeyAndNoTwoCollideInAPane() {
        for command in CommandRegistry.all { #expect(!command.keys.isEmpty || command.keysText != nil, "\(command.id)") }
        for context in Context.all {
            var seen: [[Key]: CommandID] = [:]
            for command in CommandRegistry.commands(in: context) {
                for seq in command.keys {
                    if let other = seen[seq] {
                        // Only a pane command may shadow a global one.
                        let shadowing = CommandRegistry.command(other).contexts.contains(.global) != command.contexts.contains(.global)
                        #expect(shadowing, "\(seq) bound to \(other) and \(command.id) in \(context)")
                    }
                    seen[seq] = command.id
                }
            }
        }
    }

    @Test func fuzzyMatchPrefersWordStartsAndRuns() {
        #expect(FuzzyMatch.score("sort", in: "Sort by the next column") != nil)
        #expect(FuzzyMatch.score("sbn", in: "Sort by the next column") != nil)
        #expect(FuzzyMatch.score("sort", in: "Collapse the cluster, or go to its parent") == nil)
        #expect(FuzzyMatch.score("xyz", in: "Sort") == nil)
        let a = FuzzyMatch.score("next", in: "Next pane")!
        let b = FuzzyMatch.score("next", in: "Sort by the next column")!
        #expect(a > b)
    }
}
