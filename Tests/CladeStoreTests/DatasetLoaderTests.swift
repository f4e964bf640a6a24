import CladeCore
import CladeStore
import GRDB
import Testing

@Suite struct DatasetLoaderTests {
    @Test func weightedStatisticsRollUpToParents() throws {
        let app = try AppDatabase.inMemory(populate: StoreFixtures.populate)
        let d = try DatasetLoader.load(app)
        #expect(d.title == "Tiny" && d.thresholds.volumeHighShare == 0.3 && d.thresholds.minRatings == 1)
        #expect(d.total.rows == 6 && d.total.volume == 9)
        let open = d.cluster(11)!
        #expect(open.stats.volume == 5 && open.stats.isSampled)
        #expect(abs(open.stats.meanRelevance! - 0.7) < 1e-9)  // question 4 has no relevance
        #expect(open.stats.satisfaction == 1)
        let docs = d.cluster(1)!
        #expect(docs.stats.rows == 4 && docs.stats.volume == 7)
        #expect(d.segment(of: d.cluster(20)!).code() == "L·L·L")
        #expect(docs.capabilityVolume[2] == 5)
        #expect(d.capabilities.map(\.name) == ["relative dates", "status lookup"])
        #expect(d.capabilities[1].volume == 5 && d.capabilities[1].rows == 2)
    }

    @Test func weeklyVolumeStartsOnMonday() throws {
        let app = try AppDatabase.inMemory(populate: StoreFixtures.populate)
        let d = try DatasetLoader.load(app)
        #expect(d.weekStarts == ["2026-01-05", "2026-01-12", "2026-01-19"])
        #expect(d.cluster(10)!.weekly == [2, 0, 0])
        #expect(d.cluster(11)!.weekly == [0, 5, 0])
        #expect(d.cluster(1)!.weekly == [2, 5, 0])
    }

    @Test func reviewerStateIsApplied() throws {
        let app = try AppDatabase.inMemory(populate: StoreFixtures.populate)
        try app.writer.write { db in
            try db.execute(sql: """
                INSERT INTO clade_cluster_state (cluster_id, run_id, name, priority, reviewed, status, merged_into)
                VALUES (10, 1, 'RFI status', 1, 1, 'active', NULL), (11, 1, NULL, NULL, 0, 'merged', 10);
                INSERT INTO clade_cluster_state (cluster_id, run_id, origin, parent_id, name, status) VALUES (-1, 1, 'expert', NULL, 'Rain', 'active');
                INSERT INTO clade_assignment_override VALUES (5, -1, 1);
                INSERT INTO clade_settings VALUES ('min_ratings', '5');
                """)
            // Written behind the decision store's back: the cached figures no longer hold.
            try StatsCache.invalidate(db)
        }
        let d = try DatasetLoader.load(app)
        #expect(d.cluster(11) == nil)
        let rfi = d.cluster(10)!
        #expect(rfi.name == "RFI status" && rfi.priority == 1 && rfi.reviewed)
        #expect(rfi.stats.rows == 4 && rfi.stats.volume == 7)
        #expect(d.absorbed[10] == [11])
        #expect(d.memberClusterIDs(of: 10) == [10, 11])
        #expect(d.cluster(-1)!.isExpert && d.cluster(-1)!.stats.rows == 1)
        #expect(d.cluster(20)!.stats.rows == 1)
        #expect(d.thresholds.minRatings == 5)
    }

    @Test func cachedFiguresFollowDecisionsAndEqualARecomputation() throws {
        let app = try AppDatabase.inMemory(populate: StoreFixtures.populate)
        let store = DecisionStore(app: app, reviewer: "t")
        try store.commit(.move(questions: [5, 3], to: 10))
        try store.commit(.split(10, parts: [SplitPart(name: "x", questionIDs: [1, 5])]))
        try store.undo()
        let cached = try DatasetLoader.load(app)
        try app.writer.write { try StatsCache.invalidate($0) }
        let fresh = try DatasetLoader.load(app)
        // Sums kept incrementally may differ from a recomputation in the last bits of a double.
        func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) < 1e-9 }
        for (c, f) in zip(cached.clusters, fresh.clusters) {
            #expect(c.stats.rows == f.stats.rows && c.stats.ratedRows == f.stats.ratedRows && c.stats.sampledRows == f.stats.sampledRows)
            #expect(close(c.stats.volume, f.stats.volume) && close(c.stats.relevanceSum, f.stats.relevanceSum)
                && close(c.stats.relevanceWeight, f.stats.relevanceWeight) && close(c.stats.satisfiedWeight, f.stats.satisfiedWeight))
            #expect(c.weekly.count == f.weekly.count && zip(c.weekly, f.weekly).allSatisfy { close($0, $1) })
            #expect(Set(c.capabilityVolume.keys) == Set(f.capabilityVolume.keys))
        }
        #expect(cached.cluster(10)?.stats.rows == 4)
    }

    @Test func questionPagesFollowTheirOrder() throws {
        let app = try AppDatabase.inMemory(populate: StoreFixtures.populate)
        let tenTen = try QuestionReads.page(app, QuestionQuery(clusterID: 1, memberIDs: [1, 10, 11], order: .tenTen))
        #expect(tenTen.rows.map(\.id) == [2, 4, 1, 3])  // thumbs-down, thumbs-up (newest first), then the rest
        #expect(tenTen.total == 4 && !tenTen.hasMore)
        let worst = try QuestionReads.page(app, QuestionQuery(clusterID: 1, memberIDs: [10, 11], order: .worstRelevance))
        #expect(worst.rows.map(\.id) == [2, 3, 1, 4])
        let filtered = try QuestionReads.page(app, QuestionQuery(clusterID: 1, memberIDs: [10, 11], order: .newest, filter: "OPEN"))
        #expect(filtered.rows.map(\.id) == [4, 3] && filtered.total == 2)
        let paged = try QuestionReads.page(app, QuestionQuery(clusterID: 1, memberIDs: [10, 11], order: .oldest, offset: 1, limit: 2))
        #expect(paged.rows.map(\.id) == [2, 3] && paged.hasMore)
        let literal = try QuestionReads.page(app, QuestionQuery(clusterID: 1, memberIDs: [10, 11], order: .newest, filter: "%"))
        #expect(literal.rows.isEmpty)
    }
}
