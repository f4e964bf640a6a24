import CladeTestSupport
import Foundation
import Testing

/// The real binary in tmux on a WAL-mode file in a folder it cannot write (issue 16 item 11): the
/// review opens read-only with one notice in the status line, not SQLite's "unable to open", and
/// nothing is written or created beside the file.
@Suite("a read-only folder, end to end", .serialized, .enabled(if: TmuxSession.isAvailable, "tmux is not installed"))
struct ReadOnlyFolderEndToEndTests {
    @Test func aWALFileInAReadOnlyFolderOpensReadOnlyWithANotice() async throws {
        let sample = try ReliabilitySample()
        try sample.write("PRAGMA journal_mode = WAL")
        let folder = sample.sample.folder.path
        let before = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
        #expect(!before.contains { $0.hasSuffix("-wal") || $0.hasSuffix("-shm") }, "\(before)")
        let bytes = try Data(contentsOf: URL(fileURLWithPath: sample.path))
        // Root writes a 0555 folder anyway; Clade counts it as read-only all the same (the owner's intent).
        try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: folder)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder) }
        let tmux = try await sample.start(width: 200, waitFor: nil)
        let screen = try await tmux.waitFor("read-only: cannot write beside", timeout: .seconds(30))
        #expect(screen.contains("[1 Clusters]"), "\(screen)")
        #expect(screen.contains("(folder not writable)"), "\(screen)")
        #expect(!screen.contains("unable to open"), "\(screen)")
        // A decision is refused in words, not lost silently. (Waiting for "read-only" passed on the
        // notice still on screen when the capture came before the key: the refusal's own words.)
        try tmux.send("y")
        _ = try await tmux.waitFor("Read-only: y records nothing here", timeout: .seconds(30))
        try tmux.send("q")
        #expect(try await tmux.waitForExit(timeout: .seconds(30)) == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: sample.path)) == bytes, "the file changed")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).sorted() == before, "created beside it")
    }
}
