/*
 * sysdconf.h: systemd's file-descriptor limits. DefaultLimitNOFILE= in
 * system.conf and system.conf.d, and LimitNOFILE= of one unit with its
 * drop-ins; later files override earlier ones, as systemd reads them.
 */
#ifndef SYSDCONF_H
#define SYSDCONF_H

#include <stdbool.h>
#include <stdint.h>

#include "parse.h"

/* systemd >= 240 compiles in soft 1024, hard 524288 (HIGH_RLIMIT_NOFILE). */
#define SYSDCONF_DEFAULT_SOFT 1024
#define SYSDCONF_DEFAULT_HARD 524288

struct sysdconf_limit {
	bool set;
	struct rlimit_pair nofile;
	char where[192];  /* file:line of the setting in force */
	char unread[256]; /* the first file there that could not be read, and why */
};

/* Parse a "soft[:hard]" / "infinity" value; -EINVAL when malformed. */
int sysdconf_parse_value(const char *s, struct rlimit_pair *out);

/* Feed one file's text: key (e.g. "DefaultLimitNOFILE") in [section]. */
int sysdconf_feed(struct sysdconf_limit *lim, const char *file, const char *text,
		  const char *section, const char *key);

/* DefaultLimitNOFILE from system.conf and drop-ins under the root. */
void sysdconf_load_default(struct sysdconf_limit *lim);

/* LimitNOFILE of a unit ("nginx.service") from its unit file and drop-ins. */
void sysdconf_load_unit(struct sysdconf_limit *lim, const char *unit);

/* Is systemd the running init (as sd_booted(3) decides)? */
bool sysdconf_booted(void);

/* The unit a process runs in, from /proc/PID/cgroup text ("0::/system.slice/x.service"). */
bool sysdconf_unit_of(const char *cgroup_text, char *unit, size_t size);

#endif
