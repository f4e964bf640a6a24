import CladeCore
import CladeUI

/// The only way the app talks to a terminal. The ncurses backend drives a real one;
/// the headless backend records frames and replays scripted input for tests.
///
/// Use a backend from one thread (curses is not thread-safe).
public protocol TerminalBackend: AnyObject {
    /// The current size in columns and rows.
    var size: Size { get }
    /// Whether the terminal can show colour (and the user has not asked for none).
    var supportsColor: Bool { get }
    /// Whether box-drawing and block characters can be drawn (UTF-8 locale, capable terminal).
    var supportsUnicode: Bool { get }
    /// How `present` turns a cell's `Style` into colours and attributes. Starts as
    /// `Theme.detect(color: supportsColor, unicode: supportsUnicode)`; setting it repaints fully.
    var theme: Theme { get set }
    /// Waits up to `timeoutMs` (negative: forever) for the next event; nil on timeout.
    func nextEvent(timeoutMs: Int32) -> InputEvent?
    /// Shows a frame, writing only what changed since the last one.
    func present(_ screen: Screen)
    /// Makes the next `present` repaint the whole terminal (Ctrl-L; after a resize or a
    /// resume the backend does this itself).
    func forceRedraw()
    /// Gives the terminal back to the shell and stops the process (Ctrl-Z); returns once it
    /// is continued, with the screen taken back. Present a frame afterwards.
    func suspend()
    /// Gives the terminal back exactly as it was found. Safe to call more than once.
    func restore()
    /// Leaves the screen to another program (an editor) while `body` runs, then takes it back
    /// and repaints. Present a frame afterwards.
    func runOutside(_ body: () -> Void)
    /// Puts text on the terminal's clipboard (OSC 52); false when this terminal cannot.
    func copyToClipboard(_ text: String) -> Bool
}

extension TerminalBackend {
    /// A backend with no terminal of its own (headless) just runs `body`.
    public func runOutside(_ body: () -> Void) { body() }
    public func copyToClipboard(_ text: String) -> Bool { false }
}
