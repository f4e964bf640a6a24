@testable import CladeCore
import Testing

/// Redirected and out-of-scope clusters: named apart, and out of the priorities.
@Suite struct SentAwayTests {
    @Test func redirectAndOutOfScopeReadApartAndLeaveThePriorities() {
        var d = Fixtures.dataset
        // FY budget (the danger zone, first by default) is sent to other software; Cost lookup
        // is dismissed as out of scope; Open RFIs is only given the redirect action.
        d.clusters[d.indexByID[21]!].dismissed = true
        d.clusters[d.indexByID[21]!].action = .redirect
        d.clusters[d.indexByID[22]!].dismissed = true
        d.clusters[d.indexByID[22]!].action = .tellUsers
        d.clusters[d.indexByID[12]!].action = .redirect
        #expect(d.cluster(21)?.disposition == .redirected && d.cluster(21)?.disposition.mark == " (redirected)")
        #expect(d.cluster(22)?.disposition == .outOfScope && d.cluster(22)?.disposition.mark == " (out of scope)")
        #expect(d.cluster(12)?.disposition == .redirected)
        #expect(d.cluster(11)?.disposition == .inScope && d.cluster(11)?.disposition.mark == "")
        for formula in PriorityFormula.allCases {
            let ranking = PriorityRanking(dataset: d, formula: formula)
            #expect(Set(ranking.order) == [11, 3], "\(formula)")
            #expect(ranking.entries.map(\.rank) == [1, 2])
        }
    }
}
