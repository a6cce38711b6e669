/*
 * persist.h: the text of the persistent files apply writes, built from a
 * file's old content and the new settings. Pure functions: no file
 * access.
 */
#ifndef PERSIST_H
#define PERSIST_H

#include <stddef.h>

/* The files apply writes, and that fixes name; one name in every drop-in
 * directory, so revert and a reader find ours at once. */
#define PERSIST_FILE_NAME     "90-headroom.conf"
#define PERSIST_SYSCTL_D      "/etc/sysctl.d/" PERSIST_FILE_NAME
#define PERSIST_LIMITS_D      "/etc/security/limits.d/" PERSIST_FILE_NAME
#define PERSIST_SYSTEM_CONF   "/etc/systemd/system.conf.d/" PERSIST_FILE_NAME
#define PERSIST_UNIT_DIR      "/etc/systemd/system/" /* UNIT.d/90-headroom.conf below */
#define PERSIST_DARWIN_SYSCTL "/etc/sysctl.conf"

struct persist_line {
	char key[160]; /* "net.core.somaxconn", or "*\tsoft\tnofile" for limits */
	char value[256];
};

enum persist_format {
	PERSIST_SYSCTL,	       /* "key = value" (sysctl.d) */
	PERSIST_SYSCTL_DARWIN, /* "key=value" inside a marked block of /etc/sysctl.conf */
	PERSIST_LIMITS,	       /* "domain<TAB>type<TAB>item<TAB>value" (limits.d) */
};

/*
 * Merge settings into a file we manage: the old file's keys are kept in
 * their order, a key set again takes the new value, new keys are appended.
 * For PERSIST_SYSCTL_DARWIN only the block between the headroom markers is
 * ours and the rest of the file is kept byte for byte. *out is malloc'd.
 */
int persist_merge(enum persist_format fmt, const char *old, const struct persist_line *set,
		  size_t n, char **out, size_t *outlen);

/* A systemd drop-in: [Manager] DefaultLimitNOFILE= or, with unit, [Service]
 * LimitNOFILE= for that unit. Returns the length or -ENOSPC. */
int persist_systemd_dropin(const char *unit, const char *value, char *buf, size_t size);
/* "/etc/systemd/system/UNIT.d/90-headroom.conf"; -ENAMETOOLONG when it does
 * not fit size or UNIT.d is longer than NAME_MAX */
int persist_unit_dropin_path(const char *unit, char *buf, size_t size);
/* The UNIT of such a path: 0, or -EINVAL when path is not a unit's drop-in
 * of ours (-ENAMETOOLONG when UNIT does not fit). */
int persist_dropin_unit(const char *path, char *unit, size_t size);

#endif
