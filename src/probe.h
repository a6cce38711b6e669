/*
 * probe.h: the platform interface. Each platform (src/linux, src/darwin)
 * implements probe_collect, which reads every layer's limit and use into a
 * layer set. Collection only: no output, no exit.
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
 * Fill set with every layer of this platform. Unreadable layers are
 * recorded as unknown with a reason; the call itself fails (-errno, with
 * cause) only for a bad --pid: one that does not exist (-ESRCH) or that we
 * may not inspect (-EACCES).
 */
int probe_collect(struct layer_set *set, const struct probe_opts *opts, char *cause,
		  size_t causelen);

/* Fill each layer's fix (live command, persistent change) from the plan's
 * recommended values; call after plan_eval. */
void probe_fill_fixes(struct layer_set *set, const struct target *t, const struct probe_opts *opts);

/*
 * The usual sequence: collect, plan, fixes. Returns what probe_collect
 * returns; res describes the verdict, bottleneck and max_supported.
 */
int probe_run(struct layer_set *set, const struct probe_opts *opts, const struct target *t,
	      struct plan_result *res, char *cause, size_t causelen);

#endif
