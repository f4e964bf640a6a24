import CladeCore
import CladeStore
import Foundation
import GRDB
@testable import CladeImport

/// Two runs of a small pipeline over the same questions: the reviewed one and a perturbed re-run
/// (other cluster ids and names, one question dropped and one added, one cluster dissolved).
enum ReimportFixtures {
    /// Question ids and texts: `q-a-1` "alpha question 1"…
    static func question(_ topic: String, _ i: Int) -> ImportedPipeline.Question {
        let words = ["a": "alpha", "b": "bravo", "c": "charlie", "d": "delta", "e": "echo", "f": "foxtrot", "g": "golf", "h": "hotel"]
        return .init(externalID: "q-\(topic)-\(i)", text: "\(words[topic]!) question \(i)", askedAt: "2026-03-\(String(format: "%02d", i))T10:00:00Z",
                     relevance: 0.5, feedback: i % 2 == 0 ? 1 : -1)
    }

    struct Spec {
        var name: String
        var parent: String?
        var members: [(String, Int)]
    }

    static func pipeline(_ specs: [Spec], parents: [String], capabilities: [String], tags: [(String, Int, String)], source: String = "test") -> ImportedPipeline {
        var p = ImportedPipeline(source: source, params: .object([]), meta: [PipelineSchema.MetaKey.title: "Re-import"])
        p.capabilities = capabilities
        for name in parents { p.clusters.append(.init(externalID: name, name: name)) }
        var index: [String: Int] = [:]
        for spec in specs {
            p.clusters.append(.init(externalID: spec.name, name: spec.name, description: "pipeline's \(spec.name)", parent: spec.parent.flatMap { parents.firstIndex(of: $0) }))
            let cluster = p.clusters.count - 1
            for (topic, i) in spec.members {
                index["\(topic)\(i)"] = p.questions.count
                p.assignments.append(.init(question: p.questions.count, cluster: cluster))
                p.questions.append(question(topic, i))
            }
        }
        for (topic, i, capability) in tags {
            p.questionCapabilities.append((index["\(topic)\(i)"]!, capabilities.firstIndex(of: capability)!))
        }
        return p
    }

    static func range(_ topic: String, _ r: ClosedRange<Int>) -> [(String, Int)] { r.map { (topic, $0) } }

    /// Run 1: P1 ⊃ A, B, C; P2 ⊃ D, E; F and G at the top; ten questions each.
    static var reviewed: ImportedPipeline {
        pipeline([
            Spec(name: "A", parent: "P1", members: range("a", 1...10)),
            Spec(name: "B", parent: "P1", members: range("b", 1...10)),
            Spec(name: "C", parent: "P1", members: range("c", 1...10)),
            Spec(name: "D", parent: "P2", members: range("d", 1...10)),
            Spec(name: "E", parent: "P2", members: range("e", 1...10)),
            Spec(name: "F", members: range("f", 1...10)),
            Spec(name: "G", members: range("g", 1...10)),
        ], parents: ["P1", "P2"], capabilities: ["relative dates", "comparison"], tags: [("a", 1, "relative dates"), ("b", 2, "comparison")])
    }

    /// Run 2, as another clustering of mostly the same questions: a10 dropped, a11 added, G
    /// dissolved (half into F, half into a new cluster H with new questions), other names.
    static var rerun: ImportedPipeline {
        pipeline([
            Spec(name: "H2", members: range("g", 1...5) + range("h", 1...10)),
            Spec(name: "F2", members: range("f", 1...10) + range("g", 6...10)),
            Spec(name: "E2", parent: "Q2", members: range("e", 1...10)),
            Spec(name: "D2", parent: "Q2", members: range("d", 1...10)),
            Spec(name: "C2", parent: "Q1", members: range("c", 1...10)),
            Spec(name: "B2", parent: "Q1", members: range("b", 1...10)),
            Spec(name: "A2", parent: "Q1", members: range("a", 1...9) + [("a", 11)]),
        ], parents: ["Q1", "Q2"], capabilities: ["comparison", "summarise"], tags: [("b", 2, "comparison"), ("h", 1, "summarise")])
    }

    /// A database of run 1 reviewed with one decision of every kind; returns the ids it used.
    struct Reviewed {
        var path: String
        var cluster: [String: ClusterID]
        var split: ClusterID
    }

    static func makeReviewed(in folder: TempFolder, name: String = "review.sqlite") throws -> Reviewed {
        let path = folder.path(name)
        try PipelineWriter.write(reviewed, to: path, force: false)
        let app = try AppDatabase.open(path: path)
        let ids = try app.writer.read { db in
            Dictionary(uniqueKeysWithValues: try Row.fetchAll(db, sql: "SELECT name, cluster_id FROM clusters").map { ($0["name"] as String, $0["cluster_id"] as ClusterID) })
        }
        let q = try app.writer.read { db in
            Dictionary(uniqueKeysWithValues: try Row.fetchAll(db, sql: "SELECT external_id, question_id FROM questions").map { ($0["external_id"] as String, $0["question_id"] as QuestionID) })
        }
        let store = DecisionStore(app: app, reviewer: "ana")
        let a = ids["A"]!, b = ids["B"]!, c = ids["C"]!, d = ids["D"]!, f = ids["F"]!, g = ids["G"]!
        try store.commit(.relabel(a, name: "Card delivery", description: "Where is my card?"))
        try store.commit(.setPriority(a, 1))
        try store.commit(.setNote(a, "check with ops"))
        try store.commit(.setReviewed(a, true))
        try store.commit(.setIssueType(a, .inventory))
        try store.commit(.capabilityVerdict(a, 1, .confirmed))
        try store.commit(.merge(sources: [c], into: b, name: "Billing"))
        let split = try store.commit(.split(d, parts: [SplitPart(name: "Disputes", description: "charge disputes", questionIDs: [q["q-d-1"]!, q["q-d-2"]!, q["q-d-3"]!])]))
        try store.commit(.setPriority(split.clusterIDs.last!, 0))
        try store.commit(.move(questions: [q["q-e-1"]!, q["q-e-2"]!], to: a))
        try store.commit(.dismiss(f, reason: .outOfScope))
        try store.commit(.setPriority(f, 3))
        try store.commit(.setPriority(g, 2))
        try store.commit(.setNote(ids["P1"]!, "family note"))
        // An undone decision is not in force: nothing of it is carried.
        try store.commit(.setPriority(b, 3))
        try store.undo()
        try (app.writer as? DatabasePool)?.close()
        return Reviewed(path: path, cluster: ids, split: split.clusterIDs.last!)
    }

    /// Clade's state tables as text, for comparing states and replays.
    static func stateSnapshot(_ db: Database) throws -> [String] {
        try DecisionLog.stateTables.flatMap { table in
            try Row.fetchAll(db, sql: "SELECT * FROM \(table) ORDER BY 1, 2").map { "\(table) \($0)" }
        }
    }

    /// The new run's clusters by their pipeline name.
    static func newClusters(_ app: AppDatabase, run: RunID) throws -> [String: ClusterID] {
        try app.writer.read { db in
            Dictionary(uniqueKeysWithValues: try Row.fetchAll(db, sql: "SELECT name, cluster_id FROM clusters WHERE run_id = ?", arguments: [run]).map {
                ($0["name"] as String, $0["cluster_id"] as ClusterID)
            })
        }
    }

    static func bytes(_ path: String) -> Data? { FileManager.default.contents(atPath: path) }
}
