@testable import CladeApp
import CladeCore
@testable import CladeStore
import CladeTerminal
import CladeUI
import CladeTestSupport
import Foundation
import GRDB
import Testing

/// Hierarchies of odd shapes and keys a pipeline's own DDL does not enforce: a parent chain
/// thousands of levels deep, tens of thousands of top-level clusters, repeated ids. Nothing may
/// recurse as deep as the data (the stack overflows), nothing may run a query per cluster over
/// every cluster, and a repeated key is refused by `clade check` before any reader traps on it.
@Suite("odd trees and repeated keys")
struct TreeShapeTests {
    static let chainDepth = Budget.value("CLADE_DEEP_CHAIN", default: 5_000)

    /// The DDL without any key or index, as a pipeline with its own DDL may write it.
    static var keylessDDL: String {
        var ddl = Pipelines.looseDDL
            .replacingOccurrences(of: ",\n    PRIMARY KEY (question_id, capability_id)", with: "")
            .replacingOccurrences(of: " PRIMARY KEY AUTOINCREMENT", with: "")
            .replacingOccurrences(of: " PRIMARY KEY", with: "")
            .replacingOccurrences(of: ") WITHOUT ROWID;", with: ");")
            .replacingOccurrences(of: " UNIQUE", with: "")
        ddl = ddl.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.hasPrefix("CREATE INDEX") }.joined(separator: "\n")
        return ddl
    }

    /// Clusters 1…depth, each the parent of the next; every question in the deepest.
    static func chain(at path: String, depth: Int, ddl: String = PipelineSchema.ddl) throws {
        try Pipelines.write(at: path, ddl: ddl) { db in
            try db.execute(sql: "DELETE FROM clusters")
            try db.execute(sql: """
                WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
                INSERT INTO clusters (cluster_id, run_id, parent_id, name) SELECT i, 1, NULLIF(i - 1, 0), 'level ' || i FROM n
                """, arguments: [depth])
            try db.execute(sql: "UPDATE assignments SET cluster_id = ?", arguments: [depth])
        }
    }

    @Test(.enabled(if: CladeCLI.isAvailable))
    func aDeepChainIsCheckedOpenedExportedAndReported() throws {
        let scratch = try Scratch()
        let path = scratch.path("deep.sqlite")
        try Self.chain(at: path, depth: Self.chainDepth)
        for args in [["check", path], ["export", path], ["export", path, "--format", "csv", "--table", "clusters"], ["report", path], ["report", path, "--format", "html"]] {
            let r = try CladeCLI.run(args)
            #expect(r.status == 0, "clade \(args[0]) \(args.dropFirst(2).joined(separator: " ")): exit \(r.status), \(r.stderr.suffix(300))")
        }
        // In process, the loader's roll-up and the app on a headless terminal.
        let app = try AppDatabase.open(path: path)
        let data = try DatasetLoader.load(app)
        let top = try #require(data.clusters.first { $0.parentID == nil })
        #expect(top.stats.volume == data.total.volume, "the top of the chain holds every question")
        let backend = HeadlessBackend(size: Size(width: 120, height: 40))
        let runner = try AppRunner(database: app, backend: backend, theme: .standard, reviewer: "expert")
        backend.enqueue(keys: "\r\r\r/level 4999\r\u{1B}jjj\tq")
        runner.drain()
    }

    @Test
    func checkRunsNoQueryPerClusterOverEveryCluster() throws {
        let scratch = try Scratch()
        for (name, ddl) in [("pipeline DDL", PipelineSchema.ddl), ("no keys or indexes", Self.keylessDDL)] {
            let path = scratch.path("\(name.count).sqlite")
            try Self.chain(at: path, depth: 50, ddl: ddl)
            let seen = Statements()
            var options = SchemaCheck.Options.thorough
            options.statementTrace = { seen.add($0) }
            _ = try SchemaCheck.run(path: path, options: options)
            let queue = try DatabaseQueue(path: path)
            try queue.read { db in
                for sql in seen.all where sql.uppercased().hasPrefix("SELECT") || sql.uppercased().hasPrefix("WITH") {
                    let bound = sql.replacingOccurrences(of: #"\?\d*"#, with: "NULL", options: .regularExpression)
                    let plan = try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + bound).map { $0["detail"] as String }
                    #expect(!Self.correlatedScan(plan), "\(name): a subquery scans a table once per row: \(sql)\n\(plan)")
                }
            }
            #expect(!seen.all.isEmpty)
        }
    }

    /// A correlated subquery whose plan scans a table (no index, automatic or not): quadratic.
    static func correlatedScan(_ plan: [String]) -> Bool {
        var inCorrelated = false
        for line in plan {
            if line.hasPrefix("CORRELATED") { inCorrelated = true; continue }
            if line.hasPrefix("LIST SUBQUERY") || line.hasPrefix("SCALAR SUBQUERY") { inCorrelated = false }
            if inCorrelated, line.hasPrefix("SCAN "), !line.contains("INDEX") { return true }
        }
        return false
    }

    final class Statements: @unchecked Sendable {
        private let lock = NSLock()
        private var list: [String] = []
        func add(_ sql: String) { lock.lock(); list.append(sql); lock.unlock() }
        var all: [String] { lock.lock(); defer { lock.unlock() }; return list }
    }

    @Test(.enabled(if: CladeCLI.isAvailable), arguments: [
        ("a cluster id", "INSERT INTO clusters (cluster_id, run_id, parent_id, name) VALUES (10, 1, 1, 'again')"),
        ("a question id", "INSERT INTO questions (question_id, run_id, text, weight) VALUES (3, 1, 'again', 1)"),
        ("a question assigned twice", "INSERT INTO assignments (question_id, cluster_id) VALUES (3, 20)"),
        ("a capability id", "INSERT INTO capabilities VALUES (2, 'again', '')"),
        ("a tag written twice", "INSERT INTO question_capabilities (question_id, capability_id) SELECT question_id, capability_id FROM question_capabilities LIMIT 1"),
        ("a second embedding", "INSERT INTO question_embeddings SELECT * FROM question_embeddings LIMIT 1"),
    ])
    func repeatedKeysAreRefusedByEveryCommand(_ what: String, _ sql: String) throws {
        let scratch = try Scratch()
        let path = scratch.path("repeated.sqlite")
        try Pipelines.write(at: path, ddl: Self.keylessDDL) { db in try db.execute(sql: sql) }
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        for command in ["check", "export", "report"] {
            let r = try CladeCLI.run([command, path])
            #expect(r.status == 1, "\(what): clade \(command) exit \(r.status) \(r.stderr)")
            #expect(r.stderr.contains("must be unique"), "\(what): clade \(command): \(r.stderr)")
            #expect(r.stderr.split(separator: "\n").count == 1, "\(what): one line: \(r.stderr)")
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before, "\(what): the file is unchanged")
    }
}
