import ArgumentParser
import CladeApp
import CladeCore
import CladeStore
import CladeTerminal
import CladeUI
import Foundation

extension OpenCommand {
    /// The full-screen session: the terminal taken and always given back, standard error on the
    /// log while the UI is up, start-up notices shown, the exit status saying how it ended
    /// (128 + signal for a termination signal, 1 for a decision the database never took).
    /// `backend`: the terminal a first open already took for its progress screen; `loaded`: the
    /// dataset read while opening; `typed`: keys pressed on the progress screen, run first.
    func runSession(_ app: AppDatabase, path: String, log: AppLog?, backend taken: NcursesBackend? = nil,
                    loaded: (dataset: Dataset, cache: LoadCache)? = nil, typed: [InputEvent] = []) throws {
        let backend = try taken ?? reportingErrors { try NcursesBackend(mouse: !noMouse) }
        log?.write("open \(path)\(app.readOnly ? " (read-only)" : "") in \(backend.terminalType) \(backend.size.width)×\(backend.size.height)")
        // From here standard error goes to the log: runtime messages and a crash's backtrace
        // must not land on the screen. The crash handler still prints one line to the terminal.
        let redirect = log?.redirectStandardError()
        defer {
            backend.restore()
            redirect?.restore()
        }
        var chosen: Theme
        switch theme {
        case .auto: chosen = Theme.detect(color: backend.supportsColor, unicode: backend.supportsUnicode)
        case .color: chosen = Theme.detect(color: true, unicode: backend.supportsUnicode)
        case .mono: chosen = Theme.detect(color: false, unicode: backend.supportsUnicode)
        case .ascii: chosen = .ascii
        case .highContrast: chosen = Theme.detect(color: backend.supportsColor, unicode: backend.supportsUnicode).withHighContrast(true)
        }
        chosen = chosen.forTerminal(backend.terminalType)
        backend.theme = chosen
        let runner: AppRunner
        do {
            runner = try AppRunner(database: app, backend: backend, theme: chosen, reviewer: reviewer ?? AppRunner.defaultReviewer, loaded: loaded)
        } catch {
            backend.restore()
            redirect?.restore()
            log?.write("could not start: \(error)")
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
        for case .key(let key) in typed { runner.send(.key(key)) }
        runner.run()
        backend.restore()
        redirect?.restore()
        runner.shutDown()
        // Every way out (q, a termination signal, a hangup): the review in the .sqlite itself.
        runner.database.close()
        if let unsaved = runner.unsavedDecision {
            log?.write("exit with an unsaved decision: \(unsaved)")
            throw fail(unsaved)
        }
        if let signal = runner.exitSignal {
            log?.write("exit on signal \(signal)")
            throw ExitCode(128 + signal)
        }
        log?.write("quit")
    }
}
