#ifndef CLADE_TERM_GUARD_H
#define CLADE_TERM_GUARD_H

/// Saves the terminal's current termios and installs handlers so that a crash signal
/// (SIGSEGV, SIGILL, SIGTRAP, SIGBUS, SIGFPE, SIGABRT, SIGSYS) restores the terminal before
/// the previous handler runs, and a termination signal (SIGINT, SIGTERM, SIGHUP, SIGQUIT, and
/// every other signal whose default action ends the process and that no one else handles:
/// SIGUSR1/2, SIGALRM, SIGVTALRM, SIGPROF, SIGXCPU, SIGXFSZ, SIGPOLL, SIGPWR, SIGSTKFLT, the
/// real-time signals) only records a request to exit that the run loop polls. Only the first call does anything,
/// so a second backend cannot save curses' raw mode as "the terminal as found".
void clade_guard_install(void);

/// Puts back the signal handlers found by `clade_guard_install` (after the UI is gone, or when
/// it could not start), so Ctrl-C and friends work as usual again; a later install starts afresh.
void clade_guard_uninstall(void);

/// Marks whether the full-screen UI is up (1) or the terminal is in its normal state (0).
/// The crash handler and `clade_guard_restore` touch the terminal only while it is up.
void clade_guard_set_active(int active);

/// 1 while the full-screen UI is up.
int clade_guard_is_active(void);

/// Emergency reset, for when curses cannot run: restores the saved termios, resets attributes,
/// shows the cursor and leaves the alternate screen. Does nothing unless the UI is up, and marks
/// it down, so calling it repeatedly (crash handler, atexit, normal exit) writes at most once.
void clade_guard_restore(void);

/// Restores the saved termios only (no output). Safe to call at any time.
void clade_guard_restore_termios(void);

/// Stops the process as Ctrl-Z would (default SIGTSTP action, whatever handler is installed)
/// and returns once it is continued. The caller leaves curses before and re-enters after.
void clade_guard_stop_self(void);

/// The last termination signal received, or 0. Reading it clears it.
int clade_guard_take_exit_signal(void);

/// 1 when the process was continued after a stop (SIGCONT) since the last call.
int clade_guard_take_continued(void);

/// What the crash handler prints after restoring the terminal: one line
/// `clade: crashed (SIGSEGV); the terminal was restored. <note>` on `fd` (the terminal, saved
/// before standard error was sent to the log). A negative fd or NULL note prints nothing.
void clade_guard_set_crash_note(int fd, const char *note);

#endif
