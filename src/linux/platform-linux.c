/*
 * platform-linux.c: the Linux side of the platform interface that belongs
 * to no module of its own (platform.h): this program's path, capabilities,
 * another process's limits, processes by name, counting a directory,
 * waiting with a signal mask.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <linux/openat2.h>
#include <unistd.h>

#include "caps.h"
#include "layer.h"
#include "platform.h"
#include "rootfs.h"

const char *
platform_name(void)
{
	return "Linux";
}

int
platform_open_in_root(int dirfd, const char *rel, int flags)
{
	struct open_how how = {
	    .flags = (uint64_t)flags,
	    .resolve = RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS,
	};
	long fd;
	int tries = 0;

	/* EAGAIN: a rename raced the lookup; openat2 asks to try again */
	do
		fd = syscall(SYS_openat2, dirfd, rel, &how, sizeof(how));
	while (fd < 0 && errno == EAGAIN && ++tries < 8);
	if (fd < 0 && (errno == ENOSYS || errno == EPERM))
		return -ENOSYS; /* before Linux 5.6, or a seccomp filter that refuses it */
	return fd < 0 ? -errno : (int)fd;
}

int
platform_self_exe(char *buf, size_t size)
{
	ssize_t n = readlink("/proc/self/exe", buf, size - 1);

	if (n < 0)
		return -errno;
	buf[n] = '\0';
	return 0;
}

bool
platform_can_raise_hard(void)
{
	struct caps_state st;

	return caps_read_live(&st, 0) == 0 && st.eff_sys_resource;
}

int
platform_pid_nofile(pid_t pid, struct rlimit_pair *out, char *comm, size_t commlen)
{
	char path[64], text[4096];
	ssize_t n;

	snprintf(path, sizeof(path), "/proc/%d/comm", (int)pid);
	n = rootfs_read(path, comm, commlen);
	if (n > 0 && comm[n - 1] == '\n')
		comm[n - 1] = '\0';
	snprintf(path, sizeof(path), "/proc/%d/limits", (int)pid);
	n = rootfs_read(path, text, sizeof(text));
	if (n < 0)
		return (int)n;
	return parse_proc_limits(text, "Max open files", out);
}

/* The state letter and parent of /proc/PID/stat text ("1 (init) S 0 ..."):
 * after the last ')', as a comm may hold one. */
static int
stat_state(const char *text, char *state, long *ppid)
{
	const char *close = strrchr(text, ')');

	if (close == NULL || sscanf(close + 1, " %c %ld", state, ppid) != 2)
		return -EINVAL;
	return 0;
}

static bool
pid_dir_exists(pid_t pid)
{
	char path[64];
	int fd;

	snprintf(path, sizeof(path), "/proc/%d", (int)pid);
	fd = rootfs_open(path, O_RDONLY | O_DIRECTORY);
	if (fd >= 0)
		close(fd);
	return fd >= 0;
}

int
platform_pid_check(pid_t pid, char *cause, size_t causelen)
{
	char path[64], text[1024], state;
	long ppid;
	ssize_t n;

	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	n = rootfs_read(path, text, sizeof(text));
	/* a recorded tree may keep /proc/PID without its stat: there, alive */
	if (n == -ENOENT && pid_dir_exists(pid))
		return 0;
	/* hidepid: /proc shows no directory, but the process is there */
	if (n == -ENOENT && rootfs_is_live() && kill(pid, 0) < 0 && errno == EPERM) {
		snprintf(cause, causelen,
			 "pid %d: hidden from this user (/proc is mounted with hidepid): run as "
			 "root or as its owner",
			 (int)pid);
		return -EACCES;
	}
	if (n == -ENOENT) {
		snprintf(cause, causelen, "pid %d: no such process", (int)pid);
		return -ESRCH;
	}
	if (n < 0 || stat_state(text, &state, &ppid) < 0) {
		snprintf(cause, causelen, "pid %d: %s: %s", (int)pid, path,
			 n < 0 ? rootfs_strerror((int)n) : "not a process's stat line");
		return n == -EACCES || n == -EPERM ? -EACCES : n < 0 ? (int)n : -EINVAL;
	}
	/* a zombie is only an exit status: no files to count, no limits to
	 * raise; every command says so the same way */
	if (state == 'Z' || state == 'X') {
		snprintf(cause, causelen,
			 "pid %d: no such process (a zombie: it has exited and holds no files; "
			 "its parent, pid %ld, has not reaped it)",
			 (int)pid, ppid);
		return -ESRCH;
	}
	return 0;
}

int
platform_set_pid_nofile(pid_t pid, const struct rlimit_pair *want)
{
	struct rlimit rl;

	rl.rlim_cur = (rlim_t)want->soft;
	rl.rlim_max = want->hard == LAYER_UNLIMITED ? RLIM_INFINITY : (rlim_t)want->hard;
	return prlimit(pid, RLIMIT_NOFILE, &rl, NULL) < 0 ? -errno : 0;
}

const char *
platform_errno_name(int err)
{
	return strerrorname_np(err);
}

int64_t
platform_count_dir(int fd)
{
	char buf[8192];
	int64_t count = 0;
	long n, off;

	/* getdents64 on the kept descriptor: no DIR allocation per count. */
	while ((n = syscall(SYS_getdents64, fd, buf, sizeof(buf))) > 0) {
		for (off = 0; off < n;) {
			struct dirent64 *d = (struct dirent64 *)(buf + off);
			if (strcmp(d->d_name, ".") != 0 && strcmp(d->d_name, "..") != 0)
				count++;
			off += d->d_reclen;
		}
	}
	if (n < 0)
		count = -errno;
	return count;
}

int
platform_ppoll(struct pollfd *fds, nfds_t nfds, const struct timespec *timeout,
	       const sigset_t *mask)
{
	return ppoll(fds, nfds, timeout, mask);
}

static const char *
base_name(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash != NULL ? slash + 1 : path;
}

/* Is pid called name: its comm (the kernel keeps 15 bytes of it), the
 * basename of argv[0], or of its executable, as pidof(8) matches. */
static bool
pid_is_named(pid_t pid, const char *name)
{
	char rel[64], path[PATH_MAX], buf[PATH_MAX];
	ssize_t n;

	snprintf(rel, sizeof(rel), "/proc/%d/comm", (int)pid);
	n = rootfs_read(rel, buf, sizeof(buf));
	if (n > 0) {
		buf[strcspn(buf, "\n")] = '\0';
		if (strcmp(buf, name) == 0)
			return true;
	}
	snprintf(rel, sizeof(rel), "/proc/%d/cmdline", (int)pid);
	n = rootfs_read_head(rel, buf, sizeof(buf) - 1); /* argv[0] is at the start */
	if (n > 0) {
		buf[n] = '\0'; /* argv[0] ends at its NUL */
		if (strcmp(base_name(buf), name) == 0)
			return true;
	}
	snprintf(rel, sizeof(rel), "/proc/%d/exe", (int)pid);
	if (rootfs_path(rel, path, sizeof(path)) == 0 &&
	    (n = readlink(path, buf, sizeof(buf) - 1)) > 0) {
		buf[n] = '\0';
		buf[strcspn(buf, " ")] = '\0'; /* " (deleted)" */
		return strcmp(base_name(buf), name) == 0;
	}
	return false;
}

static int
pid_cmp(const void *a, const void *b)
{
	pid_t x = *(const pid_t *)a, y = *(const pid_t *)b;

	return (x > y) - (x < y);
}

int
platform_pids_named(const char *name, pid_t *pids, size_t max)
{
	char path[PATH_MAX];
	struct dirent *d;
	size_t found = 0;
	pid_t self = rootfs_is_live() ? getpid() : 0;
	DIR *dir;
	int err = rootfs_path("/proc", path, sizeof(path));

	if (err < 0)
		return err;
	dir = opendir(path);
	if (dir == NULL)
		return -errno;
	while ((d = readdir(dir)) != NULL) {
		char *end;
		long v = strtol(d->d_name, &end, 10);

		if (*end != '\0' || v <= 0 || v > INT_MAX || (pid_t)v == self)
			continue;
		if (!pid_is_named((pid_t)v, name))
			continue;
		if (found < max)
			pids[found] = (pid_t)v;
		found++;
	}
	closedir(dir);
	qsort(pids, found < max ? found : max, sizeof(*pids), pid_cmp);
	return found > INT_MAX ? INT_MAX : (int)found;
}
