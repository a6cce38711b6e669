/*
 * profile.h: tuning profiles, the INI files of headroom-profile(5).
 *
 * Loading reads a file and its includes into a flat list of items, each
 * remembering the file and line it came from (later values override
 * earlier ones); validation then checks every item against what the
 * kernel accepts and fills the typed view the change set is built from.
 * Errors are one line, "FILE:LINE: what is wrong".
 */
#ifndef PROFILE_H
#define PROFILE_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "names.h"
#include "plan.h"

#define PROFILE_LINE_MAX      1024 /* longer lines are refused, not cut */
#define PROFILE_FILE_MAX      (256 * 1024)
#define PROFILE_INCLUDE_DEPTH 8
#define PROFILE_FILES_MAX     16
#define PROFILE_ITEMS_MAX     128
#define PROFILE_KEY_MAX	      64
#define PROFILE_VALUE_MAX     256
#define PROFILE_UNITS_MAX     8
#define PROFILE_UNSET	      (-1) /* a limit the profile does not set */
#define PROFILE_INFINITY      INT64_MAX

enum profile_section {
	PSEC_PROFILE,
	PSEC_LIMITS,
	PSEC_SYSCTL,
	PSEC_SYSTEMD,
	PSEC_LAUNCHD,
};

struct profile_item {
	enum profile_section section;
	char key[PROFILE_KEY_MAX];
	char value[PROFILE_VALUE_MAX]; /* as written; sysctls normalised by validation */
	int file;		       /* index into profile.files */
	int line;
};

/* A soft/hard pair; PROFILE_UNSET when absent, PROFILE_INFINITY for "unlimited". */
struct profile_limit {
	int64_t soft;
	int64_t hard;
	int item; /* the item that set it, for messages; -1 when unset */
};

struct profile {
	char name[64];
	char files[PROFILE_FILES_MAX][PATH_MAX]; /* files[0] is the profile itself */
	int nfiles;
	struct profile_item items[PROFILE_ITEMS_MAX];
	int nitems;

	/* The typed view, filled by profile_validate. */
	char description[PROFILE_VALUE_MAX];
	int64_t target; /* 0 when not given */
	enum role role;
	bool has_role;
	char user[64]; /* [limits] user; "" when not given */
	struct profile_limit nofile, nproc;
	struct profile_limit systemd_default, systemd_unit;
	char units[PROFILE_UNITS_MAX][NAMES_UNIT_MAX + 1]; /* any valid unit name */
	int nunits;
	struct profile_limit launchd_maxfiles;
};

/* What validation needs to know of the system the profile is for. */
struct profile_system {
	int64_t nr_open; /* fs.nr_open; PROFILE_UNSET when unknown */
};

enum {
	PROFILE_ALLOW_ANY_SYSCTL = 1 << 0, /* --allow-any-sysctl */
	PROFILE_CHECK_OWNER = 1 << 1,	   /* refuse files not root's or writable by others */
};

/* Empty profile named name (for one generated from a plan). */
void profile_init(struct profile *p, const char *name);

/*
 * Load a profile by name (searched as profile_find does) or by path
 * (anything holding a '/' or ending in ".conf"), with its includes.
 * Returns 0, -ENOENT when not found, -EINVAL (cause "FILE:LINE: ...")
 * when malformed, -EPERM when PROFILE_CHECK_OWNER refuses a file.
 */
int profile_load(struct profile *p, const char *name_or_path, unsigned flags, char *cause,
		 size_t causelen);

/* Whether an argument names a file (holds a '/' or ends in ".conf")
 * rather than a profile to look up by name. */
bool profile_is_path(const char *s);

/* Parse one file's text as if read from `file` (for tests); includes are
 * resolved relative to file. */
int profile_load_text(struct profile *p, const char *file, const char *text, size_t len,
		      unsigned flags, char *cause, size_t causelen);

struct layer_set;
struct target;

/*
 * Build a profile from a plan: each layer that warns or fails and has a
 * recommended value becomes the profile key that raises it (nofile.* and
 * limits.conf -> [limits] nofile, backlog.somaxconn -> net.core.somaxconn,
 * ...). Layers no profile key can raise are listed in skipped (comma
 * separated). Returns the number of settings made, or -errno.
 */
int profile_from_plan(struct profile *p, const struct layer_set *set, const struct target *t,
		      char *skipped, size_t skippedlen);

/* Set or override an item (what a plan-generated profile is built with). */
int profile_set(struct profile *p, enum profile_section section, const char *key,
		const char *value);

/* Check every item and fill the typed view. -EINVAL with "FILE:LINE: ..." */
int profile_validate(struct profile *p, const struct profile_system *sys, unsigned flags,
		     char *cause, size_t causelen);

/*
 * What commands use: profile_load, then profile_validate against the
 * system under the root (its fs.nr_open). When running as root the
 * owner/mode check is on. Returns 0 or -errno with cause.
 */
int profile_load_checked(struct profile *p, const char *name_or_path, unsigned flags, char *cause,
			 size_t causelen);

/* Where an item came from: "c10k.conf:12" (or the profile name). */
void profile_origin(const struct profile *p, const struct profile_item *it, char *out, size_t size);

const char *profile_section_name(enum profile_section s);

/* The directories searched for profiles by name, in order: the local
 * overrides (SYSCONFDIR/headroom/profiles), then the build tree when this
 * binary runs from it, else the installed DATADIR/profiles. */
int profile_dirs(const char **dirs, int max);

/* Find NAME.conf in the profile directories. 0, or -ENOENT with cause. */
int profile_find(const char *name, char *path, size_t size, char *cause, size_t causelen);

/* Format a limit value as written in profiles ("unlimited" or the number). */
void profile_limit_str(int64_t v, char *out, size_t size);

#endif
