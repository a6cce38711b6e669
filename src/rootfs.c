/*
 * rootfs.c: root-relative file access. With --root DIR every absolute
 * path is opened relative to a directory descriptor for DIR (openat), so
 * a fixture tree or a mounted image is read exactly like the live system.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "rootfs.h"

static int root_fd = -1;
static char root_dir[PATH_MAX] = "/";

int
rootfs_init(const char *dir)
{
	int fd;

	if (dir == NULL || dir[0] == '\0')
		dir = "/";
	fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	if (root_fd >= 0)
		close(root_fd);
	root_fd = fd;
	snprintf(root_dir, sizeof(root_dir), "%s", dir);
	return 0;
}

const char *
rootfs_dir(void)
{
	return root_dir;
}

bool
rootfs_is_live(void)
{
	return strcmp(root_dir, "/") == 0;
}

int
rootfs_open(const char *path, int flags)
{
	int fd;

	if (path[0] != '/')
		return -EINVAL;
	if (root_fd < 0 || rootfs_is_live())
		fd = open(path, flags | O_CLOEXEC);
	else
		fd = openat(root_fd, path + 1, flags | O_CLOEXEC);
	return fd < 0 ? -errno : fd;
}

ssize_t
rootfs_read(const char *path, char *buf, size_t size)
{
	size_t len = 0;
	ssize_t n;
	int fd, err = 0;

	if (size == 0)
		return -EINVAL;
	fd = rootfs_open(path, O_RDONLY);
	if (fd < 0)
		return fd;
	while (len < size - 1) {
		n = read(fd, buf + len, size - 1 - len);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			err = -errno;
			break;
		}
		if (n == 0)
			break;
		len += (size_t)n;
	}
	close(fd);
	if (err != 0)
		return err;
	buf[len] = '\0';
	return (ssize_t)len;
}

int
rootfs_read_i64(const char *path, int64_t *value)
{
	char buf[64], *end;
	long long v;
	ssize_t n;

	n = rootfs_read(path, buf, sizeof(buf));
	if (n < 0)
		return (int)n;
	errno = 0;
	v = strtoll(buf, &end, 10);
	if (end == buf || errno != 0)
		return -EINVAL;
	while (*end == '\n' || *end == ' ' || *end == '\t')
		end++;
	if (*end != '\0')
		return -EINVAL;
	*value = v;
	return 0;
}

static int
sysctl_path(const char *key, char *out, size_t size)
{
	size_t i, off;
	int n;

	n = snprintf(out, size, "/proc/sys/%s", key);
	if (n < 0 || (size_t)n >= size)
		return -ENAMETOOLONG;
	/* Dots become slashes, as sysctl(8) does; keys never hold '/'. */
	off = strlen("/proc/sys/");
	for (i = off; out[i] != '\0'; i++) {
		if (out[i] == '/')
			return -EINVAL;
		if (out[i] == '.')
			out[i] = '/';
	}
	return 0;
}

ssize_t
rootfs_read_sysctl(const char *key, char *buf, size_t size)
{
	char path[PATH_MAX];
	int err;

	err = sysctl_path(key, path, sizeof(path));
	if (err < 0)
		return err;
	return rootfs_read(path, buf, size);
}

int
rootfs_read_sysctl_i64(const char *key, int64_t *value)
{
	char path[PATH_MAX];
	int err;

	err = sysctl_path(key, path, sizeof(path));
	if (err < 0)
		return err;
	return rootfs_read_i64(path, value);
}

int
rootfs_path(const char *path, char *out, size_t size)
{
	int n;

	if (rootfs_is_live())
		n = snprintf(out, size, "%s", path);
	else
		n = snprintf(out, size, "%s%s", root_dir, path);
	if (n < 0 || (size_t)n >= size)
		return -ENAMETOOLONG;
	return 0;
}

DIR *
rootfs_opendir(const char *path)
{
	DIR *dir;
	int fd;

	fd = rootfs_open(path, O_RDONLY | O_DIRECTORY);
	if (fd < 0) {
		errno = -fd;
		return NULL;
	}
	dir = fdopendir(fd);
	if (dir == NULL) {
		int saved = errno;
		close(fd);
		errno = saved;
	}
	return dir;
}
