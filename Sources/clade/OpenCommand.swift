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
        let log = AppLog.shared
        let path = try reportingErrors { try database ?? SampleLocation.prepare(reset: resetSample) }
        let app = try reportingErrors {
            try AppDatabase.open(path: path, forceReadOnly: readOnly, busyTimeout: AppDatabase.interactiveBusyTimeout) { waiting in
                FileHandle.standardError.write(Data("clade: \(SafeText.line(waiting))\n".utf8))
            }
        }
        try runSession(app, path: path, log: log)
    }
}
