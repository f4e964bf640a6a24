import CladeCore
import CladeStore
import Foundation
import GRDB
import Testing

/// Counts as the list counts them: weighted questions (the sample's rows stand for up to four).
@Suite(.serialized) struct CountsTests {
    @Test func mergePickerCountsWeightedQuestionsAsTheListDoes() throws {
        let app = try SampleApp(width: 120, height: 40)
        app.type("/drawing search<Enter>")
        let drawing = try #require(app.state.selectedCluster)
        #expect(drawing.name == "Drawing search" && drawing.stats.rows != Int(drawing.stats.volume))
        app.type("<Esc>/rfi status<Enter>m")
        let options = try #require(app.state.dialog).options
        var checked = 0
        for option in options {
            guard !option.suggested, case .cluster(let id) = option.value, let c = app.state.dataset.cluster(id) else { continue }  // suggestions give a similarity
            #expect(option.detail.contains("\(Format.volume(c.stats.volume)) questions"), "\(option.label): \(option.detail)")
            if c.stats.isSampled { #expect(!option.detail.contains("\(Format.count(c.stats.rows)) questions")); checked += 1 }
        }
        #expect(checked > 0)
    }

    @Test func movingSampledRowsSaysHowManyQuestionsTheyStandFor() throws {
        let app = try SampleApp(width: 120, height: 40)
        let database = try AppDatabase.open(path: app.path)
        let (ids, target) = try database.writer.read { db -> ([Int64], Int64) in
            let ids = try Int64.fetchAll(db, sql: "SELECT question_id FROM questions WHERE weight = 4 ORDER BY question_id LIMIT 2")
            let target = try Int64.fetchOne(db, sql: "SELECT cluster_id FROM clusters c WHERE c.cluster_id <> 10 AND NOT EXISTS (SELECT 1 FROM clusters k WHERE k.parent_id = c.cluster_id) ORDER BY cluster_id LIMIT 1")
            return (ids, try #require(target))
        }
        #expect(ids.count == 2)
        let record = try DecisionStore(app: database, reviewer: "ana").commit(.move(questions: ids, to: target))
        #expect(record.summary.hasPrefix("Moved 2 questions (\u{2248}8) to \u{201C}"), "\(record.summary)")
        let one = try database.writer.read { db in try Int64.fetchOne(db, sql: "SELECT question_id FROM questions WHERE weight = 1 LIMIT 1") }
        let plain = try DecisionStore(app: database, reviewer: "ana").commit(.move(questions: [try #require(one)], to: target))
        #expect(plain.summary.hasPrefix("Moved 1 question to \u{201C}"), "\(plain.summary)")
    }
}
