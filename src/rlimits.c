/*
 * rlimits.c: see rlimits.h. The messages follow prlimit(1)'s lesson: say
 * which limit refused the value, what it is, and how to lift it.
 */
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "layer.h"
#include "parse.h"
#include "profile.h"
#include "rlimits.h"

_Static_assert(LAYER_UNLIMITED == PROFILE_INFINITY, "limits share one 'unlimited'");

int
rlimits_parse(const char *what, const char *arg, int64_t *out, char *cause, size_t causelen)
{
	int err;

	if (strcmp(arg, "max") == 0) {
		*out = RLIMITS_MAX;
		return 0;
	}
	err = parse_i64(arg, 1, INT64_MAX - 1, out);
	if (err == -ERANGE)
		snprintf(cause, causelen, "%s: %s is out of range (1..%" PRId64 ")", what, arg,
			 INT64_MAX - 1);
	else if (err < 0)
		snprintf(cause, causelen, "%s: not a number: '%s'", what, arg);
	return err < 0 ? -EINVAL : 0;
}

int
rlimits_plan(const struct rlimits_want *w, const struct rlimit_pair *cur, struct rlimit_pair *out,
	     char *cause, size_t causelen)
{
	int64_t v = w->value == RLIMITS_MAX ? cur->hard : w->value;
	char hard[32];

	profile_limit_str(cur->hard, hard, sizeof(hard));
	if (w->ceiling != LAYER_UNLIMITED && v > w->ceiling && v != LAYER_UNLIMITED) {
		snprintf(cause, causelen,
			 "%s %" PRId64 " exceeds fs.nr_open %" PRId64
			 ", the kernel's ceiling for any process: raise it first (sudo sysctl "
			 "-w fs.nr_open=%" PRId64 ", or apply a profile that sets fs.nr_open)",
			 w->name, v, w->ceiling, v);
		return -ERANGE;
	}
	if (!w->allow_lower && v < cur->soft) {
		snprintf(cause, causelen,
			 "%s %" PRId64 " is below the current soft limit %" PRId64
			 ": raise never lowers a limit",
			 w->name, v, cur->soft);
		return -ERANGE;
	}
	out->soft = v;
	out->hard = cur->hard;
	if (v <= cur->hard)
		return 0;
	if (!w->can_raise_hard) {
		snprintf(cause, causelen,
			 "%s %" PRId64 " exceeds the hard limit %s, and raising a hard limit "
			 "needs CAP_SYS_RESOURCE, which this process lacks: lift it for new "
			 "logins in limits.d (sudo headroom apply), for a service with "
			 "LimitNOFILE=, or run as root with CAP_SYS_RESOURCE",
			 w->name, v, hard);
		return -EPERM;
	}
	out->hard = v;
	return 0;
}
