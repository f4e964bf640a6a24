import CladeCore
import CladeStore
import Foundation
import GRDB
import Testing

/// Random sequences of relabel / merge / split / move / annotate / undo / redo on generated
/// databases, checking after every step that nothing is lost and every figure is right.
@Suite struct DecisionPropertyTests {
    struct RNG {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func int(_ n: Int) -> Int { Int(next() % UInt64(max(1, n))) }
        mutating func double() -> Double { Double(next() >> 11) / Double(1 << 53) }
        mutating func pick<T>(_ xs: [T]) -> T? { xs.isEmpty ? nil : xs[int(xs.count)] }
    }

    /// 2 parents, 6 leaves (one top level), 80 questions with random weights, scores and ratings.
    static func populate(_ db: Database, seed: UInt64) throws {
        var rng = RNG(state: seed)
        try db.execute(sql: "INSERT INTO meta VALUES ('title', 'Random')")
        try db.execute(sql: "INSERT INTO runs VALUES (1, '2026-01-01T00:00:00Z', 'native', '{}', NULL)")
        try db.execute(sql: "INSERT INTO clusters (cluster_id, run_id, parent_id, name) VALUES (1, 1, NULL, 'P1'), (2, 1, NULL, 'P2')")
        let leaves: [(Int64, Int64?)] = [(10, 1), (11, 1), (12, 1), (20, 2), (21, 2), (30, nil)]
        for (id, parent) in leaves {
            try db.execute(sql: "INSERT INTO clusters (cluster_id, run_id, parent_id, name) VALUES (?, 1, ?, ?)", arguments: [id, parent, "L\(id)"])
        }
        for q in 1...80 {
            let weight = rng.int(5) == 0 ? Double(1 + rng.int(4)) : 1
            let relevance: Double? = rng.int(6) == 0 ? nil : (rng.double() * 100).rounded() / 100
            let feedback: Int? = ([nil, nil, 1, -1] as [Int?])[rng.int(4)]
            let day = 1 + rng.int(28)
            try db.execute(sql: "INSERT INTO questions (question_id, run_id, text, asked_at, relevance, feedback, weight) VALUES (?, 1, ?, ?, ?, ?, ?)",
                           arguments: [q, "question \(q)", String(format: "2026-02-%02dT10:00:00Z", day), relevance, feedback, weight])
            try db.execute(sql: "INSERT INTO assignments (question_id, cluster_id) VALUES (?, ?)", arguments: [q, leaves[rng.int(leaves.count)].0])
        }
    }

    @Test(arguments: [1, 2, 3, 4, 5, 6, 7, 8] as [UInt64])
    func randomDecisionsKeepEveryInvariant(seed: UInt64) throws {
        let app = try AppDatabase.inMemory { try Self.populate($0, seed: seed) }
        let store = DecisionStore(app: app, reviewer: "prop")
        var rng = RNG(state: seed &* 7919)
        let original = try Self.stateSnapshot(app)
        let cache = LoadCache()
        for step in 0..<60 {
            let d = try DatasetLoader.load(app, reusing: cache)
            let leaves = d.clusters.filter { d.isLeaf($0.id) && !(d.children(of: $0.id).count > 0) }.map(\.id)
            let kind = rng.int(12)
            var changed = Set<ClusterID>()
            do {
                switch kind {
                case 0:
                    if let c = rng.pick(leaves) { changed = try store.write(.relabel(c, name: "name \(step)", description: nil)).figuresChanged }
                case 1:
                    if let a = rng.pick(leaves), let b = rng.pick(leaves.filter { $0 != a }) {
                        changed = try store.write(.merge(sources: [a], into: b, name: rng.int(2) == 0 ? "merged \(step)" : nil)).figuresChanged
                    }
                case 2:
                    if let c = rng.pick(leaves) {
                        let members = try Self.members(app, d, c)
                        let part = members.filter { _ in rng.int(3) == 0 }
                        if !part.isEmpty { changed = try store.write(.split(c, parts: [SplitPart(name: "part \(step)", questionIDs: part)])).figuresChanged }
                    }
                case 3:
                    if let c = rng.pick(leaves) {
                        let qs = (0..<(1 + rng.int(5))).map { _ in Int64(1 + rng.int(80)) }
                        changed = try store.write(.move(questions: Array(Set(qs)).sorted(), to: c)).figuresChanged
                    }
                case 4:
                    if let c = rng.pick(d.clusters.map(\.id)) { changed = try store.write(.setPriority(c, rng.int(5) == 0 ? nil : rng.int(4))).figuresChanged }
                case 5:
                    if let c = rng.pick(d.clusters.map(\.id)) { changed = try store.write(.setNote(c, "note \(step)")).figuresChanged }
                case 6, 7:
                    changed = try store.writeUndo()?.figuresChanged ?? []
                case 8:
                    changed = try store.writeRedo()?.figuresChanged ?? []
                case 10, 11:
                    // A routed split (kind 10) or a re-cluster of two or three leaves (kind 11).
                    let count = kind == 10 ? 1 : 2 + rng.int(2)
                    var sources: [ClusterID] = []
                    for _ in 0..<count { if let c = rng.pick(leaves.filter { !sources.contains($0) }) { sources.append(c) } }
                    guard sources.count == count else { break }
                    let outside = leaves.filter { !sources.contains($0) }
                    let request = try Self.randomRecluster(app, d, sources, outside: outside, step: step, rng: &rng)
                    changed = try store.write(request).figuresChanged
                default:
                    if let c = rng.pick(leaves) { changed = try store.write(.dismiss(c, reason: .outOfScope)).figuresChanged }
                }
            } catch is DecisionStore.Refused {
                // A refused request changes nothing; the invariants below still hold.
            }
            try Self.checkInvariants(app, seed: seed, step: step)
            // A window reads again only what the decision changed, and sees what a fresh load sees.
            let incremental = try DatasetLoader.load(app, reusing: cache, changed: changed)
            let full = try DatasetLoader.load(app)
            #expect(incremental == full, "incremental reload differs, seed \(seed) step \(step)")
        }
        while try store.undo() != nil {}
        #expect(try Self.stateSnapshot(app) == original, "undoing everything must return the pipeline's state")
        try Self.checkInvariants(app, seed: seed, step: -1)
    }

    /// The union of the sources' questions dealt into three parts, each routed at random: kept
    /// as a new cluster, folded back, or merged into a cluster outside the re-cut.
    static func randomRecluster(_ app: AppDatabase, _ d: Dataset, _ sources: [ClusterID], outside: [ClusterID], step: Int, rng: inout RNG) throws -> DecisionRequest {
        var union: [QuestionID] = []
        for c in sources { union += try members(app, d, c) }
        var parts: [[QuestionID]] = [[], [], []]
        for q in union where rng.int(4) != 0 { parts[rng.int(3)].append(q) }
        let routed = parts.enumerated().map { i, qs -> RoutedPart in
            switch rng.int(3) {
            case 0: return RoutedPart(questionIDs: qs, route: .newCluster(name: "part \(step).\(i)", description: "kept"))
            case 1: return RoutedPart(questionIDs: qs, route: .foldBack)
            default:
                guard let target = rng.pick(outside) else { return RoutedPart(questionIDs: qs, route: .foldBack) }
                return RoutedPart(questionIDs: qs, route: .into(target))
            }
        }
        return .recluster(Recluster(sources: sources, name: rng.int(2) == 0 ? "rest \(step)" : nil, parts: routed))
    }

    static func members(_ app: AppDatabase, _ d: Dataset, _ c: ClusterID) throws -> [QuestionID] {
        try QuestionReads.page(app, QuestionQuery(clusterID: c, memberIDs: d.memberClusterIDs(of: c), order: .oldest, limit: 1000)).rows.map(\.id)
    }

    static func checkInvariants(_ app: AppDatabase, seed: UInt64, step: Int) throws {
        let d = try DatasetLoader.load(app)
        let context = "seed \(seed) step \(step)"
        // Every question is in exactly one visible leaf.
        var seen: [QuestionID: ClusterID] = [:]
        for c in d.clusters where d.isLeaf(c.id) {
            // The Questions pane takes a cluster's size from its statistics instead of counting.
            let counted = try QuestionReads.page(app, QuestionQuery(clusterID: c.id, memberIDs: d.memberClusterIDs(of: c.id), order: .oldest, limit: 1)).total
            #expect(counted == c.stats.rows, "\(c.name) has \(counted) questions, its statistics say \(c.stats.rows), \(context)")
            for q in try members(app, d, c.id) {
                #expect(seen[q] == nil, "question \(q) in two clusters, \(context)")
                seen[q] = c.id
            }
        }
        #expect(seen.count == 80, "\(80 - seen.count) questions lost, \(context)")
        // Sizes add up, and every cluster's figures equal a recomputation from the raw rows.
        let leafTotal = d.clusters.filter { d.isLeaf($0.id) }.reduce(ClusterStats.zero) { $0 + $1.stats }
        #expect(leafTotal.rows == 80 && abs(leafTotal.volume - d.total.volume) < 1e-9, "\(context)")
        let raw = try app.writer.read { db in
            try Row.fetchAll(db, sql: "SELECT question_id, relevance, feedback, weight FROM questions").map {
                ($0["question_id"] as QuestionID, $0["relevance"] as Double?, $0["feedback"] as Int?, $0["weight"] as Double)
            }
        }
        var expected: [ClusterID: ClusterStats] = [:]
        for (q, relevance, feedback, weight) in raw {
            var leaf = seen[q]!
            while true {
                expected[leaf, default: .zero].add(weight: weight, relevance: relevance, feedback: feedback)
                guard let parent = d.cluster(leaf)?.parentID, d.cluster(parent) != nil else { break }
                leaf = parent
            }
        }
        for c in d.clusters {
            let e = expected[c.id] ?? .zero
            #expect(c.stats.rows == e.rows && abs(c.stats.volume - e.volume) < 1e-9 && c.stats.ratedRows == e.ratedRows, "\(c.name) \(context)")
            #expect(abs((c.stats.meanRelevance ?? -1) - (e.meanRelevance ?? -1)) < 1e-9, "\(c.name) relevance \(context)")
            #expect(abs((c.stats.satisfaction ?? -1) - (e.satisfaction ?? -1)) < 1e-9, "\(c.name) satisfaction \(context)")
        }
        // Replaying the log from nothing gives exactly the state kept incrementally.
        let kept = try stateSnapshot(app)
        let replayed = try app.writer.write { db -> [String] in
            var out: [String] = []
            try db.inSavepoint {
                try DecisionLog.replay(db)
                out = try snapshot(db)
                return .rollback
            }
            return out
        }
        #expect(replayed == kept, "replay differs, \(context)")
    }

    static func stateSnapshot(_ app: AppDatabase) throws -> [String] { try app.writer.read(snapshot) }

    static func snapshot(_ db: Database) throws -> [String] {
        try DecisionLog.stateTables.flatMap { table in
            try Row.fetchAll(db, sql: "SELECT * FROM \(table) ORDER BY 1, 2").map { row in
                // last_decision_id/decision_id record which decision wrote the row; replay keeps them too.
                "\(table) \(row)"
            }
        }
    }
}

