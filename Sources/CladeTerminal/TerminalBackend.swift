import CladeCore
import CladeUI

/// The only way the app talks to a terminal. The ncurses backend drives a real one;
/// the headless backend records frames and replays scripted input for tests.
public protocol TerminalBackend: AnyObject {
    /// The current size in columns and rows.
    var size: Size { get }
    /// Whether the terminal can show colour (and the user has not asked for none).
    var supportsColor: Bool { get }
    /// Whether box-drawing and block characters can be drawn (UTF-8 locale, capable terminal).
    var supportsUnicode: Bool { get }
    /// Waits up to `timeoutMs` (negative: forever) for the next event; nil on timeout.
    func nextEvent(timeoutMs: Int32) -> InputEvent?
    /// Shows a frame, writing only what changed since the last one.
    func present(_ screen: Screen)
    /// Gives the terminal back exactly as it was found. Safe to call more than once.
    func restore()
}
