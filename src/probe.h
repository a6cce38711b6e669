/*
 * probe.h: what a probe is asked for. Each platform implements
 * probe_collect and probe_fill_fixes (platform.h), which read every
 * layer's limit and use into a layer set. Collection only: no output, no
 * exit.
 */
#ifndef PROBE_H
#define PROBE_H

#include <stdbool.h>
#include <sys/types.h>
#include "layer.h"
#include "plan.h"

#define PROBE_PIDS_MAX 32

struct probe_opts {
	pid_t pids[PROBE_PIDS_MAX]; /* --pid: processes to watch */
	size_t npids;
	const char *user;	     /* whose login session limits.conf describes */
	const char *census_replay;   /* replay a recorded sock_diag dump */
	const struct target *target; /* for fixes that name values */
};

/*
 * The usual sequence: collect, plan, fixes (platform.h). Returns what probe_collect
 * returns; res describes the verdict, bottleneck and max_supported.
 */
int probe_run(struct layer_set *set, const struct probe_opts *opts, const struct target *t,
	      struct plan_result *res, char *cause, size_t causelen);

#endif
