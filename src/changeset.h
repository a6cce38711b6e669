/*
 * changeset.h: what applying a profile would change on this system: each
 * sysctl with its old and new value, each file with its old and new bytes,
 * each directory that has to be made; plus notes for what headroom cannot
 * or will not do itself (the invoking shell's ulimit, PAM, restarts).
 * Building one reads the system (under --root) and changes nothing.
 */
#ifndef CHANGESET_H
#define CHANGESET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <sys/types.h>

#include "fsutil.h"
#include "profile.h"

#define CHANGESET_ONLY_MAX 16

enum change_kind {
	CHANGE_DIR,    /* a directory a file needs, made if missing */
	CHANGE_FILE,   /* a whole file replaced, created or removed */
	CHANGE_SYSCTL, /* a live sysctl under /proc/sys */
};

struct change {
	enum change_kind kind;
	char target[FSUTIL_PATH_MAX]; /* absolute path, or the sysctl key */
	char origin[320];	      /* profile file:line it comes from, "" when several */
	struct fsutil_file old;	      /* for a sysctl: exists, data = its value */
	bool new_exists;
	char *new_data;
	size_t new_len;
	mode_t new_mode;
	uid_t new_uid;
	gid_t new_gid;
};

enum note_kind {
	NOTE_KEPT, /* already meets the profile: left alone */
	NOTE_SKIP, /* not applicable here, not done */
	NOTE_DO,   /* for the user to do: headroom will not */
};

struct change_note {
	enum note_kind kind;
	char text[640];
};

struct changeset {
	struct change *v;
	size_t n, cap;
	struct change_note *notes;
	size_t nnotes, notecap;
	bool darwin; /* the root is a macOS system */
};

struct changeset_opts {
	bool live;	  /* write sysctls now */
	bool persist;	  /* write the files that survive a reboot */
	const char *user; /* limits.d domain; NULL: the profile's, SUDO_USER, "*" */
	const char *units[PROFILE_UNITS_MAX]; /* --unit */
	size_t nunits;
	const char *only[CHANGESET_ONLY_MAX]; /* --only patterns; none: everything */
	size_t nonly;
};

void changeset_init(struct changeset *cs);
void changeset_free(struct changeset *cs);

/* Whether the system under the root is macOS (a mounted image or this host). */
bool changeset_root_is_darwin(void);

/* Compute what applying p would change. 0, or -errno with cause: -EDOM
 * for bad input (an --only matching nothing, a bad user or unit name). */
int changeset_build(const struct profile *p, const struct changeset_opts *o, struct changeset *cs,
		    char *cause, size_t causelen);

/* Append a change (copies data); used by the builder and the journal. */
struct change *changeset_add(struct changeset *cs, enum change_kind kind, const char *target);
int changeset_set_new(struct change *c, const char *data, size_t len, mode_t mode, uid_t uid,
		      gid_t gid);
void changeset_note(struct changeset *cs, enum note_kind kind, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

const char *change_kind_name(enum change_kind k);

/* One line for humans: "sysctl KEY: OLD -> NEW", "mkdir DIR",
 * "create PATH", "rewrite PATH (N -> M bytes)", "remove PATH". */
void change_describe(const struct change *c, char *buf, size_t size);

/* changeset-json.c: {"kind","target","origin","old","new","description"}
 * for one change (old and new: a sysctl's values, else null), and the
 * array of a set's changes. */
void changeset_json_change(FILE *f, const struct change *c);
void changeset_json_changes(FILE *f, const struct changeset *cs);

#endif
