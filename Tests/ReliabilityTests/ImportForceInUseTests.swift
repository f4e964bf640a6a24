import CladeTestSupport
import Foundation
import Testing

/// `clade import -o FILE --force` replaces FILE and removes its stale `-wal`/`-shm`. When another
/// program has FILE open, those are that program's live files: unlinking them loses what its WAL
/// holds. The import must refuse in one line and leave all three files as they were.
@Suite("import --force never replaces a file in use", .serialized)
struct ImportForceInUseTests {
    static func csv(_ scratch: Scratch) throws -> String {
        let csv = scratch.path("new.csv")
        try ("text\n" + (1...30).map { "question \($0) about invoices and rain" }.joined(separator: "\n") + "\n")
            .write(toFile: csv, atomically: true, encoding: .utf8)
        return csv
    }

    @Test(.enabled(if: CladeCLI.isAvailable))
    func aFileAnotherProcessHasOpenIsNotReplaced() throws {
        let scratch = try Scratch()
        let path = scratch.path("review.sqlite")
        try Pipelines.write(at: path)
        let csv = try Self.csv(scratch)
        // A real second process: a row written to its WAL (not yet checkpointed) and a read
        // transaction kept open.
        let holder = try Spawn.start(["sqlite3", path, "PRAGMA journal_mode=WAL", "INSERT INTO meta VALUES ('held', 'yes')",
                                      "BEGIN", "SELECT COUNT(*) FROM meta", ".system sleep 60"])
        defer { holder.kill(SIGKILL); _ = holder.wait() }
        let deadline = Date().addingTimeInterval(20)
        while !FileManager.default.fileExists(atPath: path + "-shm") && Date() < deadline { usleep(20_000) }
        usleep(200_000)
        let files = ["", "-wal", "-shm"].map { path + $0 }
        #expect(files.allSatisfy { FileManager.default.fileExists(atPath: $0) }, "the holder did not open the file")
        let before = files.map { FileManager.default.contents(atPath: $0) }

        let r = try CladeCLI.run(["import", "csv", csv, "-o", path, "--force", "-q"])
        #expect(r.status == 1, "exit \(r.status): \(r.stderr)")
        #expect(r.stderr.split(separator: "\n").count == 1 && r.stderr.contains("open in another program"), "\(r.stderr)")
        #expect(files.map { FileManager.default.contents(atPath: $0) } == before, "a file changed")
        #expect(try Pipelines.sqlite3(path, "SELECT value FROM meta WHERE key = 'held'") == "yes", "the holder's WAL was lost")
        #expect(!scratch.files.contains { $0.contains(".import-") }, "a temporary file was left: \(scratch.files)")
    }

    @Test(.enabled(if: CladeCLI.isAvailable))
    func aFileNobodyHasOpenIsReplacedWithItsStaleWAL() throws {
        let scratch = try Scratch()
        let path = scratch.path("review.sqlite")
        try Pipelines.write(at: path)
        let csv = try Self.csv(scratch)
        // A writer killed with its WAL beside the file: nobody has it open any more.
        let holder = try Spawn.start(["sqlite3", path, "PRAGMA journal_mode=WAL", "INSERT INTO meta VALUES ('held', 'yes')", ".system sleep 60"])
        let deadline = Date().addingTimeInterval(20)
        while !FileManager.default.fileExists(atPath: path + "-wal") && Date() < deadline { usleep(20_000) }
        usleep(200_000)
        holder.kill(SIGKILL)
        _ = holder.wait()

        let r = try CladeCLI.run(["import", "csv", csv, "-o", path, "--force", "-q"])
        #expect(r.status == 0, "exit \(r.status): \(r.stderr)")
        #expect(try Pipelines.sqlite3(path, "SELECT COUNT(*) FROM questions") == "30")
        #expect(try Pipelines.sqlite3(path, "PRAGMA integrity_check") == "ok")
    }
}
