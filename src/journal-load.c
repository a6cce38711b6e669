/*
 * journal-load.c: reading a journal entry back (journal-store.c writes it).
 * Nothing read back is trusted before its sum matches: a damaged entry is
 * refused (-EBADMSG, the cause naming the file) instead of written back.
 * The layout is in journal-store.c.
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

/* --- reading an entry back, verified --- */

struct sum_entry {
	char name[32];
	size_t len;
	uint64_t sum;
};

struct sums {
	struct sum_entry *v;
	size_t n;
};

/* Say that file `name` of entry id cannot be trusted; returns -EBADMSG. */
static int
damaged(int id, const char *name, const char *what, char *cause, size_t causelen)
{
	char path[ENTRY_PATH_MAX], shown[PATH_MAX];

	journal_entry_path(id, name, path, sizeof(path));
	if (rootfs_path(path, shown, sizeof(shown)) < 0)
		snprintf(shown, sizeof(shown), "%s", path);
	snprintf(cause, causelen, "journal entry %d is damaged: %s %s; refusing to trust it", id,
		 shown, what);
	return -EBADMSG;
}

static int
read_entry_file(int id, const char *name, struct fsutil_file *f, char *cause, size_t causelen)
{
	char path[ENTRY_PATH_MAX];
	int err;

	journal_entry_path(id, name, path, sizeof(path));
	err = fsutil_read(path, f, cause, causelen);
	if (err == 0 && !f->exists)
		return damaged(id, name, "is missing", cause, causelen);
	return err;
}

/* The text's lines up to a last "end N" line, N counting them: -1 when
 * the text does not end so (cut short, or grown). */
static long
complete_lines(const char *text, size_t len)
{
	const char *last;
	long lines = 0, want;
	size_t i;
	char *end;

	if (len < 6 || text[len - 1] != '\n' || strlen(text) != len)
		return -1;
	for (i = 0; i + 1 < len; i++)
		lines += text[i] == '\n';
	last = text + len - 1;
	while (last > text && last[-1] != '\n')
		last--;
	if (strncmp(last, "end ", 4) != 0 || last[4] < '0' || last[4] > '9')
		return -1;
	want = strtol(last + 4, &end, 10);
	return *end == '\n' && want == lines ? lines : -1;
}

static int
read_sums(int id, struct sums *sums, char *cause, size_t causelen)
{
	char *line, *save = NULL;
	struct fsutil_file f;
	long lines;
	int err;

	memset(sums, 0, sizeof(*sums));
	err = read_entry_file(id, "sums", &f, cause, causelen);
	if (err < 0)
		return err;
	lines = complete_lines(f.data, f.len);
	if (lines < 0) {
		fsutil_file_free(&f);
		return damaged(id, "sums", "is cut short or malformed", cause, causelen);
	}
	sums->v = calloc((size_t)lines + 1, sizeof(*sums->v));
	for (line = strtok_r(f.data, "\n", &save); sums->v != NULL && line != NULL && err == 0;
	     line = strtok_r(NULL, "\n", &save)) {
		struct sum_entry *s = &sums->v[sums->n];

		if (strncmp(line, "end ", 4) == 0)
			break;
		if (sscanf(line, "%16" SCNx64 " %zu %31s", &s->sum, &s->len, s->name) != 3)
			err = damaged(id, "sums", "has a malformed line", cause, causelen);
		sums->n++;
	}
	fsutil_file_free(&f);
	if (sums->v == NULL)
		return -ENOMEM;
	if (err < 0) {
		free(sums->v);
		sums->v = NULL;
	}
	return err;
}

/* Read file `name` of the entry and check it against its sum. */
static int
read_verified(int id, const struct sums *sums, const char *name, struct fsutil_file *f, char *cause,
	      size_t causelen)
{
	const struct sum_entry *s = NULL;
	size_t i;
	int err;

	for (i = 0; i < sums->n && s == NULL; i++) {
		if (strcmp(sums->v[i].name, name) == 0)
			s = &sums->v[i];
	}
	if (s == NULL)
		return damaged(id, name, "has no checksum in sums", cause, causelen);
	err = read_entry_file(id, name, f, cause, causelen);
	if (err < 0)
		return err;
	if (f->len != s->len || journal_sum(f->data, f->len) != s->sum) {
		fsutil_file_free(f);
		return damaged(id, name,
			       f->len != s->len ? "has the wrong size" : "fails its checksum",
			       cause, causelen);
	}
	return 0;
}

/* info ends with "sum SUM" of the bytes before that line. */
static int
check_info_sum(int id, const struct fsutil_file *f, char *cause, size_t causelen)
{
	const char *last;
	uint64_t want;

	if (f->len < 2 || f->data[f->len - 1] != '\n' || strlen(f->data) != f->len)
		return damaged(id, "info", "is cut short", cause, causelen);
	last = f->data + f->len - 1;
	while (last > f->data && last[-1] != '\n')
		last--;
	if (sscanf(last, "sum %16" SCNx64, &want) != 1 ||
	    journal_sum(f->data, (size_t)(last - f->data)) != want)
		return damaged(id, "info", "fails its checksum", cause, causelen);
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
	e->state = JOURNAL_BROKEN;
	journal_entry_path(id, "info", path, sizeof(path));
	err = fsutil_read(path, &f, cause, causelen);
	if (err < 0)
		return err;
	if (!f.exists)
		return -ENOENT;
	err = check_info_sum(id, &f, cause, causelen);
	for (line = strtok_r(f.data, "\n", &save); line != NULL && err == 0;
	     line = strtok_r(NULL, "\n", &save)) {
		if (sscanf(line, "%31s %127[^\n]", key, value) != 2)
			continue;
		if (strcmp(key, "created") == 0)
			snprintf(e->created, sizeof(e->created), "%.31s", value);
		else if (strcmp(key, "profile") == 0)
			snprintf(e->profile, sizeof(e->profile), "%.63s", value);
		else if (strcmp(key, "user") == 0)
			snprintf(e->user, sizeof(e->user), "%.63s", value);
		else if (strcmp(key, "state") == 0 && journal_state_parse(value, &e->state) < 0)
			err = damaged(id, "info", "names no known state", cause, causelen);
	}
	fsutil_file_free(&f);
	return err;
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
load_blob(int id, const struct sums *sums, size_t n, const char *suffix, char **data, size_t *len,
	  char *cause, size_t causelen)
{
	char name[32];
	struct fsutil_file f;
	int err;

	snprintf(name, sizeof(name), "%zu.%s", n, suffix);
	err = read_verified(id, sums, name, &f, cause, causelen);
	if (err < 0)
		return err;
	*data = f.data;
	*len = f.len;
	return 0;
}

/* Whether a journal target is well formed: a sysctl key, or a clean
 * absolute path. */
static bool
target_valid(enum change_kind k, const char *target)
{
	char cause[CAUSE_MAX];

	if (!journal_target_ok(target) || strlen(target) >= sizeof(((struct change *)0)->target))
		return false;
	if (k == CHANGE_SYSCTL)
		return sysctlkey_check_name(target, cause, sizeof(cause)) == 0;
	return target[0] == '/' && strstr(target, "/../") == NULL &&
	       strstr(target, "/./") == NULL && strstr(target, "//") == NULL;
}

/* One line of `changes` into a change, with its blobs. */
static int
load_change(struct journal_entry *e, const struct sums *sums, const char *line, char *cause,
	    size_t causelen)
{
	unsigned om, ou, og, nm, nu, ng;
	int oe, ne, pos = -1, err = 0;
	enum change_kind k;
	const char *target;
	struct change *c;
	char kind[16];

	/* the target is the rest of the line: a blank in it is never cut */
	if (sscanf(line, "%15s %d %o %u %u %d %o %u %u %n", kind, &oe, &om, &ou, &og, &ne, &nm, &nu,
		   &ng, &pos) != 9 ||
	    pos < 0 || parse_kind(kind, &k) < 0 || !target_valid(k, target = line + pos))
		return damaged(e->id, "changes", "has a malformed line", cause, causelen);
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
		err = load_blob(e->id, sums, e->cs.n, "old", &c->old.data, &c->old.len, cause,
				causelen);
	if (err == 0 && c->new_exists)
		err = load_blob(e->id, sums, e->cs.n, "new", &c->new_data, &c->new_len, cause,
				causelen);
	return err;
}

static int
load_changes(struct journal_entry *e, const struct sums *sums, char *cause, size_t causelen)
{
	char *line, *save = NULL;
	struct fsutil_file f;
	int err;

	err = read_verified(e->id, sums, "changes", &f, cause, causelen);
	if (err < 0)
		return err;
	if (complete_lines(f.data, f.len) < 0)
		err = damaged(e->id, "changes", "is cut short", cause, causelen);
	for (line = strtok_r(f.data, "\n", &save); line != NULL && err == 0;
	     line = strtok_r(NULL, "\n", &save)) {
		if (strncmp(line, "end ", 4) == 0)
			break;
		err = load_change(e, sums, line, cause, causelen);
	}
	fsutil_file_free(&f);
	return err;
}

int
journal_load(int id, struct journal_entry *e, char *cause, size_t causelen)
{
	struct sums sums;
	int err;

	err = read_info(id, e, cause, causelen);
	if (err == -ENOENT)
		snprintf(cause, causelen, "no journal entry %d (see headroom history)", id);
	if (err < 0)
		return err;
	err = read_sums(id, &sums, cause, causelen);
	if (err == 0)
		err = load_changes(e, &sums, cause, causelen);
	free(sums.v);
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
	char why[CAUSE_MAX];
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

		err = journal_load(ids[i], e, why, sizeof(why));
		if (err == -ENOENT)
			continue; /* removed meanwhile */
		if (err == -EBADMSG) {
			e->damaged = true; /* listed, so history shows it */
		} else if (err < 0) {
			free(*list);
			*list = NULL;
			free(ids);
			snprintf(cause, causelen, "%s", why);
			return err;
		}
		e->id = ids[i];
		journal_entry_free(e);
		(*n)++;
	}
	free(ids);
	return 0;
}
