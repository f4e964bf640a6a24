import CladeCore
import CladeSample
import CladeStore
import Foundation
import GRDB
import Testing

private let repositoryRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
private let shippedSample = repositoryRoot.appendingPathComponent("sample-data").appendingPathComponent(SampleGenerator.fileName).path

@Suite("SampleData")
struct SampleDataTests {
    // MARK: The shipped file

    /// `REGENERATE_SAMPLE=1 swift test --filter SampleData` rewrites the shipped file first.
    @Test func shippedFileIsWhatTheGeneratorMakes() throws {
        if ProcessInfo.processInfo.environment["REGENERATE_SAMPLE"] == "1" {
            try SampleGenerator.write(to: shippedSample)
        }
        try #require(FileManager.default.fileExists(atPath: shippedSample), "run REGENERATE_SAMPLE=1 swift test --filter SampleData")
        var configuration = Configuration()
        configuration.readonly = true
        let shipped = try DatabaseQueue(path: shippedSample, configuration: configuration)
        let shippedFingerprint = try shipped.read { try SampleGenerator.fingerprint($0) }
        let fresh = try SampleFixture.database.get().read { try SampleGenerator.fingerprint($0) }
        #expect(shippedFingerprint == fresh, "run REGENERATE_SAMPLE=1 swift test --filter SampleData")
        let journalMode = try shipped.read { try String.fetchOne($0, sql: "PRAGMA journal_mode") }
        #expect(journalMode == "delete")
        let size = try FileManager.default.attributesOfItem(atPath: shippedSample)[.size] as? Int ?? .max
        #expect(size < 4_000_000)
    }

    @Test func generationIsDeterministic() throws {
        let other = try DatabaseQueue()
        try other.write { try SampleGenerator.populate($0) }
        let a = try SampleFixture.database.get().read { try SampleGenerator.fingerprint($0) }
        let b = try other.read { try SampleGenerator.fingerprint($0) }
        #expect(a == b)
        #expect(a.hasPrefix("fnv1a64:"))
    }

    @Test func fingerprintNoticesAChange() throws {
        let copy = try DatabaseQueue()
        try copy.write { try SampleGenerator.populate($0) }
        let before = try copy.read { try SampleGenerator.fingerprint($0) }
        try copy.write { try $0.execute(sql: "UPDATE questions SET relevance = relevance + 0.001 WHERE question_id = 77") }
        let after = try copy.read { try SampleGenerator.fingerprint($0) }
        #expect(before != after)
    }

    // MARK: Shape of the data

    @Test func sizesAreInRange() throws {
        try SampleFixture.database.get().read { db in
            let questions = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM questions") ?? 0
            #expect((3000...6000).contains(questions))
            let clusters = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM clusters") ?? 0
            #expect((25...40).contains(clusters))
            let parents = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM clusters c WHERE EXISTS (SELECT 1 FROM clusters k WHERE k.parent_id = c.cluster_id)") ?? 0
            #expect((5...6).contains(parents))
            #expect((25...32).contains(clusters - parents))
            let capabilities = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM capabilities") ?? 0
            #expect((6...10).contains(capabilities))
        }
    }

    @Test func everyClusterIsDescribed() throws {
        try SampleFixture.database.get().read { db in
            for row in try Row.fetchAll(db, sql: "SELECT name, description, keywords_json FROM clusters") {
                let name: String = row["name"]
                let description: String = row["description"]
                let keywords = try JSONDecoder().decode([String].self, from: Data((row["keywords_json"] as String).utf8))
                #expect(!name.isEmpty && !description.isEmpty)
                #expect((5...8).contains(keywords.count), "\(name): \(keywords.count) keywords")
            }
        }
    }

    @Test func everyQuestionHasExactlyOneLeafAssignment() throws {
        try SampleFixture.database.get().read { db in
            let unassigned = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM questions WHERE question_id NOT IN (SELECT question_id FROM assignments)")
            #expect(unassigned == 0)
            let orphans = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM assignments WHERE question_id NOT IN (SELECT question_id FROM questions)")
            #expect(orphans == 0)
            let toParents = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM assignments a WHERE EXISTS (SELECT 1 FROM clusters k WHERE k.parent_id = a.cluster_id)")
            #expect(toParents == 0)
            let ids = try Int.fetchAll(db, sql: "SELECT question_id FROM questions ORDER BY question_id")
            #expect(ids == Array(1...ids.count))
        }
    }

    @Test func everyEmbeddingHas48Floats() throws {
        try SampleFixture.database.get().read { db in
            let questions = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM questions")
            let embeddings = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM question_embeddings WHERE length(vector) = 48 * 4")
            #expect(questions == embeddings)
            #expect(try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'embedding_dim'") == "48")
            // Unit length, as the metadata promises.
            for blob in try Data.fetchAll(db, sql: "SELECT vector FROM question_embeddings WHERE question_id % 97 = 0") {
                let v = SampleFixture.floats(blob)
                let norm = v.reduce(0) { $0 + $1 * $1 }.squareRoot()
                #expect(abs(norm - 1) < 1e-4)
            }
        }
    }

    @Test func metaCarriesTheThresholds() throws {
        try SampleFixture.database.get().read { db in
            let meta = try Dictionary(uniqueKeysWithValues: Row.fetchAll(db, sql: "SELECT key, value FROM meta").map {
                ($0["key"] as String, $0["value"] as String)
            })
            #expect(meta["relevance_metric"] == "cosine")
            #expect(meta["volume_high_share"].flatMap(Double.init) == 0.04)
            #expect(meta["relevance_low"].flatMap(Double.init) == 0.5)
            #expect(meta["satisfaction_low"].flatMap(Double.init) == 0.6)
            #expect(meta["min_ratings"] == "10")
            #expect(meta["embedding_model"] == "synthetic-topic-48")
            #expect(meta["title"]?.isEmpty == false)
            let run = try Row.fetchOne(db, sql: "SELECT * FROM runs")
            #expect(run?["run_id"] == 1)
            #expect(run?["source"] == "native")
            #expect(try Int.fetchOne(db, sql: "PRAGMA application_id") == Int(PipelineSchema.applicationID))
            #expect(try Int.fetchOne(db, sql: "PRAGMA user_version") == Int(PipelineSchema.version))
        }
    }

    @Test func ratedShareIsRealistic() throws {
        try SampleFixture.database.get().read { db in
            let share = try Double.fetchOne(db, sql: "SELECT AVG(feedback IS NOT NULL) FROM questions") ?? 0
            #expect(share >= 0.30 && share <= 0.45, "rated share \(share)")
            let bad = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM questions WHERE feedback NOT IN (-1, 1)")
            #expect(bad == 0)
        }
    }

    @Test func onlyDrawingSearchIsSampled() throws {
        try SampleFixture.database.get().read { db in
            let weights = try Row.fetchAll(db, sql: """
                SELECT c.external_id, MIN(q.weight) AS lo, MAX(q.weight) AS hi
                FROM questions q JOIN assignments a USING (question_id) JOIN clusters c USING (cluster_id)
                WHERE q.weight <> 1 GROUP BY c.external_id
                """)
            #expect(weights.count == 1)
            #expect(weights.first?["external_id"] == "c-drawing-search")
            #expect(weights.first?["lo"] == 4.0 && weights.first?["hi"] == 4.0)
        }
    }

    @Test func textsReadLikeUserQuestions() throws {
        try SampleFixture.database.get().read { db in
            let texts = try String.fetchAll(db, sql: "SELECT text FROM questions")
            let controls = texts.filter { $0.unicodeScalars.contains { $0.properties.generalCategory == .control } }
            #expect(controls.isEmpty)
            #expect(texts.allSatisfy { !$0.isEmpty && $0 == $0.trimmingCharacters(in: .whitespaces) })
            let distinct = Double(Set(texts).count) / Double(texts.count)
            #expect(distinct >= 0.8, "distinct share \(distinct)")
            #expect(texts.contains { $0.contains("é") })
            #expect(texts.contains { $0.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) } })
            #expect(texts.contains { $0.unicodeScalars.contains { $0.properties.isEmojiPresentation } })
        }
    }

    @Test func timestampsFollowTheWorkWeek() throws {
        try SampleFixture.database.get().read { db in
            let stamps = try String.fetchAll(db, sql: "SELECT asked_at FROM questions ORDER BY question_id")
            let pattern = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/
            #expect(stamps.allSatisfy { $0.wholeMatch(of: pattern) != nil })
            #expect(stamps == stamps.sorted(), "ids follow the time asked")
            #expect(stamps.first! >= "2026-09-07" && stamps.last! < "2026-12-01")
            // strftime('%w'): 0 is Sunday.
            let weekend = try Double.fetchOne(db, sql: "SELECT AVG(strftime('%w', asked_at) IN ('0', '6')) FROM questions") ?? 1
            #expect(weekend < 0.1)
            let growth = try Row.fetchOne(db, sql: """
                SELECT SUM(q.asked_at < '2026-10-05') AS early, SUM(q.asked_at >= '2026-11-02') AS late
                FROM questions q JOIN assignments a USING (question_id) JOIN clusters c USING (cluster_id)
                WHERE c.parent_id = (SELECT cluster_id FROM clusters WHERE external_id = 'c-scheduling')
                """)
            let early: Int = growth?["early"] ?? 0
            let late: Int = growth?["late"] ?? 0
            #expect(Double(late) > 1.5 * Double(early), "scheduling grows: \(early) → \(late)")
        }
    }

    @Test func capabilitiesSpreadAcrossTopics() throws {
        try SampleFixture.database.get().read { db in
            let spread = try Row.fetchAll(db, sql: """
                SELECT qc.capability_id, COUNT(DISTINCT a.cluster_id) AS leaves, COUNT(*) AS rows
                FROM question_capabilities qc JOIN assignments a USING (question_id)
                GROUP BY qc.capability_id ORDER BY qc.capability_id
                """)
            let capabilities = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM capabilities")
            #expect(spread.count == capabilities)
            for row in spread {
                #expect((row["leaves"] as Int) >= 2, "capability \(row["capability_id"] as Int) in one topic only")
            }
        }
    }

    // MARK: The story

    @Test func everyLeafLandsInItsSegment() throws {
        let story = try SampleStoryFigures.load()
        let expected: [String: String] = [
            "c-drawing-search": "H·H·H", "c-drawing-counts-revisions": "H·H·H", "c-specifications": "H·L·H",
            "c-rfi-status": "H·H·H", "c-open-rfis": "L·H·H", "c-submittals": "L·H·H", "c-submittal-log-exports": "L·H·H",
            "c-contract-terms": "L·H·H", "c-change-orders": "L·H·H", "c-daily-reports": "L·H·H",
            "c-milestone-dates": "H·H·L", "c-crew-lookahead": "H·H·L",
            "c-budget-vs-actual": "H·H·H", "c-unit-rates": "L·H·H", "c-invoices": "L·H·H", "c-cost-comparison": "L·H·H",
            "c-fiscal-year-budgets": "H·L·L",
            "c-safety-plans": "L·H·H", "c-permits-inspections": "L·H·H", "c-code-requirements": "L·H·H",
            "c-incident-reports": "L·H·H",
            "c-contacts": "L·H·H", "c-site-logistics": "L·H·L", "c-equipment-rentals": "L·H·H",
            "c-assistant-help": "L·L·H", "c-summaries": "L·H·H",
            "c-weather": "L·L·L", "c-unclustered": "L·L·L",
        ]
        #expect(Set(story.leaves.map(\.externalID)) == Set(expected.keys))
        for leaf in story.leaves {
            #expect(story.segment(leaf).code() == expected[leaf.externalID], "\(leaf.externalID)")
            // Far enough from every threshold that no rounding can move it.
            let share = story.share(leaf)
            #expect(abs(share - story.thresholds.volumeHighShare) > 0.003, "\(leaf.externalID) volume \(share)")
            #expect(abs(leaf.stats.meanRelevance! - story.thresholds.relevanceLow) > 0.04, "\(leaf.externalID)")
            #expect(abs(leaf.stats.satisfaction! - story.thresholds.satisfactionLow) > 0.06, "\(leaf.externalID)")
            #expect(leaf.stats.ratedRows >= story.thresholds.minRatings * 3 / 2, "\(leaf.externalID)")
        }
    }

    @Test func schedulingIsAnsweredBadly() throws {
        let story = try SampleStoryFigures.load()
        let leaves = story.children(of: "c-scheduling")
        #expect((1...3).contains(leaves.count))
        for leaf in leaves {
            #expect(story.segment(leaf).code() == "H·H·L")
        }
        let parent = story.total(of: "c-scheduling")
        #expect((0.07...0.10).contains(story.share(parent)))
        #expect((0.18...0.32).contains(parent.satisfaction ?? 1))
    }

    @Test func fiscalYearIsTheDangerZone() throws {
        let story = try SampleStoryFigures.load()
        let fiscal = try #require(story.leaf("c-fiscal-year-budgets"))
        #expect(story.segment(fiscal).isDangerZone)
        #expect(fiscal.stats.meanRelevance! < 0.45)
        try SampleFixture.database.get().read { db in
            let november = try Double.fetchOne(db, sql: """
                SELECT AVG(q.asked_at >= '2026-11-01') FROM questions q JOIN assignments a USING (question_id)
                WHERE a.cluster_id = ?
                """, arguments: [fiscal.id]) ?? 0
            #expect(november > 0.6, "asked in November: \(november)")
            let untagged = try Int.fetchOne(db, sql: """
                SELECT COUNT(*) FROM assignments a WHERE a.cluster_id = ? AND NOT EXISTS (
                    SELECT 1 FROM question_capabilities qc JOIN capabilities c USING (capability_id)
                    WHERE qc.question_id = a.question_id AND c.name = 'Fiscal-year dates')
                """, arguments: [fiscal.id])
            #expect(untagged == 0)
        }
    }

    @Test func weatherIsTinyAndOffTopic() throws {
        let story = try SampleStoryFigures.load()
        let weather = try #require(story.leaf("c-weather"))
        #expect(story.segment(weather).code() == "L·L·L")
        #expect(story.share(weather) < 0.01)
    }

    @Test func parentFiguresEchoTheEngagement() throws {
        let story = try SampleStoryFigures.load()
        let documents = story.total(of: "c-document-search")
        #expect((0.45...0.55).contains(story.share(documents)))
        #expect((0.65...0.75).contains(documents.satisfaction ?? 0))
        let costLookups = story.children(of: "c-cost-budget").filter { $0.externalID != "c-fiscal-year-budgets" }
            .reduce(ClusterStats.zero) { $0 + $1.stats }
        #expect((0.12...0.17).contains(story.share(costLookups)))
        #expect((0.76...0.86).contains(costLookups.satisfaction ?? 0))
        let compliance = story.total(of: "c-compliance-safety")
        #expect((0.10...0.14).contains(story.share(compliance)))
        #expect((0.73...0.83).contains(compliance.satisfaction ?? 0))
        let other = story.leaves.filter { ["c-other", nil].contains(story.parentExternalID(of: $0)) }
            .reduce(ClusterStats.zero) { $0 + $1.stats }
        #expect((0.11...0.16).contains(story.share(other)))
    }

    @Test func duplicatesAreTheNearestPair() throws {
        let centroids = try SampleFixture.leafCentroids()
        var pairs: [(a: String, b: String, cosine: Double)] = []
        for i in centroids.indices {
            for j in centroids.indices where j > i {
                pairs.append((centroids[i].key, centroids[j].key, SampleFixture.cosine(centroids[i].centroid, centroids[j].centroid)))
            }
        }
        pairs.sort { $0.cosine > $1.cosine }
        #expect(Set([pairs[0].a, pairs[0].b]) == ["c-rfi-status", "c-open-rfis"])
        #expect(pairs[0].cosine - pairs[1].cosine > 0.15, "nearest \(pairs[0].cosine), next \(pairs[1])")

        try SampleFixture.database.get().read { db in
            let keywords = try String.fetchAll(db, sql: """
                SELECT keywords_json FROM clusters WHERE external_id IN ('c-rfi-status', 'c-open-rfis')
                """).map { Set(try JSONDecoder().decode([String].self, from: Data($0.utf8))) }
            #expect(keywords.count == 2 && keywords[0].intersection(keywords[1]).count >= 3)
        }
    }

    /// Without running k-means: the over-broad cluster's known intents form well-separated groups.
    @Test func overBroadClusterHoldsSeparateIntents() throws {
        let groups = try SampleFixture.database.get().read { db in
            try Row.fetchAll(db, sql: """
                SELECT json_extract(q.metadata_json, '$.intent') AS intent, e.vector
                FROM questions q JOIN assignments a USING (question_id) JOIN clusters c USING (cluster_id)
                JOIN question_embeddings e USING (question_id)
                WHERE c.external_id = 'c-drawing-counts-revisions' ORDER BY q.question_id
                """).map { ($0["intent"] as String, SampleFixture.floats($0["vector"] as Data)) }
        }
        let intents = Array(Set(groups.map(\.0))).sorted()
        #expect((2...3).contains(intents.count))
        let centroids = intents.map { intent in SampleFixture.mean(groups.filter { $0.0 == intent }.map(\.1)) }
        for i in centroids.indices {
            for j in centroids.indices where j > i {
                #expect(SampleFixture.cosine(centroids[i], centroids[j]) < 0.5, "\(intents[i]) vs \(intents[j])")
            }
        }
        let nearestOwn = groups.filter { group in
            let own = intents.firstIndex(of: group.0)!
            let best = centroids.indices.max { SampleFixture.cosine(group.1, centroids[$0]) < SampleFixture.cosine(group.1, centroids[$1]) }
            return best == own
        }
        #expect(Double(nearestOwn.count) / Double(groups.count) > 0.97)
        // The split matters: one intent is answered well, the other badly.
        let satisfaction = try SampleFixture.database.get().read { db in
            try Row.fetchAll(db, sql: """
                SELECT json_extract(q.metadata_json, '$.intent') AS intent, AVG(q.feedback = 1) AS satisfied
                FROM questions q JOIN assignments a USING (question_id) JOIN clusters c USING (cluster_id)
                WHERE c.external_id = 'c-drawing-counts-revisions' AND q.feedback IS NOT NULL GROUP BY intent
                """).map { $0["satisfied"] as Double }
        }
        #expect(satisfaction.min()! < 0.6 && satisfaction.max()! > 0.6)
    }
}
