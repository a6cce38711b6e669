/*
 * fsutil.c: root-relative writes that never follow a symlink.
 *
 * Paths are walked from a descriptor on the root directory one component
 * at a time with O_NOFOLLOW: a tool run with sudo that writes into /etc
 * must not be steered elsewhere by a link planted in a writable directory.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fault.h"
#include "fsutil.h"
#include "rootfs.h"

static void
shown_path(const char *path, char *out, size_t size)
{
	if (rootfs_path(path, out, size) < 0)
		snprintf(out, size, "%s", path);
}

int
fsutil_fail(int err, const char *path, const char *what, char *cause, size_t causelen)
{
	char shown[PATH_MAX];

	shown_path(path, shown, sizeof(shown));
	if (err == -ELOOP)
		snprintf(cause, causelen, "%s: %s: a symlink is in the way (refused)", shown, what);
	else
		snprintf(cause, causelen, "%s: %s: %s", shown, what, strerror(-err));
	return err;
}

static int
check_path_syntax(const char *path)
{
	const char *p;

	if (path[0] != '/' || strlen(path) >= PATH_MAX)
		return -EINVAL;
	for (p = path; *p != '\0'; p++) {
		if (p[0] != '/')
			continue;
		if (p[1] == '/' || (p[1] == '.' && (p[2] == '/' || p[2] == '\0')) ||
		    (p[1] == '.' && p[2] == '.' && (p[3] == '/' || p[3] == '\0')))
			return -EINVAL;
	}
	return 0;
}

/*
 * Open the directory that holds path's last component, walking from the
 * root with O_NOFOLLOW. *leaf points to the last component. On error the
 * cause names the component that failed.
 */
static int
open_parent(const char *path, const char **leaf, char *cause, size_t causelen)
{
	char comp[NAME_MAX + 1], sofar[PATH_MAX];
	const char *p = path + 1, *slash;
	int fd, nfd;
	size_t len;

	if (check_path_syntax(path) < 0)
		return fsutil_fail(-EINVAL, path, "not a clean absolute path", cause, causelen);
	fd = rootfs_open("/", O_RDONLY | O_DIRECTORY);
	if (fd < 0)
		return fsutil_fail(fd, "/", "open root", cause, causelen);
	while ((slash = strchr(p, '/')) != NULL) {
		len = (size_t)(slash - p);
		if (len > NAME_MAX) {
			close(fd);
			return fsutil_fail(-ENAMETOOLONG, path, "open", cause, causelen);
		}
		memcpy(comp, p, len);
		comp[len] = '\0';
		nfd = openat(fd, comp, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		if (nfd < 0) {
			int err = errno == ENOTDIR || errno == ELOOP ? -ELOOP : -errno;
			struct stat st;

			if (err == -ELOOP && fstatat(fd, comp, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
			    !S_ISLNK(st.st_mode))
				err = -ENOTDIR;
			close(fd);
			snprintf(sofar, sizeof(sofar), "%.*s", (int)(slash - path), path);
			return fsutil_fail(err, sofar, "open directory", cause, causelen);
		}
		close(fd);
		fd = nfd;
		p = slash + 1;
	}
	*leaf = p;
	return fd;
}

void
fsutil_file_free(struct fsutil_file *f)
{
	free(f->data);
	memset(f, 0, sizeof(*f));
}

int
fsutil_read(const char *path, struct fsutil_file *f, char *cause, size_t causelen)
{
	const char *leaf;
	struct stat st;
	int dfd, fd, err;

	memset(f, 0, sizeof(*f));
	dfd = open_parent(path, &leaf, cause, causelen);
	if (dfd == -ENOENT)
		return 0; /* a missing directory means a missing file */
	if (dfd < 0)
		return dfd;
	fd = openat(dfd, leaf, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
	err = fd < 0 ? -errno : 0;
	close(dfd);
	if (err == -ENOENT)
		return 0;
	if (err < 0)
		return fsutil_fail(err == -ENOTDIR ? -ELOOP : err, path, "open", cause, causelen);
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return fsutil_fail(-EINVAL, path, "not a regular file", cause, causelen);
	}
	err = fsutil_read_all(fd, FSUTIL_FILE_MAX, &f->data, &f->len);
	close(fd);
	if (err < 0) {
		fsutil_file_free(f);
		return fsutil_fail(err, path, "read", cause, causelen);
	}
	f->exists = true;
	f->mode = st.st_mode & 07777;
	f->uid = st.st_uid;
	f->gid = st.st_gid;
	return 0;
}

/* Refuse to replace anything but a regular file (a symlink above all). */
static int
check_target(int dfd, const char *leaf, const char *path, char *cause, size_t causelen)
{
	struct stat st;

	if (fstatat(dfd, leaf, &st, AT_SYMLINK_NOFOLLOW) < 0)
		return errno == ENOENT ? 0 : fsutil_fail(-errno, path, "stat", cause, causelen);
	if (S_ISLNK(st.st_mode))
		return fsutil_fail(-ELOOP, path, "replace", cause, causelen);
	if (!S_ISREG(st.st_mode))
		return fsutil_fail(-EINVAL, path, "not a regular file", cause, causelen);
	return 0;
}

int
fsutil_close_stream(FILE *f, int err)
{
	bool failed = ferror(f) != 0;

	if (fclose(f) != 0)
		failed = true;
	return err == 0 && failed ? -ENOMEM : err;
}

/* Room for n more bytes than *cap holds, doubled; max bounds what may
 * be read, so a buffer past it means the file is too large. */
static int
grow(char **buf, size_t *cap, size_t max)
{
	char *bigger;

	if (*cap > max)
		return -EFBIG;
	bigger = realloc(*buf, (*cap = *cap == 0 ? 4096 : *cap * 2) + 1);
	if (bigger == NULL)
		return -ENOMEM;
	*buf = bigger;
	return 0;
}

int
fsutil_read_all(int fd, size_t max, char **data, size_t *len)
{
	size_t cap = 0, n = 0;
	char *buf = NULL;
	ssize_t r;
	int err = 0;

	for (;;) {
		if (n == cap && (err = grow(&buf, &cap, max)) < 0)
			break;
		r = read(fd, buf + n, cap - n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0) {
			err = r < 0 ? -errno : n > max ? -EFBIG : 0;
			break;
		}
		n += (size_t)r;
	}
	if (err < 0) {
		free(buf);
		return err;
	}
	buf[n] = '\0';
	*data = buf;
	*len = n;
	return 0;
}

int
fsutil_write_all(int fd, const void *data, size_t len)
{
	const char *p = data;
	ssize_t n;

	while (len > 0) {
		n = write(fd, p, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -errno;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

static int
write_temp(int dfd, const char *tmp, const void *data, size_t len, mode_t mode, uid_t uid,
	   gid_t gid)
{
	int fd, err;

	fd = openat(dfd, tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd < 0)
		return -errno;
	err = fsutil_write_all(fd, data, len);
	if (err == 0 && geteuid() == 0 && fchown(fd, uid, gid) < 0)
		err = -errno;
	if (err == 0 && fchmod(fd, mode) < 0)
		err = -errno;
	if (err == 0 && fsync(fd) < 0)
		err = -errno;
	if (close(fd) < 0 && err == 0)
		err = -errno;
	return err;
}

/* Temp files are ".LEAF.headroom-PID-N" next to LEAF. */
#define TEMP_TAG ".headroom-"

bool
fsutil_is_temp_name(const char *name, const char *leaf)
{
	const char *tag, *p;

	if (name[0] != '.' || (tag = strstr(name + 1, TEMP_TAG)) == NULL)
		return false;
	if (leaf != NULL && ((size_t)(tag - name - 1) != strlen(leaf) ||
			     strncmp(name + 1, leaf, strlen(leaf)) != 0))
		return false;
	/* the last TEMP_TAG: PID-N after it, digits only */
	while ((p = strstr(tag + 1, TEMP_TAG)) != NULL)
		tag = p;
	p = tag + strlen(TEMP_TAG);
	if (*p < '0' || *p > '9')
		return false;
	p += strspn(p, "0123456789");
	if (*p++ != '-' || *p < '0' || *p > '9')
		return false;
	return p[strspn(p, "0123456789")] == '\0';
}

int
fsutil_clean_temps(const char *path, char *cause, size_t causelen)
{
	struct dirent *de;
	const char *leaf;
	struct stat st;
	DIR *dir;
	int dfd, n = 0;

	dfd = open_parent(path, &leaf, cause, causelen);
	if (dfd == -ENOENT)
		return 0;
	if (dfd < 0)
		return dfd;
	dir = fdopendir(dfd);
	if (dir == NULL) {
		close(dfd);
		return -errno;
	}
	while ((de = readdir(dir)) != NULL) {
		if (!fsutil_is_temp_name(de->d_name, leaf) ||
		    fstatat(dirfd(dir), de->d_name, &st, AT_SYMLINK_NOFOLLOW) < 0 ||
		    !S_ISREG(st.st_mode))
			continue;
		if (unlinkat(dirfd(dir), de->d_name, 0) == 0)
			n++;
	}
	if (n > 0)
		fsync(dirfd(dir));
	closedir(dir);
	return n;
}

int
fsutil_replace(const char *path, const void *data, size_t len, mode_t mode, uid_t uid, gid_t gid,
	       char *cause, size_t causelen)
{
	static unsigned int serial;
	char tmp[NAME_MAX + 1];
	const char *leaf;
	int dfd, err;

	dfd = open_parent(path, &leaf, cause, causelen);
	if (dfd < 0)
		return dfd;
	err = check_target(dfd, leaf, path, cause, causelen);
	if (err < 0)
		goto out;
	if (strlen(leaf) > 200) {
		err = fsutil_fail(-ENAMETOOLONG, path, "replace", cause, causelen);
		goto out;
	}
	snprintf(tmp, sizeof(tmp), ".%s" TEMP_TAG "%ld-%u", leaf, (long)getpid(), serial++);
	err = write_temp(dfd, tmp, data, len, mode, uid, gid);
	if (err < 0) {
		fsutil_fail(err, path, "write temporary file", cause, causelen);
		goto unlink;
	}
	fault_mid_change(); /* the tests' kill between the temp file and the rename */
	/* Checked again just before the rename: the window stays tiny. */
	err = check_target(dfd, leaf, path, cause, causelen);
	if (err < 0)
		goto unlink;
	if (renameat(dfd, tmp, dfd, leaf) < 0) {
		err = fsutil_fail(-errno, path, "rename into place", cause, causelen);
		goto unlink;
	}
	if (fsync(dfd) < 0)
		err = fsutil_fail(-errno, path, "fsync directory", cause, causelen);
	goto out;
unlink:
	unlinkat(dfd, tmp, 0);
out:
	close(dfd);
	return err;
}

int
fsutil_remove(const char *path, char *cause, size_t causelen)
{
	const char *leaf;
	int dfd, err;

	dfd = open_parent(path, &leaf, cause, causelen);
	if (dfd == -ENOENT)
		return 0;
	if (dfd < 0)
		return dfd;
	err = check_target(dfd, leaf, path, cause, causelen);
	if (err == 0 && unlinkat(dfd, leaf, 0) < 0 && errno != ENOENT)
		err = fsutil_fail(-errno, path, "remove", cause, causelen);
	if (err == 0 && fsync(dfd) < 0)
		err = fsutil_fail(-errno, path, "fsync directory", cause, causelen);
	close(dfd);
	return err;
}

int
fsutil_mkdir(const char *path, mode_t mode, char *cause, size_t causelen)
{
	const char *leaf;
	int dfd, err = 0;

	dfd = open_parent(path, &leaf, cause, causelen);
	if (dfd < 0)
		return dfd;
	if (mkdirat(dfd, leaf, mode) < 0) {
		struct stat st;

		if (errno != EEXIST || fstatat(dfd, leaf, &st, AT_SYMLINK_NOFOLLOW) < 0 ||
		    !S_ISDIR(st.st_mode))
			err = fsutil_fail(errno == EEXIST ? -ELOOP : -errno, path, "mkdir", cause,
					  causelen);
	} else if (fsync(dfd) < 0) {
		err = fsutil_fail(-errno, path, "fsync directory", cause, causelen);
	}
	close(dfd);
	return err;
}

int
fsutil_rmdir(const char *path, char *cause, size_t causelen)
{
	const char *leaf;
	int dfd, err = 0;

	dfd = open_parent(path, &leaf, cause, causelen);
	if (dfd == -ENOENT)
		return 0;
	if (dfd < 0)
		return dfd;
	if (unlinkat(dfd, leaf, AT_REMOVEDIR) < 0 && errno != ENOENT)
		err = fsutil_fail(-errno, path, "remove directory", cause, causelen);
	else if (fsync(dfd) < 0)
		err = fsutil_fail(-errno, path, "fsync directory", cause, causelen);
	close(dfd);
	return err;
}

/* 1 when dir exists (every component a real directory), 0 when not. */
static int
exists_dir(const char *dir, char *cause, size_t causelen)
{
	char probe[PATH_MAX + 2];
	const char *leaf;
	int dfd;

	/* The parent of "dir/x" is dir: opening it checks each component. */
	snprintf(probe, sizeof(probe), "%s/x", dir);
	dfd = open_parent(probe, &leaf, cause, causelen);
	if (dfd == -ENOENT)
		return 0;
	if (dfd < 0)
		return dfd;
	close(dfd);
	return 1;
}

int
fsutil_missing_dirs(const char *path, char dirs[][FSUTIL_PATH_MAX], int max, char *cause,
		    size_t causelen)
{
	char dir[PATH_MAX];
	char *slash;
	int n = 0, i, found;

	if (check_path_syntax(path) < 0)
		return fsutil_fail(-EINVAL, path, "not a clean absolute path", cause, causelen);
	snprintf(dir, sizeof(dir), "%s", path);
	/* Walk up from the parent until a directory exists. */
	while ((slash = strrchr(dir, '/')) != NULL && slash != dir) {
		*slash = '\0';
		found = exists_dir(dir, cause, causelen);
		if (found < 0)
			return found;
		if (found)
			break;
		if (n == max || strlen(dir) >= FSUTIL_PATH_MAX)
			return fsutil_fail(-ENAMETOOLONG, path, "too many directories to create",
					   cause, causelen);
		snprintf(dirs[n++], FSUTIL_PATH_MAX, "%s", dir);
	}
	/* Outermost first, the order they must be made in. */
	for (i = 0; i < n / 2; i++) {
		char swap[FSUTIL_PATH_MAX];

		memcpy(swap, dirs[i], sizeof(swap));
		memcpy(dirs[i], dirs[n - 1 - i], sizeof(swap));
		memcpy(dirs[n - 1 - i], swap, sizeof(swap));
	}
	return n;
}

static int
not_writable(int err, const char *path, const char *dir, char *cause, size_t causelen)
{
	char shown_file[PATH_MAX], shown_dir[PATH_MAX];

	shown_path(path, shown_file, sizeof(shown_file));
	shown_path(dir, shown_dir, sizeof(shown_dir));
	snprintf(cause, causelen, "writing %s needs write access to %s (%s)", shown_file, shown_dir,
		 strerror(-err));
	return err;
}

int
fsutil_check_writable(const char *path, bool in_place, char *cause, size_t causelen)
{
	char dirs[FSUTIL_DIRS_MAX][FSUTIL_PATH_MAX], probe[PATH_MAX], *slash;
	const char *leaf;
	int n, dfd, err = 0;

	n = fsutil_missing_dirs(path, dirs, FSUTIL_DIRS_MAX, cause, causelen);
	if (n < 0)
		return n;
	/* The nearest existing directory is the one that must be writable. */
	snprintf(probe, sizeof(probe), "%s", n > 0 ? dirs[0] : path);
	dfd = open_parent(probe, &leaf, cause, causelen);
	if (dfd < 0)
		return dfd;
	slash = strrchr(probe, '/');
	slash[slash == probe] = '\0'; /* probe is now that directory */
	if (in_place && n == 0) {
		if (faccessat(dfd, leaf, W_OK, AT_EACCESS | AT_SYMLINK_NOFOLLOW) < 0)
			err = not_writable(-errno, path, path, cause, causelen);
	} else if (faccessat(dfd, ".", W_OK | X_OK, AT_EACCESS) < 0)
		err = not_writable(-errno, path, probe, cause, causelen);
	else if (n == 0 && faccessat(dfd, leaf, W_OK, AT_EACCESS | AT_SYMLINK_NOFOLLOW) < 0 &&
		 errno != ENOENT)
		err = not_writable(-errno, path, path, cause, causelen);
	close(dfd);
	return err;
}

int
fsutil_open_file(const char *path, int flags, mode_t mode, char *cause, size_t causelen)
{
	const char *leaf;
	int dfd, fd;

	dfd = open_parent(path, &leaf, cause, causelen);
	if (dfd < 0)
		return dfd;
	fd = openat(dfd, leaf, flags | O_NOFOLLOW | O_CLOEXEC, mode);
	if (fd < 0)
		fd = fsutil_fail(errno == ENOTDIR ? -ELOOP : -errno, path, "open", cause, causelen);
	close(dfd);
	return fd;
}

int
fsutil_open_dir(const char *path, char *cause, size_t causelen)
{
	return fsutil_open_file(path, O_RDONLY | O_DIRECTORY, 0, cause, causelen);
}
