import CladeStore
import CladeTestSupport
import Foundation
import GRDB
import Testing

/// A WAL-mode file in a folder Clade cannot write (chmod 0555, a read-only mount): no `-wal` or
/// `-shm` can be created beside it, which SQLite needs to read it in the usual way. Every command
/// reads it all the same, with one line saying why decisions cannot be recorded (issue 16 item 11).
@Suite("a WAL file in a folder Clade cannot write", .serialized)
struct ReadOnlyFolderTests {
    /// A pipeline file Clade has opened before (its tables made, WAL mode, checkpointed on close)
    /// alone in a folder then made read-only. Root writes a 0555 folder anyway, but Clade treats a
    /// folder whose permissions grant nobody write access as read-only, as it does such a file.
    func walFileInAReadOnlyFolder(_ scratch: Scratch) throws -> (path: String, bytes: Data) {
        let path = scratch.path("review.sqlite")
        try Pipelines.write(at: path)
        try AppDatabase.open(path: path).close()
        let mode = try DatabaseQueue(path: path).read { try String.fetchOne($0, sql: "PRAGMA journal_mode") }
        #expect(mode == "wal")
        #expect(scratch.files == ["review.sqlite"], "\(scratch.files)")
        try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: scratch.url.path)
        return (path, try Data(contentsOf: URL(fileURLWithPath: path)))
    }

    func restore(_ scratch: Scratch) {
        try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: scratch.url.path)
    }

    @Test(.enabled(if: CladeCLI.isAvailable))
    func everyReadingCommandReadsItWithOneClearLine() throws {
        let scratch = try Scratch()
        defer { restore(scratch) }
        let (path, bytes) = try walFileInAReadOnlyFolder(scratch)
        let check = try CladeCLI.run(["check", path])
        #expect(check.status == 0, "\(check.stderr)")
        #expect(check.stdout.contains("OK, diagnostics format"), "\(check.stdout)")
        #expect(check.stdout.contains("note         read-only: cannot write beside \(path) (folder not writable)"), "\(check.stdout)")
        #expect(check.stderr.isEmpty, "\(check.stderr)")
        for arguments in [["export", path], ["export", "--format", "csv", path], ["report", path], ["queue", path]] {
            let r = try CladeCLI.run(arguments)
            #expect(r.status == 0, "\(arguments): exit \(r.status): \(r.stderr)")
            #expect(!r.stdout.isEmpty, "\(arguments)")
            let lines = r.stderr.split(separator: "\n")
            #expect(lines.count == 1 && lines[0].hasPrefix("clade: read-only: cannot write beside \(path) (folder not writable) — decisions cannot be recorded; copy it somewhere writable"),
                    "\(arguments): \(r.stderr)")
            #expect(!r.stderr.contains("unable to open") && !r.stderr.contains("SQLite"), "\(arguments): \(r.stderr)")
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == bytes, "the file changed")
        #expect(scratch.files == ["review.sqlite"], "created beside it: \(scratch.files)")
    }

    /// Opening for review (what the TUI does): read-only, the notice first, the decisions readable.
    @Test
    func openingForReviewIsReadOnlyWithTheNotice() throws {
        let scratch = try Scratch()
        defer { restore(scratch) }
        let (path, bytes) = try walFileInAReadOnlyFolder(scratch)
        let app = try AppDatabase.open(path: path)
        #expect(app.readOnly)
        #expect(app.notices.first?.hasPrefix("read-only: cannot write beside \(path) (folder not writable)") == true, "\(app.notices)")
        #expect(app.notices.first?.contains("changes another program makes to it meanwhile are not seen") == true, "the immutable open is said")
        let dataset = try DatasetLoader.load(app)
        #expect(!dataset.clusters.isEmpty)
        app.close()
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == bytes, "the file changed")
        #expect(scratch.files == ["review.sqlite"], "created beside it: \(scratch.files)")
    }

    /// A real read-only file system (a read-only bind mount in a mount namespace of its own), where
    /// even root cannot create a file: needs `unshare` and the right to mount.
    @Test(.enabled(if: CladeCLI.isAvailable && ReadOnlyMount.isAvailable, "needs unshare -m and mount (root)"))
    func aReadOnlyMountIsReadWithOneClearLine() throws {
        let scratch = try Scratch()
        let path = scratch.path("review.sqlite")
        try Pipelines.write(at: path)
        try AppDatabase.open(path: path).close()
        let clade = try #require(CladeCLI.path)
        // First as Clade left it (an empty -wal and the -shm beside it, read in place), then with
        // neither (the last connection to close removed them: read immutable).
        for leftovers in [true, false] {
            if !leftovers { _ = try DatabaseQueue(path: path).read { try String.fetchOne($0, sql: "PRAGMA journal_mode") } }
            let files = scratch.files
            #expect(files.contains("review.sqlite-shm") == leftovers, "\(files)")
            let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
            for command in ["check", "export"] {
                let r = try ReadOnlyMount.run(folder: scratch.url.path, "'\(clade)' \(command) '\(path)'")
                #expect(r.status == 0, "\(command): exit \(r.status): \(r.error)")
                let notice = "read-only: cannot write beside \(path) (read-only file system)"
                #expect((command == "check" ? r.output : r.error).contains(notice), "\(command): \(r.output) \(r.error)")
                #expect(r.error.split(separator: "\n").count == (command == "check" ? 0 : 1), "\(command): \(r.error)")
            }
            #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == bytes, "the file changed")
            #expect(scratch.files == files, "created beside it: \(scratch.files)")
        }
    }
}

/// Runs a shell command with a folder bind-mounted read-only over itself, in a private mount namespace.
enum ReadOnlyMount {
    static let isAvailable: Bool = {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/unshare") else { return false }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("clade-ro-probe-\(UUID().uuidString)").path
        guard (try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)) != nil else { return false }
        defer { try? FileManager.default.removeItem(atPath: folder) }
        return (try? run(folder: folder, "! touch '\(folder)/x' 2>/dev/null"))?.status == 0
    }()

    static func run(folder: String, _ command: String) throws -> (status: Int32, output: String, error: String) {
        try Spawn.run(["/usr/bin/unshare", "-m", "sh", "-c",
                       "mount --bind '\(folder)' '\(folder)' && mount -o remount,ro,bind '\(folder)' && \(command)"])
    }
}
