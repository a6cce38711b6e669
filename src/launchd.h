/*
 * launchd.h: the macOS side of tuning as plain functions: parse the output
 * of `launchctl limit` and `sysctl`, check a maxfiles pair against the
 * macOS ceilings, and build the LaunchDaemon plist and the commands that
 * apply a limit now. A portable module (profiles with a [launchd] section
 * are checked and applied to a --root tree on any platform), tested on
 * recorded outputs; only running the commands is macOS-only (src/darwin/).
 */
#ifndef LAUNCHD_H
#define LAUNCHD_H

#include <stddef.h>
#include <stdint.h>

#define LAUNCHD_UNLIMITED INT64_MAX
#define LAUNCHD_UNKNOWN	  (-1)
/* <sys/syslimits.h> OPEN_MAX: what setrlimit accepts as the soft nofile
 * limit when the hard limit is RLIM_INFINITY (see getrlimit(2) on macOS). */
#define LAUNCHD_OPEN_MAX 10240
#define LAUNCHD_PLIST	 "/Library/LaunchDaemons/limit.maxfiles.plist"
#define LAUNCHD_LABEL	 "limit.maxfiles"

struct launchd_limit {
	int64_t soft;
	int64_t hard;
};

/* One row of `launchctl limit` (or `launchctl limit NAME`) output, e.g.
 * "\tmaxfiles    256            unlimited". 0, -ENOENT, or -EINVAL. */
int launchd_parse_limit(const char *text, const char *name, struct launchd_limit *out);

/* A value from `sysctl KEY...` output ("kern.maxfiles: 245760"), or the
 * bare number `sysctl -n` prints when key is NULL. */
int launchd_parse_sysctl(const char *text, const char *key, int64_t *out);

/*
 * Check a maxfiles pair against the macOS ceilings: the soft limit must be
 * a number (setrlimit refuses RLIM_INFINITY for it) no larger than the hard
 * limit, and neither may exceed kern.maxfilesperproc, which the kernel
 * silently clamps to (LAUNCHD_UNKNOWN skips that check); with an unlimited
 * hard limit the soft limit must be at most OPEN_MAX unless
 * kern.maxfilesperproc allows more.
 */
int launchd_check_maxfiles(const struct launchd_limit *want, int64_t maxfilesperproc,
			   int64_t maxfiles, char *cause, size_t causelen);

/* kern.maxfilesperproc may not exceed kern.maxfiles (sysctl refuses it). */
int launchd_check_kern(int64_t maxfilesperproc, int64_t maxfiles, char *cause, size_t causelen);

/* The LaunchDaemon that runs `launchctl limit maxfiles SOFT HARD` at boot.
 * Returns the length written or -ENOSPC. */
int launchd_plist(const struct launchd_limit *want, char *buf, size_t size);

/* The command that applies the pair now: "launchctl limit maxfiles S H". */
void launchd_limit_command(const struct launchd_limit *want, char *buf, size_t size);

#endif
