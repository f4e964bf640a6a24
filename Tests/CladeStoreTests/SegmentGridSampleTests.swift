import CladeCore
import CladeSample
import CladeStore
import Foundation
import Testing

/// The segment grid, the charts' reads and threshold decisions on the bundled sample, through
/// the real store.
@Suite("Segments on the sample")
struct SegmentGridSampleTests {
    static let shipped = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("sample-data").appendingPathComponent(SampleGenerator.fileName).path

    /// A writable copy of the shipped sample in a temporary folder.
    func copy() throws -> (StoreFixtures.TempFolder, String) {
        let folder = try StoreFixtures.TempFolder()
        let path = folder.path("sample.sqlite")
        try FileManager.default.copyItem(atPath: Self.shipped, toPath: path)
        return (folder, path)
    }

    func cells(_ data: Dataset) -> [String: [String]] {
        let grid = SegmentGrid(dataset: data)
        var out: [String: [String]] = [:]
        for cell in grid.allCells { out[cell.segment.code()] = cell.clusterIDs.compactMap { data.cluster($0)?.name } }
        return out
    }

    @Test func plantedFindingsLandWhereThePlaybookPredicts() throws {
        let (folder, path) = try copy()
        _ = folder
        let data = try DatasetLoader.load(try AppDatabase.open(path: path))
        let cells = cells(data)
        // Scheduling: retrieval fine, answers bad — redirect, not a knowledge graph.
        #expect(cells["H·H·L"] == ["Milestones and completion dates", "Crews and look-ahead"])
        // Fiscal-year budgets: the danger zone (a date-normalisation capability).
        #expect(cells["H·L·L"] == ["Fiscal-year budgets"])
        // Weather: tiny, off-topic, not worth fixing — "we don't do that".
        #expect(cells["L·L·L"]?.contains("Weather at the site") == true)
        let weather = try #require(data.clusters.first { $0.name == "Weather at the site" })
        #expect(data.volumeShare(of: weather) < 0.01)
        // The rest of the story, one cluster per odd cell.
        #expect(cells["H·L·H"] == ["Specifications"])
        #expect(cells["L·L·H"] == ["Using the assistant"])
        #expect(cells["L·H·L"] == ["Site logistics and deliveries"])
        #expect(cells["L·H·H"]?.contains("Submittal log exports") == true)
        #expect(cells["?·?·?"] == [])
        #expect(SegmentGrid(dataset: data).order.count == data.leafCount)
    }

    @Test func aThresholdDecisionMovesClustersAtOnceSurvivesReopeningAndUndoes() throws {
        let (folder, path) = try copy()
        _ = folder
        let store = DecisionStore(app: try AppDatabase.open(path: path), reviewer: "ana")
        let record = try store.commit(.setThreshold(key: ThresholdKey.relevanceLow.rawValue, value: "0.6"))
        #expect(record.summary == "Threshold: low relevance below 0.60")
        var cells = cells(try DatasetLoader.load(store.app))
        #expect(cells["L·L·L"]?.contains("Site logistics and deliveries") == true)  // relevance 0.59
        #expect(cells["L·H·L"] == [])
        // Raising the minimum of ratings puts the thinly rated clusters among the unjudged.
        try store.commit(.setThreshold(key: ThresholdKey.minRatings.rawValue, value: "30"))

        let reopened = try DatasetLoader.load(try AppDatabase.open(path: path))
        #expect(reopened.thresholds.relevanceLow == 0.6 && reopened.thresholds.minRatings == 30)
        #expect(reopened.pipelineThresholds == .standard)
        cells = self.cells(reopened)
        #expect(cells["?·?·?"]?.contains("Weather at the site") == true)  // 19 rated rows
        #expect(cells["?·?·?"]?.contains("Using the assistant") == true)  // 26
        #expect(cells["L·L·L"]?.contains("Site logistics and deliveries") == true)

        let again = DecisionStore(app: try AppDatabase.open(path: path), reviewer: "ana")
        try again.undo()
        try again.undo()
        cells = self.cells(try DatasetLoader.load(again.app))
        #expect(cells["L·H·L"] == ["Site logistics and deliveries"])
        #expect(cells["?·?·?"] == [])
    }

    @Test func chartReadsAddUpToTheClustersFigures() throws {
        let (folder, path) = try copy()
        _ = folder
        let app = try AppDatabase.open(path: path)
        let data = try DatasetLoader.load(app)
        for name in ["Fiscal-year budgets", "Drawing search", "Scheduling", "Unclustered"] {
            let c = try #require(data.clusters.first { $0.name == name })
            let charts = try ChartReads.charts(app, ChartQuery(clusterID: c.id, memberIDs: data.memberClusterIDs(of: c.id)))
            #expect(abs(charts.relevanceBins.reduce(0, +) + charts.withoutRelevance - c.stats.volume) < 1e-6, "\(name)")
            #expect(abs(charts.relevanceBins.reduce(0, +) - c.stats.relevanceWeight) < 1e-6, "\(name)")
            #expect(charts.weeks.map(\.volume) == c.weekly, "\(name)")
            #expect(charts.weeks.map(\.start) == data.weekStarts, "\(name)")
            #expect(charts.weeks.reduce(0) { $0 + $1.ratedRows } == c.stats.ratedRows, "\(name)")
            #expect(abs(charts.weeks.reduce(0) { $0 + $1.satisfiedWeight } - c.stats.satisfiedWeight) < 1e-6, "\(name)")
        }
        let fiscal = try #require(data.clusters.first { $0.name == "Fiscal-year budgets" })
        let charts = try ChartReads.charts(app, ChartQuery(clusterID: fiscal.id, memberIDs: [fiscal.id]))
        // Poor relevance: most of its volume sits under the 0.5 threshold.
        let low = charts.relevanceBins.prefix(5).reduce(0, +)
        #expect(low / fiscal.stats.volume > 0.8)
    }

    @Test func worstRatedExamplesAreThumbsDownWithThePoorestRetrievalFirst() throws {
        let (folder, path) = try copy()
        _ = folder
        let app = try AppDatabase.open(path: path)
        let data = try DatasetLoader.load(app)
        let fiscal = try #require(data.clusters.first { $0.name == "Fiscal-year budgets" })
        let examples = try ExampleReads.worstRated(app, memberIDs: [fiscal.id], limit: 5)
        #expect(examples.count == 5)
        #expect(examples.allSatisfy { $0.feedback == -1 })
        let relevance = examples.compactMap(\.relevance)
        #expect(relevance == relevance.sorted())
        #expect(Set(examples.map { $0.text.lowercased() }).count == 5)
    }
}
