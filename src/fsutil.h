/*
 * fsutil.h: the write side of root-relative file access, for the commands
 * that change the system. Every path is absolute and resolved under the
 * --root directory one component at a time with O_NOFOLLOW, so a symlink
 * anywhere in a path is refused instead of followed; files are replaced
 * atomically (temp file in the same directory, fsync, rename, fsync of the
 * directory). Functions return 0 or -errno and describe failures in cause.
 */
#ifndef FSUTIL_H
#define FSUTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <sys/types.h>

#define FSUTIL_FILE_MAX (1024 * 1024) /* larger files are not ours to rewrite */
#define FSUTIL_DIRS_MAX 8	      /* directories one path may need created */
/* A path headroom writes: a drop-in of the longest unit name systemd takes
 * (/etc/systemd/system/ + 255 + .d/90-headroom.conf) with room to spare. */
#define FSUTIL_PATH_MAX 512

/* A file's state: whether it exists, its bytes and its ownership. */
struct fsutil_file {
	bool exists;
	char *data; /* malloc'd, NUL-terminated for convenience; NULL if !exists */
	size_t len;
	mode_t mode; /* permission bits */
	uid_t uid;
	gid_t gid;
};

void fsutil_file_free(struct fsutil_file *f);

/* Read a regular file (at most FSUTIL_FILE_MAX bytes). A missing file is
 * not an error: f->exists is false. A symlink or non-regular file is. */
int fsutil_read(const char *path, struct fsutil_file *f, char *cause, size_t causelen);

/* Replace (or create) a regular file atomically with data, mode, uid, gid
 * (ownership is set only when running as root). */
int fsutil_replace(const char *path, const void *data, size_t len, mode_t mode, uid_t uid,
		   gid_t gid, char *cause, size_t causelen);

/* Whether name is one of fsutil_replace's temp files (".LEAF.headroom-PID-N"),
 * for LEAF when leaf is not NULL. */
bool fsutil_is_temp_name(const char *name, const char *leaf);
/* Remove the temp files an interrupted fsutil_replace of path left next to
 * it. Returns how many, or -errno. */
int fsutil_clean_temps(const char *path, char *cause, size_t causelen);

/* Remove a regular file; a missing file is success. */
int fsutil_remove(const char *path, char *cause, size_t causelen);

/* Create one directory (its parent must exist) or remove an empty one.
 * fsutil_rmdir on a missing directory is success, on a non-empty one -ENOTEMPTY. */
int fsutil_mkdir(const char *path, mode_t mode, char *cause, size_t causelen);
int fsutil_rmdir(const char *path, char *cause, size_t causelen);

/* The ancestors of path (not path itself) that do not exist yet, outermost
 * first, so a journal can record them before they are made. Returns the
 * count or -errno (a symlinked or non-directory component is refused). */
int fsutil_missing_dirs(const char *path, char dirs[][FSUTIL_PATH_MAX], int max, char *cause,
			size_t causelen);

/* Whether this process may create or replace path: write access to the
 * file's directory, or to the nearest existing ancestor; with in_place
 * (a sysctl, written where it is), to the file itself. -EACCES/-EROFS
 * with cause naming what is not writable. */
int fsutil_check_writable(const char *path, bool in_place, char *cause, size_t causelen);

/* fsutil-sysctl.c: sysctls under /proc/sys of the root, by dotted key. A
 * value that does not fit in size is -EFBIG, never cut. */
int fsutil_sysctl_read(const char *key, char *value, size_t size, char *cause, size_t causelen);
/* The bytes as the file holds them, for restoring them exactly. */
int fsutil_sysctl_read_raw(const char *key, char *value, size_t size, char *cause, size_t causelen);
/* Write value (a newline is added unless it ends in one), then read it
 * back and compare. Under --root the file is replaced atomically (temp
 * file and rename) like any other file (-EIO when it reads back differently, as when the
 * kernel clamps it). */
int fsutil_sysctl_write(const char *key, const char *value, char *cause, size_t causelen);
/* Collapse runs of blanks to one space and strip the ends, so "1\t2\n"
 * and "1 2" compare equal. */
void fsutil_normalize_value(const char *in, char *out, size_t size);

/* Describe err for path in cause (the path as the user gave it, a symlink
 * in the way said as such); returns err. */
int fsutil_fail(int err, const char *path, const char *what, char *cause, size_t causelen);

/* Read fd to its end into a malloc'd, NUL-terminated buffer (*data, *len
 * bytes): 0, -EFBIG for more than max bytes, -ENOMEM or -errno; *data is
 * set only on success. The reading side of fsutil_write_all. */
int fsutil_read_all(int fd, size_t max, char **data, size_t *len);
/* Write all of data to fd, resuming after EINTR and short writes. 0 or -errno. */
int fsutil_write_all(int fd, const void *data, size_t len);
/* Close a stream built with open_memstream: err, or -ENOMEM when err is 0
 * but a write or the close failed. */
int fsutil_close_stream(FILE *f, int err);

/* Open (creating with mode when create) a regular file under the root for
 * locking or reading; symlinks refused. Returns an fd or -errno. */
int fsutil_open_file(const char *path, int flags, mode_t mode, char *cause, size_t causelen);
/* Open a directory under the root (symlinks refused). Returns fd or -errno. */
int fsutil_open_dir(const char *path, char *cause, size_t causelen);

#endif
