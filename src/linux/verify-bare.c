/*
 * verify-bare.c: the machine's own rate, for the report. One process, one
 * loopback listener, non-blocking connects and accepts in a plain loop,
 * no workers, no shared page, no epoll: how fast this host's kernel makes
 * loopback connections when nothing else is in the way. verify's rate is
 * printed against it, so users see how close to the machine a run came.
 * Connections are held in batches (the fd table grows as in a real run)
 * and reset, so nothing is left in TIME_WAIT.
 */
#include "config.h"

#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include "verify-proc.h"

#define BARE_MAX     10000 /* connections measured */
#define BARE_HOLD    5000  /* held at a time */
#define BARE_DRAIN   128   /* connects between two accept rounds */
#define BARE_WAIT_MS 2000  /* for a handshake that does not come */

static const struct linger reset = {.l_onoff = 1, .l_linger = 0};

static int
bare_listener(bool ipv6, struct sockaddr_storage *ss, socklen_t *len)
{
	int fd = socket(ipv6 ? AF_INET6 : AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);

	memset(ss, 0, sizeof(*ss));
	if (ipv6) {
		((struct sockaddr_in6 *)ss)->sin6_family = AF_INET6;
		((struct sockaddr_in6 *)ss)->sin6_addr = in6addr_loopback;
		*len = sizeof(struct sockaddr_in6);
	} else {
		((struct sockaddr_in *)ss)->sin_family = AF_INET;
		((struct sockaddr_in *)ss)->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
		*len = sizeof(struct sockaddr_in);
	}
	if (fd < 0)
		return -1;
	/* Port 0: the kernel picks a free one; then read which. */
	if (setsockopt(fd, SOL_SOCKET, SO_LINGER, &reset, sizeof(reset)) < 0 ||
	    bind(fd, (struct sockaddr *)ss, *len) < 0 || listen(fd, 4096) < 0 ||
	    getsockname(fd, (struct sockaddr *)ss, len) < 0) {
		close(fd);
		return -1;
	}
	return fd;
}

struct bare {
	int lfd;
	struct sockaddr_storage ss;
	socklen_t len;
	int *fds; /* client and server ends of the batch */
	int nfds;
};

static int
accept_ready(struct bare *b)
{
	int fd;

	while ((fd = accept4(b->lfd, NULL, NULL, SOCK_CLOEXEC)) >= 0)
		b->fds[b->nfds++] = fd;
	return errno == EAGAIN || errno == EWOULDBLOCK ? 0 : -1;
}

/* One batch of n: connect them all, accept them all; -1 with errno. */
static int
bare_batch(struct bare *b, int n)
{
	struct pollfd pfd = {.fd = b->lfd, .events = POLLIN};
	int i, fd, want = 2 * n;

	for (i = 0; i < n; i++) {
		fd = socket(b->ss.ss_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
		if (fd < 0)
			return -1;
		b->fds[b->nfds++] = fd;
		setsockopt(fd, SOL_SOCKET, SO_LINGER, &reset, sizeof(reset));
		if (connect(fd, (struct sockaddr *)&b->ss, b->len) < 0 && errno != EINPROGRESS)
			return -1;
		if ((i + 1) % BARE_DRAIN == 0 && accept_ready(b) < 0)
			return -1;
	}
	while (b->nfds < want) {
		if (accept_ready(b) < 0)
			return -1;
		if (b->nfds < want && poll(&pfd, 1, BARE_WAIT_MS) == 0) {
			errno = ETIMEDOUT;
			return -1;
		}
	}
	return 0;
}

static void
bare_close(struct bare *b)
{
	while (b->nfds > 0)
		close(b->fds[--b->nfds]);
}

int
verify_bare_rate(int64_t target, bool ipv6, struct verify_bare *out, char *cause, size_t causelen)
{
	struct bare b = {.nfds = 0};
	struct rlimit rl;
	int64_t n = target < BARE_MAX ? target : BARE_MAX, done = 0, t = 0, t0;
	int hold = BARE_HOLD, batch, rc = 0;

	memset(out, 0, sizeof(*out));
	if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY &&
	    (rlim_t)(2 * hold + 64) > rl.rlim_cur)
		hold = (int)((rl.rlim_cur - 64) / 2);
	if (hold < 1) {
		snprintf(cause, causelen, "too few descriptors for a bare loop");
		return -EMFILE;
	}
	b.fds = malloc(sizeof(int) * (size_t)(2 * hold));
	if (b.fds == NULL || (b.lfd = bare_listener(ipv6, &b.ss, &b.len)) < 0) {
		snprintf(cause, causelen, "bare loop: %s", strerror(errno));
		free(b.fds);
		return -errno;
	}
	while (done < n && rc == 0) {
		batch = n - done < hold ? (int)(n - done) : hold;
		t0 = verify_now_ns();
		rc = bare_batch(&b, batch);
		t += verify_now_ns() - t0; /* the resets are not timed, as in verify */
		bare_close(&b);
		done += batch;
	}
	if (rc < 0)
		snprintf(cause, causelen, "bare loop: %s", strerror(errno));
	else {
		out->connections = done;
		out->held = hold < n ? hold : (int)n;
		out->seconds = (double)t / 1e9;
		out->rate = out->seconds > 0 ? (double)done / out->seconds : 0;
	}
	bare_close(&b);
	close(b.lfd);
	free(b.fds);
	return rc < 0 ? -EIO : 0;
}
