/*
 * verify-report.h: presentation of a verify run: the layout before it
 * starts, a progress line while it runs (terminals only), and the result
 * as text or JSON. Formatting only.
 */
#ifndef VERIFY_REPORT_H
#define VERIFY_REPORT_H

#include <stdbool.h>
#include <stdio.h>

#include "layer.h"
#include "verify-cause.h"
#include "verify.h"

struct verify_report {
	const struct verify_opts *opts;
	const struct verify_layout *lay;
	const struct verify_result *res; /* NULL before the run */
	const struct verify_prediction *pred;
	enum layer_kind cause;		       /* what stopped it, or LAYER_KIND_NONE */
	const char *why;		       /* one line about it */
	const struct layer *layer;	       /* the layer as check sees it (its fix), or NULL */
	const char *connect;		       /* --connect as given, or NULL */
	const char *serve;		       /* --serve as given, or NULL */
	int64_t soft_before, soft_after, hard; /* nofile, before and after the raise */
	bool quiet;
};

/* One word: ok, fail, interrupted. */
const char *verify_report_verdict(const struct verify_result *res);

void verify_report_layout(FILE *f, const struct verify_report *r);
void verify_report_text(FILE *f, const struct verify_report *r);
void verify_report_json(FILE *f, const struct verify_report *r);

/* verify-report-net.c: --connect's watch (drops, replies) and --serve. */
void verify_report_watch_text(FILE *f, const struct verify_report *r);
void verify_report_watch_json(FILE *f, const struct verify_report *r);
void verify_report_serve_text(FILE *f, const struct verify_report *r);
void verify_report_bare_text(FILE *f, const struct verify_report *r);
void verify_report_bare_json(FILE *f, const struct verify_report *r);

/* Redraw the progress line (carriage return, no newline); clear it with
 * verify_report_progress_end. */
struct verify_progress {
	double elapsed; /* seconds since the run started */
	int width;	/* the terminal's columns; 0: unknown (80 assumed) */
	int shown;	/* columns the last line took: what the next must clear */
};
void verify_report_progress(FILE *f, const struct verify_result *now, int64_t target,
			    struct verify_progress *p);
void verify_report_progress_end(FILE *f, struct verify_progress *p);

#endif
