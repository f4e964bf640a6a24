/// What the environment says about colour and Unicode, decided without touching a terminal
/// so tests can cover `NO_COLOR=1`, `TERM=dumb` and `LANG=C`.
public struct TerminalEnvironment: Equatable, Sendable {
    /// `TERM`, nil when unset or empty.
    public var term: String?
    /// `NO_COLOR` is set to a non-empty value (https://no-color.org).
    public var noColor: Bool
    /// The character set of the locale in effect, from `nl_langinfo(CODESET)` after
    /// `setlocale`; nil when unknown, in which case `LC_ALL`, `LC_CTYPE` and `LANG` decide.
    public var codeset: String?
    /// The locale name that governs character types: the first non-empty of
    /// `LC_ALL`, `LC_CTYPE`, `LANG` (POSIX order), or nil.
    public var localeName: String?

    public init(term: String?, noColor: Bool, codeset: String?, localeName: String?) {
        self.term = term.flatMap { $0.isEmpty ? nil : $0 }
        self.noColor = noColor
        self.codeset = codeset
        self.localeName = localeName
    }

    /// From environment variables (and the codeset when the locale is already set).
    public init(variables: [String: String], codeset: String? = nil) {
        let nonEmpty = { (name: String) -> String? in variables[name].flatMap { $0.isEmpty ? nil : $0 } }
        self.init(
            term: nonEmpty("TERM"),
            noColor: nonEmpty("NO_COLOR") != nil,
            codeset: codeset,
            localeName: nonEmpty("LC_ALL") ?? nonEmpty("LC_CTYPE") ?? nonEmpty("LANG")
        )
    }

    /// The variables this type reads.
    public static let variableNames = ["TERM", "NO_COLOR", "LC_ALL", "LC_CTYPE", "LANG"]

    /// TERM is unset, empty or `dumb`: no colour, no Unicode, no cursor movement expected.
    public var isDumbTerminal: Bool { term == nil || term == "dumb" }

    /// The locale asks for UTF-8 (by its name; the codeset may still say otherwise if the
    /// named locale is not installed).
    public var localeNameRequestsUTF8: Bool {
        guard let name = localeName else { return false }
        return Self.isUTF8(codesetOf: name)
    }

    /// Whether text is UTF-8: the codeset when known, else the locale name.
    public var isUTF8: Bool {
        if let codeset { return Self.normalized(codeset) == "utf8" }
        return localeNameRequestsUTF8
    }

    /// Whether the terminal is of a family that takes OSC 52 (set the clipboard): xterm and its
    /// kin, tmux and screen, the GPU terminals. The Linux console and old VTs do not.
    public var takesClipboardEscape: Bool {
        guard let term, !isDumbTerminal else { return false }
        let families = ["xterm", "tmux", "screen", "kitty", "alacritty", "wezterm", "foot", "rxvt", "st", "contour", "ghostty"]
        return families.contains { term == $0 || term.hasPrefix($0 + "-") }
    }

    /// Box drawing, blocks and other non-ASCII glyphs: UTF-8 and a real terminal.
    public var allowsUnicode: Bool { isUTF8 && !isDumbTerminal }

    /// Colour: the terminal has it (curses' `has_colors`), the user has not set NO_COLOR,
    /// and TERM is not dumb.
    public func allowsColor(terminalHasColors: Bool) -> Bool {
        terminalHasColors && !noColor && !isDumbTerminal
    }

    /// "en_US.UTF-8" → true, "C.utf8" → true, "C" / "POSIX" / "de_DE@euro" → false.
    static func isUTF8(codesetOf localeName: String) -> Bool {
        guard let dot = localeName.firstIndex(of: ".") else { return false }
        var codeset = localeName[localeName.index(after: dot)...]
        if let at = codeset.firstIndex(of: "@") { codeset = codeset[..<at] }
        return normalized(String(codeset)) == "utf8"
    }

    static func normalized(_ codeset: String) -> String {
        String(codeset.lowercased().filter { $0 != "-" && $0 != "_" })
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension TerminalEnvironment {
    /// Reads this process's environment. Pass the codeset once `setlocale` has run.
    public static func current(codeset: String? = nil) -> TerminalEnvironment {
        var variables: [String: String] = [:]
        for name in variableNames {
            if let value = getenv(name) { variables[name] = String(cString: value) }
        }
        return TerminalEnvironment(variables: variables, codeset: codeset)
    }
}
