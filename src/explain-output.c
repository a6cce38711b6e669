/*
 * explain-output.c: text and JSON output of explain: the causes found,
 * the candidates of ambiguous lines in the order the live state ranks
 * them, and the live state of the layers behind them.
 *
 * Log lines are hostile input: an example line is printed with control
 * bytes, C1 controls and invalid UTF-8 shown as \xNN, so a log cannot move
 * the cursor or recolour the terminal of whoever reads the summary.
 */
#include "config.h"

#include <inttypes.h>
#include <stdint.h>
#include <string.h>

#include "explain-output.h"
#include "headroom.h"
#include "json.h"
#include "report.h"

#define WRAP_WIDTH	   78
#define MAX(a, b)	   ((a) > (b) ? (a) : (b))
#define EXAMPLE_SHOWN_TEXT 200 /* bytes of an example line in text output */

/* Catalogue indexes of the causes seen, most lines first. */
static size_t
causes_in_order(const struct explain_scan *s, int *order)
{
	size_t n = 0, i, j;

	for (i = 0; i < explain_catalog_size(); i++) {
		const struct explain_stat *st = &s->stat[i];

		if (st->count == 0)
			continue;
		for (j = n; j > 0; j--) {
			const struct explain_stat *prev = &s->stat[order[j - 1]];

			if (prev->count > st->count ||
			    (prev->count == st->count && prev->first_line <= st->first_line))
				break;
			order[j] = order[j - 1];
		}
		order[j] = (int)i;
		n++;
	}
	return n;
}

/* ---- text ---- */

static const char *
figure(char *buf, size_t size, int64_t v)
{
	return report_figure(buf, size, v, UNIT_COUNT);
}

/* Length of the valid UTF-8 sequence at p (at most avail bytes), 0 if none. */
static size_t
utf8_valid(const unsigned char *p, size_t avail)
{
	size_t len, i;
	uint32_t cp;

	if (p[0] < 0x80)
		return 1;
	if (p[0] >= 0xc2 && p[0] <= 0xdf)
		len = 2, cp = p[0] & 0x1f;
	else if (p[0] >= 0xe0 && p[0] <= 0xef)
		len = 3, cp = p[0] & 0x0f;
	else if (p[0] >= 0xf0 && p[0] <= 0xf4)
		len = 4, cp = p[0] & 0x07;
	else
		return 0;
	if (len > avail)
		return 0;
	for (i = 1; i < len; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return 0;
		cp = (cp << 6) | (p[i] & 0x3f);
	}
	if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10ffff)) ||
	    (cp >= 0xd800 && cp <= 0xdfff) || (cp >= 0x80 && cp <= 0x9f))
		return 0; /* overlong, out of range, surrogate, or a C1 control */
	return len;
}

/* Copy at most `shown` bytes of the line into out, escaping what a
 * terminal would interpret; returns whether anything was left out. */
static bool
sanitize(char *out, size_t outsize, const char *line, size_t len, size_t shown)
{
	const unsigned char *p = (const unsigned char *)line;
	size_t i = 0, o = 0;

	while (i < len && i < shown && o + 5 < outsize) {
		size_t n = utf8_valid(p + i, len - i);

		if (n == 0 || (n == 1 && (p[i] < 0x20 || p[i] == 0x7f) && p[i] != '\t')) {
			o += (size_t)snprintf(out + o, outsize - o, "\\x%02x", p[i]);
			i++;
			continue;
		}
		if (o + n + 1 >= outsize)
			break;
		memcpy(out + o, p + i, n);
		o += n;
		i += n;
	}
	out[o] = '\0';
	return i < len;
}

/* The width prose wraps in: WRAP_WIDTH, or the terminal's when narrower
 * (explain_report_text sets it; the rest of a line is fitted by the
 * caller, textfit.h). */
static int wrap_width = WRAP_WIDTH;

/* "label: text" after lead spaces, wrapped at wrap_width with a hanging
 * indent at the text's column. */
static void
print_wrapped_at(FILE *f, int lead, const char *label, const char *text)
{
	const int indent = lead + 9;
	int col = fprintf(f, "%*s%-9s", lead, "", label);
	const char *p = text;

	while (*p != '\0') {
		size_t word = strcspn(p, " ");

		if (col > indent && col + 1 + (int)word > wrap_width)
			col = fprintf(f, "\n%*s", indent, "") - 1;
		else if (col > indent)
			col += fprintf(f, " ");
		col += fprintf(f, "%.*s", (int)word, p);
		p += word;
		p += strspn(p, " ");
	}
	fputc('\n', f);
}

static void
print_wrapped(FILE *f, const char *label, const char *text)
{
	print_wrapped_at(f, 2, label, text);
}

static void
print_entry_details(FILE *f, const struct explain_entry *e)
{
	print_wrapped(f, "why:", e->why);
	print_wrapped(f, "confirm:", e->confirm);
	print_wrapped(f, "fix:", e->fix);
}

/* The candidates of an ambiguous line, most likely first, each with what
 * tells it apart, the command that confirms it and what is seen now. */
static void
print_candidates(FILE *f, const struct explain_ranked *rk, size_t n, bool live)
{
	size_t k;

	if (n < 2)
		return;
	fprintf(f, "  candidates, most likely first%s:\n",
		live ? " (moved up by what this machine shows now)" : "");
	for (k = 0; k < n; k++) {
		fprintf(f, "  %zu. %s%s\n", k + 1, rk[k].c.cause,
			explain_cause_is_layer(rk[k].c.cause) ? "" : " (not a limit of this host)");
		if (rk[k].c.tells != NULL)
			print_wrapped_at(f, 5, "tells:", rk[k].c.tells);
		if (rk[k].c.confirm != NULL)
			print_wrapped_at(f, 5, "check:", rk[k].c.confirm);
		if (rk[k].live[0] != '\0')
			print_wrapped_at(f, 5, "now:", rk[k].live);
	}
}

static bool
any_score(const struct explain_ranked *rk, size_t n)
{
	size_t k;

	for (k = 0; k < n; k++) {
		if (rk[k].score > 0)
			return true;
	}
	return false;
}

static void
print_cause_line(FILE *f, const struct explain_entry *e, const struct explain_ranked *rk)
{
	const char *cause = rk[0].c.cause;

	fprintf(f, "  %-9s%s%s", "cause:", cause,
		explain_cause_is_layer(cause) ? "" : " (the application, not a limit)");
	if (strcmp(cause, e->cause) != 0)
		fprintf(f,
			" (first by what this machine shows now; the message alone points "
			"to %s)",
			e->cause);
	fputc('\n', f);
}

static void
print_cause_single(FILE *f, const struct explain_report *r, const struct explain_entry *e)
{
	struct explain_ranked rk[EXPLAIN_CANDIDATES_PER_ENTRY];
	size_t n = explain_ranked_candidates(r, e, rk);

	fprintf(f, "%s: %s\n", e->id, e->title);
	if (r->quiet)
		return;
	print_cause_line(f, e, rk);
	print_wrapped(f, "seen in:", e->runtimes);
	print_entry_details(f, e);
	print_candidates(f, rk, n, any_score(rk, n));
}

/* The widths of the cause table's columns: 9 for each figure and 30 for
 * the signature, or, when that would not fit the terminal, only what the
 * figures and signatures shown take. */
static void
cause_table_widths(const struct explain_report *r, const int *order, size_t ncauses, int *nw,
		   int *sw)
{
	const struct explain_scan *s = r->scan;
	int maxfig = 5, maxsig = 9, maxcause = 5;
	char buf[32];
	size_t i;

	for (i = 0; i < ncauses; i++) {
		const struct explain_stat *st = &s->stat[order[i]];
		const struct explain_entry *e = explain_entry((size_t)order[i]);
		struct explain_ranked rk[EXPLAIN_CANDIDATES_PER_ENTRY];
		int len = (int)strlen(figure(buf, sizeof(buf), (int64_t)st->count));

		len = MAX(len, (int)strlen(figure(buf, sizeof(buf), (int64_t)st->last_line)));
		maxfig = MAX(maxfig, len);
		maxsig = MAX(maxsig, (int)strlen(e->id));
		explain_ranked_candidates(r, e, rk);
		maxcause = MAX(maxcause, (int)strlen(rk[0].c.cause));
	}
	*nw = 9;
	*sw = MAX(30, maxsig);
	if (r->width > 0 && 3 * 9 + 4 + *sw + 1 + maxcause > r->width) {
		*nw = maxfig;
		*sw = maxsig;
	}
}

static void
print_cause_table(FILE *f, const struct explain_report *r, const int *order, size_t ncauses)
{
	const struct explain_scan *s = r->scan;
	char count[32], first[32], last[32];
	int nw, sw;
	size_t i;

	cause_table_widths(r, order, ncauses, &nw, &sw);
	fprintf(f, "%*s %*s %*s  %-*s %s\n", nw, "COUNT", nw, "FIRST", nw, "LAST", sw, "SIGNATURE",
		"CAUSE");
	for (i = 0; i < ncauses; i++) {
		const struct explain_stat *st = &s->stat[order[i]];
		const struct explain_entry *e = explain_entry((size_t)order[i]);
		struct explain_ranked rk[EXPLAIN_CANDIDATES_PER_ENTRY];

		explain_ranked_candidates(r, e, rk);
		fprintf(f, "%*s %*s %*s  %-*s %s\n", nw,
			figure(count, sizeof(count), (int64_t)st->count), nw,
			figure(first, sizeof(first), (int64_t)st->first_line), nw,
			figure(last, sizeof(last), (int64_t)st->last_line), sw, e->id,
			rk[0].c.cause);
	}
	fputc('\n', f);
}

static void
print_cause_log(FILE *f, const struct explain_report *r, const struct explain_entry *e,
		const struct explain_stat *st)
{
	struct explain_ranked rk[EXPLAIN_CANDIDATES_PER_ENTRY];
	size_t n = explain_ranked_candidates(r, e, rk);
	char first[32];
	char example[EXAMPLE_SHOWN_TEXT * 4 + 8];
	bool cut;

	fprintf(f, "%s -> %s: %s\n", e->id, rk[0].c.cause, e->title);
	cut =
	    sanitize(example, sizeof(example), st->example, st->example_len, EXAMPLE_SHOWN_TEXT) ||
	    st->example_cut;
	fprintf(f, "  line %s: %s%s\n", figure(first, sizeof(first), (int64_t)st->first_line),
		example, cut ? " [...]" : "");
	print_entry_details(f, e);
	print_candidates(f, rk, n, any_score(rk, n));
	fputc('\n', f);
}

static void
print_live_layer(FILE *f, const struct layer *l)
{
	char limit[32], use[32];

	fprintf(f, "  %-17s %-7s limit %s", layer_id(l), verdict_name(l->verdict),
		report_figure(limit, sizeof(limit), l->limit, l->unit));
	/* Without --pid a process layer describes headroom itself: only its
	 * limit, inherited from the shell, says something. */
	if (l->scope == SCOPE_PROCESS && l->pid == 0)
		fprintf(f, " in this shell (--pid PID for the process that failed)");
	else if (l->use != LAYER_NONE)
		fprintf(f, "; %s in use", report_figure(use, sizeof(use), l->use, l->unit));
	if (l->pid != 0)
		fprintf(f, " in pid %d (%s)", (int)l->pid, l->comm);
	fprintf(f, " - %s\n", l->title);
	if (l->raises_own_soft)
		fprintf(f,
			"%20sraises its own soft limit to the hard limit at start-up: only "
			"nofile.hard counts\n",
			"");
	if (l->verdict == VERDICT_OK)
		return;
	if (l->fix.live[0] != '\0')
		fprintf(f, "%20snow%s:     %s\n", "", l->fix.needs_root ? " (root)" : "",
			l->fix.live);
	if (l->fix.persist[0] != '\0')
		fprintf(f, "%20spersist%s: %s\n", "", l->fix.needs_root ? " (root)" : "",
			l->fix.persist);
	if (l->note[0] != '\0') {
		const char *p = l->note;

		while (*p != '\0') {
			size_t n = strcspn(p, "\n");

			fprintf(f, "%20s%.*s\n", "", (int)n, p);
			p += n + (p[n] == '\n');
		}
	}
}

static void
print_live(FILE *f, const struct explain_report *r, const int *order, size_t ncauses)
{
	static struct explain_live_list list;
	size_t i;

	explain_live_collect(&list, r, order, ncauses);
	if (list.n == 0)
		return;
	if (r->root != NULL)
		fprintf(f, "Live check of those layers under %s:\n", r->root);
	else
		fprintf(f, "Live check of those layers on this machine now:\n");
	for (i = 0; i < list.n; i++)
		print_live_layer(f, list.v[i]);
}

static void
print_log_header(FILE *f, const struct explain_scan *s, size_t ncauses)
{
	char lines[32], matched[32], rest[32], longl[32];

	if (s->lines == 0) {
		fprintf(f, "no input: 0 lines read\n");
		return;
	}
	fprintf(f, "%s line%s read: %s explained by %zu signature%s, %s not recognised",
		figure(lines, sizeof(lines), (int64_t)s->lines), s->lines == 1 ? "" : "s",
		figure(matched, sizeof(matched), (int64_t)s->matched), ncauses,
		ncauses == 1 ? "" : "s",
		figure(rest, sizeof(rest), (int64_t)(s->lines - s->matched)));
	if (s->long_lines > 0)
		fprintf(f, "; %s longer than %d KiB (matched on their first and last %d KiB)",
			figure(longl, sizeof(longl), (int64_t)s->long_lines),
			EXPLAIN_LINE_MAX / 1024, EXPLAIN_LINE_MAX / 1024);
	fprintf(f, "\n\n");
}

void
explain_report_text(FILE *f, const struct explain_report *r)
{
	const struct explain_scan *s = r->scan;
	int order[EXPLAIN_ENTRIES_MAX];
	size_t ncauses = causes_in_order(s, order), i;

	wrap_width = r->width > 0 && r->width < WRAP_WIDTH ? r->width : WRAP_WIDTH;
	if (r->log) {
		print_log_header(f, s, ncauses);
		if (ncauses > 0)
			print_cause_table(f, r, order, ncauses);
	}
	for (i = 0; i < ncauses && !(r->log && r->quiet); i++) {
		const struct explain_entry *e = explain_entry((size_t)order[i]);

		if (r->log)
			print_cause_log(f, r, e, &s->stat[order[i]]);
		else
			print_cause_single(f, r, e);
	}
	if (ncauses == 0 && !r->log)
		fprintf(f, "no known signature matches this message (headroom explain --list "
			   "shows them; headroom-errors(7) explains each layer)\n");
	if (!r->log && ncauses > 0 && !r->quiet)
		fputc('\n', f);
	if (r->set != NULL && ncauses > 0)
		print_live(f, r, order, ncauses);
}

/* ---- JSON ---- */

static void
json_field(FILE *f, const char *name, const char *value, bool first)
{
	fprintf(f, "%s\"%s\":", first ? "" : ",", name);
	json_string(f, value);
}

static void
json_candidates(FILE *f, const struct explain_ranked *rk, size_t n)
{
	size_t k;

	fputs(",\"candidates\":[", f);
	for (k = 0; k < n; k++) {
		fputs(k > 0 ? ",{" : "{", f);
		json_field(f, "cause", rk[k].c.cause, true);
		json_field(f, "tells", rk[k].c.tells, false);
		json_field(f, "confirm", rk[k].c.confirm, false);
		fprintf(f, ",\"evidence\":%d", rk[k].score);
		json_field(f, "live", rk[k].live[0] != '\0' ? rk[k].live : NULL, false);
		fputc('}', f);
	}
	fputc(']', f);
}

static void
json_cause(FILE *f, const struct explain_report *r, int index, const struct explain_stat *st)
{
	const struct explain_entry *e = explain_entry((size_t)index);
	struct explain_ranked rk[EXPLAIN_CANDIDATES_PER_ENTRY];
	size_t n = explain_ranked_candidates(r, e, rk);
	char example[EXPLAIN_EXAMPLE_MAX * 4 + 8];
	bool cut =
	    sanitize(example, sizeof(example), st->example, st->example_len, EXPLAIN_EXAMPLE_MAX);
	const char *cause = rk[0].c.cause;

	fputc('{', f);
	json_field(f, "signature", e->id, true);
	json_field(f, "family", explain_entry_family((size_t)index), false);
	json_field(f, "cause", cause, false);
	json_field(f, "layer", explain_cause_is_layer(cause) ? cause : NULL, false);
	json_field(f, "signature_cause", e->cause, false);
	json_field(f, "also", e->also, false);
	json_field(f, "title", e->title, false);
	json_field(f, "runtimes", e->runtimes, false);
	json_field(f, "why", e->why, false);
	json_field(f, "confirm", e->confirm, false);
	json_field(f, "fix", e->fix, false);
	json_candidates(f, rk, n);
	fprintf(f,
		",\"count\":%" PRIu64 ",\"first_line\":%" PRIu64 ",\"last_line\":%" PRIu64
		",\"example\":",
		st->count, st->first_line, st->last_line);
	json_string(f, example);
	fprintf(f, ",\"example_truncated\":%s}", cut || st->example_cut ? "true" : "false");
}

/* The live state as a check report restricted to the layers behind the
 * causes, so programs parse it like the output of headroom check. */
static void
json_live(FILE *f, const struct explain_report *r, const int *order, size_t ncauses)
{
	static struct explain_live_list list;
	static struct layer_set subset;
	struct report rep;
	size_t i;

	if (r->set == NULL || ncauses == 0) {
		fputs("null", f);
		return;
	}
	explain_live_collect(&list, r, order, ncauses);
	layer_set_init(&subset);
	for (i = 0; i < list.n; i++)
		subset.v[subset.n++] = *list.v[i];
	rep = (struct report){.set = &subset, .target = r->target, .res = r->res};
	report_json(f, &rep);
}

void
explain_report_json(FILE *f, const struct explain_report *r)
{
	const struct explain_scan *s = r->scan;
	int order[EXPLAIN_ENTRIES_MAX];
	size_t ncauses = causes_in_order(s, order), i;

	json_doc_begin(f, "explain", EXPLAIN_SCHEMA);
	fprintf(f,
		",\"input\":\"%s\",\"lines\":%" PRIu64 ",\"recognised\":%" PRIu64
		",\"unrecognised\":%" PRIu64 ",\"long_lines\":%" PRIu64 ",\"causes\":[",
		r->log ? "stream" : "text", s->lines, s->matched, s->lines - s->matched,
		s->long_lines);
	for (i = 0; i < ncauses; i++) {
		fputs(i > 0 ? ",\n" : "\n", f);
		json_cause(f, r, order[i], &s->stat[order[i]]);
	}
	fputs("],\n\"live\":", f);
	json_live(f, r, order, ncauses);
	fputs("}\n", f);
}
