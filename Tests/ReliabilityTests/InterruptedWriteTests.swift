import CladeStore
import CladeTestSupport
import Foundation
import Testing

/// A file a writer left in the middle of a transaction: the sqlite3 shell killed (`kill -9`)
/// while its UPDATE of every question has spilled into the file, so a hot journal sits beside it.
/// What a pipeline killed mid-write leaves, and what a Clade stopped while first switching a
/// file to WAL left in CI. SQLite undoes such a write on a read with write access; a read-only
/// connection refuses, which Clade used to report as "is read-only".
@Suite("a file left in the middle of a write", .serialized)
struct InterruptedWriteTests {
    static let unfinished = "SELECT COUNT(*) FROM questions WHERE text LIKE '% unfinished'"

    /// The sample with a hot journal beside it.
    func interrupted(_ scratch: Scratch) throws -> String {
        let path = try Pipelines.sample(into: scratch)
        let r = try Spawn.run(["sqlite3", path, "PRAGMA cache_size = 2; BEGIN; UPDATE questions SET text = text || ' unfinished';",
                               ".system kill -9 $PPID"])
        #expect(r.status == 128 + SIGKILL)
        #expect(scratch.files == ["sample.sqlite", "sample.sqlite-journal"], "\(scratch.files)")
        return path
    }

    @Test(.enabled(if: CladeCLI.isAvailable))
    func checkSaysSoAndChangesNothing() throws {
        let scratch = try Scratch()
        let path = try interrupted(scratch)
        let before = FileSnapshot(path)
        let check = try CladeCLI.run(["check", path])
        #expect(check.status == 1)
        #expect(check.stderr == "clade: \(path): a program stopped in the middle of writing it; opening it for review (`clade \(path)`) lets SQLite undo the unfinished write, and the file is as it was before that write\n",
                "\(check.stderr)")
        #expect(FileSnapshot(path) == before)
    }

    @Test(.enabled(if: CladeCLI.isAvailable))
    func openingUndoesTheUnfinishedWrite() throws {
        let scratch = try Scratch()
        let path = try interrupted(scratch)
        for arguments in [["queue", path, "--limit", "1"], ["export", path]] {
            let r = try CladeCLI.run(arguments)
            #expect(r.status == 0, "\(arguments): \(r.stderr)")
        }
        #expect(!scratch.files.contains("sample.sqlite-journal"), "\(scratch.files)")
        #expect(try Pipelines.sqlite3(path, Self.unfinished) == "0")
        #expect(try Pipelines.sqlite3(path, "PRAGMA integrity_check") == "ok")
        #expect(try CladeCLI.run(["check", path]).status == 0)
    }

    @Test func theStoreOpensItAsItWasBeforeTheWrite() throws {
        let scratch = try Scratch()
        let path = try interrupted(scratch)
        let app = try AppDatabase.open(path: path)
        defer { app.close() }
        #expect(try app.writer.read { try Int.fetchOne($0, sql: Self.unfinished) } == 0)
        #expect(!app.readOnly)
    }

    /// Without write access nothing can undo it: one line saying what to do, the files untouched.
    @Test(.enabled(if: CladeCLI.isAvailable))
    func aReadOnlyFileSaysWhatToDo() throws {
        let scratch = try Scratch()
        let path = try interrupted(scratch)
        try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: path)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path) }
        let before = FileSnapshot(path)
        for arguments in [["queue", path], ["check", path], ["export", path]] {
            let r = try CladeCLI.run(arguments)
            #expect(r.status == 1, "\(arguments)")
            #expect(r.stderr.hasPrefix("clade: \(path): a program stopped in the middle of writing it, and undoing that write needs write access"), "\(arguments): \(r.stderr)")
            #expect(r.stderr.split(separator: "\n").count == 1, "\(r.stderr)")
        }
        #expect(FileSnapshot(path) == before)
        #expect(throws: StoreError.interruptedWrite(path: path, writable: false)) { try AppDatabase.open(path: path) }
    }
}
