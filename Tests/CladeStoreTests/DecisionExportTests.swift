import CladeCore
import CladeStore
import Foundation
import Testing

@Suite struct DecisionExportTests {
    @Test func exportGivesTheLogAndShapesAPipelineCanApply() throws {
        let tmp = try StoreFixtures.TempFolder()
        let path = tmp.path("db.sqlite")
        try StoreFixtures.writeDatabase(at: path)
        let app = try AppDatabase.open(path: path)
        let store = DecisionStore(app: app, reviewer: "ana")
        try store.commit(.relabel(20, name: "Weather (out of scope)", description: nil))
        try store.commit(.merge(sources: [11], into: 10, name: nil))
        try store.commit(.move(questions: [5], to: 10), note: "asked about RFIs really")
        try store.commit(.setPriority(10, 1))
        try store.undo()

        let e = try DecisionExport.make(app, since: nil, consumer: nil)
        #expect(e.decisions.map(\.op) == ["relabel", "merge", "move", "set_priority", "undo"])
        #expect(e.decisions[2].note == "asked about RFIs really" && e.decisions[4].undoes == 4)
        #expect(e.bertopic.customLabels == ["20": "Weather (out of scope)"])
        #expect(e.bertopic.topicsToMerge == [[10, 11]])
        #expect(e.reassignments.map(\.questionID) == [3, 4, 5])  // 3, 4 by the merge; 5 moved
        #expect(e.reassignments.allSatisfy { $0.reviewedClusterID == 10 })
        let open = try #require(e.clusters.first { $0.clusterID == 11 })
        #expect(open.status == .merged && open.survivor == 10)
        #expect(e.clusters.first { $0.clusterID == 10 }?.priority == nil)
        let json = try e.json()
        #expect(json.contains("\"topics_to_merge\"") && json.contains("\"summary\" : \"Merged"))

        // A consumer takes only what is new.
        let first = try DecisionExport.make(app, since: nil, consumer: "bertopic")
        #expect(first.decisions.count == 5)
        try ConsumerCursor.acknowledge(app, consumer: "bertopic", through: first.through)
        try store.commit(.setReviewed(10, true))
        let second = try DecisionExport.make(app, since: nil, consumer: "bertopic")
        #expect(second.decisions.map(\.decisionID) == [6] && second.since == 5)
        let since = try DecisionExport.make(app, since: 3, consumer: nil)
        #expect(since.decisions.map(\.decisionID) == [4, 5, 6])
    }
}
