/*
 * fsutil-sysctl.c: sysctls read and written by dotted key under the root:
 * the live /proc/sys written in place, a --root tree's files replaced
 * atomically; every write read back and compared.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fault.h"
#include "fsutil.h"
#include "rootfs.h"

void
fsutil_normalize_value(const char *in, char *out, size_t size)
{
	size_t o = 0;
	bool blank = false;

	if (size == 0)
		return;
	for (; *in != '\0' && o + 1 < size; in++) {
		if (*in == ' ' || *in == '\t' || *in == '\n') {
			blank = o > 0;
			continue;
		}
		if (blank && o + 2 < size)
			out[o++] = ' ';
		blank = false;
		out[o++] = *in;
	}
	out[o] = '\0';
}

int
fsutil_sysctl_read_raw(const char *key, char *value, size_t size, char *cause, size_t causelen)
{
	char path[PATH_MAX], more;
	struct stat st;
	ssize_t n;
	int fd, err;

	err = rootfs_sysctl_path(key, path, sizeof(path));
	if (err < 0)
		return fsutil_fail(err, "/proc/sys", key, cause, causelen);
	/* O_NONBLOCK and a regular file only: a FIFO in a tree never hangs */
	fd = fsutil_open_file(path, O_RDONLY | O_NONBLOCK, 0, cause, causelen);
	if (fd < 0)
		return fd;
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return fsutil_fail(-EINVAL, path, "not a regular file", cause, causelen);
	}
	n = read(fd, value, size - 1);
	err = n < 0 ? -errno : 0;
	if (err == 0 && (size_t)n == size - 1 && read(fd, &more, 1) > 0)
		err = -EFBIG; /* never a cut value: it would be restored cut */
	close(fd);
	if (err < 0)
		return fsutil_fail(err, path, err == -EFBIG ? "value too large" : "read", cause,
				   causelen);
	value[n] = '\0';
	return 0;
}

int
fsutil_sysctl_read(const char *key, char *value, size_t size, char *cause, size_t causelen)
{
	char raw[4096];
	int err;

	err = fsutil_sysctl_read_raw(key, raw, sizeof(raw), cause, causelen);
	if (err == 0)
		fsutil_normalize_value(raw, value, size);
	return err;
}

/* Under --root a sysctl is a plain file: replace it atomically like any
 * other, so a kill never leaves it empty. */
static int
sysctl_write_file(const char *path, const char *line, size_t n, char *cause, size_t causelen)
{
	struct fsutil_file f;
	int err;

	err = fsutil_read(path, &f, cause, causelen);
	if (err == 0 && !f.exists)
		err = fsutil_fail(-ENOENT, path, "write", cause, causelen);
	if (err < 0)
		return err;
	err = fsutil_replace(path, line, n, f.mode, f.uid, f.gid, cause, causelen);
	fsutil_file_free(&f);
	return err;
}

/* The live /proc/sys: written in place, in one write() call, as the
 * kernel parses a sysctl per write (there is no file to lose). */
static int
sysctl_write_live(const char *path, const char *line, size_t n, char *cause, size_t causelen)
{
	ssize_t w;
	int fd, err = 0;

	fd = fsutil_open_file(path, O_WRONLY | O_TRUNC, 0, cause, causelen);
	if (fd < 0)
		return fd;
	fault_mid_change();
	w = write(fd, line, n);
	if (w < 0)
		err = -errno;
	else if ((size_t)w != n)
		err = -EIO;
	if (close(fd) < 0 && err == 0)
		err = -errno;
	return err < 0 ? fsutil_fail(err, path, "write", cause, causelen) : 0;
}

int
fsutil_sysctl_write(const char *key, const char *value, char *cause, size_t causelen)
{
	char path[PATH_MAX], line[4096], back[4096], want[4096];
	int err, n;

	err = rootfs_sysctl_path(key, path, sizeof(path));
	if (err < 0)
		return fsutil_fail(err, "/proc/sys", key, cause, causelen);
	/* A value read back raw (for revert) keeps its own newline and tabs. */
	n = snprintf(line, sizeof(line), "%s%s", value,
		     value[0] != '\0' && value[strlen(value) - 1] == '\n' ? "" : "\n");
	if (n < 0 || (size_t)n >= sizeof(line))
		return fsutil_fail(-E2BIG, path, "write", cause, causelen);
	if (rootfs_is_live())
		err = sysctl_write_live(path, line, (size_t)n, cause, causelen);
	else
		err = sysctl_write_file(path, line, (size_t)n, cause, causelen);
	if (err < 0)
		return err;
	err = fsutil_sysctl_read(key, back, sizeof(back), cause, causelen);
	if (err < 0)
		return err;
	fsutil_normalize_value(value, want, sizeof(want));
	if (strcmp(back, want) != 0) {
		snprintf(cause, causelen, "%s: wrote '%s' but it reads back as '%s'", key, want,
			 back);
		return -EIO;
	}
	return 0;
}
