/*
 * probe.c: the platform-neutral sequence around probe_collect.
 */
#include "config.h"

#include "platform.h"
#include "probe.h"

int
probe_run(struct layer_set *set, const struct probe_opts *opts, const struct target *t,
	  struct plan_result *res, char *cause, size_t causelen)
{
	int err = probe_collect(set, opts, cause, causelen);

	if (err < 0)
		return err;
	plan_eval(set, t, res);
	probe_fill_fixes(set, t, opts);
	return 0;
}
