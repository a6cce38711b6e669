/*
 * journal-store.h: the journal's on-disk side, shared by journal.c (the
 * transaction), journal-store.c (the format, written) and journal-load.c
 * (read back, verified). Not a public interface:
 * commands use journal.h.
 */
#ifndef JOURNAL_STORE_H
#define JOURNAL_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "journal.h"

#define ENTRY_PATH_MAX 320

/* JOURNAL_DIR/ID, or JOURNAL_DIR/ID/NAME. */
void journal_entry_path(int id, const char *name, char *out, size_t size);
/* Make the journal directory and take its lock: an fd to close, or -errno. */
int journal_lock(char *cause, size_t causelen);
int journal_write_info(const struct journal_entry *e, char *cause, size_t causelen);
int journal_write_changes(int id, const struct changeset *cs, char *cause, size_t causelen);
/* FNV-1a 64 of data: the checksum of every file of an entry. */
uint64_t journal_sum(const void *data, size_t len);

/* The state a name in `info` stands for; 0 or -EINVAL. */
int journal_state_parse(const char *s, enum journal_state *out);

/* A target as the journal can hold it: one word of printable bytes. */
bool journal_target_ok(const char *t);
/* With the lock held: remove what an interrupted run left in the journal,
 * entry directories without info (cut short before any change was made)
 * and temp files. */
void journal_clean(void);
/* The ids of entries, ascending; *ids is malloc'd. */
int journal_ids(int **ids, size_t *n, char *cause, size_t causelen);

#endif
