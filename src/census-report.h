/*
 * census-report.h: headroom census's presenter, text and JSON (schema 1),
 * as check's is report.c and verify's verify-report.c: cmd-census.c reads
 * the options and runs the census, this prints what it found.
 */
#ifndef CENSUS_REPORT_H
#define CENSUS_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "census.h"

struct census_report {
	const struct census *census;
	const struct census_listener *listeners; /* census->listeners, fullest first */
	uint32_t state_mask;			 /* --state: the states asked for; 0: all */
	uint16_t port_lo, port_hi;		 /* the ephemeral range counted */
	bool range_default;	/* the sysctl was unreadable: the kernel default is used */
	const char *range_note; /* why, when range_default */
	bool replay;		/* read from a recorded dump, not the kernel */
	size_t listeners_shown; /* text: at most this many listeners (--listeners) */
	bool quiet;		/* text: the totals line only (-q) */
};

void census_report_text(FILE *f, const struct census_report *r);
void census_report_json(FILE *f, const struct census_report *r);

#endif
