/*
 * tmptree.c: throw-away root directories for unit tests (see tmptree.h).
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "rootfs.h"
#include "tmptree.h"

static char tree[PATH_MAX];

const char *
tmptree_make(void)
{
	const char *tmp = getenv("TMPDIR");

	snprintf(tree, sizeof(tree), "%s/headroom-unit.XXXXXX",
		 tmp != NULL && tmp[0] != '\0' ? tmp : "/tmp");
	if (mkdtemp(tree) == NULL || rootfs_init(tree) < 0)
		return NULL;
	return tree;
}

/* mkdir -p of every parent of full (a path inside the tree). */
static int
make_parents(char *full)
{
	char *slash;

	for (slash = strchr(full + strlen(tree) + 1, '/'); slash != NULL;
	     slash = strchr(slash + 1, '/')) {
		*slash = '\0';
		if (mkdir(full, 0755) < 0 && errno != EEXIST) {
			*slash = '/';
			return -errno;
		}
		*slash = '/';
	}
	return 0;
}

static int
tree_path(const char *path, char *full, size_t size)
{
	if (path[0] != '/' || snprintf(full, size, "%s%s", tree, path) >= (int)size)
		return -EINVAL;
	return make_parents(full);
}

int
tmptree_write_bytes(const char *path, const void *data, size_t len)
{
	char full[PATH_MAX];
	int fd, err = tree_path(path, full, sizeof(full));

	if (err < 0)
		return err;
	fd = open(full, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0)
		return -errno;
	if (write(fd, data, len) != (ssize_t)len)
		err = -EIO;
	close(fd);
	return err;
}

int
tmptree_write(const char *path, const char *text)
{
	return tmptree_write_bytes(path, text, strlen(text));
}

int
tmptree_symlink(const char *target, const char *path)
{
	char full[PATH_MAX];
	int err = tree_path(path, full, sizeof(full));

	if (err < 0)
		return err;
	return symlink(target, full) < 0 ? -errno : 0;
}

static int
remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

void
tmptree_remove(void)
{
	if (tree[0] != '\0')
		nftw(tree, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
	tree[0] = '\0';
	rootfs_init("/");
}
