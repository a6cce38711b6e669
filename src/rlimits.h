/*
 * rlimits.h: deciding a raised resource limit for exec and raise, and the
 * error that names the ceiling in the way and how to lift it.
 */
#ifndef RLIMITS_H
#define RLIMITS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "parse.h" /* struct rlimit_pair */

#define RLIMITS_MAX (-2) /* "max": the current hard limit */

struct rlimits_want {
	const char *name;    /* "nofile", "nproc" */
	int64_t value;	     /* RLIMITS_MAX for the hard limit */
	int64_t ceiling;     /* the kernel's: fs.nr_open for nofile; LAYER_UNLIMITED */
	bool can_raise_hard; /* platform_can_raise_hard() */
	bool allow_lower;    /* exec may lower (to reproduce a limit); raise may not */
};

/*
 * The new soft/hard pair. The soft limit becomes value; the hard limit is
 * raised to it only when needed and permitted. Errors (with cause):
 * -ERANGE above the kernel ceiling or below the current soft limit when
 * lowering is not allowed (exit 65), -EPERM above the hard limit without
 * CAP_SYS_RESOURCE (exit 77).
 */
int rlimits_plan(const struct rlimits_want *w, const struct rlimit_pair *cur,
		 struct rlimit_pair *out, char *cause, size_t causelen);

/* Parse a limit argument: a number or "max". */
int rlimits_parse(const char *what, const char *arg, int64_t *out, char *cause, size_t causelen);

#endif
