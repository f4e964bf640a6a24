@testable import CladeCore
import Testing

/// Finding what to review next: filter terms typed after `\`, `w` for the next cluster not
/// reviewed, the review's progress, and parents that do not hide the danger zone.
/// Fixture: 1 Documents (11 RFI status, 12 Open RFIs), 2 Cost & budget (21 FY budget in the
/// danger zone, 22 Cost lookup), 3 Weather at the site.
@Suite struct TriageFilterTests {
    static func state(_ change: (inout Cluster) -> Void = { _ in }, ids: Set<ClusterID> = []) -> AppState {
        var s = Fixtures.state()
        s.dataset.clusters = s.dataset.clusters.map { c in
            var c = c
            if ids.contains(c.id) { change(&c) }
            return c
        }
        return s
    }

    static func filtered(_ text: String, _ s: AppState = state()) -> (ids: [ClusterID], status: StatusMessage?) {
        var s = s
        Fixtures.press(&s, [.char("\\")] + Fixtures.keys(text))
        return (ClusterTree.rows(s).map(\.id), s.status)
    }

    @Test func segmentTermsAndWords() {
        #expect(Self.filtered("seg:HLL").ids == [2, 21])
        #expect(Self.filtered("seg:h*l").ids == [2, 21])
        #expect(Self.filtered("seg:danger").ids == [2, 21])
        #expect(Self.filtered("danger").ids == [2, 21])
        #expect(Self.filtered("HLL").ids == [2, 21])
    }

    @Test func reviewPriorityIssueAndStatusTermsCombine() {
        let reviewed = Self.state({ $0.reviewed = true }, ids: [11, 22])
        #expect(Self.filtered("reviewed", reviewed).ids == [1, 11, 2, 22])
        #expect(Self.filtered("!reviewed", reviewed).ids == [1, 12, 2, 21, 3])
        #expect(Self.filtered("!reviewed seg:HLL", reviewed).ids == [2, 21])
        let prioritised = Self.state({ $0.priority = 0; $0.issueType = .inventory }, ids: [12])
        #expect(Self.filtered("p:0", prioritised).ids == [1, 12])
        #expect(Self.filtered("p:0 issue:inv open", prioritised).ids == [1, 12])
        #expect(Self.filtered("p:0 rfi status", prioritised).ids.isEmpty)
        let dismissed = Self.state({ $0.dismissed = true; $0.action = .redirect }, ids: [3])
        #expect(Self.filtered("status:dismissed", dismissed).ids == [3])
        #expect(Self.filtered("status:redirect", dismissed).ids == [3])
        #expect(Self.filtered("status:out", dismissed).ids.isEmpty)
    }

    @Test func nothingMatchingIsSaid() {
        let none = Self.filtered("zzzz")
        #expect(none.ids.isEmpty && none.status == StatusMessage("No cluster matches “zzzz”", isError: true))
        #expect(Self.filtered("p:9").status == StatusMessage("p: takes 0, 1, 2, 3 or none", isError: true))
        var s = Fixtures.state()
        Fixtures.press(&s, Fixtures.keys("/zzzz"))
        #expect(s.status == StatusMessage("No match for “zzzz”", isError: true))
    }

    @Test func thePaletteSetsTheDangerZoneFilter() {
        var s = Fixtures.state()
        _ = Reducer.reduce(&s, .run(.filterDangerZone))
        #expect(s.clusterFilter == "seg:HLL" && ClusterTree.rows(s).map(\.id) == [2, 21])
    }

    @Test func wGoesToTheNextClusterNotReviewedOpeningItsParent() {
        var s = Self.state({ $0.reviewed = true }, ids: [11, 12])
        s.expanded = []
        Fixtures.press(&s, [.char("w")])
        #expect(s.selectedClusterID == 21 && s.expanded.contains(2))
        #expect(s.status == StatusMessage("2 more to review after this one"))
        Fixtures.press(&s, Fixtures.keys("ww"))
        #expect(s.selectedClusterID == 3)
        Fixtures.press(&s, [.char("w")])
        #expect(s.selectedClusterID == 21)
        Fixtures.press(&s, [.char("W")])
        #expect(s.selectedClusterID == 3)
        var done = Self.state({ $0.reviewed = true }, ids: [11, 12, 21, 22, 3])
        Fixtures.press(&done, [.char("w")])
        #expect(done.status == StatusMessage("Every cluster is reviewed or dismissed"))
    }

    @Test func progressCountsReviewedAndDismissedClustersAndTheirVolume() {
        let s = Self.state({ $0.reviewed = true }, ids: [11])
        let p = ReviewProgress(s.dataset)
        #expect(p.done == 1 && p.total == 5)
        #expect(abs(p.volumeShare - 300.0 / 910.0) < 1e-9)
    }

    @Test func sortingBySegmentPutsTheDangerZoneFirstAcrossParents() {
        var s = Fixtures.state()
        s.expanded = [1, 2]
        s.sort = .segment
        s.sortDescending = false
        #expect(ClusterTree.rows(s).map(\.id).prefix(2) == [2, 21])
    }
}
