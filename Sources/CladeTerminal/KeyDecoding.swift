import CNcurses
import CladeCore

/// The curses key codes `get_wch` reports with `KEY_CODE_YES`, by name (values from curses.h).
public enum CursesKeyCode {
    public static let down = UInt32(KEY_DOWN)
    public static let up = UInt32(KEY_UP)
    public static let left = UInt32(KEY_LEFT)
    public static let right = UInt32(KEY_RIGHT)
    public static let home = UInt32(KEY_HOME)
    public static let end = UInt32(KEY_END)
    public static let pageUp = UInt32(KEY_PPAGE)
    public static let pageDown = UInt32(KEY_NPAGE)
    public static let backTab = UInt32(KEY_BTAB)
    public static let delete = UInt32(KEY_DC)
    public static let insert = UInt32(KEY_IC)
    public static let backspace = UInt32(KEY_BACKSPACE)
    public static let enter = UInt32(KEY_ENTER)
    /// Scroll forward: what terminfo calls Shift-Down (`kind`).
    public static let scrollForward = UInt32(KEY_SF)
    /// Scroll reverse: what terminfo calls Shift-Up (`kri`).
    public static let scrollReverse = UInt32(KEY_SR)
    /// `KEY_F(0)`; `KEY_F(n)` is this plus n, for n up to 63.
    public static let f0 = UInt32(KEY_F0)
    public static let resize = UInt32(KEY_RESIZE)
    public static let mouse = UInt32(KEY_MOUSE)
}

/// The pure mapping from what `get_wch` returned to a `Key`; testable without a terminal.
public enum KeyDecoding {
    /// What `get_wch` returned: `.character` for `OK`, `.functionKey` for `KEY_CODE_YES`.
    public enum Code: Equatable, Sendable {
        case character(UInt32)
        case functionKey(UInt32)
    }

    /// The key for a code, or nil for codes the app does not use (mouse, unknown keys,
    /// C1 controls, invalid scalars). `KEY_RESIZE` is not a key: the backend handles it.
    public static func key(for code: Code) -> Key? {
        switch code {
        case .character(let c): key(forCharacter: c)
        case .functionKey(let k): key(forFunctionKey: k)
        }
    }

    /// A character `get_wch` returned with `OK`.
    public static func key(forCharacter code: UInt32) -> Key? {
        switch code {
        case 13, 10: return .enter
        case 27: return .escape
        case 9: return .tab
        case 127, 8: return .backspace
        case 1...26: return .ctrl(Character(Unicode.Scalar(UInt8(code) + 0x60)))
        // Ctrl-\ Ctrl-] Ctrl-^ Ctrl-_ (raw mode delivers them as bytes).
        case 28...31: return .ctrl(Character(Unicode.Scalar(UInt8(code) + 0x40)))
        case 0: return nil  // Ctrl-Space / Ctrl-@
        case 0x80..<0xA0: return nil
        default:
            guard let scalar = Unicode.Scalar(code) else { return nil }
            return .char(Character(scalar))
        }
    }

    /// Keys curses reports by an extended code whose terminfo name says what it is
    /// (`kLFT5` is Ctrl-←, xterm's modifier 5; `kLFT3` is Alt-←, which word-jumps too).
    public static func key(forKeyName name: String) -> Key? {
        switch name {
        case "kLFT5", "kLFT3": .ctrlLeft
        case "kRIT5", "kRIT3": .ctrlRight
        default: nil
        }
    }

    /// A key code `get_wch` returned with `KEY_CODE_YES`.
    public static func key(forFunctionKey code: UInt32) -> Key? {
        switch code {
        case CursesKeyCode.up: return .up
        case CursesKeyCode.down: return .down
        case CursesKeyCode.left: return .left
        case CursesKeyCode.right: return .right
        case CursesKeyCode.home: return .home
        case CursesKeyCode.end: return .end
        case CursesKeyCode.pageUp: return .pageUp
        case CursesKeyCode.pageDown: return .pageDown
        case CursesKeyCode.backTab: return .backTab
        case CursesKeyCode.delete: return .delete
        case CursesKeyCode.insert: return .insert
        case CursesKeyCode.backspace: return .backspace
        case CursesKeyCode.enter: return .enter
        case CursesKeyCode.scrollReverse: return .shiftUp
        case CursesKeyCode.scrollForward: return .shiftDown
        case (CursesKeyCode.f0 + 1)...(CursesKeyCode.f0 + 63): return .function(Int(code - CursesKeyCode.f0))
        default: return nil
        }
    }
}
