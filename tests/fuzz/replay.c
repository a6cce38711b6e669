/*
 * replay.c: a fuzz harness as a plain program, for make check and for
 * replaying a crasher with any compiler (gcc, with or without the
 * sanitizers of --enable-sanitizers).
 *
 *   tests/fuzz/replay-NAME FILE|DIR...   run the harness on each input
 *   tests/fuzz/replay-NAME               its seeds (tests/fuzz/seeds) and
 *                                        regression inputs (regress/NAME/)
 *
 * NAME comes from the program's name; the source tree from $top_srcdir
 * (make check sets it), else ".". A seed pattern that matches nothing is
 * an error: a renamed fixture must not quietly shrink the corpus.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz.h"

/* Harnesses without an initialiser get this one. */
__attribute__((weak)) int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	return 0;
}

static size_t replayed;

static int
replay_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	uint8_t *data = NULL;
	size_t len = 0, cap = 0, n;

	if (f == NULL) {
		fprintf(stderr, "replay: %s: %s\n", path, strerror(errno));
		return -1;
	}
	do {
		if (len == cap) {
			cap = cap ? cap * 2 : 4096;
			data = realloc(data, cap);
			if (data == NULL)
				abort();
		}
		n = fread(data + len, 1, cap - len, f);
		len += n;
	} while (n > 0);
	if (ferror(f)) {
		fprintf(stderr, "replay: %s: read error\n", path);
		fclose(f);
		free(data);
		return -1;
	}
	fclose(f);
	LLVMFuzzerTestOneInput(data, len);
	free(data);
	replayed++;
	return 0;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* A file, or every regular file of a directory in name order. */
static int
replay_path(const char *path)
{
	struct stat st;
	struct dirent *de;
	char **names = NULL, full[4096];
	size_t n = 0, i;
	int err = 0;
	DIR *d;

	if (stat(path, &st) < 0) {
		fprintf(stderr, "replay: %s: %s\n", path, strerror(errno));
		return -1;
	}
	if (!S_ISDIR(st.st_mode))
		return replay_file(path);
	d = opendir(path);
	if (d == NULL) {
		fprintf(stderr, "replay: %s: %s\n", path, strerror(errno));
		return -1;
	}
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		names = realloc(names, (n + 1) * sizeof(*names));
		if (names == NULL || (names[n] = strdup(de->d_name)) == NULL)
			abort();
		n++;
	}
	closedir(d);
	if (n > 0)
		qsort(names, n, sizeof(*names), cmp_str);
	for (i = 0; i < n; i++) {
		snprintf(full, sizeof(full), "%s/%s", path, names[i]);
		if (stat(full, &st) == 0 && S_ISREG(st.st_mode) && replay_file(full) < 0)
			err = -1;
		free(names[i]);
	}
	free(names);
	return err;
}

/* The patterns of NAME's line in tests/fuzz/seeds, each expanded. */
static int
replay_seeds(const char *srcdir, const char *name)
{
	char path[4096], line[4096], *tok, *save;
	int err = 0, found = 0;
	FILE *f;

	snprintf(path, sizeof(path), "%s/tests/fuzz/seeds", srcdir);
	f = fopen(path, "r");
	if (f == NULL) {
		fprintf(stderr, "replay: %s: %s\n", path, strerror(errno));
		return -1;
	}
	while (fgets(line, sizeof(line), f) != NULL) {
		tok = strtok_r(line, " \t\n", &save);
		if (tok == NULL || tok[0] == '#' || strcmp(tok, name) != 0)
			continue;
		found = 1;
		while ((tok = strtok_r(NULL, " \t\n", &save)) != NULL) {
			glob_t g;
			size_t i;

			snprintf(path, sizeof(path), "%s/%s", srcdir, tok);
			if (glob(path, 0, NULL, &g) != 0) {
				fprintf(stderr, "replay: seed pattern %s matches nothing\n", tok);
				err = -1;
				continue;
			}
			for (i = 0; i < g.gl_pathc; i++)
				if (replay_path(g.gl_pathv[i]) < 0)
					err = -1;
			globfree(&g);
		}
	}
	fclose(f);
	if (!found) {
		fprintf(stderr, "replay: no line for %s in tests/fuzz/seeds\n", name);
		err = -1;
	}
	return err;
}

int
main(int argc, char **argv)
{
	const char *name = strrchr(argv[0], '/'), *srcdir = getenv("top_srcdir");
	char regress[4096];
	struct stat st;
	size_t seeds;
	int i, err = 0;

	name = name ? name + 1 : argv[0];
	if (strncmp(name, "replay-", 7) == 0)
		name += 7;
	LLVMFuzzerInitialize(&argc, &argv);
	if (argc > 1) {
		for (i = 1; i < argc; i++)
			if (replay_path(argv[i]) < 0)
				err = -1;
		printf("replay-%s: %zu inputs\n", name, replayed);
		return err < 0 ? 1 : 0;
	}
	if (srcdir == NULL || srcdir[0] == '\0')
		srcdir = ".";
	err = replay_seeds(srcdir, name);
	seeds = replayed;
	snprintf(regress, sizeof(regress), "%s/tests/fuzz/regress/%s", srcdir, name);
	if (stat(regress, &st) == 0 && replay_path(regress) < 0)
		err = -1;
	printf("replay-%s: %zu seeds, %zu regression inputs, no crash\n", name, seeds,
	       replayed - seeds);
	if (seeds == 0) {
		fprintf(stderr, "replay-%s: no seeds\n", name);
		err = -1;
	}
	return err < 0 ? 1 : 0;
}
