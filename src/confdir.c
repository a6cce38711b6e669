/*
 * confdir.c: see confdir.h.
 */
#include "config.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "confdir.h"

static int
compare_files(const void *a, const void *b)
{
	const struct confdir_file *x = a, *y = b;
	int c = strcmp(x->name, y->name);

	if (c != 0)
		return c;
	return x->dir < y->dir ? -1 : x->dir > y->dir;
}

static bool
is_conf(const char *name)
{
	size_t len = strlen(name);

	return name[0] != '.' && len > 5 && strcmp(name + len - 5, ".conf") == 0 &&
	       len < sizeof(((struct confdir_file *)0)->name);
}

/* Append the *.conf files of one directory; returns the new count, or
 * CONFDIR_TOO_MANY. */
static size_t
scan(DIR *dir, size_t index, struct confdir_file *out, size_t n, size_t max)
{
	struct dirent *e;

	while ((e = readdir(dir)) != NULL) {
		if (!is_conf(e->d_name))
			continue;
		if (n == max)
			return CONFDIR_TOO_MANY;
		strcpy(out[n].name, e->d_name);
		out[n++].dir = index;
	}
	return n;
}

size_t
confdir_list(const char *const *dirs, size_t ndirs, DIR *(*open_dir)(const char *),
	     struct confdir_file *out, size_t max)
{
	size_t n = 0, kept = 0, i;

	for (i = 0; i < ndirs; i++) {
		DIR *dir = open_dir(dirs[i]);

		if (dir == NULL)
			continue;
		n = scan(dir, i, out, n, max);
		closedir(dir);
		if (n == CONFDIR_TOO_MANY)
			return n;
	}
	qsort(out, n, sizeof(out[0]), compare_files);
	/* Of equal names, the last directory's is the one read. */
	for (i = 0; i < n; i++) {
		if (i + 1 < n && strcmp(out[i].name, out[i + 1].name) == 0)
			continue;
		if (kept != i)
			out[kept] = out[i];
		kept++;
	}
	return kept;
}
