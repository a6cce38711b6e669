/*
 * plan.c: what a target needs of each layer, and which layer stops it,
 * by the rule each layer's row holds (struct layer_rule, layer-table.h).
 */
#include "config.h"

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "plan.h"

#define MIB (1024 * 1024)

#define PLAN_BURST	     4096 /* a connect storm the accept queue must absorb */
#define PLAN_THREAD_HEADROOM 256  /* threads a load generator and server add */

_Static_assert(ROLE_CLIENT == 0 && ROLE_SERVER == 1 && ROLE_BOTH == 2,
	       "struct layer_rule's per_conn is indexed by enum role");

void
target_init(struct target *t)
{
	t->conns = 0;
	t->role = ROLE_BOTH;
	t->sources = 1;
	t->margin = PLAN_MARGIN_DEFAULT;
}

int
role_parse(const char *s, enum role *out)
{
	if (strcmp(s, "client") == 0)
		*out = ROLE_CLIENT;
	else if (strcmp(s, "server") == 0)
		*out = ROLE_SERVER;
	else if (strcmp(s, "both") == 0)
		*out = ROLE_BOTH;
	else
		return -1;
	return 0;
}

const char *
role_name(enum role r)
{
	switch (r) {
	case ROLE_CLIENT:
		return "client";
	case ROLE_SERVER:
		return "server";
	case ROLE_BOTH:
		break;
	}
	return "both";
}

int
plan_sockets_per_conn(enum role r)
{
	return r == ROLE_BOTH ? 2 : 1;
}

/* ceil and floor for the non-negative figures of a plan, without libm
 * (the main program links no maths library). */
static double
ceil_pos(double x)
{
	double i = (double)(int64_t)x;

	return i < x ? i + 1.0 : i;
}

static double
floor_pos(double x)
{
	return (double)(int64_t)x;
}

int64_t
plan_recommend(int64_t need, double margin)
{
	/* need / (1 - margin): the value that passes this margin next time. */
	double want = (double)need / (1.0 - margin);
	int64_t step = want <= 4096 ? 256 : 1024;

	if (margin >= 1.0 || want >= 9.0e18)
		return LAYER_UNLIMITED;
	want = ceil_pos(want);
	/* Round up to a multiple that reads well in a config file. */
	return ((int64_t)want + step - 1) / step * step;
}

/* Memory in use moves between two runs (page cache, slabs): a byte limit
 * set to the KiB warned again after the next pages charged. 1/32 more,
 * then up to a power-of-two step of 1 MiB or more, 1/32 to 1/16 of it,
 * which also reads well in a unit file ("480M"). */
static int64_t
round_bytes(int64_t v)
{
	int64_t step = MIB;

	if (v > INT64_MAX / 2)
		return v;
	v += v / 32;
	while (step <= v / 16)
		step *= 2;
	return (v + step - 1) / step * step;
}

static int64_t
base_of(const struct layer *l, enum layer_base kind)
{
	switch (kind) {
	case BASE_USE:
		return l->use > 0 ? l->use : 0;
	case BASE_OVERHEAD:
		/* A watched process already holds its fds; a new one needs the overhead. */
		if (l->pid != 0 && l->use > PLAN_OVERHEAD_FDS)
			return l->use;
		return PLAN_OVERHEAD_FDS;
	case BASE_NONE:
		break;
	}
	return 0;
}

/* Consumption per connection: sockets per connection for the role times
 * what one socket takes of this limit (the probe's unit_cost). */
static double
per_conn_of(const struct layer *l, const struct layer_rule *r, const struct target *t)
{
	double pc = r->per_conn[t->role];

	if (r->per_source && t->sources > 1)
		pc /= t->sources;
	return pc * (l->unit_cost > 0 ? l->unit_cost : 1);
}

static enum verdict
worse(enum verdict a, enum verdict b)
{
	return a > b ? a : b;
}

/* ok / warn / fail for a need against a limit with the margin. */
static enum verdict
judge(int64_t need, int64_t limit, double margin)
{
	if (limit == LAYER_UNLIMITED)
		return VERDICT_OK;
	if (need > limit)
		return VERDICT_FAIL;
	if ((double)need > (double)limit * (1.0 - margin))
		return VERDICT_WARN;
	return VERDICT_OK;
}

static void
eval_caps(struct layer *l, const struct layer_rule *r, const struct target *t)
{
	int64_t base = base_of(l, r->base);
	double pc = per_conn_of(l, r, t);

	if (pc <= 0) {
		l->need = LAYER_NONE;
		l->supports = LAYER_UNLIMITED;
		return;
	}
	l->need = base + (int64_t)ceil_pos(pc * (double)t->conns);
	if (l->limit == LAYER_UNLIMITED)
		l->supports = LAYER_UNLIMITED;
	else if (l->limit <= base)
		l->supports = 0;
	else
		l->supports = (int64_t)floor_pos((double)(l->limit - base) / pc);
}

static void
eval_layer(struct layer *l, const struct target *t)
{
	const struct layer_rule *r = &layer_descs[l->kind].rule;
	enum verdict computed = VERDICT_OK;
	enum verdict floor_verdict = l->floor;

	l->need = LAYER_NONE;
	l->supports = LAYER_UNLIMITED;
	l->recommend = LAYER_NONE;
	l->verdict = floor_verdict;
	if (l->not_applicable)
		return;
	if (floor_verdict == VERDICT_UNKNOWN || l->limit == LAYER_NONE) {
		if (l->limit == LAYER_NONE && floor_verdict == VERDICT_OK && r->kind != RULE_INFO)
			l->verdict = VERDICT_UNKNOWN;
		return;
	}
	switch (r->kind) {
	case RULE_CAPS:
	case RULE_TRAFFIC:
		eval_caps(l, r, t);
		if (l->need != LAYER_NONE)
			computed = judge(l->need, l->limit, t->margin);
		if (r->kind == RULE_TRAFFIC && computed == VERDICT_FAIL)
			computed = VERDICT_WARN;
		break;
	case RULE_BURST:
		if (r->per_conn[t->role] > 0 && t->conns > 0) {
			l->need = t->conns < PLAN_BURST ? t->conns : PLAN_BURST;
			computed =
			    judge(l->need, l->limit, 0) == VERDICT_FAIL ? VERDICT_WARN : VERDICT_OK;
		}
		break;
	case RULE_CHURN:
		if (r->per_conn[t->role] > 0) {
			l->need = base_of(l, r->base) + t->conns;
			computed =
			    judge(l->need, l->limit, 0) == VERDICT_FAIL ? VERDICT_WARN : VERDICT_OK;
		}
		break;
	case RULE_HEADROOM:
		l->need = base_of(l, r->base) + PLAN_THREAD_HEADROOM;
		computed = judge(l->need, l->limit, t->margin);
		break;
	case RULE_INFO:
		break;
	}
	/* Persistent layers describe the next session: they warn, the live
	 * layers fail. */
	if (!l->caps_now && computed == VERDICT_FAIL)
		computed = VERDICT_WARN;
	l->verdict = worse(floor_verdict, computed);
	if (l->need != LAYER_NONE && l->verdict != VERDICT_OK)
		l->recommend = plan_recommend(l->need, t->margin);
	if (l->unit == UNIT_BYTES && l->recommend > 0)
		l->recommend = round_bytes(l->recommend);
}

/* Layers whose supports count toward max_supported. */
static bool
counts_now(const struct layer *l)
{
	return layer_descs[l->kind].rule.kind == RULE_CAPS && l->caps_now &&
	       l->verdict != VERDICT_UNKNOWN && l->need != LAYER_NONE;
}

/* The caps row warns when a fix the target needs takes what this session
 * lacks: a short hard limit (this shell's or a watched process's) without
 * CAP_SYS_RESOURCE, or a short limit of another user's process. */
static void
note_cannot_raise(struct layer_set *set)
{
	struct layer *caps = layer_find(set, LAYER_CAPS, 0);
	size_t i;

	if (caps == NULL)
		return;
	for (i = 0; i < set->n; i++) {
		const struct layer *l = &set->v[i];

		if (l->verdict < VERDICT_WARN ||
		    (l->kind != LAYER_NOFILE_HARD && l->kind != LAYER_NOFILE_SOFT))
			continue;
		if ((l->kind == LAYER_NOFILE_HARD && caps->cannot_raise) || l->proc.other_owner)
			caps->verdict = worse(caps->verdict, VERDICT_WARN);
	}
}

void
plan_eval(struct layer_set *set, const struct target *t, struct plan_result *res)
{
	const struct layer *worst = NULL;
	size_t i;

	res->verdict = VERDICT_OK;
	res->max_supported = LAYER_UNLIMITED;
	res->bottleneck = NULL;
	res->first_fix = NULL;
	for (i = 0; i < set->n; i++) {
		struct layer *l = &set->v[i];

		eval_layer(l, t);
		res->verdict = worse(res->verdict, l->verdict);
		if (counts_now(l) && l->supports < res->max_supported) {
			res->max_supported = l->supports;
			res->bottleneck = l;
		}
		if (l->verdict >= VERDICT_WARN && (worst == NULL || l->verdict > worst->verdict))
			worst = l;
	}
	note_cannot_raise(set);
	/* The first fix is the bottleneck's when it is short of the target. */
	if (res->bottleneck != NULL && res->bottleneck->verdict >= VERDICT_WARN)
		res->first_fix = res->bottleneck;
	else
		res->first_fix = worst;
}
