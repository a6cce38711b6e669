/*
 * explain-output.h: presentation of explain: the causes found (text for
 * people, JSON for programs), the live state of their layers, and the
 * catalogue itself. Formatting only: the command collects.
 */
#ifndef EXPLAIN_OUTPUT_H
#define EXPLAIN_OUTPUT_H

#include <stdbool.h>
#include <stdio.h>
#include <sys/types.h>

#include "explain.h"
#include "layer.h"
#include "plan.h"

#define EXPLAIN_SCHEMA 1

struct explain_report {
	const struct explain_scan *scan;
	bool log;   /* read from a stream: show counts and line numbers */
	bool quiet; /* one line per cause */
	/* Live state; set is NULL when the live check was not run. */
	struct layer_set *set;
	const struct target *target;
	const struct plan_result *res;
	const pid_t *pids;
	size_t npids;
	const char *root; /* --root DIR when the system read is not this one */
};

void explain_report_text(FILE *f, const struct explain_report *r);
void explain_report_json(FILE *f, const struct explain_report *r);

/* The catalogue: one line per pattern (id, cause, pattern), or JSON. */
void explain_list_text(FILE *f);
void explain_list_json(FILE *f);

#endif
