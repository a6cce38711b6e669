/*
 * appconf.c: reading server configuration files through rootfs (see
 * appconf.h). Globs are expanded here, one directory at a time through
 * rootfs, so --root reads a fixture tree the way the server reads /.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "appconf.h"
#include "fsutil.h"
#include "rootfs.h"

void
appconf_setting(struct app_setting *s, int64_t value, const char *file, int line)
{
	s->value = value;
	s->set = true;
	snprintf(s->file, sizeof(s->file), "%s", file);
	s->line = line;
}

static int
fail(char *cause, size_t causelen, int err, const char *path, const char *why)
{
	snprintf(cause, causelen, "%s: %s", path, why != NULL ? why : strerror(-err));
	return err;
}

int
appconf_read(const char *path, char **text, char *cause, size_t causelen)
{
	struct stat st;
	size_t len;
	int fd, err;

	*text = NULL;
	fd = rootfs_open(path, O_RDONLY | O_NONBLOCK);
	if (fd < 0)
		return fail(cause, causelen, fd, path, NULL);
	if (fstat(fd, &st) < 0) {
		err = -errno;
		close(fd);
		return fail(cause, causelen, err, path, NULL);
	}
	if (S_ISDIR(st.st_mode)) {
		close(fd);
		return fail(cause, causelen, -EISDIR, path, "is a directory, not a file");
	}
	if (!S_ISREG(st.st_mode)) {
		close(fd);
		return fail(cause, causelen, -EINVAL, path, "not a regular file");
	}
	if (st.st_size > APP_FILE_MAX) {
		close(fd);
		snprintf(cause, causelen,
			 "%s: too large (%lld bytes; a configuration is read whole, "
			 "up to %d)",
			 path, (long long)st.st_size, APP_FILE_MAX);
		return -EFBIG;
	}
	err = fsutil_read_all(fd, APP_FILE_MAX, text, &len);
	close(fd);
	if (err == -EFBIG)
		snprintf(cause, causelen,
			 "%s: too large (over %d bytes; a configuration is read "
			 "whole)",
			 path, APP_FILE_MAX);
	else if (err < 0)
		fail(cause, causelen, err, path, NULL);
	return err;
}

int
appconf_read_included(const char *path, int *nfiles, char **text, char *cause, size_t causelen)
{
	int err;

	*text = NULL;
	if (*nfiles >= APP_FILES_MAX) {
		snprintf(cause, causelen, "%s: more than %d files included", path, APP_FILES_MAX);
		return -E2BIG;
	}
	err = appconf_read(path, text, cause, causelen);
	if (err == 0)
		(*nfiles)++;
	return err;
}

void
appconf_list_free(struct appconf_list *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	l->v = NULL;
	l->n = 0;
}

static int
list_add(struct appconf_list *l, const char *path)
{
	char **nv;

	if (l->n >= APP_FILES_MAX)
		return -E2BIG;
	nv = realloc(l->v, (l->n + 1) * sizeof(*nv));
	if (nv == NULL)
		return -ENOMEM;
	l->v = nv;
	l->v[l->n] = strdup(path);
	if (l->v[l->n] == NULL)
		return -ENOMEM;
	l->n++;
	return 0;
}

static int
cmp_path(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void
list_sort(struct appconf_list *l)
{
	if (l->n > 1)
		qsort(l->v, l->n, sizeof(*l->v), cmp_path);
}

bool
appconf_has_glob(const char *s)
{
	return strpbrk(s, "*?[") != NULL;
}

static bool
exists(const char *path)
{
	int fd = rootfs_open(path, O_RDONLY | O_NONBLOCK);

	if (fd >= 0) {
		close(fd);
		return true;
	}
	return fd != -ENOENT && fd != -ENOTDIR;
}

/* Directories one glob may read. A pattern that climbs back with ".."
 * between wildcards reads as many as there are entries to the power of
 * its wildcards, and a configuration must not hang the check (found by
 * fuzzing); real includes read a handful. */
#define GLOB_DIRS_MAX 4096

/* Expand the components of rest under prefix (a directory path, "" for /);
 * *dirs counts the directories read. */
static int
glob_from(const char *prefix, const char *rest, struct appconf_list *out, size_t *dirs, char *cause,
	  size_t causelen)
{
	char comp[APP_PATH_MAX], path[APP_PATH_MAX * 2];
	const char *slash = strchr(rest, '/');
	const char *tail = slash != NULL ? slash + 1 : "";
	size_t clen = slash != NULL ? (size_t)(slash - rest) : strlen(rest);
	struct dirent *de;
	DIR *dir;
	int err = 0;

	if (clen >= sizeof(comp))
		return fail(cause, causelen, -ENAMETOOLONG, rest, NULL);
	memcpy(comp, rest, clen);
	comp[clen] = '\0';
	if (clen == 0) /* "a//b" */
		return *tail != '\0' ? glob_from(prefix, tail, out, dirs, cause, causelen) : 0;
	if (!appconf_has_glob(comp)) {
		if (snprintf(path, sizeof(path), "%s/%s", prefix, comp) >= (int)sizeof(path))
			return fail(cause, causelen, -ENAMETOOLONG, prefix, NULL);
		if (*tail != '\0')
			return glob_from(path, tail, out, dirs, cause, causelen);
		return exists(path) ? list_add(out, path) : 0;
	}
	if (++*dirs > GLOB_DIRS_MAX)
		return -ELOOP;
	dir = rootfs_opendir(prefix[0] != '\0' ? prefix : "/");
	if (dir == NULL) {
		if (errno == ENOENT || errno == ENOTDIR)
			return 0;
		return fail(cause, causelen, -errno, prefix[0] != '\0' ? prefix : "/", NULL);
	}
	while (err == 0 && (de = readdir(dir)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		if (de->d_name[0] == '.' && comp[0] != '.')
			continue;
		if (fnmatch(comp, de->d_name, 0) != 0)
			continue;
		if (snprintf(path, sizeof(path), "%s/%s", prefix, de->d_name) >= (int)sizeof(path))
			err = fail(cause, causelen, -ENAMETOOLONG, prefix, NULL);
		else if (*tail != '\0')
			err = glob_from(path, tail, out, dirs, cause, causelen);
		else
			err = list_add(out, path);
	}
	closedir(dir);
	return err;
}

int
appconf_glob(const char *pattern, struct appconf_list *out, char *cause, size_t causelen)
{
	size_t dirs = 0;
	int err;

	out->v = NULL;
	out->n = 0;
	if (!appconf_has_glob(pattern))
		return list_add(out, pattern);
	if (pattern[0] != '/')
		return fail(cause, causelen, -EINVAL, pattern, "not an absolute path");
	err = glob_from("", pattern + 1, out, &dirs, cause, causelen);
	if (err == -E2BIG)
		snprintf(cause, causelen, "%s: matches more than %d files", pattern, APP_FILES_MAX);
	else if (err == -ELOOP)
		snprintf(cause, causelen, "%s: reads more than %d directories", pattern,
			 GLOB_DIRS_MAX);
	else if (err == -ENOMEM)
		snprintf(cause, causelen, "%s: out of memory", pattern);
	if (err < 0) {
		appconf_list_free(out);
		return err;
	}
	list_sort(out);
	return 0;
}

static bool
ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && strcmp(s + n - m, suffix) == 0;
}

int
appconf_dir(const char *dir, const char *suffix, struct appconf_list *out, char *cause,
	    size_t causelen)
{
	char path[APP_PATH_MAX * 2], base[APP_PATH_MAX];
	size_t blen = strlen(dir);
	struct dirent *de;
	struct stat st;
	DIR *d;
	int err = 0, fd;

	out->v = NULL;
	out->n = 0;
	/* "!includedir /etc/mysql/conf.d/": no doubled slash in the paths. */
	while (blen > 1 && dir[blen - 1] == '/')
		blen--;
	if (blen >= sizeof(base))
		return fail(cause, causelen, -ENAMETOOLONG, dir, NULL);
	memcpy(base, dir, blen);
	base[blen] = '\0';
	dir = base;
	d = rootfs_opendir(dir);
	if (d == NULL)
		return fail(cause, causelen, -errno, dir, NULL);
	while (err == 0 && (de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.' || !ends_with(de->d_name, suffix))
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
		/* Directories and sockets in an include directory are skipped, as
		 * the servers skip them. */
		fd = rootfs_open(path, O_RDONLY | O_NONBLOCK);
		if (fd >= 0) {
			bool reg = fstat(fd, &st) == 0 && S_ISREG(st.st_mode);
			close(fd);
			if (!reg)
				continue;
		}
		err = list_add(out, path);
	}
	closedir(d);
	if (err < 0) {
		snprintf(cause, causelen, "%s: %s", dir,
			 err == -E2BIG ? "too many files" : strerror(-err));
		appconf_list_free(out);
		return err;
	}
	list_sort(out);
	return 0;
}

int
appconf_join(const char *dir, const char *rel, char *out, size_t size)
{
	int n;

	if (rel[0] == '/')
		n = snprintf(out, size, "%s", rel);
	else if (dir[0] == '\0' || strcmp(dir, "/") == 0)
		n = snprintf(out, size, "/%s", rel);
	else
		n = snprintf(out, size, "%s/%s", dir, rel);
	return n < 0 || (size_t)n >= size ? -ENAMETOOLONG : 0;
}

void
appconf_dirname(const char *path, char *out, size_t size)
{
	const char *slash = strrchr(path, '/');

	if (slash == NULL)
		snprintf(out, size, ".");
	else if (slash == path)
		snprintf(out, size, "/");
	else
		snprintf(out, size, "%.*s", (int)(slash - path), path);
}

const char *
appconf_basename(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash != NULL ? slash + 1 : path;
}
