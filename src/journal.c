/*
 * journal.c: the apply transaction and revert; see journal.h. The entries
 * on disk are journal-store.c's.
 */
#include "config.h"

#include <errno.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "fault.h"
#include "fsutil.h"
#include "headroom.h"
#include "journal-store.h"
#include "rootfs.h"

/* --- making and undoing one change --- */

static int
make_change(const struct change *c, char *cause, size_t causelen)
{
	switch (c->kind) {
	case CHANGE_DIR:
		return fsutil_mkdir(c->target, c->new_mode, cause, causelen);
	case CHANGE_FILE:
		if (!c->new_exists)
			return fsutil_remove(c->target, cause, causelen);
		return fsutil_replace(c->target, c->new_data, c->new_len, c->new_mode, c->new_uid,
				      c->new_gid, cause, causelen);
	case CHANGE_SYSCTL:
		return fsutil_sysctl_write(c->target, c->new_data, cause, causelen);
	}
	return -EINVAL;
}

/* Whether the target is now in the given state (old: which = 0, new: 1). */
static int
in_state(const struct change *c, int which, char *cause, size_t causelen)
{
	bool exists = which ? c->new_exists : c->old.exists;
	const char *data = which ? c->new_data : c->old.data;
	size_t len = which ? c->new_len : c->old.len;
	char value[4096], want[4096];
	struct fsutil_file f;
	int err;

	if (c->kind == CHANGE_SYSCTL) {
		err = fsutil_sysctl_read(c->target, value, sizeof(value), cause, causelen);
		if (err < 0)
			return err;
		fsutil_normalize_value(data, want, sizeof(want));
		return exists && strcmp(value, want) == 0;
	}
	if (c->kind == CHANGE_DIR)
		return 1;
	err = fsutil_read(c->target, &f, cause, causelen);
	if (err < 0)
		return err;
	err = f.exists == exists && (!exists || (f.len == len && memcmp(f.data, data, len) == 0 &&
						 f.mode == (which ? c->new_mode : c->old.mode)));
	fsutil_file_free(&f);
	return err;
}

static int
restore_change(const struct change *c, char *cause, size_t causelen)
{
	int same, err;

	if (c->kind == CHANGE_DIR) {
		if (c->old.exists)
			return 0;
		err = fsutil_rmdir(c->target, cause, causelen);
		return err == -ENOTEMPTY ? 0 : err; /* someone else's files now: keep it */
	}
	same = in_state(c, 0, cause, causelen);
	if (same < 0)
		return same;
	if (same)
		return 0;
	err = fault_before_change(c->target, cause, causelen);
	if (err < 0)
		return err;
	if (c->kind == CHANGE_SYSCTL)
		err = fsutil_sysctl_write(c->target, c->old.data, cause, causelen);
	else if (c->old.exists)
		err = fsutil_replace(c->target, c->old.data, c->old.len, c->old.mode, c->old.uid,
				     c->old.gid, cause, causelen);
	else
		err = fsutil_remove(c->target, cause, causelen);
	if (err == 0)
		fault_after_change();
	return err;
}

/* Undo changes last..0; returns 0 when all of them are back. */
static int
restore_from(const struct changeset *cs, size_t last, struct journal_failure *fail)
{
	size_t i = last + 1;
	int err, first_err = 0;

	while (i-- > 0) {
		err = restore_change(&cs->v[i], fail->rollback_cause, sizeof(fail->rollback_cause));
		if (err < 0 && first_err == 0)
			first_err = err;
	}
	fail->rolled_back = first_err == 0;
	return first_err;
}

/* --- apply --- */

int
journal_preflight(const struct changeset *cs, char *cause, size_t causelen)
{
	char path[PATH_MAX];
	size_t i;
	int err;

	for (i = 0, err = 0; i < cs->n && err == 0; i++) {
		const struct change *c = &cs->v[i];

		if (c->kind == CHANGE_SYSCTL) {
			err = rootfs_sysctl_path(c->target, path, sizeof(path));
			if (err == 0)
				err = fsutil_check_writable(path, true, cause, causelen);
		} else {
			err = fsutil_check_writable(c->target, false, cause, causelen);
		}
	}
	return err < 0 ? err : fsutil_check_writable(JOURNAL_DIR "/.lock", false, cause, causelen);
}

static void
entry_user(char *out, size_t size)
{
	const char *sudo_user = getenv("SUDO_USER");
	struct passwd *pw = getpwuid(getuid());

	if (sudo_user != NULL && sudo_user[0] != '\0')
		snprintf(out, size, "%s", sudo_user);
	else if (pw != NULL)
		snprintf(out, size, "%s", pw->pw_name);
	else
		snprintf(out, size, "%u", (unsigned)getuid());
}

/* Refuse to stack a new change on an entry that did not finish. */
static int
check_unfinished(char *cause, size_t causelen)
{
	struct journal_entry *list;
	size_t n, i;
	int err;

	err = journal_list(&list, &n, cause, causelen);
	if (err < 0)
		return err;
	for (i = 0; i < n; i++) {
		if (list[i].state == JOURNAL_PREPARED || list[i].state == JOURNAL_BROKEN) {
			snprintf(cause, causelen,
				 "journal entry %d did not finish (%s): run `headroom revert %d` "
				 "first",
				 list[i].id, journal_state_name(list[i].state), list[i].id);
			err = -EBUSY;
			break;
		}
	}
	free(list);
	return err;
}

static int
record_entry(struct journal_entry *e, const struct changeset *cs, const char *profile, char *cause,
	     size_t causelen)
{
	char path[ENTRY_PATH_MAX];
	int *ids, err;
	size_t n;
	time_t now = time(NULL);

	err = journal_ids(&ids, &n, cause, causelen);
	if (err < 0)
		return err;
	memset(e, 0, sizeof(*e));
	e->id = n > 0 ? ids[n - 1] + 1 : 1;
	free(ids);
	strftime(e->created, sizeof(e->created), "%Y-%m-%dT%H:%M:%SZ", gmtime(&now));
	snprintf(e->profile, sizeof(e->profile), "%s", profile);
	entry_user(e->user, sizeof(e->user));
	e->state = JOURNAL_PREPARED;
	journal_entry_path(e->id, NULL, path, sizeof(path));
	err = fsutil_mkdir(path, 0700, cause, causelen);
	if (err == 0)
		err = journal_write_changes(e->id, cs, cause, causelen);
	if (err == 0)
		err = journal_write_info(e, cause, causelen);
	return err;
}

int
journal_apply(const struct changeset *cs, const char *profile, int *id,
	      struct journal_failure *fail, char *cause, size_t causelen)
{
	struct journal_entry e;
	char step_cause[CAUSE_MAX];
	size_t i;
	int lock, err;

	memset(fail, 0, sizeof(*fail));
	lock = journal_lock(cause, causelen);
	if (lock < 0)
		return lock;
	journal_clean();
	err = check_unfinished(cause, causelen);
	if (err == 0)
		err = record_entry(&e, cs, profile, cause, causelen);
	if (err < 0) {
		close(lock);
		return err;
	}
	*id = e.id;
	for (i = 0; i < cs->n && err == 0; i++) {
		err = fault_before_change(cs->v[i].target, step_cause, sizeof(step_cause));
		if (err == 0)
			err = make_change(&cs->v[i], step_cause, sizeof(step_cause));
		if (err == 0)
			fault_after_change();
	}
	if (err < 0) {
		fail->step = (int)i;
		snprintf(cause, causelen, "%s", step_cause);
		/* the failed change may have half happened: undo it too */
		e.state = restore_from(cs, i - 1, fail) == 0 ? JOURNAL_ROLLED_BACK : JOURNAL_BROKEN;
	} else {
		e.state = JOURNAL_APPLIED;
	}
	if (journal_write_info(&e, step_cause, sizeof(step_cause)) < 0 && err == 0) {
		snprintf(cause, causelen, "%s", step_cause);
		err = -EIO;
	}
	close(lock);
	return err;
}

/* --- revert --- */

/* A later entry still in effect that touches one of e's targets. */
static int
check_later(const struct journal_entry *e, bool force, char *cause, size_t causelen)
{
	struct journal_entry *list, later;
	size_t n, i, a, b;
	int err;

	err = journal_list(&list, &n, cause, causelen);
	for (i = 0; i < n && err == 0; i++) {
		if (list[i].id <= e->id || list[i].state == JOURNAL_REVERTED ||
		    list[i].state == JOURNAL_ROLLED_BACK)
			continue;
		err = journal_load(list[i].id, &later, cause, causelen);
		if (err == -EBADMSG && force) {
			err = 0; /* --force: restore this one whatever a damaged later did */
			continue;
		}
		if (err < 0)
			break;
		for (a = 0; a < later.cs.n && err == 0; a++) {
			for (b = 0; b < e->cs.n && err == 0; b++) {
				if (later.cs.v[a].kind == CHANGE_DIR ||
				    strcmp(later.cs.v[a].target, e->cs.v[b].target) != 0)
					continue;
				snprintf(cause, causelen,
					 "entry %d (later, %s) also changed %s: revert it first "
					 "(headroom revert %d)",
					 later.id, journal_state_name(later.state),
					 later.cs.v[a].target, later.id);
				err = -EBUSY;
			}
		}
		journal_entry_free(&later);
	}
	free(list);
	return err;
}

/* Every target must be in its old or its new state: anything else was
 * changed by someone since, and restoring would lose that change. */
static int
check_drift(const struct journal_entry *e, char *cause, size_t causelen)
{
	size_t i;
	int is_old, is_new;

	for (i = 0; i < e->cs.n; i++) {
		const struct change *c = &e->cs.v[i];

		is_old = in_state(c, 0, cause, causelen);
		is_new = is_old == 0 ? in_state(c, 1, cause, causelen) : 1;
		if (is_old < 0 || is_new < 0)
			return is_old < 0 ? is_old : is_new;
		if (!is_old && !is_new) {
			snprintf(cause, causelen,
				 "%s changed since entry %d was applied (it is neither what "
				 "headroom wrote nor what was there before): --force restores the "
				 "old state anyway",
				 c->target, e->id);
			return -ESTALE;
		}
	}
	return 0;
}

/* What a kill inside a change left next to its targets: temp files. They
 * go before anything is compared or restored (a directory apply made is
 * then empty again, and removed). */
static int
clean_temps(const struct journal_entry *e, char *cause, size_t causelen)
{
	char path[PATH_MAX];
	size_t i;
	int err = 0;

	for (i = 0; i < e->cs.n && err >= 0; i++) {
		const struct change *c = &e->cs.v[i];

		if (c->kind == CHANGE_FILE)
			err = fsutil_clean_temps(c->target, cause, causelen);
		else if (c->kind == CHANGE_SYSCTL && !rootfs_is_live() &&
			 rootfs_sysctl_path(c->target, path, sizeof(path)) == 0)
			err = fsutil_clean_temps(path, cause, causelen);
	}
	return err < 0 ? err : 0;
}

static int
latest_id(char *cause, size_t causelen)
{
	int *ids, id, err;
	size_t n;

	err = journal_ids(&ids, &n, cause, causelen);
	if (err < 0)
		return err;
	id = n > 0 ? ids[n - 1] : 0;
	free(ids);
	if (id == 0) {
		snprintf(cause, causelen, "the journal is empty: nothing to revert");
		return -ENOENT;
	}
	return id;
}

int
journal_revert(int id, bool force, int *reverted_id, bool *already, struct journal_failure *fail,
	       char *cause, size_t causelen)
{
	struct journal_entry e;
	int lock, err;

	memset(fail, 0, sizeof(*fail));
	*already = false;
	lock = journal_lock(cause, causelen);
	if (lock < 0)
		return lock;
	journal_clean();
	err = id > 0 ? id : latest_id(cause, causelen);
	if (err > 0)
		err = journal_load(*reverted_id = err, &e, cause, causelen);
	if (err < 0)
		goto out;
	if (e.state == JOURNAL_REVERTED || e.state == JOURNAL_ROLLED_BACK) {
		*already = true;
		goto free;
	}
	err = check_later(&e, force, cause, causelen);
	if (err == 0)
		err = clean_temps(&e, cause, causelen);
	if (err == 0 && !force)
		err = check_drift(&e, cause, causelen);
	if (err == 0 && e.cs.n > 0) {
		err = restore_from(&e.cs, e.cs.n - 1, fail);
		if (err < 0)
			snprintf(cause, causelen, "%s", fail->rollback_cause);
	}
	/* On failure the state stays: restoring is idempotent, so running
	 * revert again picks up where this one stopped. */
	if (err == 0) {
		e.state = JOURNAL_REVERTED;
		err = journal_write_info(&e, cause, causelen);
	}
free:
	journal_entry_free(&e);
out:
	close(lock);
	return err;
}
