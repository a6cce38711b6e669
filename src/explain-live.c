/*
 * explain-live.c: what this machine shows now about the causes of a
 * message: the layers behind them, and how strongly each candidate of an
 * ambiguous line is supported by what can be seen (ports in use, the
 * listen queue counters moving during the check, a watched process's
 * open descriptors against its limit).
 *
 * Evidence only promotes a candidate: a limit that is fine now may well
 * have been reached when the log was written, so nothing seen now demotes
 * the catalogue's order, and without evidence the order stays as it is.
 */
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "explain-output.h"
#include "headroom.h"
#include "parse.h"
#include "report.h"
#include "rootfs.h"

int
explain_listen_counters(struct explain_counters *c)
{
	static char buf[16384];
	ssize_t n = rootfs_read("/proc/net/netstat", buf, sizeof(buf));

	c->overflows = c->drops = -1;
	if (n < 0)
		return (int)n;
	if (parse_netstat(buf, "TcpExt", "ListenOverflows", &c->overflows) < 0 ||
	    parse_netstat(buf, "TcpExt", "ListenDrops", &c->drops) < 0) {
		c->overflows = c->drops = -1;
		return -ENODATA;
	}
	return 0;
}

/* ---- the layers behind the causes ---- */

static void
live_add(struct explain_live_list *list, const struct layer *l)
{
	size_t i;

	if (l == NULL)
		return;
	for (i = 0; i < list->n; i++) {
		if (list->v[i] == l)
			return;
	}
	if (list->n < nitems(list->v))
		list->v[list->n++] = l;
}

/* The layer a catalogue cause names; LAYER_KIND_NONE for an app.* cause
 * (test-layer-table checks that every other cause is a layer id). */
static enum layer_kind
cause_kind(const char *cause)
{
	enum layer_kind kind;

	if (!explain_cause_is_layer(cause) || layer_kind_parse(cause, &kind) < 0)
		return LAYER_KIND_NONE;
	return kind;
}

/* A layer of the watched processes when they have one, else the system's. */
static void
live_add_id(struct explain_live_list *list, const struct explain_report *r, const char *id)
{
	enum layer_kind kind = cause_kind(id);
	bool per_process = false;
	size_t i;

	if (kind == LAYER_KIND_NONE)
		return;
	for (i = 0; i < r->npids; i++) {
		const struct layer *l = layer_find(r->set, kind, r->pids[i]);

		per_process |= l != NULL;
		live_add(list, l);
	}
	if (!per_process)
		live_add(list, layer_find(r->set, kind, 0));
}

void
explain_live_collect(struct explain_live_list *list, const struct explain_report *r,
		     const int *order, size_t ncauses)
{
	size_t i, k;

	list->n = 0;
	for (i = 0; i < ncauses; i++) {
		const struct explain_entry *e = explain_entry((size_t)order[i]);
		struct explain_candidate cand[EXPLAIN_CANDIDATES_PER_ENTRY];
		size_t nc = explain_candidates(e, cand);
		char also[256], *tok, *save = NULL;

		for (k = 0; k < nc; k++)
			live_add_id(list, r, cand[k].cause);
		if (e->also == NULL)
			continue;
		snprintf(also, sizeof(also), "%s", e->also);
		for (tok = strtok_r(also, " ", &save); tok; tok = strtok_r(NULL, " ", &save))
			live_add_id(list, r, tok);
	}
}

/* ---- evidence for one candidate ---- */

static int
score_use(int64_t use, int64_t limit)
{
	if (use == LAYER_NONE || limit <= 0 || limit == LAYER_UNLIMITED || limit == LAYER_NONE)
		return 0;
	if (use * 10 >= limit * 9)
		return 2;
	return use * 4 >= limit * 3 ? 1 : 0;
}

static int
evidence_queue(const struct explain_report *r, enum layer_kind kind, char *note, size_t len)
{
	bool syn = kind == LAYER_BACKLOG_SYN;
	int64_t before = syn ? r->before.drops : r->before.overflows;
	int64_t after = syn ? r->after.drops : r->after.overflows;
	const char *name = syn ? "ListenDrops" : "ListenOverflows";

	if (before < 0 || after < 0)
		return 0;
	if (after > before) {
		snprintf(note, len, "%s +%" PRId64 " during this check: it is happening now", name,
			 after - before);
		return 2;
	}
	snprintf(note, len, "%s %" PRId64 " since boot, none during this check", name, after);
	return 0;
}

/* Open descriptors of each watched process against its limit. */
static int
evidence_process(const struct explain_report *r, enum layer_kind kind, char *note, size_t len)
{
	int best = 0;
	size_t i;

	if (r->npids == 0) {
		snprintf(note, len, "--pid PID shows the failing process's own use");
		return 0;
	}
	for (i = 0; i < r->npids; i++) {
		const struct layer *l = layer_find(r->set, kind, r->pids[i]);
		char use[32], limit[32];
		int s;

		if (l == NULL)
			continue;
		s = score_use(l->use, l->limit);
		if (s >= best && l->use != LAYER_NONE) {
			best = s;
			snprintf(note, len, "pid %d (%s): %s of %s open", (int)l->pid, l->comm,
				 report_figure(use, sizeof(use), l->use, l->unit),
				 report_figure(limit, sizeof(limit), l->limit, l->unit));
		}
	}
	return best;
}

int
explain_evidence(const struct explain_report *r, const char *cause, char *note, size_t len)
{
	enum layer_kind kind = cause_kind(cause);
	const struct layer *l;
	char use[32], limit[32];
	int s;

	note[0] = '\0';
	if (r->set == NULL || kind == LAYER_KIND_NONE)
		return 0;
	if (kind == LAYER_BACKLOG_SOMAXCONN || kind == LAYER_BACKLOG_SYN) {
		s = evidence_queue(r, kind, note, len);
		l = layer_find(r->set, kind, 0);
		if (s == 0 && l != NULL && score_use(l->use, l->limit) == 2) {
			snprintf(note, len, "a listener's queue is full now");
			s = 2;
		}
		return s;
	}
	if (kind == LAYER_NOFILE_SOFT || kind == LAYER_NOFILE_HARD)
		return evidence_process(r, kind, note, len);
	l = layer_find(r->set, kind, 0);
	if (l == NULL || l->not_applicable || !l->caps_now || l->use == LAYER_NONE)
		return 0;
	s = score_use(l->use, l->limit);
	snprintf(note, len, "%s of %s in use now", report_figure(use, sizeof(use), l->use, l->unit),
		 report_figure(limit, sizeof(limit), l->limit, l->unit));
	return s;
}

size_t
explain_ranked_candidates(const struct explain_report *r, const struct explain_entry *e,
			  struct explain_ranked *out)
{
	struct explain_candidate cand[EXPLAIN_CANDIDATES_PER_ENTRY];
	size_t n = explain_candidates(e, cand), i, j;

	for (i = 0; i < n; i++) {
		struct explain_ranked x = {.c = cand[i]};

		x.score = explain_evidence(r, cand[i].cause, x.live, sizeof(x.live));
		/* Stable: a candidate moves only above those with less evidence. */
		for (j = i; j > 0 && out[j - 1].score < x.score; j--)
			out[j] = out[j - 1];
		out[j] = x;
	}
	return n;
}
