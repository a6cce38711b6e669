/*
 * posix.c: POSIX versions of the platform functions that Linux does with
 * its own calls (htop's generic/): counting a directory with readdir(3),
 * where Linux reads getdents64 into a buffer, and waiting with pselect(2),
 * where Linux has ppoll(2). For every platform but Linux.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/select.h>
#include <unistd.h>

#include "platform.h"

/* kill(pid, 0): whether it exists; POSIX cannot tell a zombie. */
int
platform_pid_check(pid_t pid, char *cause, size_t causelen)
{
	if (kill(pid, 0) == 0 || errno == EPERM)
		return 0;
	snprintf(cause, causelen, "pid %d: no such process", (int)pid);
	return -ESRCH;
}

/* No portable call resolves a path inside a directory: rootfs walks it
 * itself, refusing symlinked directories. */
int
platform_open_in_root(int dirfd, const char *rel, int flags)
{
	(void)dirfd;
	(void)rel;
	(void)flags;
	return -ENOSYS;
}

/* The errors verify and raise report by name; glibc's strerrorname_np
 * (Linux) knows them all. */
const char *
platform_errno_name(int err)
{
	static const struct {
		int err;
		const char *name;
	} names[] = {
	    {EPERM, "EPERM"},
	    {ENOENT, "ENOENT"},
	    {ESRCH, "ESRCH"},
	    {EINTR, "EINTR"},
	    {EBADF, "EBADF"},
	    {ECHILD, "ECHILD"},
	    {EAGAIN, "EAGAIN"},
	    {ENOMEM, "ENOMEM"},
	    {EACCES, "EACCES"},
	    {EEXIST, "EEXIST"},
	    {EINVAL, "EINVAL"},
	    {ENFILE, "ENFILE"},
	    {EMFILE, "EMFILE"},
	    {ENOSPC, "ENOSPC"},
	    {EPIPE, "EPIPE"},
	    {ENOSYS, "ENOSYS"},
	    {EINPROGRESS, "EINPROGRESS"},
	    {EADDRINUSE, "EADDRINUSE"},
	    {EADDRNOTAVAIL, "EADDRNOTAVAIL"},
	    {ENETUNREACH, "ENETUNREACH"},
	    {ECONNABORTED, "ECONNABORTED"},
	    {ECONNRESET, "ECONNRESET"},
	    {ENOBUFS, "ENOBUFS"},
	    {ETIMEDOUT, "ETIMEDOUT"},
	    {ECONNREFUSED, "ECONNREFUSED"},
	    {EHOSTUNREACH, "EHOSTUNREACH"},
	};
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		if (names[i].err == err)
			return names[i].name;
	}
	return NULL;
}

int64_t
platform_count_dir(int fd)
{
	int64_t count = 0;
	struct dirent *d;
	DIR *dir;
	int copy = dup(fd), err;

	/* closedir closes the descriptor it was given: give it a copy, which
	 * shares the caller's offset, hence the rewind. */
	if (copy < 0)
		return -errno;
	dir = fdopendir(copy);
	if (dir == NULL) {
		err = errno;
		close(copy);
		return -err;
	}
	rewinddir(dir);
	errno = 0;
	while ((d = readdir(dir)) != NULL) {
		if (strcmp(d->d_name, ".") != 0 && strcmp(d->d_name, "..") != 0)
			count++;
	}
	if (errno != 0)
		count = -errno;
	closedir(dir);
	return count;
}

/* pselect waits with the signal mask in place atomically, as ppoll does;
 * it only says which descriptors are ready, so a poll that does not wait
 * then fills revents (POLLHUP included). POLLIN and POLLOUT only. */
int
platform_ppoll(struct pollfd *fds, nfds_t nfds, const struct timespec *timeout,
	       const sigset_t *mask)
{
	fd_set rd, wr;
	int maxfd = -1, n;
	nfds_t i;

	FD_ZERO(&rd);
	FD_ZERO(&wr);
	for (i = 0; i < nfds; i++) {
		if (fds[i].fd < 0)
			continue;
		if (fds[i].fd >= FD_SETSIZE) {
			errno = EINVAL;
			return -1;
		}
		if (fds[i].events & POLLIN)
			FD_SET(fds[i].fd, &rd);
		if (fds[i].events & POLLOUT)
			FD_SET(fds[i].fd, &wr);
		if (fds[i].fd > maxfd)
			maxfd = fds[i].fd;
	}
	n = pselect(maxfd + 1, &rd, &wr, NULL, timeout, mask);
	if (n <= 0)
		return n;
	return poll(fds, nfds, 0);
}
