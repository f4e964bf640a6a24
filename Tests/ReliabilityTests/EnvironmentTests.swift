import CladeCore
import CladeStore
import CladeTestSupport
import Foundation
import GRDB
import Testing

/// The environment around the file: where Clade's data folder is, and a file locked by a
/// pipeline when Clade opens it.
@Suite("environment: data folder and a locked file")
struct EnvironmentTests {
    @Test
    func theDataFolderFollowsTheEnvironment() {
        #expect(DataFolder.path(["HOME": "/home/ana"]) == "/home/ana/.local/share/clade", "HOME is honoured for every user")
        #expect(DataFolder.path(["HOME": "/home/ana", "XDG_DATA_HOME": "/data"]) == "/data/clade")
        #expect(DataFolder.path(["HOME": "/home/ana", "XDG_DATA_HOME": "relative"]) == "/home/ana/.local/share/clade", "XDG paths must be absolute")
        #expect(DataFolder.path(["HOME": "/home/ana", "XDG_DATA_HOME": "/data", "CLADE_HOME": "/c"]) == "/c")
    }

    @Test(.enabled(if: CladeCLI.isAvailable))
    func aDataFolderThatIsAFileIsOneClearLine() throws {
        let scratch = try Scratch()
        let file = scratch.path("not-a-folder")
        try "x".write(toFile: file, atomically: true, encoding: .utf8)
        for env in [["XDG_DATA_HOME": file, "CLADE_HOME": ""], ["CLADE_HOME": file + "/clade"], ["HOME": file, "CLADE_HOME": "", "XDG_DATA_HOME": ""]] {
            let r = try CladeCLI.run(["open"], environment: env)
            #expect(r.status == 1, "\(env): exit \(r.status)")
            #expect(r.stderr.contains("is a file, but Clade keeps its data in the folder"), "\(env): \(r.stderr)")
            #expect(!r.stderr.contains("NSCocoaErrorDomain") && r.stderr.split(separator: "\n").count == 1, "\(env): \(r.stderr)")
        }
    }

    /// A pipeline holding a rollback-journal file exclusively for a few seconds: opening waits
    /// (the docs promise up to 30 s, with one notice) instead of refusing after 2.
    @Test
    func openingWaitsForAnExclusiveLockOnAJournalFile() throws {
        let scratch = try Scratch()
        let path = scratch.path("locked.sqlite")
        try Pipelines.write(at: path)
        let holder = try Pipelines.holder(path)
        try holder.writeWithoutTransaction { db in try db.execute(sql: "BEGIN EXCLUSIVE; UPDATE meta SET value = value;") }
        // A thread of its own: opening blocks this one, and under load the cooperative pool may
        // have no other thread to run a task on.
        let released = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            Thread.sleep(forTimeInterval: 3)
            try? holder.writeWithoutTransaction { db in try db.execute(sql: "COMMIT") }
            released.signal()
        }
        let notices = Notices()
        let app = try AppDatabase.open(path: path, busyWait: 30, onWait: { notices.add($0) })
        released.wait()
        #expect(!app.readOnly)
        #expect(notices.all.count == 1 && notices.all.first?.contains("waiting") == true, "\(notices.all)")
    }

    final class Notices: @unchecked Sendable {
        private let lock = NSLock()
        private var list: [String] = []
        func add(_ s: String) { lock.lock(); list.append(s); lock.unlock() }
        var all: [String] { lock.lock(); defer { lock.unlock() }; return list }
    }
}
