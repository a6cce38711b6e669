/*
 * headroom.h: exit status and small definitions shared by every module.
 */
#ifndef HEADROOM_H
#define HEADROOM_H

#include <stddef.h>

/* Exit status, Nagios-compatible so the tool drops into CI and monitoring. */
enum {
	EXIT_OK = 0,
	EXIT_WARN = 1,
	EXIT_FAIL = 2,
	EXIT_UNKNOWN = 3,  /* a limit could not be read, or an internal error */
	EXIT_USAGE = 64,   /* bad command line (EX_USAGE) */
	EXIT_DATAERR = 65, /* bad input data: a profile, a target (EX_DATAERR) */
	EXIT_NOPERM = 77,  /* privilege or a capability is needed (EX_NOPERM) */
};

/* Recoverable errors travel up as a message in a caller-owned buffer. */
#define CAUSE_MAX 512

#define nitems(a) (sizeof(a) / sizeof((a)[0]))

#endif
