import CladeApp
import CladeCore
import CladeSample
import CladeStore
import CladeTerminal
import CladeUI
import Foundation
import GRDB
import GRDBSQLite
import Testing

/// Navigation must never read a whole table: at a million questions one scan of the question
/// table is a second, and a keystroke has 16 ms. Every statement SQLite runs while a reviewer
/// moves, pages, searches, sorts and switches clusters is profiled (its virtual-machine steps,
/// from SQLite's own statement status) on a generated run; none may come near the size of the
/// question table. A page query that scanned the run instead of using an index fails here.
@Suite(.serialized) struct NavigationReadsTests {
    /// Statements completed on any connection, with their VM steps.
    final class Profile: @unchecked Sendable {
        private let lock = NSLock()
        private var statements: [(sql: String, steps: Int32)] = []
        var recording = false

        func add(_ sql: String, _ steps: Int32) {
            lock.lock()
            if recording { statements.append((sql, steps)) }
            lock.unlock()
        }

        func take() -> [(sql: String, steps: Int32)] {
            lock.lock()
            defer { lock.unlock() }
            let out = statements
            statements = []
            return out
        }
    }

    nonisolated(unsafe) static let profile = Profile()

    static func install(_ db: Database) {
        sqlite3_trace_v2(db.sqliteConnection, UInt32(SQLITE_TRACE_PROFILE), { _, _, statement, _ in
            guard let statement else { return 0 }
            let stmt = OpaquePointer(statement)
            let steps = sqlite3_stmt_status(stmt, SQLITE_STMTSTATUS_VM_STEP, 0)
            let sql = sqlite3_sql(stmt).map { String(cString: $0) } ?? ""
            NavigationReadsTests.profile.add(sql, steps)
            return 0
        }, nil)
    }

    /// Every shape pipelines write (`ScaleShape`): the pipeline's own DDL has no key on
    /// assignments.question_id and no index by run; a navigation that leaned on one would scan.
    @Test(arguments: ScaleShape.allCases)
    func navigationNeverReadsAWholeTable(shape: ScaleShape) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("clade-nav-\(shape.rawValue)-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("scale.sqlite").path
        // Clade's own shape at the size this test has always used; the others smaller (CI time).
        let questions = shape == .clade ? 60_000 : 30_000
        try ScaleGenerator.write(to: path, options: .init(questions: questions, leafClusters: 300, parents: 20, capabilities: 6, shape: shape))

        let app = try AppDatabase.open(path: path, prepareConnection: { Self.install($0) })
        let backend = HeadlessBackend(size: Size(width: 120, height: 40))
        let runner = try AppRunner(database: app, backend: backend, theme: .standard, reviewer: "test")
        runner.drain()
        // The smallest clusters are at the end of the list (largest first): a full scan would
        // cost 60,000 steps, a page of one of these clusters a few hundred.
        backend.enqueue(keys: "<End>")
        runner.drain()
        Self.profile.recording = true
        defer { Self.profile.recording = false }
        // Reading a visited cluster's members is what a page costs; anything near the table is a scan.
        // (Clade's shape ends on its smallest clusters; BERTopic's on a parent of a twelfth of its topics.)
        var visitedRows = 0
        for script in ["k", "k", "k", "<PgUp>", "k", "/topic<Enter>", "n", "o", "o", "k", "2", "j", "j", "<PgDn>", "o", "o", "o", "o", "]", "]", "[", "1", "k"] {
            backend.enqueue(keys: script)
            runner.drain()
            if let id = runner.state.selectedClusterID, let cluster = runner.state.dataset.cluster(id) {
                visitedRows = max(visitedRows, cluster.stats.rows)
            }
        }
        let ran = Self.profile.take()
        #expect(ran.contains { $0.sql.contains("question") }, "no question page was read: the test measured nothing")
        #expect(visitedRows < questions / 4, "\(shape): the script should browse clusters much smaller than the run (\(visitedRows) rows)")
        // About 40 steps per member row for the sort keys; a whole-table read costs that per question.
        let budget = Int32(questions / 10 + 40 * visitedRows)
        for statement in ran {
            #expect(statement.steps < budget, "\(shape): \(statement.steps) VM steps (a whole-table read?) for: \(statement.sql.prefix(300))")
        }
    }

    /// A move or split of many questions reads a pipeline's assignments (no key on question_id)
    /// once, not once per question: a join from the list of ids made 1,000 questions a billion
    /// row visits at a million questions.
    @Test func decisionsOnManyQuestionsReadEachTableOnce() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("clade-nav-decide-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("pipeline.sqlite").path
        let questions = 20_000
        try ScaleGenerator.write(to: path, options: .init(questions: questions, leafClusters: 100, parents: 10, capabilities: 6, shape: .pipeline))
        let app = try AppDatabase.open(path: path, prepareConnection: { Self.install($0) })
        let dataset = try DatasetLoader.load(app)
        let leaves = dataset.clusters.filter { dataset.isLeaf($0.id) }.sorted { $0.stats.rows > $1.stats.rows }
        let moving = try QuestionReads.page(app, QuestionQuery(clusterID: leaves[0].id, memberIDs: dataset.memberClusterIDs(of: leaves[0].id),
                                                                order: .oldest, limit: 1_000)).rows.map(\.id)
        #expect(moving.count == 1_000)
        let store = DecisionStore(app: app, reviewer: "test")
        Self.profile.recording = true
        defer { Self.profile.recording = false }
        try store.commit(.move(questions: moving, to: leaves[1].id))
        try store.commit(.split(leaves[1].id, parts: [SplitPart(name: "part", questionIDs: Array(moving.prefix(500)))]))
        try store.undo()
        try store.undo()
        let ran = Self.profile.take()
        #expect(ran.contains { $0.sql.contains("assignments") }, "no decision read the assignments: the test measured nothing")
        for statement in ran {
            #expect(statement.steps < Int32(40 * questions), "\(statement.steps) VM steps (once per question?) for: \(statement.sql.prefix(300))")
        }
    }

    /// Undoing and redoing a split of many questions applies the per-cluster delta of the figures
    /// the split kept (`clade_decision_figures`): neither reads the pipeline's question tables, and
    /// both cost the same on a run ten times larger. The split itself reads each moved question
    /// once, and its cluster's assignments through the cluster (not a scan of a pipeline's table
    /// without a key on question_id): that too does not grow with the run.
    @Test(arguments: [ScaleShape.clade, .pipeline])
    func largeDecisionsCostWhatTheyMoveNotWhatTheRunHolds(shape: ScaleShape) throws {
        let small = try Self.splitCosts(shape: shape, questions: 3_000, leaves: 20)
        let large = try Self.splitCosts(shape: shape, questions: 30_000, leaves: 200)
        for (name, costs) in [("small", small), ("large", large)] {
            for phase in ["undo", "redo", "undo again"] {
                let read = costs.pipelineReads[phase] ?? []
                #expect(read.isEmpty, "\(shape) \(name) run: \(phase) read the pipeline's tables (per question?): \(read.map { $0.prefix(200) })")
            }
        }
        // The same 500 questions moved: a cost that grew with the run's 27,000 more questions is per question of the run.
        for phase in ["split", "undo", "redo", "undo again"] {
            let s = small.steps[phase] ?? 0, l = large.steps[phase] ?? 0
            #expect(s > 0, "\(shape): \(phase) ran no statement: the test measured nothing")
            #expect(l < 2 * s + 5_000, "\(shape): \(phase) costs \(l) VM steps on 30,000 questions, \(s) on 3,000 (same 500 moved)")
        }
    }

    struct SplitCosts {
        var steps: [String: Int] = [:]
        var pipelineReads: [String: [String]] = [:]
    }

    /// Splits 500 questions off a leaf of about 800 of a generated run, undoes, redoes and undoes
    /// again; each step's VM steps (all statements summed) and the statements that named a
    /// pipeline table holding a row per question.
    static func splitCosts(shape: ScaleShape, questions: Int, leaves: Int) throws -> SplitCosts {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("clade-nav-split-\(shape.rawValue)-\(questions)-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("run.sqlite").path
        try ScaleGenerator.write(to: path, options: .init(questions: questions, leafClusters: leaves, parents: max(2, leaves / 10), capabilities: 6, shape: shape))
        let app = try AppDatabase.open(path: path, prepareConnection: { Self.install($0) })
        let dataset = try DatasetLoader.load(app)
        // A leaf of the same size in both runs: reading it through its cluster costs the same.
        let source = dataset.clusters.filter { dataset.isLeaf($0.id) && $0.stats.rows >= 500 }.min { abs($0.stats.rows - 800) < abs($1.stats.rows - 800) }!
        let moving = try QuestionReads.page(app, QuestionQuery(clusterID: source.id, memberIDs: dataset.memberClusterIDs(of: source.id),
                                                                order: .oldest, limit: 500)).rows.map(\.id)
        #expect(moving.count == 500, "\(shape) \(questions): no leaf has 500 questions")
        let store = DecisionStore(app: app, reviewer: "test")
        let perQuestion = try NSRegularExpression(pattern: "(?<![A-Za-z_])(questions|assignments|question_capabilities)(?![A-Za-z_])")
        var costs = SplitCosts()
        func measure(_ phase: String, _ body: () throws -> Void) throws {
            _ = Self.profile.take()
            Self.profile.recording = true
            defer { Self.profile.recording = false }
            try body()
            let ran = Self.profile.take()
            costs.steps[phase] = ran.reduce(0) { $0 + Int($1.steps) }
            costs.pipelineReads[phase] = ran.map(\.sql).filter {
                perQuestion.firstMatch(in: $0, range: NSRange($0.startIndex..., in: $0)) != nil
            }
        }
        try measure("split") { try store.commit(.split(source.id, parts: [SplitPart(name: "part", questionIDs: moving)])) }
        var written: [DecisionRecord?] = []
        try measure("undo") { written.append(try store.undo()) }
        try measure("redo") { written.append(try store.redo()) }
        try measure("undo again") { written.append(try store.undo()) }
        #expect(written.allSatisfy { $0 != nil }, "\(shape) \(questions): nothing to undo or redo")
        // The figures the deltas kept current are the figures a fresh count gives.
        let kept = try DatasetLoader.load(app).cluster(source.id)?.stats
        #expect(kept?.rows == source.stats.rows && abs((kept?.volume ?? 0) - source.stats.volume) < 1e-6, "\(shape) \(questions): figures after undo")
        return costs
    }
}
