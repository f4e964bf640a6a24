import CladeCore
import CladeUI

/// A terminal for tests: scripted input in, recorded frames out (like swift-nio's
/// EmbeddedChannel or ratatui's TestBackend).
///
/// ```swift
/// let backend = HeadlessBackend(size: Size(width: 80, height: 24))
/// backend.enqueue(keys: "jjj\t/foo\r<C-r>")
/// backend.resize(to: Size(width: 60, height: 18))
/// // run the loop until nextEvent returns nil, then:
/// #expect(backend.lastScreen?.text.contains("foo") == true)
/// ```
public final class HeadlessBackend: TerminalBackend {
    /// Follows the last `.resize` event handed out by `nextEvent`, as a real terminal's does.
    public private(set) var size: Size
    public var supportsColor: Bool
    public var supportsUnicode: Bool
    public var theme: Theme
    /// Every frame presented, oldest first.
    public private(set) var frames: [Screen] = []
    /// Events not yet handed out, next first.
    public private(set) var pendingEvents: [InputEvent] = []
    /// Each `nextEvent` call's timeout, to check that an idle loop blocks rather than spins.
    public private(set) var requestedTimeouts: [Int32] = []
    public private(set) var redrawRequests = 0
    public private(set) var suspensions = 0
    public private(set) var restoreCount = 0

    public init(size: Size = Size(width: 80, height: 24), color: Bool = true, unicode: Bool = true) {
        self.size = size
        supportsColor = color
        supportsUnicode = unicode
        theme = Theme.detect(color: color, unicode: unicode)
    }

    /// The frame on screen now.
    public var lastScreen: Screen? { frames.last }

    public func enqueue(_ events: [InputEvent]) { pendingEvents += events }
    public func enqueue(_ event: InputEvent) { pendingEvents.append(event) }
    public func enqueue(keys: [Key]) { pendingEvents += keys.map(InputEvent.key) }
    /// Keys typed from a script, see `KeyScript`: `"jjj\t/foo\r"`, `"<Up><C-r><Esc>"`.
    public func enqueue(keys script: String) { enqueue(keys: KeyScript.keys(script)) }

    /// The terminal is resized: queues `.resize`; `size` changes when the loop reads it.
    public func resize(to newSize: Size) {
        enqueue(.resize(width: newSize.width, height: newSize.height))
    }

    public func nextEvent(timeoutMs: Int32) -> InputEvent? {
        requestedTimeouts.append(timeoutMs)
        guard !pendingEvents.isEmpty else { return nil }
        let event = pendingEvents.removeFirst()
        if case .resize(let width, let height) = event {
            size = Size(width: width, height: height)
        }
        return event
    }

    public func present(_ screen: Screen) { frames.append(screen) }
    public func forceRedraw() { redrawRequests += 1 }
    public func suspend() { suspensions += 1 }
    public func restore() { restoreCount += 1 }

    /// Forgets recorded frames (long scenarios that only check the latest).
    public func clearFrames() { frames.removeAll() }
}
