/*
 * top-view.h: the ncurses screen of `headroom top`. Drawing and key
 * handling only: it formats a struct top_sample (through top-render) and
 * turns keys into actions for the command to carry out. It owns the
 * terminal: while it is active, stderr goes to a temporary file that is
 * copied back to the terminal once the screen has been restored, on every
 * exit path (top_view_stop from normal code and atexit, top_view_emergency
 * from a fatal signal).
 */
#ifndef TOP_VIEW_H
#define TOP_VIEW_H

#include <stdbool.h>
#include <stddef.h>

#include "top-sampler.h"

enum top_action {
	TOP_ACT_NONE,
	TOP_ACT_QUIT,
	TOP_ACT_ADD_PID,    /* arg: what was typed at the pid prompt */
	TOP_ACT_SET_TARGET, /* arg: what was typed at the target prompt */
	TOP_ACT_RESET,
	TOP_ACT_FREEZE,
};

/* Take over the terminal; color false forces monochrome. 0 or -errno. */
int top_view_start(bool color, char *cause, size_t causelen);
/* Give the terminal back and replay captured stderr; safe to call twice. */
void top_view_stop(void);
/* From a fatal signal handler: restore the screen, replay stderr. */
void top_view_emergency(void);

void top_view_draw(const struct top_sample *s, bool frozen);

/* A one-line message under the screen until the next key (printf-style). */
void top_view_status(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/*
 * Read every pending key and return the first action it asks for (the
 * rest stay queued for the next call). Scrolling, the help overlay and
 * prompt editing are handled here; *arg points at the prompt's text for
 * ADD_PID and SET_TARGET. *redraw is set when the screen needs drawing.
 */
enum top_action top_view_keys(const char **arg, bool *redraw);

#endif
