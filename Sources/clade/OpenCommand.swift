import ArgumentParser
import CladeApp
import CladeStore
import CladeTerminal
import CladeUI
import Foundation

struct OpenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "open",
        abstract: "Open a diagnostics database for review (the default command).",
        discussion: """
            Without DATABASE, opens a working copy of the bundled sample, kept at \
            ~/.local/share/clade/sample/construction.sqlite (or under $XDG_DATA_HOME/clade or $CLADE_HOME).
            Keys: ? lists the keys that work where you are; : lists every command; q quits.
            """
    )

    @Argument(help: "The diagnostics database to open. Omit it to open the bundled sample.")
    var database: String?

    @Flag(name: .long, help: "Open without writing anything, even if the file is writable.")
    var readOnly = false

    @Flag(name: .long, help: "Discard the sample's working copy (and its decisions) and start from the shipped sample.")
    var resetSample = false

    @Option(name: .long, help: "Who is deciding, recorded with every decision (default: $USER).")
    var reviewer: String?

    @Flag(name: .long, help: .hidden)
    var crashTest = false

    @Option(name: .long, help: "Colours: auto (default; honours NO_COLOR), color, mono or ascii.")
    var theme: ThemeChoice = .auto

    enum ThemeChoice: String, ExpressibleByArgument, CaseIterable {
        case auto, color, mono, ascii
    }

    func run() throws {
        if resetSample, database != nil { throw fail("--reset-sample applies to the bundled sample only; omit DATABASE") }
        let log = AppLog.shared
        let path = try reportingErrors { try database ?? SampleLocation.prepare(reset: resetSample) }
        let app = try reportingErrors {
            try AppDatabase.open(path: path, forceReadOnly: readOnly, busyTimeout: AppDatabase.interactiveBusyTimeout) { waiting in
                FileHandle.standardError.write(Data("clade: \(SafeText.line(waiting))\n".utf8))
            }
        }
        let backend = try reportingErrors { try NcursesBackend() }
        log?.write("open \(path)\(app.readOnly ? " (read-only)" : "") in \(backend.terminalType) \(backend.size.width)×\(backend.size.height)")
        // From here standard error goes to the log: runtime messages and a crash's backtrace
        // must not land on the screen. The crash handler still prints one line to the terminal.
        let redirect = log?.redirectStandardError()
        defer {
            backend.restore()
            redirect?.restore()
        }
        let chosen: Theme
        switch theme {
        case .auto: chosen = Theme.detect(color: backend.supportsColor, unicode: backend.supportsUnicode)
        case .color: chosen = Theme.detect(color: true, unicode: backend.supportsUnicode)
        case .mono: chosen = Theme.detect(color: false, unicode: backend.supportsUnicode)
        case .ascii: chosen = .ascii
        }
        backend.theme = chosen
        let runner: AppRunner
        do {
            runner = try AppRunner(database: app, backend: backend, theme: chosen, reviewer: reviewer ?? AppRunner.defaultReviewer)
        } catch {
            backend.restore()
            redirect?.restore()
            throw fail("\(error)")
        }
        runner.log = log
        let notices = [backend.notice].compactMap { $0 } + app.notices
        for notice in notices { log?.write("notice: \(notice)") }
        if !notices.isEmpty {
            let more = notices.count > 1 ? " (+\(notices.count - 1) more\(log.map { " in \($0.path)" } ?? ""))" : ""
            runner.notify(notices[0] + more, isError: app.report?.warnings.isEmpty == false)
        }
        if crashTest {
            // For the end-to-end tests: a genuine runtime trap with the UI up, on the first key.
            runner.notify("crash test: the next key traps")
            backend.present(runner.frame())
            _ = backend.nextEvent(timeoutMs: -1)
            log?.write("crash test: trapping")
            fatalError("crash test")
        }
        runner.run()
        backend.restore()
        redirect?.restore()
        if let unsaved = runner.unsavedDecision { throw fail(unsaved) }
        if let signal = runner.exitSignal {
            log?.write("exit on signal \(signal)")
            throw ExitCode(128 + signal)
        }
        log?.write("quit")
    }
}
