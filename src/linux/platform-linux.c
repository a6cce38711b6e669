/*
 * platform-linux.c: the Linux side of the platform interface that belongs
 * to no module of its own (platform.h): this program's path, capabilities,
 * another process's limits, counting a directory, waiting with a signal
 * mask.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
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

int
platform_term_width(int fd)
{
	struct winsize ws;

	if (!isatty(fd) || ioctl(fd, TIOCGWINSZ, &ws) != 0)
		return 0;
	return ws.ws_col;
}
