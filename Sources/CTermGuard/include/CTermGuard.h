#ifndef CLADE_TERM_GUARD_H
#define CLADE_TERM_GUARD_H

/// Saves the terminal's current termios and installs handlers so that a crash signal
/// (SIGSEGV, SIGILL, SIGTRAP, SIGBUS, SIGFPE, SIGABRT) restores the terminal before
/// the previous handler runs, and a termination signal (SIGINT, SIGTERM, SIGHUP, SIGQUIT)
/// only records a request to exit that the run loop polls.
void clade_guard_install(void);

/// Restores the saved termios and leaves the alternate screen. Safe to call repeatedly.
void clade_guard_restore(void);

/// The last termination signal received, or 0. Reading it clears it.
int clade_guard_take_exit_signal(void);

/// 1 when the process was continued after a stop (SIGCONT) since the last call.
int clade_guard_take_continued(void);

#endif
