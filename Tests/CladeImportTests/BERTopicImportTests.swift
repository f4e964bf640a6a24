import Foundation
import Testing
@testable import CladeImport

@Suite("BERTopic import")
struct BERTopicImportTests {
    static func fixture(_ name: String) -> String { RealData.path("bertopic-banking77/" + name) }

    @Test(.enabled(if: RealData.available))
    func banking77WithTopicsAndHierarchy() throws {
        let result = try BERTopicImporter.read(.init(
            documents: Self.fixture("document_info.csv"), topics: Self.fixture("topic_info.csv"), hierarchy: Self.fixture("hierarchy.csv")
        ))
        let p = result.pipeline
        #expect(p.questions.count == 13083)
        let topics = p.clusters.filter { $0.externalID.flatMap(Int.init).map { $0 < 106 } ?? false }
        #expect(topics.count == 107)
        let parents = p.clusters.count - topics.count
        #expect(parents == 10)
        let outliers = try #require(p.clusters.firstIndex { $0.isOutlier })
        #expect(p.clusters[outliers].name == "Outliers" && p.clusters[outliers].externalID == "-1" && p.clusters[outliers].parent == nil)
        #expect(p.assignments.filter { $0.cluster == outliers }.count == 2212)
        #expect(p.assignments.filter(\.isRepresentative).count == 321)
        #expect(p.assignments.allSatisfy { $0.probability != nil })
        #expect(p.assignments.filter { $0.cluster == outliers }.allSatisfy { $0.probability == 0 })
        let t48 = try #require(p.clusters.first { $0.externalID == "48" })
        #expect(t48.name == "ordered · arrived · week · waiting")
        #expect(t48.keywords.prefix(3) == ["ordered", "arrived", "week"])
        #expect(t48.description.hasPrefix("“Where is my new card? I have been waiting a week!”"))
        #expect(p.questions[0].externalID == "1" && p.questions[0].text == "I am still waiting on my card?")
        // Every topic is under a parent of several topics, or at the top.
        let parentSizes = Dictionary(p.clusters.compactMap(\.parent).map { ($0, 1) }, uniquingKeysWith: +)
        #expect(parentSizes.count == 10 && parentSizes.values.allSatisfy { $0 >= 2 })
        #expect(parentSizes.values.max()! <= 30 && parentSizes.values.reduce(0, +) == 106)

        let folder = TempFolder()
        let db = try writeAndOpen(p, in: folder)
        #expect(try db.int("SELECT COUNT(*) FROM clusters WHERE is_outlier = 1") == 1)
        #expect(try db.maxDepth() == 1)
        #expect(try db.string("SELECT source FROM runs") == "bertopic")
        #expect(try db.string("SELECT value FROM meta WHERE key = 'title'") == "bertopic-banking77")
        #expect(try db.string("SELECT metadata_json FROM questions WHERE question_id = 1") == "{}")
    }

    @Test(.enabled(if: RealData.available))
    func documentsAloneOrWithoutParents() throws {
        let alone = try BERTopicImporter.read(.init(documents: Self.fixture("document_info.csv")))
        #expect(alone.pipeline.clusters.count == 107)
        #expect(alone.pipeline.clusters.allSatisfy { $0.parent == nil })
        let noParents = try BERTopicImporter.read(.init(documents: Self.fixture("document_info.csv"), hierarchy: Self.fixture("hierarchy.csv"), parents: 0))
        #expect(noParents.pipeline.clusters.count == 107)
    }

    @Test func customLabelsWinAndRepresentativesFallBackToTheTopicList() throws {
        let folder = TempFolder()
        let docs = [
            "Document,Topic,Name,CustomName,Representation,Representative_Docs,Probability,feedback",
            #"card late,0,0_card_late_arrive_post,Card delivery,"['card', 'late']","['card late', ""where's my card""]",0.9,up"#,
            #"where's my card,0,0_card_late_arrive_post,Card delivery,"['card', 'late']","['card late', ""where's my card""]",0.8,down"#,
            #"pin blocked,1,1_pin_blocked_code_unblock,,"['pin', 'blocked']",['pin blocked'],0.7,"#,
            #"random words,-1,-1_random_words_misc_stuff,,"['random']",['random words'],0.0,"#,
        ]
        let d = folder.write("docs.csv", docs.joined(separator: "\n") + "\n")
        let topics = [
            "Topic,Count,Name,CustomName,Representation,Representative_Docs,KeyBERT",
            #"-1,1,-1_random_words_misc_stuff,Noise,['random'],['random words'],['x']"#,
            #"0,2,0_card_late_arrive_post,Card delivery,"['card', 'late']",['card late'],['y']"#,
            #"1,1,1_pin_blocked_code_unblock,PIN trouble,"['pin', 'blocked']",['pin blocked'],['z']"#,
        ]
        let t = folder.write("topics.csv", topics.joined(separator: "\n") + "\n")
        let result = try BERTopicImporter.read(.init(documents: d, topics: t, title: "Fixture"))
        let p = result.pipeline
        #expect(p.clusters.map(\.name) == ["Card delivery", "PIN trouble", "Noise"])
        #expect(p.clusters.map(\.isOutlier) == [false, false, true])
        #expect(p.assignments.map(\.isRepresentative) == [true, false, true, true])
        #expect(p.questions.map(\.feedback) == [1, -1, nil, nil])
        #expect(p.meta["title"] == "Fixture")
        let withoutTopics = try BERTopicImporter.read(.init(documents: d))
        #expect(withoutTopics.pipeline.clusters.map(\.name) == ["Card delivery", "pin · blocked · code · unblock", "Outliers"])
        #expect(withoutTopics.pipeline.assignments.map(\.isRepresentative) == [true, true, true, true])
    }
}
