@testable import CladeCore
@testable import CladeUI
import Testing

/// The title bar's queue segment while the queue is streamed: computing, then the open proposals
/// known so far and how far the re-cuts are, then the count.
@Suite struct QueueHeaderTests {
    static let merge = QueueProposal(kind: .merge(source: 12, into: 11), improvement: 90, title: "Merge “Open RFIs” into “RFI status”", evidence: "near-duplicates")

    @Test func aPartialQueueSaysHowFarTheRecutsAre() {
        var q = QueueState()
        q.request = 1
        q.phase = .computing(1)
        #expect(QueueView.headerSegment(q) == "queue: computing…")
        q.proposals = [Self.merge]
        q.answered = 1
        q.progress = QueueProgress(checked: 3, total: 24)
        #expect(QueueView.headerSegment(q) == "queue 1 · re-cuts 3/24…")
        #expect(QueueView.summary(q).contains("1 open so far · checking re-cuts 3/24…"))
        // A newer request: the proposals shown are the older one's, so it is computing again.
        q.request = 2
        q.phase = .computing(2)
        #expect(QueueView.headerSegment(q) == "queue: computing…")
        q.phase = .ready
        q.answered = 2
        q.progress = nil
        #expect(QueueView.headerSegment(q) == "queue 1")
    }
}
