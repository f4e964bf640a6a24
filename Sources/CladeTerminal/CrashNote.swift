import CTermGuard

/// The line the crash handler prints after restoring the terminal (see `CTermGuard.h`).
public enum CrashNote {
    /// `clade: crashed (SIGSEGV); the terminal was restored. <note>` goes to `fd` on a crash.
    public static func set(fd: Int32, note: String) {
        note.withCString { clade_guard_set_crash_note(fd, $0) }
    }

    public static func clear() { clade_guard_set_crash_note(-1, nil) }
}
