/*
 * verify-progress.c: verify's progress line on a terminal: a bar, the
 * count, the rate and an ETA, fitted to the terminal's width, then the
 * hold; each redraw covers what the last one left.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "report.h"
#include "verify-report.h"

#define FIG 32

static const char *
fig(char *buf, int64_t v)
{
	return report_figure(buf, FIG, v, UNIT_COUNT);
}

/* The line over the last one: what is shorter is padded with blanks, so
 * nothing of the last is left (a hold after the bar, a shorter figure). */
static void
progress_show(FILE *f, struct verify_progress *p, const char *line)
{
	int len = (int)strlen(line);

	fprintf(f, "\r%s%*s", line, p->shown > len ? p->shown - len : 0, "");
	if (p->shown > len)
		fprintf(f, "\r%s", line);
	p->shown = len;
	fflush(f);
}

void
verify_report_progress(FILE *f, const struct verify_result *now, int64_t target,
		       struct verify_progress *p)
{
	int cols = (p->width > 0 ? p->width : 80) - 1, bar = 30, filled;
	double rate = p->elapsed > 0 ? (double)now->established / p->elapsed : 0;
	char a[FIG], b[FIG], c[FIG], eta[32], figures[128], line[256];

	if (now->held > 0) {
		snprintf(line, sizeof(line), "holding %s for %.0f s", fig(a, now->established),
			 now->held);
		progress_show(f, p, line);
		return;
	}
	if (rate > 0 && now->established < target)
		snprintf(eta, sizeof(eta), "ETA %.0f s",
			 (double)(target - now->established) / rate);
	else
		snprintf(eta, sizeof(eta), "ETA -");
	snprintf(figures, sizeof(figures), "%s/%s  %s/s  %s", fig(a, now->established),
		 fig(b, target), fig(c, (int64_t)rate), eta);
	/* The bar takes what the figures leave of the terminal's width. */
	if (bar > cols - (int)strlen(figures) - 3)
		bar = cols - (int)strlen(figures) - 3;
	if (bar < 5) {
		progress_show(f, p, figures);
		return;
	}
	filled = target > 0 ? (int)(now->established * bar / target) : 0;
	snprintf(line, sizeof(line), "[%-*.*s] %s", bar, filled, "##############################",
		 figures);
	progress_show(f, p, line);
}

void
verify_report_progress_end(FILE *f, struct verify_progress *p)
{
	fprintf(f, "\r%*s\r", p->shown, "");
	p->shown = 0;
	fflush(f);
}
