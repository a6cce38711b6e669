/*
 * top-render.h: a sample as lines of text for `headroom top`. Each line is
 * plain text plus the spans to colour, so the ncurses view and the batch
 * frames show the same rows: the view paints the spans, batch prints the
 * text. Pure functions of the sample; nothing is allocated.
 */
#ifndef TOP_RENDER_H
#define TOP_RENDER_H

#include <stdbool.h>
#include <stddef.h>

#include "top-sampler.h"

#define TOP_LINE_MAX	  256 /* widest line drawn; wider terminals pad */
#define TOP_SPANS_MAX	  4
#define TOP_MIN_COLS	  72 /* narrowest layout that keeps every column */
#define TOP_MIN_ROWS	  14 /* header, counters, two body rows, footer */
#define TOP_BATCH_COLS	  80
#define TOP_BODY_ROWS_MAX (LAYER_SET_MAX + PROBE_PIDS_MAX + 2)

enum top_style {
	TOP_STYLE_PLAIN,
	TOP_STYLE_OK,
	TOP_STYLE_WARN,
	TOP_STYLE_FAIL,
	TOP_STYLE_UNKNOWN,
	TOP_STYLE_TITLE, /* section titles and column heads */
	TOP_STYLE_GONE,	 /* a watched process that exited */
	TOP_STYLES,
};

struct top_span {
	unsigned short start, len;
	enum top_style style;
};

struct top_line {
	char text[TOP_LINE_MAX];
	struct top_span spans[TOP_SPANS_MAX];
	size_t nspans;
};

/* What one body row shows: a section title, a watched process or a layer. */
enum top_row_kind { TOP_ROW_PROCS_TITLE, TOP_ROW_PROC, TOP_ROW_LAYERS_TITLE, TOP_ROW_LAYER };

struct top_row {
	enum top_row_kind kind;
	size_t index; /* into sample.procs or sample.layers.v */
};

/* The fixed part: two header lines then the counters (4 lines). */
#define TOP_HEADER_LINES  2
#define TOP_COUNTER_LINES 4
#define TOP_FIXED_LINES	  (TOP_HEADER_LINES + TOP_COUNTER_LINES)

void top_render_header(const struct top_sample *s, int width, bool frozen,
		       struct top_line out[TOP_HEADER_LINES]);
void top_render_counters(const struct top_sample *s, int width,
			 struct top_line out[TOP_COUNTER_LINES]);

/* The scrollable body: watched processes (when any) then the layers,
 * failing ones first, each section under a title row. */
size_t top_render_rows(const struct top_sample *s, struct top_row rows[TOP_BODY_ROWS_MAX]);
void top_render_row(const struct top_sample *s, const struct top_row *row, int width,
		    struct top_line *out);

/* Helpers, exported for the tests. */
void top_fmt_value(int64_t v, enum layer_unit unit, char *buf, size_t size);
void top_fmt_duration(double seconds, char *buf, size_t size);
void top_fmt_rate(double per_sec, bool is_change, char *buf, size_t size);
/* "[####|....]" of width cells: fill/limit filled with fillch, a tick '|'
 * at tick/limit (LAYER_NONE: no tick), '>' at the end when over. */
void top_fmt_bar(char *buf, int width, int64_t fill, int64_t limit, int64_t tick, char fillch);
enum top_style top_verdict_style(enum verdict v);

#endif
