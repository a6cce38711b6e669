/*
 * fuzz.c: the harnesses' shared helpers (fuzz.h).
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fuzz.h"
#include "rootfs.h"

void
fuzz_split(const uint8_t *data, size_t size, struct fuzz_parts *p)
{
	size_t i, start = 0;

	memset(p, 0, sizeof(*p));
	p->buf = malloc(size + 1);
	if (p->buf == NULL)
		abort();
	if (size > 0)
		memcpy(p->buf, data, size);
	p->buf[size] = '\0';
	p->part[0] = p->buf;
	p->n = 1;
	for (i = 0; i < size && p->n < FUZZ_PARTS_MAX; i++) {
		if (p->buf[i] != '\0')
			continue;
		p->len[p->n - 1] = i - start;
		start = i + 1;
		p->part[p->n++] = p->buf + start;
	}
	p->len[p->n - 1] = size - start;
}

void
fuzz_parts_free(struct fuzz_parts *p)
{
	free(p->buf);
	p->buf = NULL;
}

const char *
fuzz_part(const struct fuzz_parts *p, size_t i)
{
	return i < p->n ? p->part[i] : "";
}

static char root[256];

static int
remove_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	remove(path);
	return 0;
}

static void
remove_root(void)
{
	if (root[0] != '\0')
		nftw(root, remove_one, 16, FTW_DEPTH | FTW_PHYS);
}

const char *
fuzz_root(void)
{
	const char *tmp = getenv("TMPDIR");

	if (root[0] != '\0')
		return root;
	snprintf(root, sizeof(root), "%s/headroom-fuzz-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (mkdtemp(root) == NULL || rootfs_init(root) < 0) {
		perror(root);
		abort();
	}
	atexit(remove_root);
	return root;
}

static void
make_dirs(char *path)
{
	char *slash;

	for (slash = strchr(path + 1, '/'); slash != NULL; slash = strchr(slash + 1, '/')) {
		*slash = '\0';
		if (mkdir(path, 0755) < 0 && errno != EEXIST) {
			perror(path);
			abort();
		}
		*slash = '/';
	}
}

void
fuzz_put(const char *path, const char *text, size_t len)
{
	char real[1024];
	int fd;

	snprintf(real, sizeof(real), "%s%s", fuzz_root(), path);
	/* Unlink, then create: truncating a file with data makes ext4 flush
	 * it on close (auto_da_alloc), a disk wait per execution. */
	unlink(real);
	if (text == NULL)
		return;
	make_dirs(real);
	fd = open(real, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
	if (fd < 0 || (len > 0 && write(fd, text, len) != (ssize_t)len) || close(fd) < 0) {
		perror(real);
		abort();
	}
}

void
fuzz_put_parts(const struct fuzz_parts *p, const char *dir, const char *suffix)
{
	char path[512];
	size_t i;

	for (i = 0; i < FUZZ_PARTS_MAX; i++) {
		snprintf(path, sizeof(path), "%s/%zu%s", dir, i, suffix);
		fuzz_put(path, i < p->n ? p->part[i] : NULL, i < p->n ? p->len[i] : 0);
	}
}
