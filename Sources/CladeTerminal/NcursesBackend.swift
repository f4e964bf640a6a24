import CNcurses
import CTermGuard
import CladeCore
import CladeUI

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The real terminal, through ncurses' wide-character API.
///
/// Setting up: refuses when stdin or stdout is not a terminal; installs the terminal guard
/// (crash signals restore the terminal, SIGINT/TERM/HUP/QUIT become `.interrupt`); sets the
/// locale (falling back to C.UTF-8 when a UTF-8 locale is asked for but not installed);
/// starts curses with `newterm`. An unknown TERM falls back to `fallbackTerminalTypes`
/// (a terminal missing from this machine's terminfo, e.g. kitty over ssh, is almost always
/// xterm-compatible) and says so in `notice`; a terminal that cannot move the cursor
/// (TERM=dumb) is refused. Every exit path restores the terminal: `restore()`, `deinit`,
/// an `atexit` hook, and the guard's crash handler.
///
/// Use from one thread.
public final class NcursesBackend: TerminalBackend {
    public private(set) var supportsColor: Bool
    public private(set) var supportsUnicode: Bool
    public var theme: Theme {
        didSet {
            styles.removeAll()
            forceRedraw()
        }
    }
    /// The environment as found (after `setlocale`); colour and Unicode are decided from it
    /// with `terminalType` as TERM.
    public let environment: TerminalEnvironment
    /// The terminal type curses runs with: TERM, or a fallback.
    public let terminalType: String
    /// One line for the status bar when something was worked around (unknown TERM), else nil.
    public let notice: String?

    /// Tried in order when TERM has no terminfo entry here.
    public static let fallbackTerminalTypes = ["xterm-256color", "xterm", "vt100"]
    /// How long a lone Esc waits for the rest of an escape sequence (ncurses' default: 1 s).
    public static let escapeDelayMs: Int32 = 25

    // Drawing state (see NcursesBackend+Present.swift).
    var previous: Screen?
    var fullRepaintPending = true
    var cursorVisible = false
    var styles: [Style: (attrs: attr_t, pair: Int16)] = [:]
    var colorPairs: ColorPairTable
    let defaultColors: Bool
    let encoder = CursesRowEncoder(scalarWidth: { Int(clade_wcwidth(wchar_t(bitPattern: $0))) })

    // Input state (see NcursesBackend+Input.swift).
    var earlyErrorStreak = 0
    /// Character codes read past an escape sequence, delivered before reading more.
    var pendingCodes: [UInt32] = []

    private var closed = false

    /// `mouse`: clicks and the wheel are reported (`--no-mouse` turns them off, so the
    /// terminal's own selection works).
    public init(mouse: Bool = true) throws {
        try Self.requireTerminals()
        clade_guard_install()

        let codeset = Self.setLocale()
        let environment = TerminalEnvironment.current(codeset: codeset)
        self.environment = environment

        let (type, notice): (String, String?)
        do {
            (type, notice) = try Self.startCurses(environment)
        } catch {
            clade_guard_uninstall()
            throw error
        }
        terminalType = type
        self.notice = notice

        raw()
        noecho()
        nonl()
        keypad(clade_stdscr(), true)
        _ = set_escdelay(Self.escapeDelayMs)
        _ = curs_set(0)

        // Decide for the terminal type actually in use (a fallback when TERM was unknown).
        var effective = environment
        effective.term = type
        supportsColor = effective.allowsColor(terminalHasColors: has_colors())
        supportsUnicode = effective.allowsUnicode
        if supportsColor {
            start_color()
            defaultColors = use_default_colors() == OK
        } else {
            defaultColors = false
        }
        colorPairs = ColorPairTable(capacity: Int(clade_color_pairs()))
        theme = Theme.detect(color: supportsColor, unicode: supportsUnicode).forTerminal(type)

        clade_guard_set_active(1)
        _ = Self.restoreAtExit
        Self.writeToTerminal(EscapeDecoding.enablePaste)
        if mouse { clade_mouse_enable(1) }
    }

    /// Mode switches curses knows nothing of (bracketed paste), written straight to the terminal.
    static func writeToTerminal(_ sequence: String) {
        fflush(nil)
        let bytes = Array(sequence.utf8)
        _ = bytes.withUnsafeBufferPointer { write(STDOUT_FILENO, $0.baseAddress, $0.count) }
    }

    deinit { restore() }

    public var size: Size {
        let window = clade_stdscr()
        return Size(width: Int(getmaxx(window)), height: Int(getmaxy(window)))
    }

    public func forceRedraw() { fullRepaintPending = true }

    public func suspend() {
        guard !closed else { return }
        endwin()
        clade_guard_set_active(0)
        Self.writeToTerminal(EscapeDecoding.disablePaste)
        clade_guard_stop_self()  // returns after SIGCONT
        _ = clade_guard_take_continued()
        clade_guard_set_active(1)
        // A refresh after endwin re-enters program mode (raw, keypad, alternate screen).
        _ = clade_clear_on_next_refresh()
        wrefresh(clade_stdscr())
        Self.writeToTerminal(EscapeDecoding.enablePaste)
    }

    public func copyToClipboard(_ text: String) -> Bool {
        var effective = environment
        effective.term = terminalType
        guard !closed, effective.takesClipboardEscape else { return false }
        Self.writeToTerminal(ClipboardEscape.sequence(for: text))
        return true
    }

    public func runOutside(_ body: () -> Void) {
        guard !closed else { return body() }
        Self.writeToTerminal(EscapeDecoding.disablePaste)
        endwin()
        clade_guard_restore_termios()
        clade_guard_set_active(0)
        body()
        clade_guard_set_active(1)
        _ = clade_clear_on_next_refresh()
        wrefresh(clade_stdscr())
        Self.writeToTerminal(EscapeDecoding.enablePaste)
        forceRedraw()
    }

    /// Ends curses, puts the termios back and the signal handlers found at start (so the
    /// process behaves like a plain command line tool again). Safe to call more than once.
    public func restore() {
        guard !closed else { return }
        closed = true
        Self.leaveCurses()
        clade_guard_uninstall()
    }

    var isClosed: Bool { closed }

    // MARK: - Setting up and tearing down

    /// Sets the locale from the environment; returns the resulting codeset.
    private static func setLocale() -> String {
        _ = clade_set_locale()
        var codeset = String(cString: clade_codeset())
        if TerminalEnvironment.normalized(codeset) != "utf8",
           TerminalEnvironment.current().localeNameRequestsUTF8,
           clade_set_ctype_locale("C.UTF-8") != 0 {
            codeset = String(cString: clade_codeset())
        }
        return codeset
    }

    /// `newterm` with TERM, then the fallbacks; refuses terminals without cursor addressing.
    /// What `init` would refuse, found without touching the terminal: stdin or stdout not a
    /// terminal, a TERM that cannot move the cursor, an unknown TERM with no fallback here. Run
    /// before opening a file, so a session that cannot start leaves the file as it was.
    public static func preflight() throws {
        try requireTerminals()
        let requested = TerminalEnvironment.current().term ?? ""
        for type in terminalCandidates(requested) {
            switch clade_probe_terminal(type) {
            case 1: return
            case 0: throw TerminalError.noCursorAddressing(term: type)
            default: continue
            }
        }
        throw TerminalError.unknownTerminal(term: requested)
    }

    static func requireTerminals() throws {
        guard isatty(STDIN_FILENO) == 1 else { throw TerminalError.notATerminal(stream: "standard input") }
        guard isatty(STDOUT_FILENO) == 1 else { throw TerminalError.notATerminal(stream: "standard output") }
    }

    /// TERM, then the fallbacks (none for dumb: it asked for no cursor movement).
    static func terminalCandidates(_ requested: String) -> [String] {
        var candidates = requested.isEmpty ? [] : [requested]
        if requested != "dumb" { candidates += fallbackTerminalTypes.filter { $0 != requested } }
        return candidates
    }

    private static func startCurses(_ environment: TerminalEnvironment) throws -> (type: String, notice: String?) {
        let requested = environment.term ?? ""
        for type in terminalCandidates(requested) {
            guard clade_newterm(type) != nil else { continue }
            guard clade_has_cursor_addressing() != 0 else {
                endwin()
                throw TerminalError.noCursorAddressing(term: type)
            }
            let notice = type == requested ? nil
                : requested.isEmpty ? "TERM is not set; drawing as \(type)"
                : "TERM '\(requested)' is unknown here; drawing as \(type)"
            return (type, notice)
        }
        throw TerminalError.unknownTerminal(term: requested)
    }

    /// Ends curses and puts the saved termios back, if the UI is up.
    static func leaveCurses() {
        guard clade_guard_is_active() != 0 else { return }
        writeToTerminal(EscapeDecoding.disablePaste)
        endwin()
        clade_guard_restore_termios()
        clade_guard_set_active(0)
    }

    /// Registered once, on first use: whatever way the process exits, the terminal comes back.
    private static let restoreAtExit: Void = {
        _ = atexit { NcursesBackend.leaveCurses() }
    }()
}
