/*
 * explain-source.c: logs read where they are: the kernel's ring buffer
 * (/dev/kmsg, read without blocking up to its current end) and the
 * systemd journal (journalctl -o cat, optionally for some units).
 *
 * A /dev/kmsg record reads "PRI,SEQ,USEC,FLAGS;message" followed by
 * continuation lines (" KEY=value") for its dictionary; each record becomes
 * the line dmesg would print ("[  SEC.USEC] message") and the dictionary
 * lines are dropped, so line numbers count messages. The same filter takes
 * `cat /dev/kmsg` or dmesg output on standard input. Linux only: elsewhere
 * both sources report ENOENT.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "explain-source.h"
#include "rootfs.h"

extern char **environ;

/* "PRI,SEQ,USEC,FLAGS;" at the start of line: the length of that prefix
 * and the microseconds, or 0 when the line is not a kmsg record. */
static size_t
kmsg_prefix(const char *line, size_t len, uint64_t *usec)
{
	size_t i = 0, field;

	for (field = 0; field < 3; field++) {
		uint64_t v = 0;
		size_t start = i;

		while (i < len && line[i] >= '0' && line[i] <= '9')
			v = v * 10 + (uint64_t)(line[i++] - '0');
		if (i == start || i >= len || line[i] != ',')
			return 0;
		i++;
		if (field == 2)
			*usec = v;
	}
	while (i < len && line[i] != ';' && line[i] != ' ')
		i++;
	return i < len && line[i] == ';' ? i + 1 : 0;
}

static void
kmsg_line(struct explain_scan *s, const char *line, size_t len)
{
	uint64_t usec = 0;
	size_t skip;
	char stamp[48];
	int n;

	if (len > 0 && line[0] == ' ')
		return; /* a record's dictionary, not a message */
	skip = kmsg_prefix(line, len, &usec);
	if (skip > 0) {
		n = snprintf(stamp, sizeof(stamp), "[%5" PRIu64 ".%06" PRIu64 "] ", usec / 1000000,
			     usec % 1000000);
		explain_scan_feed(s, stamp, (size_t)n);
	}
	explain_scan_feed(s, line + skip, len - skip);
	explain_scan_feed(s, "\n", 1);
}

void
explain_kmsg_init(struct explain_kmsg *k, struct explain_scan *s)
{
	k->scan = s;
	k->len = 0;
	k->passing = false;
}

void
explain_kmsg_feed(struct explain_kmsg *k, const char *data, size_t len)
{
	while (len > 0) {
		const char *nl = memchr(data, '\n', len);
		size_t n = nl != NULL ? (size_t)(nl - data) : len;

		if (k->passing) {
			/* the rest of a line too long to filter: passed as it is */
			explain_scan_feed(k->scan, data, n + (nl != NULL));
			k->passing = nl == NULL;
		} else if (k->len + n > sizeof(k->line)) {
			explain_scan_feed(k->scan, k->line, k->len);
			explain_scan_feed(k->scan, data, n + (nl != NULL));
			k->len = 0;
			k->passing = nl == NULL;
		} else {
			memcpy(k->line + k->len, data, n);
			k->len += n;
			if (nl != NULL) {
				kmsg_line(k->scan, k->line, k->len);
				k->len = 0;
			}
		}
		data += n + (nl != NULL);
		len -= n + (nl != NULL);
	}
}

void
explain_kmsg_finish(struct explain_kmsg *k)
{
	if (k->len > 0)
		kmsg_line(k->scan, k->line, k->len);
	k->len = 0;
}

/* Read fd through the kmsg filter. /dev/kmsg returns one record per read,
 * EAGAIN at its end (non-blocking) and EPIPE when a record was overwritten
 * while we read: skip it and go on. */
static int
read_kmsg_fd(struct explain_kmsg *k, int fd, const char *name, char *cause, size_t causelen)
{
	static char buf[16384];

	for (;;) {
		ssize_t n = read(fd, buf, sizeof(buf));

		if (n < 0 && (errno == EINTR || errno == EPIPE))
			continue;
		if (n < 0 && errno == EAGAIN)
			return 0;
		if (n < 0) {
			int err = errno;

			snprintf(cause, causelen, "read %s: %s", name, strerror(err));
			return -err;
		}
		if (n == 0)
			return 0;
		explain_kmsg_feed(k, buf, (size_t)n);
	}
}

int
explain_read_kernel(struct explain_scan *s, int fd, char *cause, size_t causelen)
{
	struct explain_kmsg k;
	bool own = fd < 0;
	char path[4096];
	int err;

	if (own) {
		fd = rootfs_open("/dev/kmsg", O_RDONLY | O_NONBLOCK | O_CLOEXEC);
		if (fd < 0) {
			err = errno;
			if (rootfs_path("/dev/kmsg", path, sizeof(path)) < 0)
				snprintf(path, sizeof(path), "/dev/kmsg");
			snprintf(cause, causelen, "open %s: %s", path, strerror(err));
			return -err;
		}
	}
	explain_kmsg_init(&k, s);
	err = read_kmsg_fd(&k, fd, own ? "/dev/kmsg" : "standard input", cause, causelen);
	explain_kmsg_finish(&k);
	explain_scan_finish(s);
	if (own)
		close(fd);
	return err;
}

/* The argument vector of journalctl; argv must hold 6 + 2 * nunits. */
static void
journal_argv(const char **argv, const char *const *units, size_t nunits, const char *root)
{
	size_t a = 0, i;

	argv[a++] = "journalctl";
	argv[a++] = "-o";
	argv[a++] = "cat";
	argv[a++] = "--no-pager";
	if (root != NULL) {
		argv[a++] = "--root";
		argv[a++] = root;
	}
	for (i = 0; i < nunits; i++) {
		argv[a++] = "-u";
		argv[a++] = units[i];
	}
	argv[a] = NULL;
}

static int
journal_wait(pid_t pid, char *cause, size_t causelen)
{
	int status;

	while (waitpid(pid, &status, 0) < 0) {
		if (errno != EINTR) {
			snprintf(cause, causelen, "journalctl: %s", strerror(errno));
			return -errno;
		}
	}
	if (WIFEXITED(status) && WEXITSTATUS(status) == 127) {
		snprintf(cause, causelen,
			 "journalctl could not be run: this system has no "
			 "journald (pipe the log instead: ... | headroom explain -)");
		return -ENOENT;
	}
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		snprintf(cause, causelen, "journalctl failed (%s %d); its message is above",
			 WIFEXITED(status) ? "exit status" : "signal",
			 WIFEXITED(status) ? WEXITSTATUS(status) : WTERMSIG(status));
		return -EIO;
	}
	return 0;
}

int
explain_read_journal(struct explain_scan *s, const char *const *units, size_t nunits,
		     const char *root, char *cause, size_t causelen)
{
	const char *argv[6 + 2 * EXPLAIN_JOURNAL_UNITS_MAX + 1];
	posix_spawn_file_actions_t fa;
	int pipefd[2], err, werr;
	pid_t pid;

	if (nunits > EXPLAIN_JOURNAL_UNITS_MAX) {
		snprintf(cause, causelen, "at most %d units", EXPLAIN_JOURNAL_UNITS_MAX);
		return -EINVAL;
	}
	journal_argv(argv, units, nunits, root);
	if (pipe(pipefd) < 0) {
		snprintf(cause, causelen, "pipe: %s", strerror(errno));
		return -errno;
	}
	/* Only journalctl's stdout is the write end: close both in it. */
	fcntl(pipefd[0], F_SETFD, FD_CLOEXEC);
	fcntl(pipefd[1], F_SETFD, FD_CLOEXEC);
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, pipefd[1], STDOUT_FILENO);
	err = posix_spawnp(&pid, "journalctl", &fa, NULL, (char *const *)argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	close(pipefd[1]);
	if (err == ENOENT) {
		close(pipefd[0]);
		snprintf(cause, causelen,
			 "journalctl not found: this system has no journald "
			 "(pipe the log instead: ... | headroom explain -)");
		return -ENOENT;
	}
	if (err != 0) {
		close(pipefd[0]);
		snprintf(cause, causelen, "journalctl: %s", strerror(err));
		return -err;
	}
	err = explain_scan_fd(s, pipefd[0], "journalctl", cause, causelen);
	explain_scan_finish(s);
	close(pipefd[0]);
	if (err < 0) {
		char ignored[256];

		kill(pid, SIGTERM);
		journal_wait(pid, ignored, sizeof(ignored));
		return err;
	}
	werr = journal_wait(pid, cause, causelen);
	return werr;
}
