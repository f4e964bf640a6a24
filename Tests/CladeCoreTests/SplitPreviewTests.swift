@testable import CladeCore
import Testing

/// The split preview as a reviewer drives it: k recomputed in the background while keys go on
/// working (the newest k wins), typed, cancelled; parts routed and named; one decision out.
@Suite struct SplitPreviewTests {
    static func part(_ ids: [QuestionID], _ keyword: String, nearest: [SplitProposal.Neighbour] = []) -> SplitProposal.Part {
        .init(questionIDs: ids, stats: Fixtures.stats(ids.count, relevance: 0.5, satisfied: 1, rated: 1), keywords: [keyword],
              samples: ["central \(keyword)"], borderline: ["borderline \(keyword)"], cohesion: 0.8, nearest: nearest)
    }

    static let three = SplitProposal(
        clusterID: 11, k: 3, automatic: true, silhouette: 0.3, vectors: "embeddings",
        parts: [
            part([1, 2], "rfi"),
            part([3], "status", nearest: [.init(clusterID: 12, name: "Open RFIs", similarity: 0.9), .init(clusterID: 22, name: "Cost lookup", similarity: 0.4)]),
            part([4], "closeout", nearest: [.init(clusterID: 12, name: "Open RFIs", similarity: 0.5)]),
        ],
        criterion: "knee of the cohesion curve", cohesionBefore: 0.6)

    /// RFI status's preview with `proposal` shown.
    static func shown(_ proposal: SplitProposal = three) -> TestStore {
        var store = DecisionKindTests.onRFIStatus()
        store.setUp("s")
        store.state_ = { var s = store.state; _ = Reducer.reduce(&s, .splitReady(proposal)); return s }()
        return store
    }

    @Test func partsAreRoutedAndNamedAndRecordedAsOneDecision() {
        var store = Self.shown()
        #expect(store.state.split?.routes == [.foldBack, .keep, .keep])
        store.send("j") { $0.split?.cursor = 1 }
        // m merges into the nearest cluster; again, into the next nearest, and round.
        store.send("m") { $0.split?.routes[1] = .into(12) }
        store.send("m") { $0.split?.routes[1] = .into(22) }
        store.send("m") { $0.split?.routes[1] = .into(12) }
        store.send("je") { s in
            s.split?.cursor = 2
            s.split?.field = TextField("Closeout")
            s.split?.editing = .partName(2)
        }
        #expect(store.state.context == .splitField)
        store.send([.ctrl("u")] + Fixtures.keys("Closed RFIs\r")) { s in
            s.split?.names[2] = "Closed RFIs"
            s.split?.field = nil
            s.split?.editing = nil
        }
        // On the part that stays, e names the cluster keeping its id (prefilled with what stays).
        store.send("jr") { s in
            s.split?.cursor = 0
            s.split?.field = TextField("Rfi")
            s.split?.editing = .survivorName
        }
        store.send([.ctrl("u")] + Fixtures.keys("RFI status\r")) { s in
            s.split?.survivorName = "RFI status"
            s.split?.field = nil
            s.split?.editing = nil
        }
        let request = Recluster(sources: [11], name: "RFI status", description: "What stays: rfi", parts: [
            RoutedPart(questionIDs: [1, 2], route: .foldBack),
            RoutedPart(questionIDs: [3], route: .into(12)),
            RoutedPart(questionIDs: [4], route: .newCluster(name: "Closed RFIs", description: "Split off “RFI status”: closeout")),
        ])
        store.send("\r", effects: [.commit(.recluster(request))]) { s in
            s.split = nil
            s.committing = true
        }
    }

    @Test func aSplitWithNothingFoldedBackOrEverythingFoldedBackIsRefused() {
        var store = Self.shown()
        store.send("n") { $0.split?.routes[0] = .keep }
        store.send("\r") { $0.status = StatusMessage("Fold one part back (f): “RFI status” keeps it and its id", isError: true) }
        store.send("fjfjf") { s in
            s.split?.routes = [.foldBack, .foldBack, .foldBack]
            s.split?.cursor = 2
        }
        store.send("\r") { $0.status = StatusMessage("Every part is folded back: nothing would change (n keeps a part, m merges it)", isError: true) }
        // A part with no neighbour to merge into says so.
        store.send("jm") { s in
            s.split?.cursor = 0
            s.status = StatusMessage("No cluster outside the split to merge this part into", isError: true)
        }
    }

    @Test func kKeysDuringARecomputeAreQueuedAndTheNewestKWins() {
        var store = Self.shown()
        store.send("+", effects: [.suggestSplit(clusterID: 11, memberIDs: [11], k: 4)]) { s in
            s.split?.requestedK = 4
            s.split?.computing = true
            s.split?.progress = 0
            s.split?.phase = "Cutting into 4 parts"
        }
        // The parts on screen stay while computing; more keys are not dropped.
        store.send("+", effects: [.suggestSplit(clusterID: 11, memberIDs: [11], k: 5)]) { s in
            s.split?.requestedK = 5
            s.split?.phase = "Cutting into 5 parts"
        }
        store.send("-", effects: [.suggestSplit(clusterID: 11, memberIDs: [11], k: 4)]) { s in
            s.split?.requestedK = 4
            s.split?.phase = "Cutting into 4 parts"
        }
        // Routing waits for the new parts, and says so.
        store.send("n") { $0.status = StatusMessage("The parts are being computed; route them when they show") }
        var stale = Self.three
        stale.requestedK = 5
        store.receive(.splitReady(stale))
        var four = Self.three
        four.requestedK = 4
        four.automatic = false
        four.parts.append(Self.part([5], "late"))
        four.k = 4
        store.receive(.splitReady(four)) { s in
            s.split?.proposal = four
            s.split?.computing = false
            s.split?.progress = nil
            s.split?.routes = [.foldBack, .keep, .keep, .keep]
            s.split?.names = ["Rfi", "Status", "Closeout", "Late"]
        }
    }

    @Test func aTypedKRecomputesAndABadOneSaysWhy() {
        var store = Self.shown()
        store.send("1") { s in
            s.split?.field = TextField("1")
            s.split?.editing = .k
        }
        store.send("\r") { $0.status = StatusMessage("k is a whole number of parts, 2 or more", isError: true) }
        store.send("2\r", effects: [.suggestSplit(clusterID: 11, memberIDs: [11], k: 12)]) { s in
            s.split?.field = nil
            s.split?.editing = nil
            s.split?.requestedK = 12
            s.split?.computing = true
            s.split?.progress = 0
            s.split?.phase = "Cutting into 12 parts"
        }
        // Back to the k on screen while computing: the recompute is cancelled, the parts stay.
        store.send("a", effects: [.cancelSplit]) { s in
            s.split?.requestedK = nil
            s.split?.computing = false
        }
        // A k beyond the cluster (two questions a part) is capped, and says so.
        store.send("999\r", effects: [.suggestSplit(clusterID: 11, memberIDs: [11], k: 60)]) { s in
            s.status = StatusMessage("At most 60 parts here (two questions a part)")
            s.split?.requestedK = 60
            s.split?.computing = true
            s.split?.progress = 0
            s.split?.phase = "Cutting into 60 parts"
        }
    }

    @Test func enterDuringARecomputeRecordsTheSplitWhenItShows() {
        var store = Self.shown()
        store.send("+", effects: [.suggestSplit(clusterID: 11, memberIDs: [11], k: 4)]) { s in
            s.split?.requestedK = 4
            s.split?.computing = true
            s.split?.progress = 0
            s.split?.phase = "Cutting into 4 parts"
        }
        store.send("\r") { s in
            s.split?.acceptWhenReady = true
            s.status = StatusMessage("Recorded as soon as k=4 is ready; Esc cancels")
        }
        var four = ModalKeysTests.split
        four.requestedK = 4
        let request = Recluster(sources: [11], name: "Rfi", description: "What stays: rfi", parts: [
            RoutedPart(questionIDs: [1, 2], route: .foldBack),
            RoutedPart(questionIDs: [3], route: .newCluster(name: "Status", description: "Split off “RFI status”: status")),
        ])
        store.receive(.splitReady(four), effects: [.commit(.recluster(request))]) { s in
            s.split = nil
            s.committing = true
        }
    }

    @Test func escClosesTheFieldThenCancelsTheSplitAndItsComputation() {
        var store = Self.shown()
        store.send("7") { s in
            s.split?.field = TextField("7")
            s.split?.editing = .k
        }
        store.send([.escape]) { s in
            s.split?.field = nil
            s.split?.editing = nil
        }
        store.send("+", effects: [.suggestSplit(clusterID: 11, memberIDs: [11], k: 4)]) { s in
            s.split?.requestedK = 4
            s.split?.computing = true
            s.split?.progress = 0
            s.split?.phase = "Cutting into 4 parts"
        }
        store.send([.escape], effects: [.cancelSplit]) { s in
            s.split = nil
            s.status = StatusMessage("Split cancelled")
        }
    }

    @Test func markedClustersAreReclusteredTogetherAsOneDecision() {
        var store = DecisionKindTests.onRFIStatus()
        store.setUp("  k")
        #expect(store.state.markedClusters == [11, 12])
        // The larger cluster keeps its id; the preview cuts their union.
        store.send("s", effects: [.suggestSplit(clusterID: 11, memberIDs: [11, 12], k: nil)]) { s in
            s.split = SplitPreview(clusterID: 11, sources: [11, 12])
        }
        #expect(store.state.context == .split)
        var proposal = ModalKeysTests.split
        proposal.parts.append(Self.part([4, 5], "open"))
        store.receive(.splitReady(proposal)) { s in
            s.split?.proposal = proposal
            s.split?.computing = false
            s.split?.progress = nil
            s.split?.routes = [.foldBack, .keep, .keep]
            s.split?.names = ["Rfi", "Status", "Open"]
        }
        let request = Recluster(sources: [11, 12], name: "Rfi", description: "What stays: rfi", parts: [
            RoutedPart(questionIDs: [1, 2], route: .foldBack),
            RoutedPart(questionIDs: [3], route: .newCluster(name: "Status", description: "Re-clustered from “RFI status”: status")),
            RoutedPart(questionIDs: [4, 5], route: .newCluster(name: "Open", description: "Re-clustered from “RFI status”: open")),
        ])
        store.send("\r", effects: [.commit(.recluster(request))]) { s in
            s.split = nil
            s.committing = true
            s.markedClusters = []
        }
    }

    @Test func reclusteringRefusesAParentAmongTheMarks() {
        // Space does not mark a parent, but a script or another view may have.
        var store = TestStore()
        store.state_.markedClusters = [1, 11]
        store.send("s") { $0.status = StatusMessage("“Documents” is a parent: mark the clusters inside it instead", isError: true) }
    }
}
