#define _XOPEN_SOURCE 700
#include "CTermGuard.h"
#include <signal.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

// NSIG is not visible under _XOPEN_SOURCE; 129 covers every Linux architecture (MIPS has 128 signals).
#define CLADE_NSIG 129

static struct termios saved_termios;
static int have_termios = 0;
static int installed = 0;
static volatile sig_atomic_t active = 0;
static volatile sig_atomic_t exit_signal = 0;
static volatile sig_atomic_t continued = 0;

static const int crash_signals[] = { SIGSEGV, SIGILL, SIGTRAP, SIGBUS, SIGFPE, SIGABRT, SIGSYS };
#define N_CRASH (sizeof(crash_signals) / sizeof(crash_signals[0]))
static struct sigaction previous[N_CRASH];

static const int other_signals[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGCONT, SIGPIPE };
#define N_OTHER (sizeof(other_signals) / sizeof(other_signals[0]))
static struct sigaction previous_other[N_OTHER];

static const char reset_sequence[] = "\033[0m\033[?25h\033[?2004l\033[?1000l\033[?1002l\033[?1006l\033[?1049l\r\n";

// The one line the crash handler prints, and where (the terminal, while stderr goes to the log).
static char crash_note[1024];
static volatile sig_atomic_t crash_note_fd = -1;

void clade_guard_set_crash_note(int fd, const char *note) {
    crash_note_fd = -1;
    if (note == NULL || fd < 0) return;
    size_t n = strlen(note);
    if (n >= sizeof crash_note) n = sizeof crash_note - 1;
    memcpy(crash_note, note, n);
    crash_note[n] = 0;
    crash_note_fd = fd;
}

static const char *signal_name(int sig) {
    switch (sig) {
    case SIGSEGV: return "SIGSEGV";
    case SIGILL: return "SIGILL";
    case SIGTRAP: return "SIGTRAP";
    case SIGBUS: return "SIGBUS";
    case SIGFPE: return "SIGFPE";
    case SIGABRT: return "SIGABRT";
    case SIGSYS: return "SIGSYS";
    default: return "a signal";
    }
}

static void write_all(int fd, const char *s) {
    size_t n = strlen(s);
    while (n > 0) {
        ssize_t w = write(fd, s, n);
        if (w <= 0) return;
        s += w;
        n -= (size_t)w;
    }
}

static void print_crash_note(int sig) {
    int fd = crash_note_fd;
    if (fd < 0) return;
    crash_note_fd = -1;  // once
    write_all(fd, "clade: crashed (");
    write_all(fd, signal_name(sig));
    write_all(fd, "); the terminal was restored. ");
    write_all(fd, crash_note);
    write_all(fd, "\r\n");
}

void clade_guard_restore_termios(void) {
    if (have_termios) tcsetattr(STDIN_FILENO, TCSANOW, &saved_termios);
}

void clade_guard_restore(void) {
    // Async-signal-safe: only tcsetattr, write and a sig_atomic_t flag.
    if (!active) return;
    active = 0;
    clade_guard_restore_termios();
    ssize_t ignored = write(STDOUT_FILENO, reset_sequence, sizeof(reset_sequence) - 1);
    (void)ignored;
}

void clade_guard_set_active(int a) { active = a ? 1 : 0; }
int clade_guard_is_active(void) { return active; }

static void on_crash(int sig, siginfo_t *info, void *context) {
    clade_guard_restore();
    print_crash_note(sig);
    for (unsigned i = 0; i < N_CRASH; i++) {
        if (crash_signals[i] != sig) continue;
        struct sigaction prev = previous[i];
        if (info != NULL && info->si_code > 0) {
            // A fault: hand over to the previous handler (the Swift backtracer or the default
            // action) by returning, which re-executes the faulting instruction.
            sigaction(sig, &prev, NULL);
            return;
        }
        // Sent by kill, raise or abort: nothing would come back. Run the previous handler here
        // (the backtracer writes its report), then die of the signal with the default action:
        // it stays pending until this handler returns.
        if (prev.sa_flags & SA_SIGINFO) {
            if (prev.sa_sigaction != NULL) prev.sa_sigaction(sig, info, context);
        } else if (prev.sa_handler != SIG_DFL && prev.sa_handler != SIG_IGN) {
            prev.sa_handler(sig);
        }
        struct sigaction dfl;
        memset(&dfl, 0, sizeof dfl);
        sigemptyset(&dfl.sa_mask);
        dfl.sa_handler = SIG_DFL;
        sigaction(sig, &dfl, NULL);
        raise(sig);
        return;
    }
}

static void on_exit_signal(int sig) { exit_signal = sig; }

// Every other signal whose default action ends the process: without a handler it would leave the
// terminal in the alternate screen with the cursor hidden, and skip the orderly exit (the waiting
// decision, the WAL checkpoint). Each becomes an exit request like SIGTERM — but only while
// nobody else handles it (a profiler's SIGPROF, the runtime's real-time signals stay theirs).
static struct sigaction previous_term[CLADE_NSIG];
static unsigned char took_term[CLADE_NSIG];

static void take_terminating_signals(const struct sigaction *ex) {
    int fixed[] = { SIGUSR1, SIGUSR2, SIGALRM, SIGVTALRM, SIGPROF, SIGXCPU, SIGXFSZ,
#ifdef SIGPOLL
        SIGPOLL,
#endif
#ifdef SIGPWR
        SIGPWR,
#endif
#ifdef SIGSTKFLT
        SIGSTKFLT,
#endif
    };
    int count = (int)(sizeof fixed / sizeof fixed[0]);
#ifdef SIGRTMIN
    int rt_min = SIGRTMIN, rt_max = SIGRTMAX;
#else
    int rt_min = 1, rt_max = 0;
#endif
    for (int k = 0; k < count + (rt_max - rt_min + 1); k++) {
        int sig = k < count ? fixed[k] : rt_min + (k - count);
        if (sig <= 0 || sig >= CLADE_NSIG) continue;
        struct sigaction current;
        if (sigaction(sig, NULL, &current) != 0) continue;
        if ((current.sa_flags & SA_SIGINFO) || current.sa_handler != SIG_DFL) continue;
        if (sigaction(sig, ex, &previous_term[sig]) == 0) took_term[sig] = 1;
    }
}

static void give_back_terminating_signals(void) {
    for (int sig = 1; sig < CLADE_NSIG; sig++) {
        if (!took_term[sig]) continue;
        sigaction(sig, &previous_term[sig], NULL);
        took_term[sig] = 0;
    }
}
static void on_continue(int sig) { (void)sig; continued = 1; }

void clade_guard_install(void) {
    if (installed) return;
    installed = 1;
    if (isatty(STDIN_FILENO) && tcgetattr(STDIN_FILENO, &saved_termios) == 0) have_termios = 1;

    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sigemptyset(&sa.sa_mask);
    sa.sa_sigaction = on_crash;
    sa.sa_flags = SA_RESETHAND | SA_SIGINFO;
    for (unsigned i = 0; i < N_CRASH; i++) sigaction(crash_signals[i], &sa, &previous[i]);

    struct sigaction ex;
    memset(&ex, 0, sizeof ex);
    sigemptyset(&ex.sa_mask);
    ex.sa_handler = on_exit_signal;
    // No SA_RESTART: a blocking read returns so the loop sees the request at once.
    ex.sa_flags = 0;

    struct sigaction co;
    memset(&co, 0, sizeof co);
    sigemptyset(&co.sa_mask);
    co.sa_handler = on_continue;
    co.sa_flags = SA_RESTART;

    struct sigaction ign;
    memset(&ign, 0, sizeof ign);
    sigemptyset(&ign.sa_mask);
    ign.sa_handler = SIG_IGN;

    for (unsigned i = 0; i < N_OTHER; i++) {
        int sig = other_signals[i];
        const struct sigaction *act = sig == SIGCONT ? &co : sig == SIGPIPE ? &ign : &ex;
        sigaction(sig, act, &previous_other[i]);
    }
    take_terminating_signals(&ex);
}

void clade_guard_uninstall(void) {
    if (!installed) return;
    for (unsigned i = 0; i < N_CRASH; i++) sigaction(crash_signals[i], &previous[i], NULL);
    for (unsigned i = 0; i < N_OTHER; i++) sigaction(other_signals[i], &previous_other[i], NULL);
    give_back_terminating_signals();
    active = 0;
    have_termios = 0;
    installed = 0;
}

void clade_guard_stop_self(void) {
    // Use the default action even if curses installed its own SIGTSTP handler, so the
    // caller alone decides how the screen is left and re-entered.
    struct sigaction dfl, old;
    memset(&dfl, 0, sizeof dfl);
    sigemptyset(&dfl.sa_mask);
    dfl.sa_handler = SIG_DFL;
    sigaction(SIGTSTP, &dfl, &old);

    sigset_t tstp, was;
    sigemptyset(&tstp);
    sigaddset(&tstp, SIGTSTP);
    sigprocmask(SIG_UNBLOCK, &tstp, &was);
    raise(SIGTSTP);  // stops here until SIGCONT
    sigprocmask(SIG_SETMASK, &was, NULL);
    sigaction(SIGTSTP, &old, NULL);
}

int clade_guard_take_exit_signal(void) {
    int s = exit_signal;
    exit_signal = 0;
    return s;
}

int clade_guard_take_continued(void) {
    int c = continued;
    continued = 0;
    return c;
}
