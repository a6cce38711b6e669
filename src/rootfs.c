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
#include <sys/stat.h>
#include <unistd.h>

#include "parse.h"
#include "platform.h"
#include "rootfs.h"

static int root_fd = -1;
static char root_dir[PATH_MAX] = "/";

/* Kept descriptors for the live view (see rootfs_cache_enable). */
#define CACHE_SLOTS    256
#define CACHE_PATH_MAX 96

struct cache_slot {
	char path[CACHE_PATH_MAX];
	int fd;
};

static struct cache_slot cache[CACHE_SLOTS];
static size_t cache_used;
static bool cache_on;

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

/* Does path climb above its root with ".." components? Under --root that
 * would leave the tree (a /proc/PID/cgroup line can say "0::/../../etc");
 * ".." inside the tree is a path an include may take. */
static bool
climbs_out(const char *path)
{
	const char *p = path;
	long depth = 0;

	while (*p != '\0') {
		size_t len = strcspn(p, "/");

		if (len == 2 && p[0] == '.' && p[1] == '.') {
			if (--depth < 0)
				return true;
		} else if (len > 0 && !(len == 1 && p[0] == '.')) {
			depth++;
		}
		p += len + (p[len] == '/');
	}
	return false;
}

/* rel under root_fd, refusing a symlink at any directory on the way
 * (where the platform cannot resolve inside a directory): a link there
 * could lead out of the tree. */
static int
open_walk(const char *rel, int flags)
{
	char comp[NAME_MAX + 1];
	const char *p = rel, *slash;
	int fd = root_fd, nfd;

	while ((slash = strchr(p, '/')) != NULL) {
		size_t len = (size_t)(slash - p);

		if (len > NAME_MAX) {
			nfd = -ENAMETOOLONG;
		} else if (len == 0) {
			p = slash + 1;
			continue;
		} else {
			memcpy(comp, p, len);
			comp[len] = '\0';
			nfd = openat(fd, comp, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
			nfd = nfd < 0 ? (errno == ENOTDIR ? -ELOOP : -errno) : nfd;
		}
		if (fd != root_fd)
			close(fd);
		if (nfd < 0)
			return nfd;
		fd = nfd;
		p = slash + 1;
	}
	nfd = openat(fd, *p != '\0' ? p : ".", flags | O_CLOEXEC);
	nfd = nfd < 0 ? -errno : nfd;
	if (fd != root_fd)
		close(fd);
	return nfd;
}

int
rootfs_open(const char *path, int flags)
{
	int fd;

	if (path[0] != '/')
		return -EINVAL;
	if (root_fd < 0 || rootfs_is_live()) {
		fd = open(path, flags | O_CLOEXEC);
		return fd < 0 ? -errno : fd;
	}
	if (climbs_out(path))
		return -EXDEV;
	/* "/" is the tree itself: openat of "" would fail */
	path += strspn(path, "/");
	fd = platform_open_in_root(root_fd, *path != '\0' ? path : ".", flags | O_CLOEXEC);
	return fd == -ENOSYS ? open_walk(path, flags) : fd;
}

void
rootfs_cache_enable(bool on)
{
	cache_on = on;
	if (!on)
		rootfs_cache_drop("/");
}

void
rootfs_cache_drop(const char *prefix)
{
	size_t i, kept = 0, plen = strlen(prefix);

	for (i = 0; i < cache_used; i++) {
		if (strncmp(cache[i].path, prefix, plen) == 0)
			close(cache[i].fd);
		else
			cache[kept++] = cache[i];
	}
	cache_used = kept;
}

/* A kept descriptor for path, opened on first use; -errno on failure.
 * *kept tells the caller whether to close it after use. */
static int
cache_fd(const char *path, int flags, bool *kept)
{
	size_t i;
	int fd;

	*kept = false;
	if (cache_on) {
		for (i = 0; i < cache_used; i++) {
			if (strcmp(cache[i].path, path) == 0) {
				*kept = true;
				return cache[i].fd;
			}
		}
	}
	fd = (flags & O_DIRECTORY) ? rootfs_open(path, flags) : rootfs_open_regular(path);
	if (fd < 0)
		return fd;
	if (cache_on && cache_used < CACHE_SLOTS && strlen(path) < CACHE_PATH_MAX) {
		snprintf(cache[cache_used].path, CACHE_PATH_MAX, "%s", path);
		cache[cache_used++].fd = fd;
		*kept = true;
	}
	return fd;
}

int
rootfs_open_regular(const char *path)
{
	struct stat st;
	int fd;

	/* O_NONBLOCK: opening a FIFO planted in a tree must not wait for a
	 * writer; O_NOFOLLOW under --root: a link to an absolute path would
	 * read this machine's file instead of the tree's */
	fd = rootfs_open(path, O_RDONLY | O_NONBLOCK | (rootfs_is_live() ? 0 : O_NOFOLLOW));
	if (fd < 0)
		return fd;
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		int err = S_ISDIR(st.st_mode) ? -EISDIR : ROOTFS_ENOTREG;

		close(fd);
		return err;
	}
	return fd;
}

const char *
rootfs_strerror(int err)
{
	err = err > 0 ? -err : err;
	if (err == ROOTFS_ENOTREG)
		return "not a regular file (refused)";
	if (err == -ELOOP)
		return "a symlink (refused under --root)";
	if (err == -EFBIG)
		return "larger than headroom reads (refused, not cut)";
	if (err == -EXDEV)
		return "leads out of the --root tree (refused)";
	return strerror(-err);
}

/* pread that retries on EINTR: bytes, 0 at the end, or -errno. */
static ssize_t
pread_retry(int fd, void *buf, size_t len, off_t off)
{
	ssize_t n;

	do
		n = pread(fd, buf, len, off);
	while (n < 0 && errno == EINTR);
	return n < 0 ? -errno : n;
}

/* Up to size - 1 bytes of path from offset 0 into buf, NUL-terminated;
 * *more tells whether the file holds more. */
static ssize_t
read_into(const char *path, char *buf, size_t size, bool *more)
{
	size_t len = 0;
	ssize_t n = 0;
	bool kept;
	char extra;
	int fd;

	*more = false;
	if (size == 0)
		return -EINVAL;
	fd = cache_fd(path, O_RDONLY, &kept);
	if (fd < 0)
		return fd;
	/* pread from 0: /proc files regenerate their content on each read. */
	while (len < size - 1 && (n = pread_retry(fd, buf + len, size - 1 - len, (off_t)len)) > 0)
		len += (size_t)n;
	/* the buffer is full: one more byte says whether the file goes on */
	if (n >= 0 && len == size - 1)
		*more = (n = pread_retry(fd, &extra, 1, (off_t)len)) == 1;
	if (!kept)
		close(fd);
	if (n < 0)
		return n;
	buf[len] = '\0';
	return (ssize_t)len;
}

ssize_t
rootfs_read(const char *path, char *buf, size_t size)
{
	bool more;
	ssize_t n = read_into(path, buf, size, &more);

	if (n >= 0 && more) {
		buf[0] = '\0';
		return -EFBIG;
	}
	return n;
}

ssize_t
rootfs_read_head(const char *path, char *buf, size_t size)
{
	bool more;

	return read_into(path, buf, size, &more);
}

ssize_t
rootfs_read_whole(const char *path, char *buf, size_t size)
{
	return rootfs_read(path, buf, size);
}

ssize_t
rootfs_read_alloc(const char *path, char **out, size_t max)
{
	size_t size = max < 4096 ? max + 1 : 4096;
	ssize_t n;

	*out = NULL;
	for (;;) {
		char *buf = realloc(*out, size);

		if (buf == NULL) {
			free(*out);
			*out = NULL;
			return -ENOMEM;
		}
		*out = buf;
		n = rootfs_read(path, buf, size);
		if (n != -EFBIG || size > max)
			break;
		size = size * 4 > max + 1 ? max + 1 : size * 4;
	}
	if (n < 0) {
		free(*out);
		*out = NULL;
	}
	return n;
}

int64_t
rootfs_count_dir(const char *path)
{
	int64_t count;
	bool kept;
	int fd;

	fd = cache_fd(path, O_RDONLY | O_DIRECTORY, &kept);
	if (fd < 0)
		return fd;
	if (lseek(fd, 0, SEEK_SET) < 0) {
		count = -errno;
		goto out;
	}
	count = platform_count_dir(fd);
out:
	if (!kept)
		close(fd);
	return count;
}

int
rootfs_read_i64(const char *path, int64_t *value)
{
	char buf[64];
	ssize_t n;

	n = rootfs_read(path, buf, sizeof(buf));
	if (n < 0)
		return (int)n;
	/* The kernel ends the number with a newline. */
	while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == ' ' || buf[n - 1] == '\t'))
		buf[--n] = '\0';
	return parse_i64(buf, INT64_MIN, INT64_MAX, value) < 0 ? -EINVAL : 0;
}

int
rootfs_sysctl_path(const char *key, char *out, size_t size)
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

	err = rootfs_sysctl_path(key, path, sizeof(path));
	if (err < 0)
		return err;
	return rootfs_read(path, buf, size);
}

int
rootfs_read_sysctl_i64(const char *key, int64_t *value)
{
	char path[PATH_MAX];
	int err;

	err = rootfs_sysctl_path(key, path, sizeof(path));
	if (err < 0)
		return err;
	return rootfs_read_i64(path, value);
}

int
rootfs_read_port_range(int64_t *lo, int64_t *hi, char *cause, size_t causelen)
{
	char buf[64];
	int64_t v[2];
	ssize_t n = rootfs_read_sysctl(ROOTFS_PORT_RANGE, buf, sizeof(buf));

	if (n >= 0 && parse_i64_list(buf, v, 2) == 2 && v[0] >= 1 && v[0] <= v[1] &&
	    v[1] <= 65535) {
		*lo = v[0];
		*hi = v[1];
		return 0;
	}
	*lo = ROOTFS_PORT_LO_DEFAULT;
	*hi = ROOTFS_PORT_HI_DEFAULT;
	snprintf(cause, causelen, "%s unreadable (%s): kernel default %d-%d", ROOTFS_PORT_RANGE,
		 n < 0 ? rootfs_strerror((int)n) : "not two ports, low then high, in 1..65535",
		 ROOTFS_PORT_LO_DEFAULT, ROOTFS_PORT_HI_DEFAULT);
	return n < 0 ? (int)n : -EINVAL;
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
