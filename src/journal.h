/*
 * journal.h: applying a change set as a transaction, and undoing it.
 *
 * Before the first change, an entry under LOCALSTATEDIR/lib/headroom/journal/ID/
 * (/var/lib/headroom/journal unless configure was given --localstatedir)
 * (under --root when given) records every change with the exact old state
 * (bytes, mode, owner, or that it did not exist) and the new one. Then the
 * changes are made in order; if one fails, those made so far are undone
 * in reverse and the entry is marked rolled back. An entry left "prepared"
 * was interrupted (killed, power cut): revert restores it like any other.
 * Restoring a change compares first and skips what is already in its old
 * state, so reverting is idempotent.
 */
#ifndef JOURNAL_H
#define JOURNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "changeset.h"

#define JOURNAL_DIR HEADROOM_LOCALSTATEDIR "/lib/headroom/journal"

enum journal_state {
	JOURNAL_PREPARED,    /* recorded, changes under way (or interrupted) */
	JOURNAL_APPLIED,     /* every change made */
	JOURNAL_ROLLED_BACK, /* a change failed; everything was undone */
	JOURNAL_REVERTED,    /* undone by revert */
	JOURNAL_BROKEN,	     /* a rollback or revert failed midway */
};

struct journal_entry {
	int id;
	char created[32]; /* UTC, ISO 8601 */
	char profile[64];
	char user[64]; /* who ran it (SUDO_USER or the uid's name) */
	enum journal_state state;
	struct changeset cs; /* loaded by journal_load, not by journal_list */
	int nchanges;
	bool damaged; /* journal_list: a file failed its checksum (see revert) */
};

/* What went wrong in journal_apply / journal_revert. */
struct journal_failure {
	int step;		  /* 1-based index of the failing change, 0 if none */
	bool rolled_back;	  /* every change made was undone */
	char rollback_cause[512]; /* why the rollback failed, when it did */
};

const char *journal_state_name(enum journal_state s);

/* Check that every change can be made by this process (write access to
 * each target and to the journal). -EACCES/-EPERM/-EROFS with cause
 * naming the first path that needs root. */
int journal_preflight(const struct changeset *cs, char *cause, size_t causelen);

/* Record cs and apply it. On success *id is the new entry. */
int journal_apply(const struct changeset *cs, const char *profile, int *id,
		  struct journal_failure *fail, char *cause, size_t causelen);

/*
 * Restore entry id (0: the latest) to its old state. Refuses, changing
 * nothing, when a later entry still in effect touches the same targets,
 * or when a target changed since (neither its old nor its new state)
 * unless force. *already is set when there was nothing to undo.
 */
int journal_revert(int id, bool force, int *reverted_id, bool *already,
		   struct journal_failure *fail, char *cause, size_t causelen);

/* All entries, oldest first (without their changes). *list is malloc'd. */
int journal_list(struct journal_entry **list, size_t *n, char *cause, size_t causelen);

/* One entry with its changes, every file checked against its sum first:
 * -EBADMSG with cause naming the damaged file. Free with
 * journal_entry_free. */
int journal_load(int id, struct journal_entry *e, char *cause, size_t causelen);
void journal_entry_free(struct journal_entry *e);

#endif
