#ifndef CLADE_NCURSES_SHIM_H
#define CLADE_NCURSES_SHIM_H

// The wide-character API is hidden unless these are set before curses.h (tui-anchors e.1).
#ifndef _XOPEN_SOURCE
#define _XOPEN_SOURCE 700
#endif
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif

#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <wchar.h>
#include <ncursesw/curses.h>

// Macros and globals that Swift cannot import (or imports as unsafe shared state).
static inline WINDOW *clade_stdscr(void) { return stdscr; }
static inline int clade_lines(void) { return LINES; }
static inline int clade_cols(void) { return COLS; }
static inline int clade_colors(void) { return COLORS; }
static inline attr_t clade_a_normal(void) { return A_NORMAL; }
static inline attr_t clade_a_bold(void) { return A_BOLD; }
static inline attr_t clade_a_reverse(void) { return A_REVERSE; }
static inline attr_t clade_a_underline(void) { return A_UNDERLINE; }
static inline attr_t clade_a_dim(void) { return A_DIM; }
static inline attr_t clade_color_pair(int n) { return COLOR_PAIR(n); }
static inline int clade_set_locale(void) { return setlocale(LC_ALL, "") != NULL; }
// Sets only the character type (used to fall back to C.UTF-8 when the named locale is missing).
static inline int clade_set_ctype_locale(const char *name) { return setlocale(LC_CTYPE, name) != NULL; }
// The current locale's character set, e.g. "UTF-8" or "ANSI_X3.4-1968".
static inline const char *clade_codeset(void) { return nl_langinfo(CODESET); }
static inline int clade_color_pairs(void) { return COLOR_PAIRS; }
// newterm on the process's stdout/stdin (Swift 6 cannot touch the C globals stdin/stdout).
static inline SCREEN *clade_newterm(const char *type) { return newterm(type, stdout, stdin); }
// Looks a terminal type up without starting curses: -1 no description here, 0 one that cannot
// move the cursor, 1 usable. The description is freed again, so newterm starts afresh.
// (term.h is left out: its capability macros, `lines` and `columns` among them, would leak.)
struct term;
extern int setupterm(const char *, int, int *);
extern struct term *set_curterm(struct term *);
extern int del_curterm(struct term *);
static inline int clade_probe_terminal(const char *type) {
    int err = 0;
    if (setupterm(type, 1, &err) != OK) return -1;
    char *cup = tigetstr("cup");
    int usable = cup != NULL && cup != (char *)-1;
    del_curterm(set_curterm(NULL));
    return usable;
}
// Whether the loaded terminal description can move the cursor (TERM=dumb cannot).
static inline int clade_has_cursor_addressing(void) {
    char *cup = tigetstr("cup");
    return cup != NULL && cup != (char *)-1;
}
// The next refresh clears the physical screen and repaints everything (Ctrl-L, resize, resume).
static inline int clade_clear_on_next_refresh(void) { return clearok(curscr, TRUE); }
static inline int clade_wcwidth(wchar_t c) { return wcwidth(c); }

// Writes a run of wide characters with the given attributes at (y, x).
static inline int clade_put(int y, int x, const wchar_t *s, int n, attr_t attrs, short pair) {
    attr_set(attrs, pair, NULL);
    return mvaddnwstr(y, x, s, n);
}

// get_wch with an explicit out-parameter type that imports cleanly.
static inline int clade_get_wch(unsigned int *out) {
    wint_t ch = 0;
    int rc = get_wch(&ch);
    *out = (unsigned int)ch;
    return rc;
}

// Mouse: presses of the left button and the wheel, reported at once (no click timing).
static inline void clade_mouse_enable(int on) {
    mousemask(on ? (BUTTON1_PRESSED | BUTTON4_PRESSED | BUTTON5_PRESSED) : 0, NULL);
    mouseinterval(0);
}
// The pending mouse event: 1 left press, 4 wheel up, 5 wheel down, 0 anything else.
static inline int clade_mouse_read(int *x, int *y) {
    MEVENT e;
    if (getmouse(&e) != OK) return 0;
    *x = e.x;
    *y = e.y;
    if (e.bstate & BUTTON1_PRESSED) return 1;
    if (e.bstate & BUTTON4_PRESSED) return 4;
    if (e.bstate & BUTTON5_PRESSED) return 5;
    return 0;
}

#endif
