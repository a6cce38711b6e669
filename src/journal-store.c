/*
 * journal-store.c: the journal on disk: entries, their changes and the
 * lock. See journal.h for the layout; journal.c makes and undoes changes.
 *
 * Layout of an entry, JOURNAL_DIR/ID/:
 *   info      "key value" lines: id, created, profile, user, state
 *   changes   one line per change: kind old_exists old_mode old_uid old_gid
 *             new_exists new_mode new_uid new_gid target
 *   N.old     the old bytes of change N (a file's content, a sysctl value)
 *   N.new     the new bytes
 * `info` is written last: an entry without it was cut short before any
 * change was made and is ignored.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include "fsutil.h"
#include "headroom.h"
#include "journal-store.h"
#include "parse.h"
#include "sysctlkey.h"

static const char *const state_names[] = {
    [JOURNAL_PREPARED] = "prepared",	   [JOURNAL_APPLIED] = "applied",
    [JOURNAL_ROLLED_BACK] = "rolled-back", [JOURNAL_REVERTED] = "reverted",
    [JOURNAL_BROKEN] = "broken",
};

const char *
journal_state_name(enum journal_state s)
{
	return state_names[s];
}

static int
state_parse(const char *s, enum journal_state *out)
{
	size_t i;

	for (i = 0; i < nitems(state_names); i++) {
		if (strcmp(s, state_names[i]) == 0) {
			*out = (enum journal_state)i;
			return 0;
		}
	}
	return -EINVAL;
}

void
journal_entry_path(int id, const char *name, char *out, size_t size)
{
	if (name == NULL)
		snprintf(out, size, "%s/%d", JOURNAL_DIR, id);
	else
		snprintf(out, size, "%s/%d/%s", JOURNAL_DIR, id, name);
}

/* Make the journal directory (and its parents) and take its lock. */
int
journal_lock(char *cause, size_t causelen)
{
	char dirs[FSUTIL_DIRS_MAX][256];
	int n, i, err, fd;

	n = fsutil_missing_dirs(JOURNAL_DIR "/.lock", dirs, FSUTIL_DIRS_MAX, cause, causelen);
	for (i = 0; i < n; i++) {
		err = fsutil_mkdir(dirs[i], strcmp(dirs[i], JOURNAL_DIR) == 0 ? 0700 : 0755, cause,
				   causelen);
		if (err < 0)
			return err;
	}
	if (n < 0)
		return n;
	fd = fsutil_open_file(JOURNAL_DIR "/.lock", O_RDWR | O_CREAT, 0600, cause, causelen);
	if (fd < 0)
		return fd;
	if (flock(fd, LOCK_EX | LOCK_NB) < 0) {
		err = -errno;
		close(fd);
		snprintf(cause, causelen, "%s",
			 err == -EWOULDBLOCK
			     ? "another headroom apply or revert is running (journal locked)"
			     : strerror(-err));
		return err == -EWOULDBLOCK ? -EBUSY : err;
	}
	return fd; /* the lock lasts until the process exits */
}

static int
write_blob(int id, const char *name, const char *data, size_t len, char *cause, size_t causelen)
{
	char path[ENTRY_PATH_MAX];

	journal_entry_path(id, name, path, sizeof(path));
	return fsutil_replace(path, data, len, 0600, 0, 0, cause, causelen);
}

int
journal_write_info(const struct journal_entry *e, char *cause, size_t causelen)
{
	char text[512];
	int n;

	n = snprintf(text, sizeof(text), "id %d\ncreated %s\nprofile %s\nuser %s\nstate %s\n",
		     e->id, e->created, e->profile, e->user, journal_state_name(e->state));
	return write_blob(e->id, "info", text, (size_t)n, cause, causelen);
}

int
journal_write_changes(int id, const struct changeset *cs, char *cause, size_t causelen)
{
	char name[32], *text;
	size_t i, off = 0, cap = (cs->n + 1) * 384;
	int err = 0;

	text = malloc(cap);
	if (text == NULL)
		return -ENOMEM;
	for (i = 0; i < cs->n && err == 0; i++) {
		const struct change *c = &cs->v[i];

		off += (size_t)snprintf(
		    text + off, cap - off, "%s %d %04o %u %u %d %04o %u %u %s\n",
		    change_kind_name(c->kind), c->old.exists, (unsigned)c->old.mode,
		    (unsigned)c->old.uid, (unsigned)c->old.gid, c->new_exists,
		    (unsigned)c->new_mode, (unsigned)c->new_uid, (unsigned)c->new_gid, c->target);
		snprintf(name, sizeof(name), "%zu.old", i + 1);
		if (c->old.exists && c->kind != CHANGE_DIR)
			err = write_blob(id, name, c->old.data, c->old.len, cause, causelen);
		snprintf(name, sizeof(name), "%zu.new", i + 1);
		if (err == 0 && c->new_exists && c->kind != CHANGE_DIR)
			err = write_blob(id, name, c->new_data, c->new_len, cause, causelen);
	}
	if (err == 0)
		err = write_blob(id, "changes", text, off, cause, causelen);
	free(text);
	return err;
}

static int
parse_id(const char *name)
{
	int64_t v;

	if (name[0] < '1' || name[0] > '9')
		return -1;
	return parse_i64(name, 1, 999999999, &v) == 0 ? (int)v : -1;
}

static int
cmp_int(const void *a, const void *b)
{
	return *(const int *)a - *(const int *)b;
}

/* The ids of entries with an info file, ascending. */
int
journal_ids(int **ids, size_t *n, char *cause, size_t causelen)
{
	struct dirent *de;
	size_t cap = 0;
	DIR *dir;
	int fd, id;

	*ids = NULL;
	*n = 0;
	fd = fsutil_open_dir(JOURNAL_DIR, cause, causelen);
	if (fd == -ENOENT)
		return 0;
	if (fd < 0)
		return fd;
	dir = fdopendir(fd);
	if (dir == NULL) {
		close(fd);
		return -errno;
	}
	while ((de = readdir(dir)) != NULL) {
		id = parse_id(de->d_name);
		if (id < 0 || faccessat(dirfd(dir), de->d_name, F_OK, 0) < 0)
			continue;
		if (*n == cap) {
			int *v = realloc(*ids, (cap = cap ? cap * 2 : 16) * sizeof(int));

			if (v == NULL) {
				closedir(dir);
				return -ENOMEM;
			}
			*ids = v;
		}
		(*ids)[(*n)++] = id;
	}
	closedir(dir);
	if (*n > 0)
		qsort(*ids, *n, sizeof(int), cmp_int);
	return 0;
}

static int
read_info(int id, struct journal_entry *e, char *cause, size_t causelen)
{
	char path[ENTRY_PATH_MAX], key[32], value[128], *line, *save = NULL;
	struct fsutil_file f;
	int err;

	memset(e, 0, sizeof(*e));
	e->id = id;
	journal_entry_path(id, "info", path, sizeof(path));
	err = fsutil_read(path, &f, cause, causelen);
	if (err < 0)
		return err;
	if (!f.exists)
		return -ENOENT;
	e->state = JOURNAL_BROKEN;
	for (line = strtok_r(f.data, "\n", &save); line != NULL;
	     line = strtok_r(NULL, "\n", &save)) {
		if (sscanf(line, "%31s %127[^\n]", key, value) != 2)
			continue;
		if (strcmp(key, "created") == 0)
			snprintf(e->created, sizeof(e->created), "%.31s", value);
		else if (strcmp(key, "profile") == 0)
			snprintf(e->profile, sizeof(e->profile), "%.63s", value);
		else if (strcmp(key, "user") == 0)
			snprintf(e->user, sizeof(e->user), "%.63s", value);
		else if (strcmp(key, "state") == 0 && state_parse(value, &e->state) < 0)
			e->state = JOURNAL_BROKEN;
	}
	fsutil_file_free(&f);
	return 0;
}

static int
parse_kind(const char *s, enum change_kind *k)
{
	if (strcmp(s, "dir") == 0)
		*k = CHANGE_DIR;
	else if (strcmp(s, "file") == 0)
		*k = CHANGE_FILE;
	else if (strcmp(s, "sysctl") == 0)
		*k = CHANGE_SYSCTL;
	else
		return -EINVAL;
	return 0;
}

static int
load_blob(int id, size_t n, const char *suffix, char **data, size_t *len, char *cause,
	  size_t causelen)
{
	char name[32], path[ENTRY_PATH_MAX];
	struct fsutil_file f;
	int err;

	snprintf(name, sizeof(name), "%zu.%s", n, suffix);
	journal_entry_path(id, name, path, sizeof(path));
	err = fsutil_read(path, &f, cause, causelen);
	if (err == 0 && !f.exists) {
		snprintf(cause, causelen, "journal entry %d: %s is missing", id, name);
		err = -EINVAL;
	}
	if (err < 0)
		return err;
	*data = f.data;
	*len = f.len;
	return 0;
}

/* One line of `changes` into a change, with its blobs. */
static int
load_change(struct journal_entry *e, const char *line, char *cause, size_t causelen)
{
	char kind[16], target[256];
	unsigned om, ou, og, nm, nu, ng;
	int oe, ne, err = 0;
	enum change_kind k;
	struct change *c;

	if (sscanf(line, "%15s %d %o %u %u %d %o %u %u %255s", kind, &oe, &om, &ou, &og, &ne, &nm,
		   &nu, &ng, target) != 10 ||
	    parse_kind(kind, &k) < 0 ||
	    (k == CHANGE_SYSCTL ? sysctlkey_check_name(target, cause, causelen) < 0
				: target[0] != '/' || strstr(target, "/../") != NULL)) {
		snprintf(cause, causelen, "journal entry %d: malformed change '%.80s'", e->id,
			 line);
		return -EINVAL;
	}
	c = changeset_add(&e->cs, k, target);
	if (c == NULL)
		return -ENOMEM;
	c->old.exists = oe != 0;
	c->old.mode = om & 07777;
	c->old.uid = ou;
	c->old.gid = og;
	c->new_exists = ne != 0;
	c->new_mode = nm & 07777;
	c->new_uid = nu;
	c->new_gid = ng;
	if (k == CHANGE_DIR)
		return 0;
	if (c->old.exists)
		err = load_blob(e->id, e->cs.n, "old", &c->old.data, &c->old.len, cause, causelen);
	if (err == 0 && c->new_exists)
		err = load_blob(e->id, e->cs.n, "new", &c->new_data, &c->new_len, cause, causelen);
	return err;
}

int
journal_load(int id, struct journal_entry *e, char *cause, size_t causelen)
{
	char path[ENTRY_PATH_MAX], *line, *save = NULL;
	struct fsutil_file f;
	int err;

	err = read_info(id, e, cause, causelen);
	if (err == -ENOENT)
		snprintf(cause, causelen, "no journal entry %d (see headroom history)", id);
	if (err < 0)
		return err;
	journal_entry_path(id, "changes", path, sizeof(path));
	err = fsutil_read(path, &f, cause, causelen);
	if (err < 0)
		return err;
	for (line = f.exists ? strtok_r(f.data, "\n", &save) : NULL; line != NULL && err == 0;
	     line = strtok_r(NULL, "\n", &save))
		err = load_change(e, line, cause, causelen);
	fsutil_file_free(&f);
	e->nchanges = (int)e->cs.n;
	if (err < 0)
		journal_entry_free(e);
	return err;
}

void
journal_entry_free(struct journal_entry *e)
{
	changeset_free(&e->cs);
}

int
journal_list(struct journal_entry **list, size_t *n, char *cause, size_t causelen)
{
	int *ids, err;
	size_t i, count;

	*list = NULL;
	*n = 0;
	err = journal_ids(&ids, &count, cause, causelen);
	if (err < 0 || count == 0)
		return err;
	*list = calloc(count, sizeof(**list));
	if (*list == NULL) {
		free(ids);
		return -ENOMEM;
	}
	for (i = 0; i < count; i++) {
		struct journal_entry *e = &(*list)[*n];

		if (journal_load(ids[i], e, cause, causelen) < 0)
			continue; /* cut short before it was complete */
		e->nchanges = (int)e->cs.n;
		journal_entry_free(e);
		(*n)++;
	}
	free(ids);
	return 0;
}
