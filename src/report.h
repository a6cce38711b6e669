/*
 * report.h: presentation of a check: text for people, JSON for programs,
 * the node_exporter textfile format for monitoring. Formatting only.
 */
#ifndef REPORT_H
#define REPORT_H

#include <stdbool.h>
#include <stdio.h>

#include "layer.h"
#include "plan.h"

#define REPORT_SCHEMA 1

struct report {
	const struct layer_set *set;
	const struct target *target;
	const struct plan_result *res;
	bool color;
	bool verbose; /* notes of every layer, not only those to fix */
	bool quiet;   /* only the final line */
	int width;    /* columns the table fits in (wraps what a layer limits); 0: any */
	int status;   /* the exit status the command returns (after --fail-on) */
};

/* Lay out text in width columns: broken at blanks to fit width - indent
 * (a word longer than that stays whole; a '\n' in text starts a line),
 * the first line after first_indent columns already printed, the others
 * indented by indent blanks; ends with a newline. width 0 (or too narrow
 * to wrap in): the text as it is. */
void report_wrap(FILE *f, const char *text, int first_indent, int indent, int width);

/* "12,345", "unlimited", "-" into buf; returns buf. */
const char *report_figure(char *buf, size_t size, int64_t v, enum layer_unit unit);

void report_text(FILE *f, const struct report *r);
void report_json(FILE *f, const struct report *r);
/* report-monitor.c: the node_exporter textfile format, and the one line
 * of the monitoring-plugins guidelines (status, summary, perfdata). */
void report_prometheus(FILE *f, const struct report *r);
void report_nagios(FILE *f, const struct report *r);

/* The one-line summary: max supported, bottleneck, first fix. */
void report_summary(FILE *f, const struct report *r);

#endif
