import CladeCore
import CladeTerminal
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A small log of each session (`clade.log` in Clade's data folder): what was opened, notices,
/// busy retries, reloads, how it ended. While the full-screen UI is up, standard error goes there
/// too, so a runtime message or a crash backtrace lands in the log instead of on the screen.
///
/// Each line is one `write` to a file opened with O_APPEND: two Clades can share it. Beyond
/// 1 MiB at start it is moved to `clade.log.1`.
public final class AppLog: Sendable {
    public let path: String
    private let fd: Int32

    /// The log in the default folder, opened on first use; nil when it cannot be written.
    public static let shared: AppLog? = AppLog(directory: defaultDirectory)

    /// `$CLADE_HOME`, else `$XDG_DATA_HOME/clade`, else `~/.local/share/clade`.
    public static var defaultDirectory: String {
        DataFolder.path()
    }

    static let rotateAt = 1 << 20

    public init?(directory: String) {
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        path = directory + "/clade.log"
        if let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int, size > Self.rotateAt {
            _ = rename(path, path + ".1")
        }
        fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { return nil }
    }

    deinit { close(fd) }

    /// Appends `2026-08-03T14:05:00Z [pid] message`.
    public func write(_ message: String) {
        let line = "\(Self.timestamp()) [\(getpid())] \(message.replacingOccurrences(of: "\n", with: " "))\n"
        _ = line.withCString { posixWrite(fd, $0, strlen($0)) }
    }

    static func timestamp() -> String {
        var t = time(nil)
        var parts = tm()
        gmtime_r(&t, &parts)
        var buffer = [UInt8](repeating: 0, count: 32)
        let n = buffer.withUnsafeMutableBufferPointer { b in
            b.baseAddress!.withMemoryRebound(to: CChar.self, capacity: b.count) { strftime($0, b.count, "%Y-%m-%dT%H:%M:%SZ", &parts) }
        }
        return String(decoding: buffer.prefix(n), as: UTF8.self)
    }

    /// Sends standard error to the log until `restore()`; the terminal's descriptor is kept for
    /// the crash handler's one line, which points here.
    public func redirectStandardError() -> StandardErrorRedirect? {
        let saved = dup(STDERR_FILENO)
        guard saved >= 0 else { return nil }
        _ = fcntl(saved, F_SETFD, FD_CLOEXEC)
        guard dup2(fd, STDERR_FILENO) >= 0 else {
            close(saved)
            return nil
        }
        CrashNote.set(fd: saved, note: "Details are in \(path)")
        return StandardErrorRedirect(saved: saved)
    }
}

private func posixWrite(_ fd: Int32, _ bytes: UnsafePointer<CChar>, _ count: Int) -> Int {
    #if canImport(Glibc)
    Glibc.write(fd, bytes, count)
    #else
    Darwin.write(fd, bytes, count)
    #endif
}

/// Standard error sent elsewhere; `restore()` puts the terminal back (safe to call twice).
public final class StandardErrorRedirect {
    private var saved: Int32

    init(saved: Int32) { self.saved = saved }

    deinit { restore() }

    public func restore() {
        guard saved >= 0 else { return }
        CrashNote.clear()
        dup2(saved, STDERR_FILENO)
        close(saved)
        saved = -1
    }
}
