import CladeCore
@testable import CladeStore
import Foundation
import GRDB
import Testing

/// The loop back to the pipeline at store level: cursors acknowledged after applying, carry-forward
/// onto a run written with SQL, scripted decisions, and the export shapes BERTopic, Kura and
/// everyone else apply as they are.
@Suite struct PipelineLoopTests {
    /// Run 2 written the way a pipeline's own SQL job would: the same questions (new ids, same
    /// texts), question 1 alone in a new cluster 40, the rest as before (ids + 100).
    static let secondRun = """
        INSERT INTO runs VALUES (2, '2026-02-01T00:00:00Z', 'my-sql-job', '{}', 1);
        INSERT INTO clusters (cluster_id, run_id, parent_id, name, description, keywords_json) VALUES
            (101, 2, NULL, 'Docs', '', '[]'), (110, 2, 101, 'RFIs', '', '[]'), (111, 2, 101, 'Open RFIs', '', '[]'),
            (120, 2, NULL, 'Weather', '', '[]'), (140, 2, 101, 'RFI numbers', '', '[]');
        INSERT INTO questions (question_id, run_id, text, asked_at, relevance, feedback, weight)
            SELECT question_id + 100, 2, text, asked_at, relevance, feedback, weight FROM questions WHERE run_id = 1;
        INSERT INTO assignments (question_id, cluster_id) VALUES (101, 140), (102, 110), (103, 111), (104, 111), (105, 120), (106, 120);
        """

    func reviewed(_ tmp: StoreFixtures.TempFolder) throws -> (String, AppDatabase) {
        let path = tmp.path("db.sqlite")
        try StoreFixtures.writeDatabase(at: path)
        let app = try AppDatabase.open(path: path)
        let store = DecisionStore(app: app, reviewer: "ana")
        try store.commit(.split(10, parts: [SplitPart(name: "RFI by number", questionIDs: [1])]))
        try store.commit(.relabel(20, name: "Weather (out of scope)", description: nil))
        try store.commit(.merge(sources: [11], into: 10, name: nil))
        return (path, app)
    }

    @Test func readingNeverMovesTheCursorAndAckRefusesBackwardsAndPastTheLog() throws {
        let tmp = try StoreFixtures.TempFolder()
        let (_, app) = try reviewed(tmp)
        let first = try DecisionExport.make(app, since: nil, consumer: "etl")
        #expect(first.decisions.count == 3 && first.through == 3)
        // Crash before the ack: the same decisions again.
        let again = try DecisionExport.make(app, since: nil, consumer: "etl")
        #expect(again.decisions.map(\.decisionID) == [1, 2, 3])
        try ConsumerCursor.acknowledge(app, consumer: "etl", through: again.through)
        #expect(try DecisionExport.make(app, since: nil, consumer: "etl").decisions.isEmpty)
        // The same ack again is harmless; backwards and past the log are refused.
        #expect(try ConsumerCursor.acknowledge(app, consumer: "etl", through: 3).previous == 3)
        #expect(throws: DecisionStore.Refused.self) { try ConsumerCursor.acknowledge(app, consumer: "etl", through: 2) }
        #expect(throws: DecisionStore.Refused.self) { try ConsumerCursor.acknowledge(app, consumer: "etl", through: 4) }
        #expect(throws: DecisionStore.Refused.self) { try ConsumerCursor.acknowledge(app, consumer: " ", through: 1) }
        #expect(try app.writer.read { try ConsumerCursor.position($0, consumer: "etl") } == 3)
        // JSONL says the same through.
        let stream = try AssignmentStream.run(app, consumer: "other", header: { _ in }, line: { _ in })
        #expect(stream.header.through == 3 && stream.header.since == 0 && stream.questions == 6)
    }

    @Test func carryForwardOntoARunWrittenWithSQLKeepsTheConceptOfAReproducedSplit() throws {
        let tmp = try StoreFixtures.TempFolder()
        let (path, app) = try reviewed(tmp)
        #expect(throws: DecisionStore.Refused.self) { try CarryForwardStep.run(app, from: nil, to: nil) }  // one run
        try DecisionStore(app: app, reviewer: "ana").commit(.setPriority(20, 1))  // decision 4, after the relabel (2)
        try app.writer.write { try $0.execute(sql: Self.secondRun) }

        let dry = try CarryForwardStep.run(app, from: nil, to: nil, dryRun: true)
        #expect(dry.fromRun == 1 && dry.toRun == 2 && !dry.items.isEmpty)
        #expect(try app.writer.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM clade_decisions WHERE run_id = 2") } == 0)

        let report = try CarryForwardStep.run(app, from: nil, to: nil)
        let split = try #require(report.items.first { $0.what == .split })
        #expect(split.status == .already && split.newClusterID == 140)
        #expect(report.notCarried.isEmpty)
        // Each item cites the decision that set it, not the cluster's latest.
        let sources = Dictionary(report.items.map { ("\($0.what.rawValue) \($0.oldClusterID ?? 0)", $0.sourceDecisionID) }, uniquingKeysWith: { a, _ in a })
        #expect(sources["split \(CladeIDs.ceiling)"] == 1 && sources["label 20"] == 2 && sources["merge 11"] == 3 && sources["priority 20"] == 4, "\(sources)")
        #expect(throws: DecisionStore.Refused.self) { try CarryForwardStep.run(app, from: 1, to: 2) }  // done already
        #expect(throws: DecisionStore.Refused.self) { try CarryForwardStep.run(app, from: 2, to: 1) }
        #expect(throws: DecisionStore.Refused.self) { try CarryForwardStep.run(app, from: 1, to: 7) }

        let reopened = try AppDatabase.open(path: path)
        let e = try DecisionExport.make(reopened, since: nil, consumer: nil)
        let reproduced = try #require(e.clusters.first { $0.clusterID == 140 })
        #expect(reproduced.conceptID == "clade:1:\(CladeIDs.ceiling)" && reproduced.label == "RFI by number")
        #expect(e.clusters.first { $0.clusterID == 120 }?.label == "Weather (out of scope)")
        #expect(e.clusters.first { $0.clusterID == 111 }?.status == .merged)
        #expect(e.clusters.first { $0.clusterID == 110 }?.conceptID == "pipeline:110")
        // The reproduced concept is now a pipeline topic with the reviewer's name, not a new topic.
        #expect(e.expertClusters.isEmpty && e.bertopic.newTopics.isEmpty)
        #expect(e.bertopic.customLabels["140"] == "RFI by number")
    }

    @Test func aRunWithDecisionsOfItsOwnIsNotCarriedOnto() throws {
        let tmp = try StoreFixtures.TempFolder()
        let (_, app) = try reviewed(tmp)
        try app.writer.write { try $0.execute(sql: Self.secondRun) }
        try DecisionStore(app: app, reviewer: "bo").commit(.setPriority(110, 1))
        #expect(throws: DecisionStore.Refused.self) { try CarryForwardStep.run(app, from: nil, to: nil) }
    }

    @Test func bertopicShapesUseIntegerPipelineTopicsOnly() throws {
        let tmp = try StoreFixtures.TempFolder()
        let (_, app) = try reviewed(tmp)
        try DecisionStore(app: app, reviewer: "ana").commit(.relabel(1, name: "Documents", description: nil))  // a parent
        try DecisionStore(app: app, reviewer: "ana").commit(.relabel(CladeIDs.ceiling, name: "RFI numbers", description: nil))
        let e = try DecisionExport.make(app, since: nil, consumer: nil)
        #expect(e.bertopic.customLabels == ["20": "Weather (out of scope)"])  // not the split-off cluster, not parent 1
        #expect(e.bertopic.topicsToMerge == [[10, 11]])
        let new = try #require(e.bertopic.newTopics.first)
        #expect(new.questionIDs == [1] && new.proposedTopic == 21 && new.label == "RFI numbers" && new.conceptID == "clade:1:\(CladeIDs.ceiling)")
        let x = try #require(e.expertClusters.first)
        #expect(x.sourceClusterIDs == [10] && x.memberQuestionIDs == [1] && x.rule.kind == "keywords" && x.centroid == nil)
        #expect(e.reassignments.map(\.questionID) == [1, 3, 4])
        // A split-off cluster never renames BERTopic's outlier topic; integer keys only.
        #expect(e.bertopic.customLabels.keys.allSatisfy { Int($0) != nil && Int($0)! >= 0 })
        let json = try e.json()
        #expect(json.contains("\"topics_to_merge\" : [\n      [\n        10,"))

        var lines: [QuestionLine] = []
        try AssignmentStream.run(app, changedOnly: true, header: { _ in }, line: { lines.append($0) })
        #expect(lines.map(\.questionID) == [1, 3, 4])
        #expect(lines[0].topic == 21 && lines[0].conceptID == "clade:1:\(CladeIDs.ceiling)" && lines[1].status == "merged" && lines[1].reviewedClusterID == 10)

        let kura = try KuraCheckpoint.lines(app)
        let decoded = try kura.map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
        let byName = Dictionary(uniqueKeysWithValues: decoded.map { ($0["name"] as! String, $0) })
        #expect(Set(byName.keys) == ["RFIs", "Weather (out of scope)", "RFI numbers", "Documents"])
        #expect((byName["RFIs"]?["chat_ids"] as? [String]) == ["2", "3", "4"] && (byName["RFIs"]?["count"] as? Int) == 3)
        #expect((byName["Documents"]?["chat_ids"] as? [String])?.count == 4)
        #expect(byName["RFI numbers"]?["parent_id"] as? String == "pipeline:1" && byName["RFI numbers"]?["slug"] as? String == "rfi_numbers")
    }

    @Test func scriptedDecisionsStopAtTheFirstRefusedLineOrWriteNothingWhenAtomic() throws {
        let tmp = try StoreFixtures.TempFolder()
        let path = tmp.path("db.sqlite")
        try StoreFixtures.writeDatabase(at: path)
        let app = try AppDatabase.open(path: path)
        func count() throws -> Int { try app.writer.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM clade_decisions") ?? 0 } }

        for (text, reason) in [
            ("{\"op\":\"relabel\"", "not valid JSON"), ("[1]", "expected a JSON object"), ("{\"op\":\"explode\"}", "unknown op"),
            ("{\"op\":\"relabel\",\"cluster_id\":10,\"nme\":\"x\"}", "takes no field \"nme\""),
            ("{\"op\":\"relabel\",\"cluster_id\":\"10\",\"name\":\"x\"}", "must be an integer"),
            ("{\"op\":\"priority\",\"cluster_id\":10,\"priority\":7}", "0–3"),
            ("{\"op\":\"split\",\"cluster_id\":10,\"question_ids\":[],\"name\":\"x\"}", "is empty"),
        ] {
            #expect(throws: ScriptedDecision.LineError.self) { try ScriptedApply.parse("{\"op\":\"note\",\"cluster_id\":10,\"note\":\"ok\"}\n" + text) }
            do { _ = try ScriptedApply.parse(text) } catch { #expect(error.reason.contains(reason), "\(text): \(error.reason)") }
        }

        let script = try ScriptedApply.parse("""
            {"op":"relabel","cluster_id":20,"name":"Weather"}
            {"op":"priority","cluster_id":10,"priority":"P1","note":"from the triage sheet"}

            {"op":"move","question_ids":[5, 999],"into":10}
            {"op":"reviewed","cluster_id":10}
            """)
        #expect(script.map(\.line) == [1, 2, 4, 5])
        let atomic = try ScriptedApply.run(app, decisions: script, reviewer: "script", atomic: true, dryRun: false)
        var n = try count()
        #expect(atomic.failure?.line == 4 && atomic.failure!.reason.contains("999") && atomic.rolledBack && n == 0)
        let dry = try ScriptedApply.run(app, decisions: Array(script.prefix(2)), reviewer: "script", atomic: false, dryRun: true)
        n = try count()
        #expect(dry.failure == nil && dry.applied.count == 2 && n == 0)
        let partial = try ScriptedApply.run(app, decisions: script, reviewer: "script", atomic: false, dryRun: false)
        n = try count()
        #expect(partial.applied.map(\.line) == [1, 2] && partial.failure?.line == 4 && n == 2)
        let log = try DecisionExport.make(app, since: nil, consumer: nil).decisions
        #expect(log.map(\.op) == ["relabel", "set_priority"] && log[1].note == "from the triage sheet" && log[0].reviewer == "script")

        // Ids of another run, a merged cluster: refused by the planner's own rules, by line.
        let more = try ScriptedApply.parse("""
            {"op":"merge","cluster_ids":[10,11]}
            {"op":"relabel","cluster_id":11,"name":"x"}
            {"op":"split","cluster_id":11,"question_ids":[3],"name":"y"}
            """)
        let out = try ScriptedApply.run(app, decisions: more, reviewer: "script", atomic: false, dryRun: false)
        // A relabel of the merged-away cluster is refused too (issue 16, item 11: never saved against an invisible cluster).
        #expect(out.applied.count == 1 && out.failure?.line == 2 && out.failure!.reason.contains("merged away"))
    }
}

@Suite struct AssignmentLineTests {
    /// The hand-written JSON Lines encode exactly what JSONEncoder would decode back.
    @Test func questionLinesRoundTripAwkwardText() throws {
        for label in ["plain", "quote \" and \\ backslash", "line\nbreak\ttab\r", "bell \u{07} and \u{1F}", "émoji 🧾 and \u{2028}"] {
            let q = QuestionLine(questionID: 7, externalID: label.isEmpty ? nil : "x\"\(label)", pipelineClusterID: 3, reviewedClusterID: -2,
                                 conceptID: "clade:1:-2", label: label, status: "active", topic: nil)
            let line = AssignmentStream.Lines.question(q)
            #expect(!line.contains("\n"))
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            #expect(object["label"] as? String == label && object["external_id"] as? String == "x\"\(label)" && object["kind"] as? String == "question")
            #expect(object["topic"] is NSNull && object["reviewed_cluster_id"] as? Int == -2)
            #expect(try JSONDecoder().decode(QuestionLine.self, from: Data(line.utf8)) == q)
        }
    }
}
