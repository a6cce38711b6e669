/*
 * explain-output.h: presentation of explain: the causes found (text for
 * people, JSON for programs), the live state of their layers, the
 * candidates of ambiguous lines ranked by what this machine shows, and
 * the catalogue itself. Formatting and ranking only: the command collects.
 */
#ifndef EXPLAIN_OUTPUT_H
#define EXPLAIN_OUTPUT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>

#include "explain.h"
#include "layer.h"
#include "plan.h"

#define EXPLAIN_SCHEMA 1

/* TcpExt counters of /proc/net/netstat; -1 when unknown. */
struct explain_counters {
	int64_t overflows; /* ListenOverflows */
	int64_t drops;	   /* ListenDrops */
};

struct explain_report {
	const struct explain_scan *scan;
	bool log;   /* read from a stream: show counts and line numbers */
	bool quiet; /* one line per cause */
	int width;  /* the terminal's columns, when fewer than prose takes; 0: any */
	/* Live state; set is NULL when the live check was not run. */
	struct layer_set *set;
	const struct target *target;
	const struct plan_result *res;
	const pid_t *pids;
	size_t npids;
	const char *root; /* --root DIR when the system read is not this one */
	/* The listen queue counters before and after the live check: a rise
	 * between them is an overflow happening now. */
	struct explain_counters before, after;
};

void explain_report_text(FILE *f, const struct explain_report *r);
void explain_report_json(FILE *f, const struct explain_report *r);

/* The catalogue grouped by family: one line per pattern (id, cause,
 * pattern) under a header per family, or JSON. */
void explain_list_text(FILE *f);
void explain_list_json(FILE *f);

/* ---- live state (explain-live.c) ---- */

/* Read the listen queue counters; 0 or -errno (then both are -1). */
int explain_listen_counters(struct explain_counters *c);

struct explain_live_list {
	const struct layer *v[LAYER_SET_MAX];
	size_t n;
};

/* The layers behind the causes seen (catalogue indexes in order). */
void explain_live_collect(struct explain_live_list *list, const struct explain_report *r,
			  const int *order, size_t ncauses);

/* How strongly the live state supports a cause: 2 seen now, 1 close to
 * its limit, 0 nothing seen (or no live check). note says what was seen. */
int explain_evidence(const struct explain_report *r, const char *cause, char *note, size_t len);

struct explain_ranked {
	struct explain_candidate c;
	int score;	/* explain_evidence */
	char live[160]; /* what was seen; empty when nothing */
};

/* The candidates of e, most likely first: the catalogue's order, with
 * those the live state supports moved up. Returns how many. */
size_t explain_ranked_candidates(const struct explain_report *r, const struct explain_entry *e,
				 struct explain_ranked *out);

#endif
