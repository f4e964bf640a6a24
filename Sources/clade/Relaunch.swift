import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Makes sure the Swift runtime's crash reporter is set up for a full-screen tool.
///
/// The runtime reads `SWIFT_BACKTRACE` once, before `main`, so setting it later has no effect:
/// when it is absent, Clade sets it and executes itself again (same pid, same arguments), once.
/// - `interactive=no`: on a crash in a terminal the reporter would otherwise stop and wait for
///   keys, on a screen the crash left in raw mode.
/// - `output-to=stderr`: its default is standard output, which may be the file of
///   `clade export > decisions.json`. While the UI is up, standard error is the log (`AppLog`),
///   so the backtrace lands there and the terminal gets one line saying where.
/// - `color=no`: the report is for a log file.
/// A value the user set is respected. If the re-execution fails, Clade runs with the defaults.
enum Relaunch {
    static let variable = "SWIFT_BACKTRACE"
    static let settings = "interactive=no,output-to=stderr,color=no"

    static func withBacktraceSettings() {
        #if os(Linux)
        guard getenv(variable) == nil else { return }
        // The binary's real path, so the process is still called `clade` (not `exe`) in ps and top.
        var buffer = [CChar](repeating: 0, count: 4096)
        let n = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        guard n > 0 else { return }
        setenv(variable, settings, 1)
        execv(buffer, CommandLine.unsafeArgv)
        // Only reached when exec failed: carry on with the runtime's defaults.
        #endif
    }
}
