/*
 * report-monitor.c: a check for monitoring systems. The node_exporter
 * textfile format (Prometheus exposition format) and the monitoring-plugins
 * format (Nagios, Icinga, Sensu, Checkmk). Formatting only.
 */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "layer-table.h"
#include "report.h"

/* tcp_mem counts 4 KiB pages (layer-table.c); metrics are in bytes. */
#define PAGE_BYTES 4096

static bool
is_memory(const struct layer *l)
{
	return l->unit == UNIT_BYTES || l->unit == UNIT_PAGES;
}

/* A figure in the layer's base unit: bytes for memory, else a count. */
static int64_t
base_value(const struct layer *l, int64_t v)
{
	if (v == LAYER_NONE || v == LAYER_UNLIMITED || l->unit != UNIT_PAGES)
		return v;
	return v > INT64_MAX / PAGE_BYTES ? LAYER_UNLIMITED : v * PAGE_BYTES;
}

/* ---- Prometheus ---- */

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
	if (l->listen[0] != '\0')
		fprintf(f, ",listen=\"%s\"", l->listen);
	fputc('}', f);
}

enum prom_field {
	FIELD_LIMIT,
	FIELD_USE,
	FIELD_NEED,
	FIELD_SUPPORTS,
	FIELD_VERDICT,
	FIELD_BOTTLENECK,
};

/* The sample of a layer for a field, LAYER_NONE when it has none. */
static int64_t
prom_sample(const struct report *r, const struct layer *l, enum prom_field field)
{
	if (l->not_applicable && field != FIELD_VERDICT && field != FIELD_BOTTLENECK)
		return LAYER_NONE;
	switch (field) {
	case FIELD_LIMIT:
		return base_value(l, l->limit);
	case FIELD_USE:
		return base_value(l, l->use);
	case FIELD_NEED:
		return base_value(l, l->need);
	case FIELD_SUPPORTS:
		return l->limit == LAYER_NONE ? LAYER_NONE : l->supports;
	case FIELD_VERDICT:
		return verdict_exit_status(l->verdict);
	case FIELD_BOTTLENECK:
		return r->res->bottleneck == l ? 1 : 0;
	}
	return LAYER_NONE;
}

/*
 * One metric family: the layers whose unit matches (memory: the _bytes
 * family; else the count family; both: every layer). A family with no
 * sample is left out, HELP and TYPE included.
 */
static void
prom_family(FILE *f, const struct report *r, const char *name, const char *help,
	    enum prom_field field, int memory)
{
	size_t i;
	bool any = false;

	for (i = 0; i < r->set->n; i++) {
		const struct layer *l = &r->set->v[i];
		int64_t v = prom_sample(r, l, field);

		if (v == LAYER_NONE || (memory >= 0 && is_memory(l) != (memory == 1)))
			continue;
		if (!any)
			fprintf(f, "# HELP %s %s\n# TYPE %s gauge\n", name, help, name);
		any = true;
		fputs(name, f);
		prom_labels(f, l);
		fputc(' ', f);
		prom_value(f, v);
	}
}

void
report_prometheus(FILE *f, const struct report *r)
{
	const struct plan_result *res = r->res;
	const char *role = role_name(r->target->role);

	fprintf(f,
		"# HELP headroom_build_info The headroom that wrote this file (value 1).\n"
		"# TYPE headroom_build_info gauge\nheadroom_build_info{version=\"%s\"} 1\n",
		PACKAGE_VERSION);
	prom_family(f, r, "headroom_layer_limit",
		    "Limit of a layer that counts items (files, ports, processes, entries); "
		    "+Inf when unlimited.",
		    FIELD_LIMIT, 0);
	prom_family(f, r, "headroom_layer_limit_bytes",
		    "Limit of a layer that counts memory, in bytes; +Inf when unlimited.",
		    FIELD_LIMIT, 1);
	prom_family(f, r, "headroom_layer_use",
		    "Current use of a layer that counts items, where the kernel reports it.",
		    FIELD_USE, 0);
	prom_family(f, r, "headroom_layer_use_bytes",
		    "Current use of a layer that counts memory, in bytes.", FIELD_USE, 1);
	prom_family(f, r, "headroom_layer_need",
		    "What the target needs of a layer that counts items.", FIELD_NEED, 0);
	prom_family(f, r, "headroom_layer_need_bytes",
		    "What the target needs of a layer that counts memory, in bytes.", FIELD_NEED,
		    1);
	prom_family(f, r, "headroom_layer_supported_connections",
		    "Connections the layer allows for the role; +Inf when it does not cap them.",
		    FIELD_SUPPORTS, -1);
	prom_family(f, r, "headroom_layer_verdict",
		    "Verdict of the layer: 0 ok, 1 warn, 2 fail, 3 unknown.", FIELD_VERDICT, -1);
	prom_family(f, r, "headroom_layer_bottleneck",
		    "1 for the layer that caps connections first, 0 for the others.",
		    FIELD_BOTTLENECK, -1);
	fprintf(f,
		"# HELP headroom_target_connections Connections the check was run for "
		"(0: none, current use judged).\n"
		"# TYPE headroom_target_connections gauge\n"
		"headroom_target_connections{role=\"%s\"} %" PRId64 "\n",
		role, r->target->conns);
	fprintf(f,
		"# HELP headroom_max_supported_connections Connections this host supports now "
		"for the role.\n"
		"# TYPE headroom_max_supported_connections gauge\n"
		"headroom_max_supported_connections{role=\"%s\"} ",
		role);
	prom_value(f, res->max_supported);
	fprintf(f,
		"# HELP headroom_verdict Overall verdict: 0 ok, 1 warn, 2 fail, 3 unknown.\n"
		"# TYPE headroom_verdict gauge\nheadroom_verdict %d\n",
		verdict_exit_status(res->verdict));
}

/* ---- monitoring plugins ---- */

static const char *const nagios_words[] = {"OK", "WARNING", "CRITICAL", "UNKNOWN"};

static void
nagios_list(FILE *f, const struct report *r, enum verdict v, const char *what)
{
	size_t i;
	bool any = false;

	for (i = 0; i < r->set->n; i++) {
		const struct layer *l = &r->set->v[i];

		if (l->verdict != v)
			continue;
		fprintf(f, "%s%s", any ? ", " : what, layer_id(l));
		if (l->pid != 0)
			fprintf(f, "[%d]", (int)l->pid);
		any = true;
	}
}

/* A threshold: empty when there is none. */
static void
nagios_threshold(FILE *f, const struct layer *l, int64_t v)
{
	fputc(';', f);
	if (v != LAYER_NONE && v != LAYER_UNLIMITED)
		fprintf(f, "%" PRId64, base_value(l, v));
}

/*
 * The thresholds the plan judged the layer by (plan.c): warn above
 * limit x (1 - margin), fail above the limit; a layer that only warns
 * (bursts, churn, traffic, the next session's settings) has no crit.
 */
static void
nagios_thresholds(FILE *f, const struct report *r, const struct layer *l)
{
	enum layer_rule_kind kind = layer_descs[l->kind].rule.kind;
	int64_t warn = LAYER_NONE, crit = LAYER_NONE;

	if (l->limit != LAYER_NONE && l->limit != LAYER_UNLIMITED && kind != RULE_INFO) {
		double m = (kind == RULE_BURST || kind == RULE_CHURN) ? 0.0 : r->target->margin;

		warn = (int64_t)((double)l->limit * (1.0 - m));
		if ((kind == RULE_CAPS || kind == RULE_HEADROOM) && l->caps_now)
			crit = l->limit;
	}
	nagios_threshold(f, l, warn);
	nagios_threshold(f, l, crit);
}

/* 'label'=value[UOM];warn;crit;min;max */
static void
nagios_perfdata(FILE *f, const struct report *r, const struct layer *l)
{
	int64_t v = l->need != LAYER_NONE ? l->need : l->use;

	fprintf(f, " '%s", layer_id(l));
	if (l->pid != 0)
		fprintf(f, "[%d]", (int)l->pid);
	fputs("'=", f);
	if (l->not_applicable || v == LAYER_NONE) {
		fputs("U", f);
		return;
	}
	fprintf(f, "%" PRId64 "%s", base_value(l, v), is_memory(l) ? "B" : "");
	nagios_thresholds(f, r, l);
	fputs(";0", f);
	nagios_threshold(f, l, l->limit);
}

void
report_nagios(FILE *f, const struct report *r)
{
	const struct plan_result *res = r->res;
	const struct target *t = r->target;
	int status = r->status >= 0 && r->status <= 3 ? r->status : 3;
	size_t i;

	fprintf(f, "HEADROOM %s - ", nagios_words[status]);
	if (res->bottleneck == NULL)
		fputs("no layer caps connections", f);
	else if (t->conns > 0)
		fprintf(f, "supports %" PRId64 " of %" PRId64 " connections (role %s)",
			res->max_supported, t->conns, role_name(t->role));
	else
		fprintf(f, "supports %" PRId64 " connections now (role %s)", res->max_supported,
			role_name(t->role));
	if (res->bottleneck != NULL)
		fprintf(f, "; bottleneck %s", layer_id(res->bottleneck));
	nagios_list(f, r, VERDICT_FAIL, "; fail: ");
	nagios_list(f, r, VERDICT_WARN, "; warn: ");
	nagios_list(f, r, VERDICT_UNKNOWN, "; unknown: ");
	/* max_supported is a floor: the range "T:" is critical below the
	 * target (no warn range: the layers' own warnings decide that); +Inf
	 * is not a perfdata value, U (undetermined) stands for it. */
	if (res->max_supported == LAYER_UNLIMITED)
		fputs(" | 'max_supported'=U", f);
	else if (t->conns > 0)
		fprintf(f, " | 'max_supported'=%" PRId64 ";;%" PRId64 ":;0;", res->max_supported,
			t->conns);
	else
		fprintf(f, " | 'max_supported'=%" PRId64 ";;;0;", res->max_supported);
	for (i = 0; i < r->set->n; i++)
		nagios_perfdata(f, r, &r->set->v[i]);
	fputc('\n', f);
}
