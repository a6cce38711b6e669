/*
 * top-render.c: a top_sample as lines of text with coloured spans.
 *
 * Row layout (width W >= TOP_MIN_COLS), shared by layers and processes so
 * the bars line up:
 *   name (19) | bar (W - 63) | use/limit, need or rate (34) | verdict (7)
 */
#include "config.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#include "top-render.h"

#define NAME_COLS    19
#define NUMBERS_COLS 34
#define VERDICT_COLS 7
#define FIXED_COLS   (NAME_COLS + 1 + 1 + NUMBERS_COLS + 1 + VERDICT_COLS)
#define GAUGE_COLS   31 /* left half of the counter lines */

static int
bar_cols(int width)
{
	return width - FIXED_COLS;
}

static void
line_clear(struct top_line *l)
{
	l->text[0] = '\0';
	l->nspans = 0;
}

static size_t
line_len(const struct top_line *l)
{
	return strlen(l->text);
}

static void __attribute__((format(printf, 2, 3))) line_add(struct top_line *l, const char *fmt, ...)
{
	size_t len = line_len(l);
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(l->text + len, sizeof(l->text) - len, fmt, ap);
	va_end(ap);
}

/* Append text in a style (a span over it). */
static void __attribute__((format(printf, 3, 4)))
line_add_styled(struct top_line *l, enum top_style style, const char *fmt, ...)
{
	size_t start = line_len(l);
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(l->text + start, sizeof(l->text) - start, fmt, ap);
	va_end(ap);
	if (style != TOP_STYLE_PLAIN && l->nspans < TOP_SPANS_MAX) {
		l->spans[l->nspans].start = (unsigned short)start;
		l->spans[l->nspans].len = (unsigned short)(line_len(l) - start);
		l->spans[l->nspans++].style = style;
	}
}

/* Pad with spaces up to column col (at least one space if past it). */
static void
line_pad(struct top_line *l, size_t col)
{
	size_t len = line_len(l);

	if (len >= col && len > 0 && l->text[len - 1] != ' ')
		col = len + 1;
	while (len < col && len + 1 < sizeof(l->text))
		l->text[len++] = ' ';
	l->text[len] = '\0';
}

/* Cut to width, drop trailing blanks, clip the spans. */
static void
line_finish(struct top_line *l, int width)
{
	size_t len = line_len(l), max = width > 0 ? (size_t)width : 0, i, kept = 0;

	if (max >= sizeof(l->text))
		max = sizeof(l->text) - 1;
	if (len > max)
		len = max;
	while (len > 0 && l->text[len - 1] == ' ')
		len--;
	l->text[len] = '\0';
	for (i = 0; i < l->nspans; i++) {
		struct top_span sp = l->spans[i];

		if (sp.start >= len)
			continue;
		if (sp.start + sp.len > len)
			sp.len = (unsigned short)(len - sp.start);
		l->spans[kept++] = sp;
	}
	l->nspans = kept;
}

enum top_style
top_verdict_style(enum verdict v)
{
	switch (v) {
	case VERDICT_OK:
		return TOP_STYLE_OK;
	case VERDICT_WARN:
		return TOP_STYLE_WARN;
	case VERDICT_FAIL:
		return TOP_STYLE_FAIL;
	case VERDICT_UNKNOWN:
		break;
	}
	return TOP_STYLE_UNKNOWN;
}

/* v scaled by step with one decimal and a suffix: 1.5M, 3.6GiB. */
static void
fmt_scaled(double v, double step, const char *const *suffixes, char *buf, size_t size)
{
	size_t i = 0;

	while (v >= step && suffixes[i + 1] != NULL) {
		v /= step;
		i++;
	}
	snprintf(buf, size, "%.1f%s", floor(v * 10.0) / 10.0, suffixes[i]);
}

void
top_fmt_value(int64_t v, enum layer_unit unit, char *buf, size_t size)
{
	static const char *const si[] = {"", "k", "M", "G", "T", "P", "E", NULL};
	static const char *const iec[] = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB", NULL};

	if (v == LAYER_NONE) {
		snprintf(buf, size, "-");
	} else if (v == LAYER_UNLIMITED) {
		snprintf(buf, size, "unlimited");
	} else if (unit == UNIT_BYTES || unit == UNIT_PAGES) {
		double bytes = (double)v * (unit == UNIT_PAGES ? 4096.0 : 1.0);

		if (bytes < 1024.0)
			snprintf(buf, size, "%.0fB", bytes);
		else
			fmt_scaled(bytes, 1024.0, iec, buf, size);
	} else if (v < 100000000 && v > -100000000) {
		snprintf(buf, size, "%lld", (long long)v);
	} else {
		fmt_scaled((double)v, 1000.0, si, buf, size);
	}
}

void
top_fmt_duration(double seconds, char *buf, size_t size)
{
	if (seconds < 99.5)
		snprintf(buf, size, "%.0f s", seconds);
	else if (seconds < 99.5 * 60.0)
		snprintf(buf, size, "%.0f min", seconds / 60.0);
	else if (seconds < 47.5 * 3600.0)
		snprintf(buf, size, "%.0f h", seconds / 3600.0);
	else
		snprintf(buf, size, "%.0f days", seconds / 86400.0);
}

void
top_fmt_rate(double per_sec, bool is_change, char *buf, size_t size)
{
	const char *sign = is_change && per_sec > 0.0 ? "+" : "";
	double mag = fabs(per_sec);

	if (mag < 0.05)
		snprintf(buf, size, "0/s");
	else if (mag < 10.0)
		snprintf(buf, size, "%s%.1f/s", sign, per_sec);
	else if (mag < 100000.0)
		snprintf(buf, size, "%s%.0f/s", sign, per_sec);
	else
		snprintf(buf, size, "%s%.0fk/s", sign, per_sec / 1000.0);
}

/* Cells of a width-cell bar that value fills out of limit, rounded so any
 * non-zero value shows at least one cell and only a full value fills all. */
static int
bar_cells(int64_t value, int64_t limit, int cells)
{
	double frac;
	int n;

	if (value <= 0 || limit <= 0)
		return 0;
	if (value >= limit)
		return cells;
	frac = (double)value / (double)limit;
	n = (int)(frac * cells);
	if (n == 0)
		n = 1;
	return n >= cells ? cells - 1 : n;
}

void
top_fmt_bar(char *buf, int width, int64_t fill, int64_t limit, int64_t tick, char fillch)
{
	bool finite = limit != LAYER_NONE && limit != LAYER_UNLIMITED && limit > 0;
	bool has_fill = finite && fill != LAYER_NONE, has_tick = finite && tick != LAYER_NONE;
	int cells = width - 2, filled, at, i;

	if (width < 3) {
		buf[0] = '\0';
		return;
	}
	filled = has_fill ? bar_cells(fill, limit, cells) : 0;
	buf[0] = '[';
	for (i = 0; i < cells; i++)
		buf[1 + i] = i < filled ? fillch : '.';
	if (has_tick && tick > 0 && tick <= limit) {
		at = (int)((double)tick / (double)limit * cells);
		buf[1 + (at >= cells ? cells - 1 : at)] = '|';
	}
	/* '>' closes a bar whose use or need is past the limit. */
	buf[cells + 1] = (has_fill && fill > limit) || (has_tick && tick > limit) ? '>' : ']';
	buf[cells + 2] = '\0';
}

static void
fmt_clock(double seconds, char *buf, size_t size)
{
	long long s = seconds > 0 ? (long long)seconds : 0;

	snprintf(buf, size, "%lld:%02lld:%02lld", s / 3600, s / 60 % 60, s % 60);
}

/* "nofile.soft" or, for a watched process's layer, "nofile.soft:1234". */
static void
fmt_layer_name(const struct layer *l, char *buf, size_t size)
{
	if (l->pid != 0)
		snprintf(buf, size, "%s:%d", layer_id(l), (int)l->pid);
	else
		snprintf(buf, size, "%s", layer_id(l));
}

static void
verdict_upper(enum verdict v, char *buf, size_t size)
{
	size_t i;

	snprintf(buf, size, "%s", verdict_name(v));
	for (i = 0; buf[i] != '\0'; i++)
		buf[i] = (char)(buf[i] >= 'a' && buf[i] <= 'z' ? buf[i] - 'a' + 'A' : buf[i]);
}

void
top_render_header(const struct top_sample *s, int width, bool frozen,
		  struct top_line out[TOP_HEADER_LINES])
{
	const struct plan_result *p = &s->plan;
	char up[32], n[32], v[16], name[48];

	fmt_clock(s->t, up, sizeof(up));
	line_clear(&out[0]);
	line_add_styled(&out[0], TOP_STYLE_TITLE, "headroom top");
	line_add(&out[0], "  host %s  kernel %s  up %s", s->host, s->kernel, up);
	if (frozen)
		line_add_styled(&out[0], TOP_STYLE_WARN, "  FROZEN");
	/* Last, so a narrow screen cuts this first. */
	if (s->layers_t < s->t) {
		top_fmt_duration(s->t - s->layers_t, n, sizeof(n));
		line_add(&out[0], "  probed %s ago", n);
	}
	line_finish(&out[0], width);

	line_clear(&out[1]);
	if (s->target.conns > 0)
		snprintf(n, sizeof(n), "%lld", (long long)s->target.conns);
	else
		snprintf(n, sizeof(n), "none");
	line_add(&out[1], "target %s %s  verdict ", n, role_name(s->target.role));
	verdict_upper(p->verdict, v, sizeof(v));
	line_add_styled(&out[1], top_verdict_style(p->verdict), "%s", v);
	if (s->layers_cause[0] != '\0') {
		line_add(&out[1], "  ");
		line_add_styled(&out[1], TOP_STYLE_UNKNOWN, "%s", s->layers_cause);
	} else {
		top_fmt_value(p->max_supported, UNIT_COUNT, n, sizeof(n));
		if (p->bottleneck != NULL)
			fmt_layer_name(p->bottleneck, name, sizeof(name));
		else
			snprintf(name, sizeof(name), "none");
		line_add(&out[1], "  supports %s  bottleneck %s", n, name);
	}
	line_finish(&out[1], width);
}

/* Left half: a gauge, its value and change per second. */
static void
render_gauge(struct top_line *l, const struct top_counter *c, enum top_counter_id id)
{
	char value[24], rate[24];

	top_fmt_value(c->known ? c->value : LAYER_NONE, UNIT_COUNT, value, sizeof(value));
	if (c->has_rate)
		top_fmt_rate(c->per_sec, true, rate, sizeof(rate));
	else
		rate[0] = '\0';
	line_add(l, "%-12s%8s %8s", top_counter_name(id), value, rate);
	line_pad(l, GAUGE_COLS);
}

/* Right half: a kernel event total as events per second and "+N", the
 * events since the start or the last reset; a non-zero rate of drops or
 * failures is a warning. */
static void
render_total(struct top_line *l, const struct top_counter *c, enum top_counter_id id)
{
	char rate[24], total[24];

	line_add(l, "%-16s", top_counter_name(id));
	if (!c->known) {
		line_add(l, "%8s", "-");
		return;
	}
	if (c->has_rate)
		top_fmt_rate(c->per_sec, false, rate, sizeof(rate));
	else
		snprintf(rate, sizeof(rate), "-");
	line_add_styled(l, c->has_rate && c->per_sec > 0 ? TOP_STYLE_WARN : TOP_STYLE_PLAIN, "%8s",
			rate);
	top_fmt_value(c->value - c->base, UNIT_COUNT, total, sizeof(total));
	line_add(l, "  +%s", total);
}

static void
render_listener(struct top_line *l, const struct top_sample *s)
{
	const struct top_listener *q = &s->listener;
	const struct census_listener *f = &q->fullest;
	enum top_style style = TOP_STYLE_OK;
	char fill[24];

	line_add(l, "%-16s", "accept queue");
	if (!q->known) {
		line_add(l, "%8s  %s", "-", s->census_cause);
		return;
	}
	if (f->backlog > 0 && f->queue >= f->backlog)
		style = TOP_STYLE_FAIL;
	else if (f->backlog > 0 && (double)f->queue >= 0.8 * f->backlog)
		style = TOP_STYLE_WARN;
	snprintf(fill, sizeof(fill), "%u/%u", f->queue, f->backlog);
	line_add_styled(l, style, "%8s", fill);
	line_add(l, " peak %u %s%s%s:%u", q->peak_queue, f->family == AF_INET6 ? "[" : "", f->addr,
		 f->family == AF_INET6 ? "]" : "", f->port);
}

void
top_render_counters(const struct top_sample *s, int width, struct top_line out[TOP_COUNTER_LINES])
{
	static const enum top_counter_id gauges[TOP_COUNTER_LINES] = {
	    TOP_ESTABLISHED, TOP_TIME_WAIT, TOP_ORPHANS, TOP_CONNTRACK};
	static const enum top_counter_id totals[TOP_COUNTER_LINES - 1] = {
	    TOP_LISTEN_OVERFLOWS, TOP_LISTEN_DROPS, TOP_ATTEMPT_FAILS};
	size_t i;

	for (i = 0; i < TOP_COUNTER_LINES; i++) {
		line_clear(&out[i]);
		render_gauge(&out[i], &s->counters[gauges[i]], gauges[i]);
		if (i < nitems(totals))
			render_total(&out[i], &s->counters[totals[i]], totals[i]);
		else
			render_listener(&out[i], s);
		line_finish(&out[i], width);
	}
}

size_t
top_render_rows(const struct top_sample *s, struct top_row rows[TOP_BODY_ROWS_MAX])
{
	size_t n = 0, i, first;
	int v;

	if (s->nprocs > 0) {
		rows[n++] = (struct top_row){TOP_ROW_PROCS_TITLE, 0};
		for (i = 0; i < s->nprocs; i++)
			rows[n++] = (struct top_row){TOP_ROW_PROC, i};
	}
	rows[n++] = (struct top_row){TOP_ROW_LAYERS_TITLE, 0};
	/* Worst first, in probe order within a verdict, so the layers about
	 * to break are on the first screen and rows move only when a verdict
	 * does. */
	first = n;
	for (v = VERDICT_FAIL; v >= VERDICT_OK; v--) {
		for (i = 0; i < s->layers.n && n - first < LAYER_SET_MAX; i++) {
			if ((int)s->layers.v[i].verdict == v)
				rows[n++] = (struct top_row){TOP_ROW_LAYER, i};
		}
	}
	return n;
}

/* Column where the numbers start for a width. */
static size_t
numbers_col(int width)
{
	return NAME_COLS + 1 + (size_t)bar_cols(width) + 1;
}

static void
render_title(struct top_line *l, int width, bool procs)
{
	size_t num = numbers_col(width);

	line_add_styled(l, TOP_STYLE_TITLE, "%s", procs ? "PROCESS" : "LAYER");
	line_pad(l, NAME_COLS + 1);
	line_add_styled(l, TOP_STYLE_TITLE, "%s", procs ? "fds/limit" : "use/limit |need");
	line_pad(l, num);
	if (procs) {
		line_add_styled(l, TOP_STYLE_TITLE, "%7s/%-7s %7s  %s", "fds", "soft", "rate",
				"exhaustion");
	} else {
		line_add_styled(l, TOP_STYLE_TITLE, "%9s/%-9s %-14s", "use", "limit", "need");
		line_pad(l, num + NUMBERS_COLS + 1);
		line_add_styled(l, TOP_STYLE_TITLE, "verdict");
	}
}

static void
render_name(struct top_line *l, const char *name)
{
	line_add(l, "%.*s", NAME_COLS, name);
	line_pad(l, NAME_COLS + 1);
}

static enum top_style
proc_style(const struct top_proc *p, double eta)
{
	if (p->soft == LAYER_NONE || p->soft == LAYER_UNLIMITED || p->fds == LAYER_NONE)
		return TOP_STYLE_UNKNOWN;
	if (p->fds >= p->soft)
		return TOP_STYLE_FAIL;
	if ((double)p->fds >= 0.8 * (double)p->soft || (eta >= 0.0 && eta < 60.0))
		return TOP_STYLE_WARN;
	return TOP_STYLE_OK;
}

static void
render_proc(struct top_line *l, const struct top_proc *p, int width)
{
	char name[NAME_COLS + 1], bar[TOP_LINE_MAX], fds[24], soft[24], rate[24], eta[40];
	char when[32], d[24];
	double left = top_proc_eta(p);

	snprintf(name, sizeof(name), "%.*s %d",
		 NAME_COLS - 1 - snprintf(NULL, 0, "%d", (int)p->pid), p->comm, (int)p->pid);
	render_name(l, name);
	top_fmt_value(p->fds, UNIT_COUNT, fds, sizeof(fds));
	top_fmt_value(p->soft, UNIT_COUNT, soft, sizeof(soft));
	if (p->state == TOP_PROC_GONE) {
		fmt_clock(p->gone_at, when, sizeof(when));
		line_add_styled(l, TOP_STYLE_GONE, "gone: exited by %s, last %s/%s fds", when, fds,
				soft);
		return;
	}
	top_fmt_bar(bar, bar_cols(width), p->fds, p->soft, LAYER_NONE, '#');
	line_add_styled(l, proc_style(p, left), "%s", bar);
	line_pad(l, numbers_col(width));
	if (p->has_rate)
		top_fmt_rate(p->fds_per_sec, true, rate, sizeof(rate));
	else
		snprintf(rate, sizeof(rate), "-");
	if (left == 0.0) {
		snprintf(eta, sizeof(eta), "at limit: EMFILE");
	} else if (left > 0.0) {
		top_fmt_duration(left, d, sizeof(d));
		snprintf(eta, sizeof(eta), "EMFILE in ~%s", d);
	} else {
		snprintf(eta, sizeof(eta), "%s", p->has_rate ? "not growing" : "");
	}
	line_add(l, "%7s/%-7s %7s  ", fds, soft, rate);
	line_add_styled(l, left >= 0.0 ? proc_style(p, left) : TOP_STYLE_PLAIN, "%s", eta);
}

static void
render_layer(struct top_line *l, const struct layer *ly, int width)
{
	char name[48], bar[TOP_LINE_MAX], use[24], limit[24], need[24];
	enum top_style style = top_verdict_style(ly->verdict);
	size_t num = numbers_col(width);

	fmt_layer_name(ly, name, sizeof(name));
	render_name(l, name);
	if (ly->not_applicable || (ly->limit == LAYER_NONE &&
				   (ly->use == LAYER_NONE || ly->verdict == VERDICT_UNKNOWN))) {
		/* No figure to draw (unknown, not applicable here, or an
		 * information layer such as caps): the note's first line instead,
		 * as far as the row allows. */
		int room = bar_cols(width) + 1 + NUMBERS_COLS - 2,
		    len = (int)strcspn(ly->note, "\n");

		line_add_styled(l, style, "%s %.*s", ly->verdict == VERDICT_UNKNOWN ? "?" : "-",
				len < room ? len : room, ly->note);
	} else {
		/* Without a use figure the bar shows the need against the limit. */
		if (ly->use != LAYER_NONE)
			top_fmt_bar(bar, bar_cols(width), ly->use, ly->limit, ly->need, '#');
		else
			top_fmt_bar(bar, bar_cols(width), ly->need, ly->limit, LAYER_NONE, '=');
		line_add_styled(l, style, "%s", bar);
		line_pad(l, num);
		top_fmt_value(ly->use, ly->unit, use, sizeof(use));
		top_fmt_value(ly->limit, ly->unit, limit, sizeof(limit));
		top_fmt_value(ly->need, ly->unit, need, sizeof(need));
		line_add(l, "%9s/%-9s %s", use, limit, ly->need == LAYER_NONE ? "" : need);
	}
	line_pad(l, num + NUMBERS_COLS + 1);
	line_add_styled(l, style, "%s", verdict_name(ly->verdict));
}

void
top_render_row(const struct top_sample *s, const struct top_row *row, int width,
	       struct top_line *out)
{
	line_clear(out);
	switch (row->kind) {
	case TOP_ROW_PROCS_TITLE:
	case TOP_ROW_LAYERS_TITLE:
		render_title(out, width, row->kind == TOP_ROW_PROCS_TITLE);
		break;
	case TOP_ROW_PROC:
		render_proc(out, &s->procs[row->index], width);
		break;
	case TOP_ROW_LAYER:
		render_layer(out, &s->layers.v[row->index], width);
		break;
	}
	line_finish(out, width);
}
