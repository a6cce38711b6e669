/*
 * probe-darwin.c: the macOS probe. Thin glue only: sysctlbyname(3),
 * getrlimit(2) and `launchctl limit maxfiles`; the parsing and the macOS
 * ceilings live in launchd.c, which the Linux test suite runs on recorded
 * outputs. Compiled on macOS only.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/sysctl.h>
#include <sys/types.h>

#include "launchd.h"
#include "platform.h"
#include "probe.h"

static int
sysctl_i64(const char *name, int64_t *out)
{
	int value32;
	int64_t value64;
	size_t len = sizeof(value64);

	if (sysctlbyname(name, &value64, &len, NULL, 0) == 0 && len == sizeof(value64)) {
		*out = value64;
		return 0;
	}
	len = sizeof(value32);
	if (sysctlbyname(name, &value32, &len, NULL, 0) != 0)
		return -1;
	*out = value32;
	return 0;
}

static void
add_sysctl_layer(struct layer_set *set, const char *id, const char *title, const char *key,
		 const char *use_key)
{
	struct layer *l = layer_add(set, id, title, SCOPE_SYSTEM);
	int64_t use;

	if (l == NULL)
		return;
	if (sysctl_i64(key, &l->limit) != 0) {
		layer_unknown(l, "sysctl %s unreadable", key);
		return;
	}
	if (use_key != NULL && sysctl_i64(use_key, &use) == 0)
		l->use = use;
}

static void
add_rlimits(struct layer_set *set)
{
	struct layer *soft =
	    layer_add(set, "nofile.soft", "open files per process (soft limit)", SCOPE_PROCESS);
	struct layer *hard =
	    layer_add(set, "nofile.hard", "open files per process (hard limit)", SCOPE_PROCESS);
	struct rlimit rl;

	if (soft == NULL || hard == NULL || getrlimit(RLIMIT_NOFILE, &rl) != 0)
		return;
	soft->limit = rl.rlim_cur == RLIM_INFINITY ? LAYER_UNLIMITED : (int64_t)rl.rlim_cur;
	hard->limit = rl.rlim_max == RLIM_INFINITY ? LAYER_UNLIMITED : (int64_t)rl.rlim_max;
	if (rl.rlim_max == RLIM_INFINITY)
		layer_note(hard,
			   "unlimited hard limit: setrlimit accepts a soft limit of at most "
			   "OPEN_MAX (%d) or kern.maxfilesperproc",
			   LAUNCHD_OPEN_MAX);
}

static void
add_launchd(struct layer_set *set)
{
	struct layer *l =
	    layer_add(set, "launchd.maxfiles", "maxfiles launchd gives every process it starts",
		      SCOPE_SESSION);
	struct launchd_limit lim;
	char out[4096];
	size_t n;
	FILE *p;

	if (l == NULL)
		return;
	l->caps_now = false;
	p = popen("launchctl limit maxfiles 2>/dev/null", "r");
	if (p == NULL) {
		layer_unknown(l, "cannot run launchctl");
		return;
	}
	n = fread(out, 1, sizeof(out) - 1, p);
	out[n] = '\0';
	pclose(p);
	if (launchd_parse_limit(out, "maxfiles", &lim) != 0) {
		layer_unknown(l, "unexpected `launchctl limit maxfiles` output");
		return;
	}
	l->limit = lim.soft == LAUNCHD_UNLIMITED ? LAYER_UNLIMITED : lim.soft;
}

int
probe_collect(struct layer_set *set, const struct probe_opts *opts, char *cause, size_t causelen)
{
	int64_t lo, hi;
	struct layer *ports;

	(void)cause;
	(void)causelen;
	layer_set_init(set);
	if (opts->npids > 0) {
		snprintf(cause, causelen, "--pid is not supported on macOS yet");
		return -ENOTSUP;
	}
	add_rlimits(set);
	add_sysctl_layer(set, "kern.maxfilesperproc", "open files per process (kernel ceiling)",
			 "kern.maxfilesperproc", NULL);
	add_sysctl_layer(set, "kern.maxfiles", "open files on the whole system", "kern.maxfiles",
			 "kern.num_files");
	add_sysctl_layer(set, "kern.ipc.somaxconn", "accept queue of a listener",
			 "kern.ipc.somaxconn", NULL);
	ports =
	    layer_add(set, "ports.ephemeral", "local ports for outbound connections", SCOPE_SYSTEM);
	if (ports != NULL && sysctl_i64("net.inet.ip.portrange.first", &lo) == 0 &&
	    sysctl_i64("net.inet.ip.portrange.last", &hi) == 0)
		ports->limit = hi - lo + 1;
	else if (ports != NULL)
		layer_unknown(ports, "net.inet.ip.portrange unreadable");
	add_launchd(set);
	return 0;
}

void
probe_fill_fixes(struct layer_set *set, const struct target *t, const struct probe_opts *opts)
{
	struct launchd_limit want;
	size_t i;

	(void)opts;
	for (i = 0; i < set->n; i++) {
		struct layer *l = &set->v[i];

		if (l->verdict != VERDICT_WARN && l->verdict != VERDICT_FAIL)
			continue;
		want.soft = want.hard = l->recommend;
		if (strcmp(l->id, "nofile.soft") == 0) {
			snprintf(l->fix.live, sizeof(l->fix.live), "ulimit -n %lld",
				 (long long)l->recommend);
		} else if (strcmp(l->id, "launchd.maxfiles") == 0 ||
			   strcmp(l->id, "nofile.hard") == 0) {
			launchd_limit_command(&want, l->fix.live, sizeof(l->fix.live));
			snprintf(l->fix.persist, sizeof(l->fix.persist),
				 "%s (headroom apply --target %lld)", LAUNCHD_PLIST,
				 (long long)t->conns);
			l->fix.needs_root = true;
		} else if (strncmp(l->id, "kern.", 5) == 0) {
			snprintf(l->fix.live, sizeof(l->fix.live), "sudo sysctl -w %s=%lld", l->id,
				 (long long)l->recommend);
			l->fix.needs_root = true;
		}
	}
}
