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
 *   sums      "SUM LEN NAME" for `changes` and every N.old/N.new (SUM: FNV-1a
 *             64, hex), then "end COUNT": the recording is complete
 * `changes` ends with "end N" and `info` with "sum SUM" of the lines before
 * it. `info` is written last: an entry without it was cut short before any
 * change was made; it is ignored, and removed by the next apply or revert.
 * Nothing read back is trusted before its sum matches: a damaged entry is
 * refused (-EBADMSG, the cause naming the file) instead of written back.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <inttypes.h>
#include <fcntl.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fsutil.h"
#include "headroom.h"
#include "journal-store.h"
#include "names.h"
#include "parse.h"
#include "rootfs.h"
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

int
journal_state_parse(const char *s, enum journal_state *out)
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
	char dirs[FSUTIL_DIRS_MAX][FSUTIL_PATH_MAX];
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

/* FNV-1a, 64 bits: catches a cut, a zeroed block or an edit; the journal
 * is root's (0700), so this guards against damage, not an adversary. */
uint64_t
journal_sum(const void *data, size_t len)
{
	const unsigned char *p = data;
	uint64_t h = 0xcbf29ce484222325ULL;

	while (len-- > 0) {
		h ^= *p++;
		h *= 0x100000001b3ULL;
	}
	return h;
}

int
journal_write_info(const struct journal_entry *e, char *cause, size_t causelen)
{
	char text[768], profile[sizeof(e->profile) * 4], user[sizeof(e->user) * 4];
	int n;

	/* one line each, whatever the names hold */
	names_quote(e->profile, profile, sizeof(profile));
	names_quote(e->user, user, sizeof(user));
	n = snprintf(text, sizeof(text), "id %d\ncreated %s\nprofile %s\nuser %s\nstate %s\n",
		     e->id, e->created, profile, user, journal_state_name(e->state));
	if (n < 0 || (size_t)n + 32 >= sizeof(text))
		return -ENAMETOOLONG;
	n += snprintf(text + n, sizeof(text) - (size_t)n, "sum %016" PRIx64 "\n",
		      journal_sum(text, (size_t)n));
	return write_blob(e->id, "info", text, (size_t)n, cause, causelen);
}

bool
journal_target_ok(const char *t)
{
	for (; *t != '\0'; t++) {
		if ((unsigned char)*t <= ' ' || *t == 0x7f)
			return false;
	}
	return true;
}

/* Append "SUM LEN NAME" for one file of the entry to sums. */
static int
add_sum(FILE *sums, const char *name, const void *data, size_t len)
{
	return fprintf(sums, "%016" PRIx64 " %zu %s\n", journal_sum(data, len), len, name) < 0
		   ? -ENOMEM
		   : 0;
}

static int
write_blobs(int id, size_t i, const struct change *c, FILE *sums, char *cause, size_t causelen)
{
	char name[32];
	int err = 0;

	if (c->kind == CHANGE_DIR)
		return 0;
	snprintf(name, sizeof(name), "%zu.old", i + 1);
	if (c->old.exists) {
		err = write_blob(id, name, c->old.data, c->old.len, cause, causelen);
		if (err == 0)
			err = add_sum(sums, name, c->old.data, c->old.len);
	}
	snprintf(name, sizeof(name), "%zu.new", i + 1);
	if (err == 0 && c->new_exists) {
		err = write_blob(id, name, c->new_data, c->new_len, cause, causelen);
		if (err == 0)
			err = add_sum(sums, name, c->new_data, c->new_len);
	}
	return err;
}

int
journal_write_changes(int id, const struct changeset *cs, char *cause, size_t causelen)
{
	char *text = NULL, *sums_text = NULL;
	size_t i, len = 0, sums_len = 0;
	FILE *f, *sums;
	int err = 0, nsums;

	f = open_memstream(&text, &len);
	sums = open_memstream(&sums_text, &sums_len);
	if (f == NULL || sums == NULL) {
		if (f != NULL)
			fsutil_close_stream(f, 0);
		free(text);
		return -ENOMEM;
	}
	for (i = 0; i < cs->n && err == 0; i++) {
		const struct change *c = &cs->v[i];

		/* a blank or a newline would split the line: refuse, never cut */
		if (!journal_target_ok(c->target)) {
			char shown[80];

			names_quote(c->target, shown, sizeof(shown));
			snprintf(cause, causelen,
				 "journal: target '%s' holds a blank or a "
				 "control character: refused",
				 shown);
			err = -EINVAL;
			break;
		}
		fprintf(f, "%s %d %04o %u %u %d %04o %u %u %s\n", change_kind_name(c->kind),
			c->old.exists, (unsigned)c->old.mode, (unsigned)c->old.uid,
			(unsigned)c->old.gid, c->new_exists, (unsigned)c->new_mode,
			(unsigned)c->new_uid, (unsigned)c->new_gid, c->target);
		err = write_blobs(id, i, c, sums, cause, causelen);
	}
	fprintf(f, "end %zu\n", cs->n);
	err = fsutil_close_stream(f, err);
	if (err == 0)
		err = write_blob(id, "changes", text, len, cause, causelen);
	if (err == 0)
		err = add_sum(sums, "changes", text, len);
	/* the last line counts the others: a cut sums file is seen */
	if (err == 0 && fflush(sums) != 0)
		err = -ENOMEM;
	for (i = 0, nsums = 0; err == 0 && sums_text != NULL && i < sums_len; i++)
		nsums += sums_text[i] == '\n';
	if (err == 0)
		fprintf(sums, "end %d\n", nsums);
	err = fsutil_close_stream(sums, err);
	if (err == 0)
		err = write_blob(id, "sums", sums_text, sums_len, cause, causelen);
	free(text);
	free(sums_text);
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

/* Whether entry directory `name` holds info: its recording is complete. */
static bool
has_info(int dfd, const char *name)
{
	char info[sizeof(((struct dirent *)0)->d_name) + 8];

	snprintf(info, sizeof(info), "%s/info", name);
	return faccessat(dfd, info, F_OK, AT_SYMLINK_NOFOLLOW) == 0;
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
		/* without info the entry was cut short before any change */
		if (id < 0 || !has_info(dirfd(dir), de->d_name))
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

/* Remove the regular files of directory dfd/name (temp files only, unless
 * all), then the directory when all. */
static void
clean_dir(int dfd, const char *name, bool all)
{
	struct dirent *de;
	struct stat st;
	DIR *dir;
	int fd;

	fd = openat(dfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return;
	dir = fdopendir(fd);
	if (dir == NULL) {
		close(fd);
		return;
	}
	while ((de = readdir(dir)) != NULL) {
		if (fstatat(dirfd(dir), de->d_name, &st, AT_SYMLINK_NOFOLLOW) < 0 ||
		    !S_ISREG(st.st_mode))
			continue;
		if (all || fsutil_is_temp_name(de->d_name, NULL))
			unlinkat(dirfd(dir), de->d_name, 0);
	}
	closedir(dir);
	if (all)
		unlinkat(dfd, name, AT_REMOVEDIR);
}

void
journal_clean(void)
{
	char cause[CAUSE_MAX];
	struct dirent *de;
	DIR *dir;
	int fd;

	fd = fsutil_open_dir(JOURNAL_DIR, cause, sizeof(cause));
	if (fd < 0)
		return;
	dir = fdopendir(fd);
	if (dir == NULL) {
		close(fd);
		return;
	}
	clean_dir(dirfd(dir), ".", false);
	while ((de = readdir(dir)) != NULL) {
		if (parse_id(de->d_name) < 0)
			continue;
		clean_dir(dirfd(dir), de->d_name, !has_info(dirfd(dir), de->d_name));
	}
	closedir(dir);
}
