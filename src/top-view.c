/*
 * top-view.c: the ncurses screen of `headroom top` (see top-view.h).
 *
 * Layout, top to bottom: two header lines, four lines of kernel counters,
 * the scrollable body (watched processes, then the layers, worst first),
 * and a footer with the keys, a prompt or a message. Every line comes from
 * top-render, so this file only places text and paints spans.
 */
#include "config.h"

#include <curses.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "top-render.h"
#include "top-view.h"

enum view_mode { MODE_NORMAL, MODE_HELP, MODE_PROMPT_PID, MODE_PROMPT_TARGET };

static struct {
	SCREEN *screen;
	bool active;
	bool color;
	int saved_stderr; /* the real stderr while curses owns the terminal */
	int capture;	  /* what was written to stderr meanwhile */
	enum view_mode mode;
	char prompt[24];
	char status[160];
	struct top_row rows[TOP_BODY_ROWS_MAX];
	size_t nrows;
	int scroll; /* first body row shown */
	int body_height;
} view = {.saved_stderr = -1, .capture = -1};

enum { PAIR_OK = 1, PAIR_WARN, PAIR_FAIL, PAIR_UNKNOWN, PAIR_TITLE };

static const char *const help_lines[] = {
    "headroom top: keys",
    "",
    "q        quit",
    "p        watch another process (type its pid)",
    "t        set the target connections (0 for none)",
    "r        reset the totals and the accept-queue peak",
    "f        freeze / resume the refresh",
    "h or ?   this help (any key closes it)",
    "Up Down PgUp PgDn Home End   scroll the rows",
    "",
    "Bars: # use, = need (no use figure), | need, > past the limit",
};

/* Move stderr to an unlinked temporary file; on failure it stays put. */
static void
capture_stderr(void)
{
	FILE *tmp = tmpfile();

	if (tmp == NULL)
		return;
	view.capture = fcntl(fileno(tmp), F_DUPFD_CLOEXEC, 3);
	fclose(tmp);
	view.saved_stderr = fcntl(STDERR_FILENO, F_DUPFD_CLOEXEC, 3);
	if (view.capture < 0 || view.saved_stderr < 0 || dup2(view.capture, STDERR_FILENO) < 0) {
		if (view.capture >= 0)
			close(view.capture);
		if (view.saved_stderr >= 0)
			close(view.saved_stderr);
		view.capture = view.saved_stderr = -1;
	}
}

/* Put stderr back and copy what was captured to it. Only async-signal-safe
 * calls, for top_view_emergency. */
static void
restore_stderr(void)
{
	char buf[4096];
	ssize_t n;

	if (view.saved_stderr < 0)
		return;
	dup2(view.saved_stderr, STDERR_FILENO);
	close(view.saved_stderr);
	view.saved_stderr = -1;
	if (lseek(view.capture, 0, SEEK_SET) == 0) {
		while ((n = read(view.capture, buf, sizeof(buf))) > 0) {
			if (write(STDERR_FILENO, buf, (size_t)n) != n)
				break;
		}
	}
	close(view.capture);
	view.capture = -1;
}

static void
init_colors(void)
{
	start_color();
	use_default_colors();
	init_pair(PAIR_OK, COLOR_GREEN, -1);
	init_pair(PAIR_WARN, COLOR_YELLOW, -1);
	init_pair(PAIR_FAIL, COLOR_RED, -1);
	init_pair(PAIR_UNKNOWN, COLOR_MAGENTA, -1);
	init_pair(PAIR_TITLE, COLOR_CYAN, -1);
}

int
top_view_start(bool color, char *cause, size_t causelen)
{
	const char *term = getenv("TERM");

	if (term == NULL || term[0] == '\0') {
		snprintf(cause, causelen, "TERM is not set");
		return -ENOTTY;
	}
	view.screen = newterm(NULL, stdout, stdin);
	if (view.screen == NULL) {
		snprintf(cause, causelen, "cannot use terminal type '%s'", term);
		return -ENOTTY;
	}
	view.active = true;
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	nodelay(stdscr, TRUE);
	set_escdelay(25);
	curs_set(0);
	view.color = color && has_colors();
	if (view.color)
		init_colors();
	capture_stderr();
	return 0;
}

/* Give the terminal back; from a signal handler, without freeing. */
static void
release(bool in_signal)
{
	if (!view.active)
		return;
	view.active = false;
	endwin();
	if (!in_signal) {
		delscreen(view.screen);
		view.screen = NULL;
	}
	restore_stderr();
}

void
top_view_stop(void)
{
	release(false);
}

void
top_view_emergency(void)
{
	release(true);
}

static void
style_attr(enum top_style style, attr_t *attr, short *pair)
{
	static const struct {
		short pair;
		attr_t color, mono;
	} map[TOP_STYLES] = {
	    [TOP_STYLE_PLAIN] = {0, A_NORMAL, A_NORMAL},
	    [TOP_STYLE_OK] = {PAIR_OK, A_NORMAL, A_NORMAL},
	    [TOP_STYLE_WARN] = {PAIR_WARN, A_BOLD, A_BOLD},
	    [TOP_STYLE_FAIL] = {PAIR_FAIL, A_BOLD, A_BOLD | A_REVERSE},
	    [TOP_STYLE_UNKNOWN] = {PAIR_UNKNOWN, A_NORMAL, A_UNDERLINE},
	    [TOP_STYLE_TITLE] = {PAIR_TITLE, A_BOLD, A_BOLD},
	    [TOP_STYLE_GONE] = {0, A_DIM, A_DIM},
	};

	*pair = view.color ? map[style].pair : 0;
	*attr = view.color ? map[style].color : map[style].mono;
}

static void
paint_line(int y, const struct top_line *l, int width)
{
	attr_t attr;
	short pair;
	size_t i;

	mvaddnstr(y, 0, l->text, width);
	for (i = 0; i < l->nspans; i++) {
		style_attr(l->spans[i].style, &attr, &pair);
		mvchgat(y, l->spans[i].start, l->spans[i].len, attr, pair, NULL);
	}
}

static void
draw_too_small(void)
{
	char a[64], b[64];
	int y = LINES / 2 - 1;

	snprintf(a, sizeof(a), "terminal too small: %dx%d", COLS, LINES);
	snprintf(b, sizeof(b), "top needs %dx%d (q quits)", TOP_MIN_COLS, TOP_MIN_ROWS);
	mvaddnstr(y < 0 ? 0 : y, 0, a, COLS);
	if (y + 1 < LINES)
		mvaddnstr(y + 1, 0, b, COLS);
}

static void
clamp_scroll(void)
{
	int max = (int)view.nrows - view.body_height;

	if (view.scroll > max)
		view.scroll = max;
	if (view.scroll < 0)
		view.scroll = 0;
}

static void
draw_footer(int width)
{
	char where[48] = "";
	int y = LINES - 1;

	attron(A_REVERSE);
	mvhline(y, 0, ' ', width);
	if (view.mode == MODE_PROMPT_PID || view.mode == MODE_PROMPT_TARGET) {
		mvprintw(y, 0, " %s: %s_  (Enter to apply, Esc to cancel)",
			 view.mode == MODE_PROMPT_PID ? "watch pid" : "target connections",
			 view.prompt);
	} else if (view.status[0] != '\0') {
		mvaddnstr(y, 1, view.status, width - 1);
	} else {
		mvaddnstr(y, 0, " q quit  p pid  t target  r reset  f freeze  h help", width);
		if ((int)view.nrows > view.body_height)
			snprintf(where, sizeof(where), "rows %d-%d of %zu ", view.scroll + 1,
				 view.scroll + view.body_height, view.nrows);
		mvaddstr(y, width - (int)strlen(where), where);
	}
	attroff(A_REVERSE);
}

static void
draw_help(void)
{
	int h = (int)nitems(help_lines) + 2, w = 0, y0, x0, i;

	/* As wide as its longest line and a margin: the whole box shows in
	 * the smallest terminal top runs in (72x14). */
	for (i = 0; i < (int)nitems(help_lines); i++) {
		int n = (int)strlen(help_lines[i]) + 4;
		w = n > w ? n : w;
	}
	if (w > COLS)
		w = COLS;
	if (h > LINES)
		h = LINES;
	y0 = (LINES - h) / 2;
	x0 = (COLS - w) / 2;
	for (i = 0; i < h; i++)
		mvhline(y0 + i, x0, ' ', w);
	for (i = 0; i < (int)nitems(help_lines) && i < h - 2; i++)
		mvaddnstr(y0 + 1 + i, x0 + 2, help_lines[i], w - 4);
	mvhline(y0, x0, ACS_HLINE, w);
	mvhline(y0 + h - 1, x0, ACS_HLINE, w);
	mvvline(y0, x0, ACS_VLINE, h);
	mvvline(y0, x0 + w - 1, ACS_VLINE, h);
	mvaddch(y0, x0, ACS_ULCORNER);
	mvaddch(y0, x0 + w - 1, ACS_URCORNER);
	mvaddch(y0 + h - 1, x0, ACS_LLCORNER);
	mvaddch(y0 + h - 1, x0 + w - 1, ACS_LRCORNER);
}

void
top_view_draw(const struct top_sample *s, bool frozen)
{
	struct top_line lines[TOP_FIXED_LINES], line;
	int width = COLS < TOP_LINE_MAX ? COLS : TOP_LINE_MAX - 1, i;

	if (!view.active)
		return;
	erase();
	if (COLS < TOP_MIN_COLS || LINES < TOP_MIN_ROWS) {
		draw_too_small();
		refresh();
		return;
	}
	top_render_header(s, width, frozen, lines);
	top_render_counters(s, width, lines + TOP_HEADER_LINES);
	for (i = 0; i < TOP_FIXED_LINES; i++)
		paint_line(i, &lines[i], width);
	view.nrows = top_render_rows(s, view.rows);
	view.body_height = LINES - TOP_FIXED_LINES - 1;
	clamp_scroll();
	for (i = 0; i < view.body_height && view.scroll + i < (int)view.nrows; i++) {
		top_render_row(s, &view.rows[view.scroll + i], width, &line);
		paint_line(TOP_FIXED_LINES + i, &line, width);
	}
	draw_footer(width);
	if (view.mode == MODE_HELP)
		draw_help();
	refresh();
}

void
top_view_status(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(view.status, sizeof(view.status), fmt, ap);
	va_end(ap);
}

/* Scroll keys; true when ch was one. */
static bool
scroll_key(int ch)
{
	int page = view.body_height > 1 ? view.body_height - 1 : 1;

	switch (ch) {
	case KEY_UP:
		view.scroll--;
		break;
	case KEY_DOWN:
		view.scroll++;
		break;
	case KEY_PPAGE:
		view.scroll -= page;
		break;
	case KEY_NPAGE:
	case ' ':
		view.scroll += page;
		break;
	case KEY_HOME:
		view.scroll = 0;
		break;
	case KEY_END:
		view.scroll = (int)view.nrows;
		break;
	default:
		return false;
	}
	clamp_scroll();
	return true;
}

/* A key while a prompt is open: edit it, submit it or cancel it. */
static enum top_action
prompt_key(int ch, const char **arg)
{
	size_t len = strlen(view.prompt);
	enum top_action act;

	if (ch == '\n' || ch == '\r' || ch == KEY_ENTER) {
		act = view.mode == MODE_PROMPT_PID ? TOP_ACT_ADD_PID : TOP_ACT_SET_TARGET;
		view.mode = MODE_NORMAL;
		*arg = view.prompt;
		return len > 0 ? act : TOP_ACT_NONE;
	}
	if (ch == 27 || ch == 7) { /* Esc, ^G */
		view.mode = MODE_NORMAL;
	} else if (ch == KEY_BACKSPACE || ch == 127 || ch == 8) {
		if (len > 0)
			view.prompt[len - 1] = '\0';
	} else if (ch >= ' ' && ch < 127 && len + 1 < sizeof(view.prompt)) {
		view.prompt[len] = (char)ch;
		view.prompt[len + 1] = '\0';
	}
	return TOP_ACT_NONE;
}

static enum top_action
normal_key(int ch)
{
	switch (ch) {
	case 'q':
	case 'Q':
		return TOP_ACT_QUIT;
	case 'p':
	case 't':
		view.mode = ch == 'p' ? MODE_PROMPT_PID : MODE_PROMPT_TARGET;
		view.prompt[0] = '\0';
		break;
	case 'r':
		return TOP_ACT_RESET;
	case 'f':
		return TOP_ACT_FREEZE;
	case 'h':
	case '?':
		view.mode = MODE_HELP;
		break;
	case 12: /* ^L */
		clearok(curscr, TRUE);
		break;
	default:
		scroll_key(ch);
		break;
	}
	return TOP_ACT_NONE;
}

enum top_action
top_view_keys(const char **arg, bool *redraw)
{
	enum top_action act = TOP_ACT_NONE;
	int ch;

	*arg = NULL;
	while (act == TOP_ACT_NONE && view.active && (ch = getch()) != ERR) {
		*redraw = true;
		if (ch == KEY_RESIZE)
			continue;
		view.status[0] = '\0';
		if (view.mode == MODE_HELP)
			view.mode = MODE_NORMAL;
		else if (view.mode != MODE_NORMAL)
			act = prompt_key(ch, arg);
		else
			act = normal_key(ch);
	}
	return act;
}
