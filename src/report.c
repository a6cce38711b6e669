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
	fprintf(f, "%-*s %-7s %11s %11s %11s  %s\n", id_width(r), "LAYER", "VERDICT", "LIMIT",
		"IN USE", "NEEDS", "WHAT IT LIMITS");
}

static void
print_layer_row(FILE *f, const struct report *r, const struct layer *l)
{
	char limit[32], use[32], need[32];

	fprintf(f, "%-*s ", id_width(r), layer_id(l));
	print_verdict(f, r, l->verdict, 7);
	if (l->not_applicable) {
		fprintf(f, " %11s %11s %11s  %s\n", "n/a", "-", "-", l->title);
		return;
	}
	fprintf(f, " %11s %11s %11s  ", report_figure(limit, sizeof(limit), l->limit, l->unit),
		report_figure(use, sizeof(use), l->use, l->unit),
		report_figure(need, sizeof(need), l->need, l->unit));
	if (l->pid != 0)
		fprintf(f, "pid %d (%s): ", (int)l->pid, l->comm);
	fprintf(f, "%s\n", l->title);
}

static void
print_note(FILE *f, const char *note, const char *indent)
{
	const char *p = note;

	while (*p != '\0') {
		size_t len = strcspn(p, "\n");
		fprintf(f, "%s%.*s\n", indent, (int)len, p);
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
			fprintf(f, " (pid %d, %s)", (int)l->pid, l->comm);
		fputs(":\n", f);
		if (l->fix.live[0] != '\0')
			fprintf(f, "  %s now:     %s\n", l->fix.needs_root ? "#" : " ",
				l->fix.live);
		if (l->fix.persist[0] != '\0')
			fprintf(f, "  %s persist: %s\n", l->fix.needs_root ? "#" : " ",
				l->fix.persist);
		if (l->note[0] != '\0')
			print_note(f, l->note, "    ");
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

	fprintf(f,
		"{\"schema\":%d,\"target\":%" PRId64 ",\"role\":\"%s\",\"sources\":%d,"
		"\"margin\":%.2f,\"verdict\":\"%s\",\"bottleneck\":",
		REPORT_SCHEMA, r->target->conns, role_name(r->target->role), r->target->sources,
		r->target->margin, verdict_name(res->verdict));
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

static void
prom_value(FILE *f, int64_t v)
{
	if (v == LAYER_UNLIMITED)
		fputs("+Inf\n", f);
	else
		fprintf(f, "%" PRId64 "\n", v);
}

static void
prom_labels(FILE *f, const struct layer *l)
{
	fprintf(f, "{layer=\"%s\",scope=\"%s\"", layer_id(l), scope_name(l->scope));
	if (l->pid != 0)
		fprintf(f, ",pid=\"%d\"", (int)l->pid);
	fputc('}', f);
}

static void
prom_metric(FILE *f, const struct report *r, const char *name, const char *help, int which)
{
	size_t i;

	fprintf(f, "# HELP headroom_layer_%s %s\n# TYPE headroom_layer_%s gauge\n", name, help,
		name);
	for (i = 0; i < r->set->n; i++) {
		const struct layer *l = &r->set->v[i];
		int64_t v = which == 0 ? l->limit : which == 1 ? l->use : (int64_t)l->verdict;

		if (which == 2)
			v = l->verdict == VERDICT_UNKNOWN ? 3
			    : l->verdict == VERDICT_FAIL  ? 2
			    : l->verdict == VERDICT_WARN  ? 1
							  : 0;
		if (v == LAYER_NONE)
			continue;
		fprintf(f, "headroom_layer_%s", name);
		prom_labels(f, l);
		fputc(' ', f);
		prom_value(f, v);
	}
}

void
report_prometheus(FILE *f, const struct report *r)
{
	const struct plan_result *res = r->res;
	int status = verdict_exit_status(res->verdict);

	prom_metric(f, r, "limit", "Current limit of the layer (+Inf when unlimited).", 0);
	prom_metric(f, r, "use", "Current use of the layer, where the kernel reports it.", 1);
	prom_metric(f, r, "verdict", "Verdict of the layer: 0 ok, 1 warn, 2 fail, 3 unknown.", 2);
	fprintf(f,
		"# HELP headroom_target Connections the check was run for.\n"
		"# TYPE headroom_target gauge\nheadroom_target{role=\"%s\"} %" PRId64 "\n",
		role_name(r->target->role), r->target->conns);
	fprintf(f,
		"# HELP headroom_max_supported Connections this host supports now.\n"
		"# TYPE headroom_max_supported gauge\nheadroom_max_supported{role=\"%s\"",
		role_name(r->target->role));
	if (res->bottleneck != NULL)
		fprintf(f, ",bottleneck=\"%s\"", layer_id(res->bottleneck));
	fputs("} ", f);
	prom_value(f, res->max_supported);
	fprintf(f,
		"# HELP headroom_verdict Overall verdict: 0 ok, 1 warn, 2 fail, 3 unknown.\n"
		"# TYPE headroom_verdict gauge\nheadroom_verdict %d\n",
		status);
}
