/*
 * report.c: text, JSON and Prometheus output of a check.
 */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "json.h"
#include "report.h"

#define ANSI_RESET "\033[0m"

static const char *
verdict_color(enum verdict v)
{
	switch (v) {
	case VERDICT_OK:
		return "\033[32m";
	case VERDICT_WARN:
		return "\033[33m";
	case VERDICT_FAIL:
		return "\033[1;31m";
	case VERDICT_UNKNOWN:
		break;
	}
	return "\033[35m";
}

/* Thousands separators make 1048576 and 104857 tell apart at a glance. */
static void
group_digits(char *buf, size_t size, int64_t v)
{
	char digits[32];
	size_t len, i, out = 0;

	/* the magnitude in unsigned arithmetic: -INT64_MIN does not exist */
	snprintf(digits, sizeof(digits), "%" PRIu64,
		 v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v);
	len = strlen(digits);
	if (v < 0 && out + 1 < size)
		buf[out++] = '-';
	for (i = 0; i < len && out + 2 < size; i++) {
		if (i > 0 && (len - i) % 3 == 0)
			buf[out++] = ',';
		buf[out++] = digits[i];
	}
	buf[out] = '\0';
}

const char *
report_figure(char *buf, size_t size, int64_t v, enum layer_unit unit)
{
	if (v == LAYER_UNLIMITED)
		snprintf(buf, size, "unlimited");
	else if (v == LAYER_NONE)
		snprintf(buf, size, "-");
	else if (unit == UNIT_BYTES && v >= 1024LL * 1024 * 1024)
		snprintf(buf, size, "%.1f GiB", (double)v / (1024.0 * 1024 * 1024));
	else if (unit == UNIT_BYTES && v >= 1024LL * 1024)
		snprintf(buf, size, "%.1f MiB", (double)v / (1024.0 * 1024));
	else
		group_digits(buf, size, v);
	return buf;
}

void
report_wrap(FILE *f, const char *text, int first_indent, int indent, int width)
{
	int room = width - indent, col = first_indent, start = first_indent;
	const char *p = text;

	if (width <= 0 || room < 10) {
		fprintf(f, "%s\n", text);
		return;
	}
	while (*p != '\0') {
		size_t word = strcspn(p, " \n");

		/* A word wider than the room ("(fs.epoll.max_user_watches)") starts
		 * a line and is cut after a '.', '_' or '/', else where it ends. */
		if ((int)word > room) {
			size_t cut = (size_t)room;

			if (col > start) {
				fprintf(f, "\n%*s", indent, "");
				col = start = indent;
			}
			while (cut > 1 && strchr("._/", p[cut - 1]) == NULL)
				cut--;
			if (cut <= 1)
				cut = (size_t)room;
			fwrite(p, 1, cut, f);
			p += cut;
			fprintf(f, "\n%*s", indent, "");
			continue;
		}
		if (col > start && col + 1 + (int)word > width) {
			fprintf(f, "\n%*s", indent, "");
			col = start = indent;
		} else if (col > start) {
			fputc(' ', f);
			col++;
		}
		fwrite(p, 1, word, f);
		col += (int)word;
		p += word;
		if (*p == '\n') {
			fprintf(f, "\n%*s", indent, "");
			col = start = indent;
		}
		while (*p == ' ' || *p == '\n')
			p++;
	}
	fputc('\n', f);
}

static void
print_verdict(FILE *f, const struct report *r, enum verdict v, int width)
{
	char word[16];
	size_t i;

	snprintf(word, sizeof(word), "%s", verdict_name(v));
	for (i = 0; word[i] != '\0'; i++)
		word[i] = (char)(word[i] - 'a' + 'A');
	if (r->color)
		fprintf(f, "%s%-*s%s", verdict_color(v), width, word, ANSI_RESET);
	else
		fprintf(f, "%-*s", width, word);
}

/* The LAYER column: wide enough for the longest id in the set (app.*). */
static int
id_width(const struct report *r)
{
	size_t i, w = 17;

	for (i = 0; i < r->set->n; i++) {
		size_t n = strlen(layer_id(&r->set->v[i]));
		w = n > w ? n : w;
	}
	return (int)w;
}

/* The figure columns: 11 wide when there is no width to fit, else as
 * wide as their widest figure, so the LAYER and WHAT IT LIMITS columns
 * keep the room. Figures are never cut. */
static int
num_width(const struct report *r)
{
	char buf[32];
	size_t i, w = 6; /* "IN USE" */

	if (r->width <= 0)
		return 11;
	for (i = 0; i < r->set->n; i++) {
		const struct layer *l = &r->set->v[i];
		int64_t v[3] = {l->limit, l->use, l->need};
		int k;

		for (k = 0; k < 3 && !l->not_applicable; k++) {
			size_t n = strlen(report_figure(buf, sizeof(buf), v[k], l->unit));
			w = n > w ? n : w;
		}
	}
	return (int)w;
}

/* Where WHAT IT LIMITS starts. */
static int
title_column(const struct report *r)
{
	return id_width(r) + 1 + 7 + 3 * (num_width(r) + 1) + 2;
}

/* Too little room beside the figures (long app.* ids in 80 columns): what
 * a layer limits goes on a line of its own under its row. */
#define TITLE_ROOM_MIN 20
static bool
title_below(const struct report *r)
{
	return r->width > 0 && r->width - title_column(r) < TITLE_ROOM_MIN;
}

static void
print_header(FILE *f, const struct report *r)
{
	const struct target *t = r->target;
	char n[32];

	if (t->conns > 0)
		fprintf(
		    f,
		    "headroom check: %s connections, role %s, %d source address%s, margin %d%%\n\n",
		    report_figure(n, sizeof(n), t->conns, UNIT_COUNT), role_name(t->role),
		    t->sources, t->sources == 1 ? "" : "es", (int)(t->margin * 100 + 0.5));
	else
		fprintf(f, "headroom check: no target (current use only), role %s\n\n",
			role_name(t->role));
	fprintf(f, "%-*s %-7s %*s %*s %*s%s\n", id_width(r), "LAYER", "VERDICT", num_width(r),
		"LIMIT", num_width(r), "IN USE", num_width(r), "NEEDS",
		title_below(r) ? "" : "  WHAT IT LIMITS");
}

static void
print_title(FILE *f, const struct report *r, const char *title, int col)
{
	if (title_below(r)) {
		fputs("\n    ", f);
		report_wrap(f, title, 4, 4, r->width);
	} else {
		fputs("  ", f);
		report_wrap(f, title, col, col, r->width);
	}
}

/* What a row limits, after the process and the listener it belongs to. */
static void
row_title(char *title, size_t size, const struct layer *l)
{
	size_t len = 0;

	title[0] = '\0';
	if (l->pid != 0)
		len = (size_t)snprintf(title, size, "pid %d (%s): ", (int)l->pid, l->comm);
	if (l->listen[0] != '\0' && len < size)
		len += (size_t)snprintf(title + len, size - len, "%s: ", l->listen);
	if (len < size)
		snprintf(title + len, size - len, "%s", l->title);
}

static void
print_layer_row(FILE *f, const struct report *r, const struct layer *l)
{
	char limit[32], use[32], need[32], title[256];
	int nw = num_width(r), col = title_column(r);

	fprintf(f, "%-*s ", id_width(r), layer_id(l));
	print_verdict(f, r, l->verdict, 7);
	if (l->not_applicable) {
		fprintf(f, " %*s %*s %*s", nw, "n/a", nw, "-", nw, "-");
		print_title(f, r, l->title, col);
		return;
	}
	fprintf(f, " %*s %*s %*s", nw, report_figure(limit, sizeof(limit), l->limit, l->unit), nw,
		report_figure(use, sizeof(use), l->use, l->unit), nw,
		report_figure(need, sizeof(need), l->need, l->unit));
	row_title(title, sizeof(title), l);
	print_title(f, r, title, col);
}

/* A note, four columns in, wrapped in the width; its lines stay lines. */
static void
print_note(FILE *f, const char *note, int width)
{
	const char *p = note;
	char line[sizeof(((struct layer *)0)->note)];

	while (*p != '\0') {
		size_t len = strcspn(p, "\n");

		snprintf(line, sizeof(line), "%.*s", (int)len, p);
		fputs("    ", f);
		report_wrap(f, line, 4, 6, width);
		p += len;
		if (*p == '\n')
			p++;
	}
}

static void
print_fixes(FILE *f, const struct report *r)
{
	const struct layer_set *set = r->set;
	bool any = false;
	size_t i;

	for (i = 0; i < set->n; i++) {
		const struct layer *l = &set->v[i];
		bool to_fix = l->verdict != VERDICT_OK;

		if (!to_fix && !(r->verbose && l->note[0] != '\0'))
			continue;
		if (!any)
			fprintf(f, "\n%s (# = needs root):\n",
				r->verbose ? "Details and fixes" : "Fixes");
		any = true;
		fprintf(f, "%s", layer_id(l));
		if (l->pid != 0)
			fprintf(f, " (pid %d, %s%s%s)", (int)l->pid, l->comm,
				l->listen[0] != '\0' ? ", " : "", l->listen);
		fputs(":\n", f);
		if (l->fix.live[0] != '\0')
			fprintf(f, "  %s now:     %s\n", l->fix.needs_root ? "#" : " ",
				l->fix.live);
		if (l->fix.persist[0] != '\0')
			fprintf(f, "  %s persist: %s\n", l->fix.needs_root ? "#" : " ",
				l->fix.persist);
		if (l->note[0] != '\0')
			print_note(f, l->note, r->width);
	}
}

void
report_summary(FILE *f, const struct report *r)
{
	const struct plan_result *res = r->res;
	char max[32], n[32];

	print_verdict(f, r, res->verdict, 0);
	if (res->bottleneck == NULL)
		fprintf(f, ": no layer caps connections");
	else if (r->target->conns > 0)
		fprintf(f,
			": this host supports %s connections now for role %s (target %s); "
			"bottleneck %s",
			report_figure(max, sizeof(max), res->max_supported, UNIT_COUNT),
			role_name(r->target->role),
			report_figure(n, sizeof(n), r->target->conns, UNIT_COUNT),
			layer_id(res->bottleneck));
	else
		fprintf(f, ": this host supports %s connections now (role %s); bottleneck %s",
			report_figure(max, sizeof(max), res->max_supported, UNIT_COUNT),
			role_name(r->target->role), layer_id(res->bottleneck));
	if (res->bottleneck != NULL && res->bottleneck->pid != 0)
		fprintf(f, " of pid %d (%s)", (int)res->bottleneck->pid, res->bottleneck->comm);
	if (res->first_fix != NULL && res->first_fix->fix.live[0] != '\0')
		fprintf(f, "; first fix (%s): %s%s", layer_id(res->first_fix),
			res->first_fix->fix.needs_root ? "[root] " : "", res->first_fix->fix.live);
	fputc('\n', f);
}

void
report_text(FILE *f, const struct report *r)
{
	size_t i;

	if (!r->quiet) {
		print_header(f, r);
		for (i = 0; i < r->set->n; i++)
			print_layer_row(f, r, &r->set->v[i]);
		print_fixes(f, r);
		fputc('\n', f);
	}
	report_summary(f, r);
}

static void
json_layer(FILE *f, const struct layer *l)
{
	fputs("{\"id\":", f);
	json_string(f, layer_id(l));
	fputs(",\"title\":", f);
	json_string(f, l->title);
	fprintf(f, ",\"scope\":\"%s\",\"limit\":", scope_name(l->scope));
	json_figure(f, l->limit);
	fputs(",\"use\":", f);
	json_figure(f, l->use);
	fputs(",\"need\":", f);
	json_figure(f, l->need);
	fputs(",\"supports\":", f);
	json_figure(f, l->supports);
	fputs(",\"recommend\":", f);
	json_figure(f, l->recommend);
	fprintf(f, ",\"verdict\":\"%s\",\"caps_now\":%s,\"applicable\":%s",
		verdict_name(l->verdict), l->caps_now ? "true" : "false",
		l->not_applicable ? "false" : "true");
	if (l->pid != 0) {
		fprintf(f, ",\"pid\":%d,\"comm\":", (int)l->pid);
		json_string(f, l->comm);
		fputs(",\"unit\":", f);
		json_string(f, l->unit_name[0] != '\0' ? l->unit_name : NULL);
		fprintf(f, ",\"raises_own_soft\":%s", l->raises_own_soft ? "true" : "false");
		if (l->listen[0] != '\0') {
			fputs(",\"listen\":", f);
			json_string(f, l->listen);
		}
	}
	fputs(",\"note\":", f);
	json_string(f, l->note);
	fputs(",\"fix\":{\"live\":", f);
	json_string(f, l->fix.live[0] != '\0' ? l->fix.live : NULL);
	fputs(",\"persist\":", f);
	json_string(f, l->fix.persist[0] != '\0' ? l->fix.persist : NULL);
	fprintf(f, ",\"needs_root\":%s}}", l->fix.needs_root ? "true" : "false");
}

void
report_json(FILE *f, const struct report *r)
{
	const struct plan_result *res = r->res;
	size_t i;

	json_doc_begin(f, "check", REPORT_SCHEMA);
	fprintf(f,
		",\"target\":%" PRId64 ",\"role\":\"%s\",\"sources\":%d,"
		"\"margin\":%.2f,\"verdict\":\"%s\",\"bottleneck\":",
		r->target->conns, role_name(r->target->role), r->target->sources, r->target->margin,
		verdict_name(res->verdict));
	json_string(f, res->bottleneck != NULL ? layer_id(res->bottleneck) : NULL);
	fputs(",\"max_supported\":", f);
	json_figure(f, res->max_supported);
	fputs(",\"first_fix\":", f);
	json_string(f, res->first_fix != NULL && res->first_fix->fix.live[0] != '\0'
			   ? res->first_fix->fix.live
			   : NULL);
	fputs(",\"layers\":[", f);
	for (i = 0; i < r->set->n; i++) {
		if (i > 0)
			fputc(',', f);
		fputs("\n", f);
		json_layer(f, &r->set->v[i]);
	}
	fputs("\n]}\n", f);
}
