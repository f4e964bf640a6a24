import ArgumentParser
import CladeApp
import CladeCore
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

    @Flag(name: .long, help: "Start the sample's working copy again from the shipped sample; its review is kept in a dated copy beside it. Asks first in a terminal.")
    var resetSample = false

    @Flag(name: .long, help: "With --reset-sample: do not ask (needed without a terminal).")
    var yes = false

    @Option(name: .long, help: "Who is deciding, recorded with every decision (default: $USER).")
    var reviewer: String?

    @Flag(name: .long, help: .hidden)
    var crashTest = false

    @Flag(name: .long, help: "Leave the mouse to the terminal (its own text selection) instead of clicks and the wheel in the app.")
    var noMouse = false

    @Option(name: .long, help: "Colours: auto (default; honours NO_COLOR), color, mono, ascii, or high-contrast for projectors (T switches it in the app).")
    var theme: ThemeChoice = .auto

    enum ThemeChoice: String, ExpressibleByArgument, CaseIterable {
        case auto, color, mono, ascii
        case highContrast = "high-contrast"
    }

    func run() throws {
        if resetSample, database != nil { throw fail("--reset-sample applies to the bundled sample only; omit DATABASE") }
        if yes, !resetSample { throw fail("--yes goes with --reset-sample") }
        if resetSample { try reportingErrors { try SampleLocation.confirmReset(yes: yes) } }
        let log = AppLog.shared
        let path = try reportingErrors { try database ?? SampleLocation.prepare(reset: resetSample) }
        // A file that is plainly not one to open, then a terminal the session cannot start on,
        // are said before the file is opened: the first open switches it to WAL and adds Clade's tables.
        try reportingErrors {
            try SchemaCheck.preflight(path: path)
            try NcursesBackend.preflight()
        }
        let readOnly = readOnly
        // Another program's lock is waited out for as long as it lasts: the progress screen says
        // so and q quits. A deadline only turned a wait the reviewer could see into an error.
        let opening = FirstOpen { onWait in
            try AppDatabase.open(path: path, forceReadOnly: readOnly, busyTimeout: AppDatabase.interactiveBusyTimeout,
                                 busyWait: FirstOpen.lockWait, onWait: onWait)
        }
        // Most files open at once, and a bad one is one line on the terminal as it always was.
        if let outcome = opening.wait(seconds: FirstOpen.quietPeriod) {
            let (app, loaded) = try opened(outcome)
            try runSession(app, path: path, log: log, loaded: loaded)
            return
        }
        // A first open of a large new file, or one waiting for another program's lock: the
        // terminal now, with progress, and q quits.
        let backend = try reportingErrors { try NcursesBackend(mouse: !noMouse) }
        var typed: [InputEvent] = []
        var signal: Int32?
        guard let outcome = opening.show(on: backend, path: path, typed: &typed, signal: &signal) else {
            backend.restore()
            log?.write("quit while opening \(path)\(signal.map { " (signal \($0))" } ?? "")")
            if let signal { throw ExitCode(128 + signal) }
            return
        }
        let app: AppDatabase, loaded: (dataset: Dataset, cache: LoadCache)
        switch outcome {
        case .opened(let database, let first): (app, loaded) = (database, first)
        case .failed(let error):
            // The terminal first: a line printed over the progress screen would vanish with it.
            backend.restore()
            log?.write("could not open \(path): \(error)")
            throw fail("\(error)")
        }
        try runSession(app, path: path, log: log, backend: backend, loaded: loaded, typed: typed)
    }

    /// The database and its first load, or the error as one line (`reportingErrors`).
    func opened(_ outcome: FirstOpen.Outcome) throws -> (AppDatabase, (dataset: Dataset, cache: LoadCache)) {
        try reportingErrors {
            switch outcome {
            case .opened(let app, let loaded): return (app, loaded)
            case .failed(let error): throw error
            }
        }
    }
}
