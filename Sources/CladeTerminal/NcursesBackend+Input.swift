import CNcurses
import CTermGuard
import CladeCore
import CladeUI

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension NcursesBackend {
    /// A blocking wait (negative timeout) is cut into slices this long, so a signal that lands
    /// just before `get_wch` starts waiting is still seen promptly.
    static let blockingSliceMs: Int32 = 500
    /// This many `ERR`s in a row that come back at once (not after the timeout) mean the
    /// terminal is gone (end of file without SIGHUP); report it as a hangup, not a busy loop.
    static let hangupErrorStreak = 100

    public func nextEvent(timeoutMs: Int32) -> InputEvent? {
        guard !isClosed else { return nil }
        let clock = ContinuousClock()
        let start = clock.now
        func elapsedMs() -> Int32 {
            let d = start.duration(to: clock.now).components
            return Int32(clamping: d.seconds * 1000 + d.attoseconds / 1_000_000_000_000_000)
        }

        while true {
            if let event = signalEvent() { return event }
            // Codes read past an Esc sequence are the next keys.
            if !pendingCodes.isEmpty {
                let code = pendingCodes.removeFirst()
                if code == EscapeDecoding.esc, let key = escapeSequence() { return .key(key) }
                if code != EscapeDecoding.esc, let key = KeyDecoding.key(forCharacter: code) { return .key(key) }
                continue
            }
            let wait = timeoutMs < 0 ? Self.blockingSliceMs : max(0, timeoutMs - elapsedMs())
            wtimeout(clade_stdscr(), wait)
            var code: UInt32 = 0
            let callStart = clock.now
            let status = clade_get_wch(&code)

            if status == KEY_CODE_YES {
                earlyErrorStreak = 0
                if code == CursesKeyCode.resize {
                    forceRedraw()
                    return .resize(width: size.width, height: size.height)
                }
                if code == CursesKeyCode.mouse {
                    var x: Int32 = 0, y: Int32 = 0
                    switch clade_mouse_read(&x, &y) {
                    case 1: return .mouse(MouseEvent(.press, x: Int(x), y: Int(y)))
                    case 4: return .mouse(MouseEvent(.wheelUp, x: Int(x), y: Int(y)))
                    case 5: return .mouse(MouseEvent(.wheelDown, x: Int(x), y: Int(y)))
                    default: continue
                    }
                }
                if let key = KeyDecoding.key(forFunctionKey: code) { return .key(key) }
                if let name = keyname(Int32(bitPattern: code)), let key = KeyDecoding.key(forKeyName: String(cString: name)) {
                    return .key(key)
                }
            } else if status == OK {
                earlyErrorStreak = 0
                if code == EscapeDecoding.esc {
                    if let key = escapeSequence() { return .key(key) }
                } else if let key = KeyDecoding.key(forCharacter: code) {
                    return .key(key)
                }
            } else {
                if let event = signalEvent() { return event }
                if wait > 5, callStart.duration(to: clock.now) < .milliseconds(2) {
                    earlyErrorStreak += 1
                    if earlyErrorStreak >= Self.hangupErrorStreak {
                        earlyErrorStreak = 0
                        return .interrupt(signal: SIGHUP)
                    }
                } else {
                    earlyErrorStreak = 0
                }
            }
            // Ignored keys (mouse, unknown) and interrupted reads wait out the rest.
            if timeoutMs >= 0, elapsedMs() >= timeoutMs {
                if let event = signalEvent() { return event }
                return nil
            }
        }
    }

    /// The key an Esc starts (a lone Esc, an Alt-key, a bracketed paste), reading what follows
    /// it; nil for a sequence of a key the app has no use for.
    private func escapeSequence() -> Key? {
        let result = EscapeDecoding.decode { (timeout: Int32) -> UInt32? in
            if !pendingCodes.isEmpty { return pendingCodes.removeFirst() }
            while true {
                wtimeout(clade_stdscr(), timeout)
                var code: UInt32 = 0
                let status = clade_get_wch(&code)
                if status == OK { return code }
                // Inside a paste keypad translation may still turn Enter into KEY_ENTER.
                if status == KEY_CODE_YES { if code == CursesKeyCode.enter { return 13 } else { continue } }
                return nil
            }
        }
        pendingCodes += result.leftover
        return result.key
    }

    /// A termination request, or a continue after a stop (repainted here), as an event.
    private func signalEvent() -> InputEvent? {
        let signal = clade_guard_take_exit_signal()
        if signal != 0 { return .interrupt(signal: signal) }
        if clade_guard_take_continued() != 0 {
            repaintAfterContinue()
            return .resumed
        }
        return nil
    }

    /// After a stop we did not ask for (SIGSTOP, or SIGTSTP from outside), the shell may have
    /// reset the terminal. endwin + refresh re-enters program mode (raw, keypad, alternate
    /// screen) and repaints the last frame; the app then presents a fresh one.
    private func repaintAfterContinue() {
        endwin()
        _ = clade_clear_on_next_refresh()
        wrefresh(clade_stdscr())
        clade_guard_set_active(1)
        Self.writeToTerminal(EscapeDecoding.enablePaste)
    }
}
