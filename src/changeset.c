/*
 * changeset.c: from a validated profile to the list of changes for the
 * system under the root. Limits already above what the profile asks are
 * kept (applying never lowers a limit); the invoking shell, PAM and
 * service restarts become notes, since headroom does not touch them.
 */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <fnmatch.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "changeset.h"
#include "headroom.h"
#include "launchd.h"
#include "limitsconf.h"
#include "names.h"
#include "persist.h"
#include "rootfs.h"
#include "sysctlkey.h"

#define SYSCTLS_MAX PROFILE_ITEMS_MAX

void
changeset_init(struct changeset *cs)
{
	memset(cs, 0, sizeof(*cs));
}

void
changeset_free(struct changeset *cs)
{
	size_t i;

	for (i = 0; i < cs->n; i++) {
		fsutil_file_free(&cs->v[i].old);
		free(cs->v[i].new_data);
	}
	free(cs->v);
	free(cs->notes);
	changeset_init(cs);
}

const char *
change_kind_name(enum change_kind k)
{
	switch (k) {
	case CHANGE_DIR:
		return "dir";
	case CHANGE_FILE:
		return "file";
	case CHANGE_SYSCTL:
		break;
	}
	return "sysctl";
}

void
change_describe(const struct change *c, char *buf, size_t size)
{
	char old[256];

	switch (c->kind) {
	case CHANGE_SYSCTL:
		fsutil_normalize_value(c->old.data != NULL ? c->old.data : "", old, sizeof(old));
		snprintf(buf, size, "sysctl %s: %s -> %s", c->target, old, c->new_data);
		return;
	case CHANGE_DIR:
		snprintf(buf, size, "mkdir   %s", c->target);
		return;
	case CHANGE_FILE:
		break;
	}
	if (!c->new_exists)
		snprintf(buf, size, "remove  %s", c->target);
	else if (!c->old.exists)
		snprintf(buf, size, "create  %s (%zu bytes)", c->target, c->new_len);
	else
		snprintf(buf, size, "rewrite %s (%zu -> %zu bytes)", c->target, c->old.len,
			 c->new_len);
}

struct change *
changeset_add(struct changeset *cs, enum change_kind kind, const char *target)
{
	struct change *c;

	if (cs->n == cs->cap) {
		size_t cap = cs->cap ? cs->cap * 2 : 16;
		struct change *v = realloc(cs->v, cap * sizeof(*v));

		if (v == NULL)
			return NULL;
		cs->v = v;
		cs->cap = cap;
	}
	/* a target is never cut: callers build them within FSUTIL_PATH_MAX */
	if (strlen(target) >= sizeof(c->target)) {
		errno = ENAMETOOLONG;
		return NULL;
	}
	c = &cs->v[cs->n++];
	memset(c, 0, sizeof(*c));
	c->kind = kind;
	snprintf(c->target, sizeof(c->target), "%s", target);
	return c;
}

int
changeset_set_new(struct change *c, const char *data, size_t len, mode_t mode, uid_t uid, gid_t gid)
{
	free(c->new_data);
	c->new_data = NULL;
	c->new_len = 0;
	c->new_exists = data != NULL;
	c->new_mode = mode;
	c->new_uid = uid;
	c->new_gid = gid;
	if (data == NULL)
		return 0;
	c->new_data = malloc(len + 1);
	if (c->new_data == NULL)
		return -ENOMEM;
	memcpy(c->new_data, data, len);
	c->new_data[len] = '\0';
	c->new_len = len;
	return 0;
}

void
changeset_note(struct changeset *cs, enum note_kind kind, const char *fmt, ...)
{
	struct change_note *n;
	va_list ap;

	if (cs->nnotes == cs->notecap) {
		size_t cap = cs->notecap ? cs->notecap * 2 : 16;
		struct change_note *v = realloc(cs->notes, cap * sizeof(*v));

		if (v == NULL)
			return;
		cs->notes = v;
		cs->notecap = cap;
	}
	n = &cs->notes[cs->nnotes++];
	n->kind = kind;
	va_start(ap, fmt);
	vsnprintf(n->text, sizeof(n->text), fmt, ap);
	va_end(ap);
}

bool
changeset_root_is_darwin(void)
{
	char probe[8];

	/* only whether it is there */
	return rootfs_read_head("/System/Library/CoreServices/SystemVersion.plist", probe,
				sizeof(probe)) >= 0;
}

static bool
wanted(const struct changeset_opts *o, const char *name)
{
	size_t i;

	if (o->nonly == 0)
		return true;
	for (i = 0; i < o->nonly; i++) {
		if (fnmatch(o->only[i], name, 0) == 0)
			return true;
	}
	return false;
}

static bool
has_change(const struct changeset *cs, enum change_kind kind, const char *target)
{
	size_t i;

	for (i = 0; i < cs->n; i++) {
		if (cs->v[i].kind == kind && strcmp(cs->v[i].target, target) == 0)
			return true;
	}
	return false;
}

/* A whole file with new content, preceded by the directories it needs. */
static int
add_file(struct changeset *cs, const char *path, const char *data, size_t len, bool ours,
	 const char *origin, char *cause, size_t causelen)
{
	char dirs[FSUTIL_DIRS_MAX][FSUTIL_PATH_MAX];
	struct fsutil_file old;
	struct change *c;
	int n, i, err;

	err = fsutil_read(path, &old, cause, causelen);
	if (err < 0)
		return err;
	if (old.exists && old.len == len && memcmp(old.data, data, len) == 0) {
		fsutil_file_free(&old);
		return 0;
	}
	n = fsutil_missing_dirs(path, dirs, FSUTIL_DIRS_MAX, cause, causelen);
	for (i = 0; i < n; i++) {
		if (has_change(cs, CHANGE_DIR, dirs[i]))
			continue;
		c = changeset_add(cs, CHANGE_DIR, dirs[i]);
		if (c == NULL)
			goto nomem;
		c->new_exists = true;
		c->new_mode = 0755;
	}
	c = n < 0 ? NULL : changeset_add(cs, CHANGE_FILE, path);
	if (c == NULL) {
		fsutil_file_free(&old);
		return n < 0 ? n : -ENOMEM;
	}
	c->old = old;
	snprintf(c->origin, sizeof(c->origin), "%s", origin);
	/* Files headroom owns are 0644 root:root; a file it edits keeps its mode. */
	if (ours || !old.exists)
		return changeset_set_new(c, data, len, 0644, 0, 0);
	return changeset_set_new(c, data, len, old.mode, old.uid, old.gid);
nomem:
	fsutil_file_free(&old);
	return -ENOMEM;
}

static int
add_merged(struct changeset *cs, enum persist_format fmt, const char *path,
	   const struct persist_line *lines, size_t n, const char *origin, char *cause,
	   size_t causelen)
{
	struct fsutil_file old;
	char *text;
	size_t len;
	int err;

	if (n == 0)
		return 0;
	err = fsutil_read(path, &old, cause, causelen);
	if (err < 0)
		return err;
	err = persist_merge(fmt, old.data, lines, n, &text, &len);
	fsutil_file_free(&old);
	if (err < 0) {
		snprintf(cause, causelen, "%s: %s", path, strerror(-err));
		return err;
	}
	err = add_file(cs, path, text, len, fmt != PERSIST_SYSCTL_DARWIN, origin, cause, causelen);
	free(text);
	return err;
}

/* One sysctl: kept when the system already meets it, else a live change
 * and/or a line for the persistent file. */
static int
plan_sysctl(struct changeset *cs, const struct changeset_opts *o, const struct profile *p,
	    const struct profile_item *it, struct persist_line *lines, size_t *nlines, char *cause,
	    size_t causelen)
{
	const struct sysctlkey *k = sysctlkey_find(it->key);
	char current[PROFILE_VALUE_MAX], rcause[CAUSE_MAX];
	struct change *c;
	int err;

	err = cs->darwin
		  ? -ENOENT
		  : fsutil_sysctl_read(it->key, current, sizeof(current), rcause, sizeof(rcause));
	if (err == 0 && sysctlkey_meets(k, current, it->value)) {
		changeset_note(cs, NOTE_KEPT, "%s: already %s (profile: %s)", it->key, current,
			       it->value);
		return 0;
	}
	if (err < 0 && err != -ENOENT) {
		snprintf(cause, causelen, "%s", rcause);
		return err;
	}
	if (o->live && err == -ENOENT && !cs->darwin)
		changeset_note(cs, NOTE_SKIP,
			       "%s: not present on this system (module not loaded, or not in "
			       "this network namespace): not set now%s",
			       it->key, o->persist ? ", persisted for boot" : "");
	if (o->live && cs->darwin)
		changeset_note(cs, NOTE_DO, "now: sudo sysctl -w %s=%s", it->key, it->value);
	if (o->live && err == 0) {
		/* journaled raw, so a revert restores the exact bytes */
		err = fsutil_sysctl_read_raw(it->key, current, sizeof(current), cause, causelen);
		c = err < 0 ? NULL : changeset_add(cs, CHANGE_SYSCTL, it->key);
		if (c == NULL)
			return err < 0 ? err : -ENOMEM;
		profile_origin(p, it, c->origin, sizeof(c->origin));
		c->old.exists = true;
		c->old.data = strdup(current);
		c->old.len = strlen(current);
		if (c->old.data == NULL ||
		    changeset_set_new(c, it->value, strlen(it->value), 0, 0, 0) < 0)
			return -ENOMEM;
	}
	if (o->persist) {
		snprintf(lines[*nlines].key, sizeof(lines[0].key), "%s", it->key);
		snprintf(lines[(*nlines)++].value, sizeof(lines[0].value), "%s", it->value);
	}
	return 0;
}

static int
plan_sysctls(struct changeset *cs, const struct changeset_opts *o, const struct profile *p,
	     char *cause, size_t causelen)
{
	struct persist_line *lines;
	enum sysctlkey_os os = cs->darwin ? SYSCTLKEY_DARWIN : SYSCTLKEY_LINUX;
	size_t nlines = 0;
	int i, err = 0;

	lines = calloc(SYSCTLS_MAX, sizeof(*lines));
	if (lines == NULL)
		return -ENOMEM;
	for (i = 0; i < p->nitems && err == 0; i++) {
		const struct profile_item *it = &p->items[i];

		if (it->section != PSEC_SYSCTL || !wanted(o, it->key))
			continue;
		if (sysctlkey_os_of(it->key) != os) {
			changeset_note(cs, NOTE_SKIP, "%s: a %s key, skipped on %s", it->key,
				       os == SYSCTLKEY_LINUX ? "macOS" : "Linux",
				       os == SYSCTLKEY_LINUX ? "Linux" : "macOS");
			continue;
		}
		err = plan_sysctl(cs, o, p, it, lines, &nlines, cause, causelen);
	}
	if (err == 0)
		err = add_merged(cs, cs->darwin ? PERSIST_SYSCTL_DARWIN : PERSIST_SYSCTL,
				 cs->darwin ? PERSIST_DARWIN_SYSCTL : PERSIST_SYSCTL_D, lines,
				 nlines, "", cause, causelen);
	free(lines);
	return err;
}

static const char *
limits_user(const struct changeset_opts *o, const struct profile *p)
{
	const char *sudo_user = getenv("SUDO_USER");

	if (o->user != NULL)
		return o->user;
	if (p->user[0] != '\0')
		return p->user;
	if (sudo_user != NULL && sudo_user[0] != '\0' && strcmp(sudo_user, "root") != 0)
		return sudo_user;
	return "*";
}

static void
limit_lines(const char *user, const char *item, const struct profile_limit *l,
	    struct persist_line *lines, size_t *n)
{
	char soft[32], hard[32];

	profile_limit_str(l->soft, soft, sizeof(soft));
	profile_limit_str(l->hard, hard, sizeof(hard));
	/* hard first: pam_limits applies lines in order, and a soft limit
	 * above the current hard one would be refused */
	snprintf(lines[*n].key, sizeof(lines[0].key), "%s\thard\t%s", user, item);
	snprintf(lines[(*n)++].value, sizeof(lines[0].value), "%s", hard);
	snprintf(lines[*n].key, sizeof(lines[0].key), "%s\tsoft\t%s", user, item);
	snprintf(lines[(*n)++].value, sizeof(lines[0].value), "%s", soft);
}

static void
note_pam(struct changeset *cs)
{
	char where[256] = "";

	if (!limitsconf_pam_enabled(where, sizeof(where)))
		changeset_note(cs, NOTE_DO,
			       "pam_limits is not in the PAM session stack (%s): limits.d has "
			       "no effect on logins until this line is added to "
			       "/etc/pam.d/common-session (Debian) or system-auth (Red Hat): "
			       "session required pam_limits.so",
			       where[0] != '\0' ? where : "no stack found under /etc/pam.d");
}

static int
plan_limits(struct changeset *cs, const struct changeset_opts *o, const struct profile *p,
	    char *cause, size_t causelen)
{
	struct persist_line lines[8];
	const char *user = limits_user(o, p);
	size_t n = 0;
	bool nofile = p->nofile.item >= 0 && wanted(o, "limits.nofile");
	bool nproc = p->nproc.item >= 0 && wanted(o, "limits.nproc");
	char soft[32];

	if (!nofile && !nproc)
		return 0;
	if (cs->darwin) {
		changeset_note(cs, NOTE_SKIP, "[limits]: limits.d is Linux only; use [launchd]");
		return 0;
	}
	if (nofile && o->live) {
		profile_limit_str(p->nofile.soft, soft, sizeof(soft));
		changeset_note(cs, NOTE_DO,
			       "now: no program can raise its parent shell's limits; in that "
			       "shell run `ulimit -Sn %s` (needs the hard limit at least that "
			       "high), or start the program with `headroom exec --nofile %s -- "
			       "COMMAND`",
			       soft, soft);
	}
	if (!o->persist)
		return 0;
	/* checked where it came from too; here for SUDO_USER and any caller */
	if (names_check_limits_domain(user, cause, causelen) < 0)
		return -EDOM;
	if (nofile)
		limit_lines(user, "nofile", &p->nofile, lines, &n);
	if (nproc)
		limit_lines(user, "nproc", &p->nproc, lines, &n);
	/* pam_limits never applies * (or a group) to root: name it too */
	if (strcmp(user, "*") == 0 && nofile)
		limit_lines("root", "nofile", &p->nofile, lines, &n);
	if (strcmp(user, "*") == 0 && nproc)
		limit_lines("root", "nproc", &p->nproc, lines, &n);
	note_pam(cs);
	changeset_note(cs, NOTE_DO,
		       "limits.d applies to new login sessions; services started by systemd "
		       "ignore it (set [systemd] DefaultLimitNOFILE or LimitNOFILE)");
	return add_merged(cs, PERSIST_LIMITS, PERSIST_LIMITS_D, lines, n, "", cause, causelen);
}

static void
pair_systemd(const struct profile_limit *l, char *buf, size_t size)
{
	if (l->soft == l->hard)
		snprintf(buf, size, "%" PRId64, l->hard);
	else
		snprintf(buf, size, "%" PRId64 ":%" PRId64, l->soft, l->hard);
}

static int
add_dropin(struct changeset *cs, const struct profile *p, const char *unit,
	   const struct profile_limit *l, char *cause, size_t causelen)
{
	char value[64], text[1024], path[FSUTIL_PATH_MAX], origin[320];
	int len, err;

	pair_systemd(l, value, sizeof(value));
	len = persist_systemd_dropin(unit, value, text, sizeof(text));
	err = unit == NULL ? 0 : persist_unit_dropin_path(unit, path, sizeof(path));
	/* a valid name systemd cannot give a drop-in: bad input, like an
	 * invalid one */
	if (len < 0 || err < 0) {
		snprintf(cause, causelen,
			 "%s: its drop-in directory would be longer than a file name (%d)",
			 unit != NULL ? unit : "systemd", NAME_MAX);
		return -EDOM;
	}
	profile_origin(p, &p->items[l->item], origin, sizeof(origin));
	return add_file(cs, unit == NULL ? PERSIST_SYSTEM_CONF : path, text, (size_t)len, true,
			origin, cause, causelen);
}

static int
plan_systemd(struct changeset *cs, const struct changeset_opts *o, const struct profile *p,
	     char *cause, size_t causelen)
{
	bool def = p->systemd_default.item >= 0 && wanted(o, "systemd.DefaultLimitNOFILE");
	bool unit = p->systemd_unit.item >= 0 && wanted(o, "systemd.LimitNOFILE");
	size_t i, nunits = (size_t)p->nunits + o->nunits;
	int err = 0;

	if ((!def && !unit) || !o->persist)
		return 0;
	if (cs->darwin) {
		changeset_note(cs, NOTE_SKIP, "[systemd]: not on macOS, skipped");
		return 0;
	}
	if (def) {
		err = add_dropin(cs, p, NULL, &p->systemd_default, cause, causelen);
		changeset_note(cs, NOTE_DO,
			       "systemd: run `systemctl daemon-reexec` (or reboot) so services "
			       "started from now on get DefaultLimitNOFILE; running services keep "
			       "their limits until restarted (apply --restart does both)");
	}
	if (unit && nunits == 0)
		changeset_note(cs, NOTE_SKIP,
			       "LimitNOFILE: no unit named (--unit NAME or Unit= in [systemd])");
	for (i = 0; unit && i < nunits && err == 0; i++) {
		const char *name = i < (size_t)p->nunits ? p->units[i] : o->units[i - p->nunits];

		if (names_check_unit(name, cause, causelen) < 0)
			return -EDOM;
		err = add_dropin(cs, p, name, &p->systemd_unit, cause, causelen);
		changeset_note(cs, NOTE_DO,
			       "systemd: run `systemctl daemon-reload && systemctl restart %s` "
			       "(apply --restart does it)",
			       name);
	}
	return err;
}

static int
plan_launchd(struct changeset *cs, const struct changeset_opts *o, const struct profile *p,
	     char *cause, size_t causelen)
{
	struct launchd_limit want = {p->launchd_maxfiles.soft, p->launchd_maxfiles.hard};
	char text[2048], cmd[128], origin[320];
	int len;

	if (p->launchd_maxfiles.item < 0 || !wanted(o, "launchd.maxfiles"))
		return 0;
	if (!cs->darwin) {
		changeset_note(cs, NOTE_SKIP, "[launchd]: macOS only, skipped on Linux");
		return 0;
	}
	launchd_limit_command(&want, cmd, sizeof(cmd));
	if (o->live)
		changeset_note(cs, NOTE_DO, "now: sudo %s", cmd);
	if (!o->persist)
		return 0;
	len = launchd_plist(&want, text, sizeof(text));
	if (len < 0)
		return len;
	profile_origin(p, &p->items[p->launchd_maxfiles.item], origin, sizeof(origin));
	changeset_note(cs, NOTE_DO,
		       "launchd reads %s at boot; processes started before keep their limits",
		       LAUNCHD_PLIST);
	return add_file(cs, LAUNCHD_PLIST, text, (size_t)len, true, origin, cause, causelen);
}

/* Whether pattern matches one of the settings p has. */
static bool
only_matches(const char *pattern, const struct profile *p)
{
	const struct {
		const char *name;
		int item;
	} named[] = {
	    {"limits.nofile", p->nofile.item},
	    {"limits.nproc", p->nproc.item},
	    {"systemd.DefaultLimitNOFILE", p->systemd_default.item},
	    {"systemd.LimitNOFILE", p->systemd_unit.item},
	    {"launchd.maxfiles", p->launchd_maxfiles.item},
	};
	size_t i;
	int k;

	for (k = 0; k < p->nitems; k++) {
		if (p->items[k].section == PSEC_SYSCTL && fnmatch(pattern, p->items[k].key, 0) == 0)
			return true;
	}
	for (i = 0; i < sizeof(named) / sizeof(named[0]); i++) {
		if (named[i].item >= 0 && fnmatch(pattern, named[i].name, 0) == 0)
			return true;
	}
	return false;
}

/* An --only that selects nothing is a mistake, not "already met". */
static int
check_only(const struct profile *p, const struct changeset_opts *o, char *cause, size_t causelen)
{
	size_t i;

	for (i = 0; i < o->nonly; i++) {
		if (!only_matches(o->only[i], p)) {
			snprintf(cause, causelen,
				 "--only '%.100s' matches no setting of %s (a sysctl key, or "
				 "limits.nofile, limits.nproc, systemd.DefaultLimitNOFILE, "
				 "systemd.LimitNOFILE, launchd.maxfiles)",
				 o->only[i], p->name);
			return -EDOM;
		}
	}
	return 0;
}

int
changeset_build(const struct profile *p, const struct changeset_opts *o, struct changeset *cs,
		char *cause, size_t causelen)
{
	int err;

	changeset_init(cs);
	err = check_only(p, o, cause, causelen);
	if (err < 0)
		return err;
	cs->darwin = changeset_root_is_darwin();
	err = plan_sysctls(cs, o, p, cause, causelen);
	if (err == 0)
		err = plan_limits(cs, o, p, cause, causelen);
	if (err == 0)
		err = plan_systemd(cs, o, p, cause, causelen);
	if (err == 0)
		err = plan_launchd(cs, o, p, cause, causelen);
	if (err < 0 && cause[0] == '\0')
		snprintf(cause, causelen, "%s", strerror(-err));
	return err;
}
