#ifndef AIRLOCK_CNCURSES_SHIM_H
#define AIRLOCK_CNCURSES_SHIM_H

#define NCURSES_WIDECHAR 1
#define _XOPEN_SOURCE_EXTENDED 1
#include <locale.h>
#include <ncursesw/curses.h>

/* Globals and macros that do not import into Swift 6, wrapped as functions. */
static inline WINDOW *shim_stdscr(void) { return stdscr; }
static inline int shim_lines(void) { return LINES; }
static inline int shim_cols(void) { return COLS; }
static inline void shim_getmaxyx(WINDOW *w, int *y, int *x) { int yy, xx; getmaxyx(w, yy, xx); *y = yy; *x = xx; }
static inline attr_t shim_a_bold(void) { return A_BOLD; }
static inline attr_t shim_a_reverse(void) { return A_REVERSE; }
static inline attr_t shim_a_underline(void) { return A_UNDERLINE; }
static inline attr_t shim_a_dim(void) { return A_DIM; }
static inline attr_t shim_a_normal(void) { return A_NORMAL; }
static inline int shim_color_pair(int n) { return (int)COLOR_PAIR(n); }
static inline int shim_colors(void) { return COLORS; }
static inline int shim_key_resize(void) { return KEY_RESIZE; }
#include <langinfo.h>
#include <string.h>

/* The user's locale; when it is not UTF-8 (LANG unset, POSIX), the UTF-8 C locale for characters, so the
   dashboard's symbols and box lines are drawn. Returns 1 when the character set is UTF-8. */
static inline int shim_setlocale_all(void) {
    setlocale(LC_ALL, "");
    const char *cs = nl_langinfo(CODESET);
    if (cs && strcmp(cs, "UTF-8") == 0) return 1;
    if (setlocale(LC_CTYPE, "C.UTF-8") || setlocale(LC_CTYPE, "C.utf8") || setlocale(LC_CTYPE, "en_US.UTF-8")) {
        cs = nl_langinfo(CODESET);
        return cs && strcmp(cs, "UTF-8") == 0;
    }
    return 0;
}

/* Writes one cell: a UTF-8-decoded scalar with attributes and a color pair. */
static inline int shim_put_cell(WINDOW *w, int y, int x, wchar_t ch, attr_t attrs, short pair) {
    cchar_t c;
    wchar_t wch[2] = { ch, 0 };
    setcchar(&c, wch, attrs, pair, NULL);
    return mvwadd_wch(w, y, x, &c);
}

/* Starts curses on the terminal named by TERM; NULL (instead of exiting, as initscr does) when it cannot. */
static inline SCREEN *shim_start(void) {
    SCREEN *screen = newterm(NULL, stdout, stdin);
    if (screen) set_term(screen);
    return screen;
}

static inline void shim_clear_screen(void) { clearok(curscr, TRUE); }
static inline int shim_key_code_yes(void) { return KEY_CODE_YES; }
static inline int shim_set_escdelay(int ms) { return set_escdelay(ms); }

#endif
