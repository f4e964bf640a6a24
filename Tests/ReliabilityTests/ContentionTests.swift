import CladeStore
import Foundation
import GRDB
import Testing

/// Two Clades and a pipeline on one file, at the store level: WAL, busy waits, data_version.
@Suite("contention: store")
struct ContentionTests {
    @Test func twoInstancesWriteAtOnceAndSeeEachOther() throws {
        let scratch = try Scratch()
        let path = scratch.path("shared.sqlite")
        try Pipelines.write(at: path)
        let a = try AppDatabase.open(path: path), b = try AppDatabase.open(path: path)
        #expect(try a.writer.read { try String.fetchOne($0, sql: "PRAGMA journal_mode") } == "wal")
        let perInstance = 40
        DispatchQueue.concurrentPerform(iterations: 2) { i in
            let store = DecisionStore(app: i == 0 ? a : b, reviewer: i == 0 ? "a" : "b")
            for n in 0..<perInstance {
                // Both write the same clusters: every decision must land, in some order.
                _ = try? store.commit(n % 2 == 0 ? .setNote(10, "\(i == 0 ? "a" : "b") \(n)") : .setPriority(20, n % 4))
            }
        }
        let records = try DecisionLog.records(a)
        #expect(records.count == 2 * perInstance)
        #expect(records.filter { $0.reviewer == "a" }.count == perInstance)
        #expect(try a.writer.read(DecisionLogCheck.isConsistent))
        // Each sees the other's last word after reloading.
        let last = try #require(records.last { $0.op == .note })
        #expect(try DatasetLoader.load(b).cluster(10)?.note == DatasetLoader.load(a).cluster(10)?.note)
        #expect(last.summary.contains(try DatasetLoader.load(b).cluster(10)?.note ?? "?"))
    }

    @Test func dataVersionChangesForOtherConnectionsOnly() throws {
        let scratch = try Scratch()
        let path = scratch.path("v.sqlite")
        try Pipelines.write(at: path)
        let a = try AppDatabase.open(path: path), b = try AppDatabase.open(path: path)
        let start = try a.dataVersion()
        try DecisionStore(app: a, reviewer: "a").commit(.setReviewed(10, true))
        #expect(try a.dataVersion() == start, "its own commit does not count")
        try DecisionStore(app: b, reviewer: "b").commit(.setReviewed(11, true))
        let afterB = try a.dataVersion()
        #expect(afterB != start)
        // A pipeline writing with its own connection counts too.
        let pipeline = try DatabaseQueue(path: path)
        try pipeline.write { try $0.execute(sql: "INSERT INTO meta VALUES ('note', 'rerun')") }
        #expect(try a.dataVersion() != afterB)
    }

    @Test func aDecisionWaitsForAPipelineWriteAndIsNotLost() throws {
        let scratch = try Scratch()
        let path = scratch.path("busy.sqlite")
        try Pipelines.write(at: path)
        let app = try AppDatabase.open(path: path, busyTimeout: AppDatabase.interactiveBusyTimeout)
        let store = DecisionStore(app: app, reviewer: "r")
        let pipeline = try Pipelines.holder(path)
        try pipeline.writeWithoutTransaction { db in
            try db.beginTransaction(.immediate)
            try db.execute(sql: "UPDATE questions SET relevance = relevance")
        }
        let started = Date()
        do {
            try store.commit(.setNote(10, "while the pipeline writes"))
            Issue.record("the write lock was held; the commit should report busy")
        } catch {
            #expect(error.isDatabaseBusy, "\(error)")
        }
        #expect(Date().timeIntervalSince(started) < 2, "waits about the busy timeout, not longer")
        try pipeline.writeWithoutTransaction { try $0.commit() }
        try store.commit(.setNote(10, "after"))
        #expect(try DecisionLog.records(app).count == 1)
        #expect(try DatasetLoader.load(app).cluster(10)?.note == "after")
    }

    @Test func aReplacedOrDeletedFileIsNoticed() throws {
        let scratch = try Scratch()
        let path = scratch.path("r.sqlite")
        try Pipelines.write(at: path)
        let app = try AppDatabase.open(path: path)
        #expect(app.fileState() == .same)
        try Pipelines.write(at: path + ".new", seed: 2)
        #expect(rename(path + ".new", path) == 0)
        #expect(app.fileState() == .replaced)
        try FileManager.default.removeItem(atPath: path)
        #expect(app.fileState() == .missing)
    }

    @Test func openingWaitsForAWriterThenSaysSo() throws {
        let scratch = try Scratch()
        let path = scratch.path("w.sqlite")
        try Pipelines.write(at: path)
        let pipeline = try Pipelines.holder(path)
        // A pipeline in the middle of a write, in rollback-journal mode: switching the file to WAL must wait.
        try pipeline.writeWithoutTransaction { db in
            try db.beginTransaction(.immediate)
            try db.execute(sql: "INSERT INTO meta VALUES ('stage', 'writing')")
        }
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.6) {
            try? pipeline.writeWithoutTransaction { try $0.commit() }
        }
        var waited: [String] = []
        let app = try AppDatabase.open(path: path, busyTimeout: 0.1, busyWait: 10) { waited.append($0) }
        #expect(!app.readOnly && app.hasCladeTables)
        #expect(waited.count == 1 && waited[0].contains("being written by another program"), "\(waited)")
        #expect(try app.writer.read { try String.fetchOne($0, sql: "SELECT value FROM meta WHERE key = 'stage'") } == "writing")
    }
}
