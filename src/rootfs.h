/*
 * rootfs.h: every path under /proc, /sys and /etc is opened through here,
 * relative to the root chosen with --root, so fixture trees and mounted
 * images are read exactly like the live system.
 */
#ifndef ROOTFS_H
#define ROOTFS_H

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>
#include <sys/types.h>
#include <dirent.h>
#include <errno.h>

/* Select the root directory; "/" (the default) means the live system. */
int rootfs_init(const char *dir);
const char *rootfs_dir(void);
bool rootfs_is_live(void);

/* Open an absolute path (e.g. "/proc/sys/fs/nr_open") under the root;
 * "/" is the root itself. Under --root nothing outside the tree is
 * reached: ".." that climbs above it is refused (-EXDEV), and symlinks resolve
 * inside the tree (platform_open_in_root) or, where the platform cannot
 * do that, a symlinked directory on the way is refused (-ELOOP). */
int rootfs_open(const char *path, int flags);

/* Open a regular file for reading: a FIFO, a device or (under --root) a
 * symlink is refused without blocking: ROOTFS_ENOTREG, -EISDIR, -ELOOP. */
#define ROOTFS_ENOTREG (-EMEDIUMTYPE)
int rootfs_open_regular(const char *path);
/* strerror, with words for ROOTFS_ENOTREG, -ELOOP, -EFBIG and -EXDEV
 * (err < 0). */
const char *rootfs_strerror(int err);

/*
 * Read a whole file into buf (NUL-terminated). Returns bytes or -errno;
 * only regular files are read (rootfs_open_regular). A file that holds
 * more than size - 1 bytes is never cut: -EFBIG, and the caller says so,
 * naming the file ("FILE: larger than N bytes").
 */
ssize_t rootfs_read(const char *path, char *buf, size_t size);

/* The first size - 1 bytes, for a caller that wants only the start and
 * says why (an existence probe, a first line): the one read that may cut. */
ssize_t rootfs_read_head(const char *path, char *buf, size_t size);

/* The same as rootfs_read (which never cuts), for callers that say so. */
ssize_t rootfs_read_whole(const char *path, char *buf, size_t size);

/* A whole file of any size up to max bytes into *out (malloc'd, free it;
 * NULL on error). Bytes, -EFBIG above max, or -errno. */
ssize_t rootfs_read_alloc(const char *path, char **out, size_t max);

/* Read a file holding one integer (sysctl style). Returns 0 or -errno
 * (-EINVAL when the content is not a number). */
int rootfs_read_i64(const char *path, int64_t *value);

/* The /proc/sys path of a dotted sysctl key ("fs.nr_open" becomes
 * "/proc/sys/fs/nr_open"); -EINVAL for a key holding '/'. */
int rootfs_sysctl_path(const char *key, char *out, size_t size);

/* Read a sysctl by dotted key ("fs.nr_open") from /proc/sys under the root. */
ssize_t rootfs_read_sysctl(const char *key, char *buf, size_t size);
int rootfs_read_sysctl_i64(const char *key, int64_t *value);

/*
 * net.ipv4.ip_local_port_range: two ports, the low one first, in 1..65535.
 * Returns 0, or -errno (-EINVAL when the value is not such a range) with
 * cause saying so; lo and hi then hold the kernel's default range.
 */
#define ROOTFS_PORT_RANGE      "net.ipv4.ip_local_port_range"
#define ROOTFS_PORT_LO_DEFAULT 32768
#define ROOTFS_PORT_HI_DEFAULT 60999
int rootfs_read_port_range(int64_t *lo, int64_t *hi, char *cause, size_t causelen);

/* Build the real path of an absolute path under the root, for messages
 * and for the few callers that need a path (opendir). */
int rootfs_path(const char *path, char *out, size_t size);

/*
 * Keep files open between reads: when enabled, rootfs_read and the helpers
 * built on it open each path once and pread it from offset 0 afterwards,
 * and rootfs_count_dir keeps its directory open. The live view enables it
 * so it keeps refreshing when the process or the system is out of file
 * descriptors. The table is bounded; paths beyond it are opened per read.
 */
void rootfs_cache_enable(bool on);
/* Close every kept descriptor (and forget a vanished /proc/PID). */
void rootfs_cache_drop(const char *prefix);

/* Count the entries of a directory (not . and ..); -errno on error.
 * Used for /proc/PID/fd, where each entry is an open descriptor. */
int64_t rootfs_count_dir(const char *path);

/* Directory listing under the root; returns NULL and sets errno on error. */
DIR *rootfs_opendir(const char *path);

#endif
