/// A key press, decoded by a backend from whatever the terminal sent.
public enum Key: Hashable, Sendable {
    case char(Character)
    /// Ctrl plus a letter, lower-case (`ctrl("r")` for Ctrl-R).
    case ctrl(Character)
    case up, down, left, right
    case home, end, pageUp, pageDown
    case enter, escape, tab, backTab, backspace, delete, insert
    case shiftUp, shiftDown
    /// Word jumps in text (what terminals send as Ctrl-← and Ctrl-→).
    case ctrlLeft, ctrlRight
    case function(Int)
    /// Text the terminal delivered as a bracketed paste: inserted as text, never run as keys.
    case paste(String)
    /// Alt (Meta) plus a character, as terminals send it: Esc then the character.
    case alt(Character)

    /// How help and the footer write the key.
    public var label: String {
        switch self {
        case .char(" "): "Space"
        case .char(let c): String(c)
        case .ctrl(let c): "Ctrl-" + String(c).uppercased()
        case .up: "↑"
        case .down: "↓"
        case .left: "←"
        case .right: "→"
        case .home: "Home"
        case .end: "End"
        case .pageUp: "PgUp"
        case .pageDown: "PgDn"
        case .enter: "Enter"
        case .escape: "Esc"
        case .tab: "Tab"
        case .backTab: "Shift-Tab"
        case .backspace: "Backspace"
        case .delete: "Del"
        case .insert: "Ins"
        case .shiftUp: "Shift-↑"
        case .shiftDown: "Shift-↓"
        case .ctrlLeft: "Ctrl-←"
        case .ctrlRight: "Ctrl-→"
        case .function(let n): "F\(n)"
        case .paste: "paste"
        case .alt(let c): "Alt-" + String(c)
        }
    }

    /// What the key types into a text field, if it is text: a printable character or a paste.
    public var typedText: String? {
        switch self {
        case .char(let c) where !c.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }): String(c)
        case .paste(let text): text
        default: nil
        }
    }
}

/// What the run loop receives from a backend.
public enum InputEvent: Equatable, Sendable {
    case key(Key)
    /// The terminal changed size; the new size comes with it.
    case resize(width: Int, height: Int)
    /// A termination signal arrived (SIGINT, SIGTERM, SIGHUP or SIGQUIT, by number);
    /// the app should save what it must and exit. In raw mode Ctrl-C is a key, not this.
    case interrupt(signal: Int32)
    /// The process was stopped and continued (Ctrl-Z then `fg`); the screen was repainted
    /// and the app should present a fresh frame.
    case resumed
    /// A click or a turn of the wheel (unless `--no-mouse`).
    case mouse(MouseEvent)
}

/// A mouse event at a cell of the screen.
public struct MouseEvent: Equatable, Sendable {
    public enum Kind: Equatable, Sendable { case press, wheelUp, wheelDown }
    public var kind: Kind
    public var x: Int
    public var y: Int
    public init(_ kind: Kind, x: Int, y: Int) {
        self.kind = kind
        self.x = x
        self.y = y
    }
}
