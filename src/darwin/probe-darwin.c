/*
 * probe-darwin.c: the macOS probe. Thin glue only: sysctlbyname(3),
 * getrlimit(2) and `launchctl limit maxfiles`; the parsing and the macOS
 * ceilings live in launchd.c, which the Linux test suite runs on recorded
 * outputs. Compiled on macOS only.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
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

/* A layer whose limit is the sysctl of its row; use_key: its use, if any. */
static void
add_sysctl_layer(struct layer_set *set, enum layer_kind kind, const char *use_key)
{
	struct layer *l = layer_add(set, kind);
	const char *key = layer_descs[kind].key;
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
	struct layer *soft = layer_add(set, LAYER_NOFILE_SOFT);
	struct layer *hard = layer_add(set, LAYER_NOFILE_HARD);
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
	struct layer *l = layer_add(set, LAYER_LAUNCHD_MAXFILES);
	struct launchd_limit lim;
	char out[4096];
	size_t n;
	FILE *p;

	if (l == NULL)
		return;
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
	add_sysctl_layer(set, LAYER_KERN_MAXFILESPERPROC, NULL);
	add_sysctl_layer(set, LAYER_KERN_MAXFILES, "kern.num_files");
	add_sysctl_layer(set, LAYER_KERN_IPC_SOMAXCONN, NULL);
	ports = layer_add(set, LAYER_PORTS_EPHEMERAL);
	if (ports != NULL)
		ports->scope = SCOPE_SYSTEM; /* no network namespaces on macOS */
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
		const struct layer_desc *d = &layer_descs[l->kind];

		if (l->verdict != VERDICT_WARN && l->verdict != VERDICT_FAIL)
			continue;
		want.soft = want.hard = l->recommend;
		switch (l->kind) {
		case LAYER_NOFILE_SOFT:
			snprintf(l->fix.live, sizeof(l->fix.live), "ulimit -n %lld",
				 (long long)l->recommend);
			break;
		case LAYER_NOFILE_HARD:
		case LAYER_LAUNCHD_MAXFILES:
			launchd_limit_command(&want, l->fix.live, sizeof(l->fix.live));
			snprintf(l->fix.persist, sizeof(l->fix.persist),
				 "%s (headroom apply --target %lld)", LAUNCHD_PLIST,
				 (long long)t->conns);
			l->fix.needs_root = true;
			break;
		default:
			if (d->fix != FIX_SYSCTL || d->key == NULL)
				break;
			snprintf(l->fix.live, sizeof(l->fix.live), "sudo sysctl -w %s=%lld", d->key,
				 (long long)l->recommend);
			l->fix.needs_root = true;
		}
	}
}
