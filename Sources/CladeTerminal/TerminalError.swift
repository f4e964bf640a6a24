/// Why a real terminal could not be used. `description` is one line, fit for stderr.
public enum TerminalError: Error, Equatable, CustomStringConvertible {
    /// Standard input or output is not a terminal (a pipe, a file, /dev/null).
    case notATerminal(stream: String)
    /// No terminal description could be loaded for `term`, nor for any fallback.
    case unknownTerminal(term: String)
    /// The terminal cannot move the cursor (TERM=dumb and friends).
    case noCursorAddressing(term: String)

    public var description: String {
        switch self {
        case .notATerminal(let stream):
            "clade needs an interactive terminal, but \(stream) is not one (a pipe or a file?)"
        case .unknownTerminal(let term):
            "unknown terminal type \(term.isEmpty ? "(TERM is not set)" : "'\(term)'"); set TERM to one this system knows, e.g. TERM=xterm-256color"
        case .noCursorAddressing(let term):
            "terminal type '\(term)' cannot move the cursor; run clade in a full-screen terminal (e.g. TERM=xterm-256color)"
        }
    }
}
