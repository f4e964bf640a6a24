@testable import CladeCore
import Testing

/// Every cluster decision acts on the marked clusters, as one request (one log row, one undo),
/// and its dialog says how many. Fixture: 11 RFI status and 12 Open RFIs marked.
@Suite struct BulkDecisionTests {
    /// RFI status and Open RFIs marked (Space marks and moves down), the cursor elsewhere.
    static func twoMarked() -> TestStore {
        var store = DecisionKindTests.onRFIStatus()
        store.setUp("  ")
        #expect(store.state.markedClusters == [11, 12])
        #expect(store.state.selectedClusterID != 11 && store.state.selectedClusterID != 12)
        return store
    }

    static func committed(_ s: inout AppState) {
        s.committing()
        s.markedClusters = []
    }

    @Test func priority() {
        var store = Self.twoMarked()
        store.open("p", .choice, title: "Set priority of 2 clusters")
        store.send("1", effects: [.commit(.batch([.setPriority(11, 1), .setPriority(12, 1)]))], Self.committed)
    }

    @Test func reviewedSetsAllUnlessAllAre() {
        var store = Self.twoMarked()
        store.send("y", effects: [.commit(.batch([.setReviewed(11, true), .setReviewed(12, true)]))]) { $0.committing = true; $0.markedClusters = [] }
        var reviewed = Self.twoMarked()
        reviewed.state_.dataset.clusters = reviewed.state.dataset.clusters.map { c in
            var c = c
            if c.id == 11 || c.id == 12 { c.reviewed = true }
            return c
        }
        reviewed.send("y", effects: [.commit(.batch([.setReviewed(11, false), .setReviewed(12, false)]))]) { $0.committing = true; $0.markedClusters = [] }
    }

    @Test func dismiss() {
        var store = Self.twoMarked()
        store.open("d", .choice, title: "Dismiss 2 clusters?")
        store.send("o", effects: [.commit(.batch([.dismiss(11, reason: .outOfScope), .dismiss(12, reason: .outOfScope)]))], Self.committed)
    }

    @Test func issueTypeActionNoteAndDescription() {
        var store = Self.twoMarked()
        store.open("i", .choice, title: "Set the issue type of 2 clusters")
        store.send("c", effects: [.commit(.batch([.setIssueType(11, .capability), .setIssueType(12, .capability)]))], Self.committed)

        store = Self.twoMarked()
        store.open("a", .choice, title: "Set the action of 2 clusters")
        store.send("x", effects: [.commit(.batch([.setAction(11, nil), .setAction(12, nil)]))], Self.committed)

        store = Self.twoMarked()
        store.open("e", .textDialog, title: "Note on 2 clusters")
        store.send("ask\r", effects: [.commit(.batch([.setNote(11, "ask"), .setNote(12, "ask")]))], Self.committed)

        store = Self.twoMarked()
        store.open("D", .textDialog, title: "Description of 2 clusters")
        store.send("RFIs\r", effects: [.commit(.batch([.relabel(11, name: "RFI status", description: "RFIs"),
                                                       .relabel(12, name: "Open RFIs", description: "RFIs")]))], Self.committed)
    }

    @Test func withoutMarksTheSelectedClusterAlone() {
        var store = DecisionKindTests.onRFIStatus()
        store.open("p", .choice, title: "Priority of “RFI status”")
        store.send("2", effects: [.commit(.setPriority(11, 2))]) { $0.committing() }
    }
}
