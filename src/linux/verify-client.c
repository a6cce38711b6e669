/*
 * verify-client.c: the worker loops that open things: descriptors and bare
 * sockets in a plain loop, client connections with non-blocking connect,
 * a bounded number in flight. The connects in flight are one poll() array
 * (the window); what is up is kept only by the kernel (its fd table, and
 * with --connect's watch the epoll set), nothing per connection in user
 * space.
 *
 * The window is polled rather than added to and removed from epoll: on
 * loopback most connects are complete by the time they are looked at, and
 * two epoll_ctl calls per connection cost more than scanning a few hundred
 * pollfds once per round (bench/verify-profile.sh: about 4 us of the ~45 us
 * of CPU per connection).
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include "verify-proc.h"

#define EVENTS_MAX  512
#define PUBLISH_FDS 4096 /* openers publish their count in batches */

/* epoll data of a client connection: its fd, and with --connect's watch
 * what it is at, so nothing is kept per connection in user space. */
#define TAG_UP	    (1ULL << 32) /* the handshake is done */
#define TAG_REPLIED (1ULL << 33) /* the server sent bytes */
#define TAG_CONN    (1ULL << 34) /* a connection (not the stop pipe) */
#define TAG_RELAY   (1ULL << 35) /* the relay's pipe: a turn to work */
#define TAG_FD(u)   ((int)(uint32_t)(u))

static void
wait_stop(int stop_fd)
{
	char c;

	while (read(stop_fd, &c, 1) > 0)
		continue;
}

static int
open_one(const struct verify_worker *w, int devnull)
{
	int af = w->opts->ipv6 ? AF_INET6 : AF_INET;

	if (w->opts->what == VERIFY_FDS)
		return fcntl(devnull, F_DUPFD_CLOEXEC, 0);
	return socket(af, SOCK_STREAM | SOCK_CLOEXEC, 0);
}

void
verify_opener_run(struct verify_worker *w)
{
	const char *op = w->opts->what == VERIFY_FDS ? "dup" : "socket";
	int64_t i, pending = 0;
	int devnull = -1;

	if (w->opts->what == VERIFY_FDS) {
		devnull = open("/dev/null", O_RDONLY | O_CLOEXEC);
		if (devnull < 0) {
			verify_worker_fail(w, "open", errno, 0);
			return;
		}
	}
	if (!verify_worker_ready(w))
		return;
	for (i = 0; i < w->quota; i++) {
		if (open_one(w, devnull) < 0)
			break;
		if (++pending == PUBLISH_FDS) {
			verify_worker_publish(w, pending);
			pending = 0;
		}
	}
	if (i < w->quota)
		verify_worker_fail(w, op, errno, i);
	verify_worker_publish(w, pending);
	if (i == w->quota)
		verify_worker_done(w, i);
	wait_stop(w->stop_fd);
}

/* Connection number c goes from source c % K to listener port (c / K) % P. */
static int
bind_source(const struct verify_worker *w, int fd, int64_t c)
{
	struct sockaddr_in src = {.sin_family = AF_INET};
	int one = 1;
	int64_t k = w->lay->sources;

	src.sin_addr.s_addr = htonl(INADDR_LOOPBACK + (uint32_t)(c % k));
	if (setsockopt(fd, IPPROTO_IP, IP_BIND_ADDRESS_NO_PORT, &one, sizeof(one)) < 0)
		return -1;
	return bind(fd, (struct sockaddr *)&src, sizeof(src));
}

/* With the watch, a connection that is up is watched from here on. */
static void
watch_from_now(const struct verify_worker *w, int ep, int fd)
{
	struct epoll_event ev = {.events = EPOLLIN | EPOLLRDHUP,
				 .data.u64 = TAG_CONN | TAG_UP | (uint32_t)fd};

	if (verify_watch_up(w, fd) && epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev) < 0)
		verify_watch_drop(w, fd, true);
}

/*
 * Start connection c. Returns its fd when it is in flight (for the
 * window), -2 when it connected at once, -1 with errno and *op set on
 * failure.
 */
static int
start_one(const struct verify_worker *w, int ep, int64_t c, const char **op)
{
	static const struct linger reset = {.l_onoff = 1, .l_linger = 0};
	const struct sockaddr_storage *dest = &w->dests[(c / w->lay->sources) % w->lay->ports];
	int fd, saved;

	*op = "socket";
	fd = socket(dest->ss_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -1;
	*op = "setsockopt";
	if (setsockopt(fd, SOL_SOCKET, SO_LINGER, &reset, sizeof(reset)) < 0)
		goto fail;
	*op = "bind";
	if (w->lay->sources > 1 && bind_source(w, fd, c) < 0)
		goto fail;
	*op = "connect";
	if (connect(fd, (const struct sockaddr *)dest, w->destlen) == 0) {
		if (w->opts->watch)
			watch_from_now(w, ep, fd);
		return -2;
	}
	if (errno == EINPROGRESS)
		return fd;
fail:
	saved = errno;
	close(fd);
	errno = saved;
	return -1;
}

struct client_state {
	int ep;
	int64_t started;
	int64_t up;
	bool failed;
	bool stop;
	bool working; /* its turn in the relay came (always, without one) */
	/* The window: connects in flight, then (last) the epoll fd that
	 * holds the stop pipe and the watched connections. */
	struct pollfd *window;
	int inflight;
};

static void
fill_window(struct verify_worker *w, struct client_state *s)
{
	const char *op;
	int rc;

	if (!s->working)
		return;
	while (!s->failed && s->inflight < w->opts->window && s->started < w->quota) {
		rc = start_one(w, s->ep, w->first + s->started, &op);
		if (rc == -1) {
			/* What it holds: the sockets up and those still connecting. */
			s->failed = true;
			verify_worker_fail(w, op, errno, s->up + s->inflight);
			return;
		}
		s->started++;
		if (rc == -2) {
			s->up++;
			verify_worker_publish(w, 1);
		} else {
			s->window[s->inflight++] = (struct pollfd){.fd = rc, .events = POLLOUT};
		}
	}
	/* All started: the next worker starts while these connects finish. */
	if (s->failed || s->started == w->quota)
		verify_relay_pass(w);
}

/* One finished connect: count it, or record why it failed. */
static int64_t
connect_finished(struct verify_worker *w, int fd, short revents, struct client_state *s)
{
	int err = 0;
	socklen_t len = sizeof(err);

	if (!(revents & (POLLERR | POLLHUP))) {
		/* Counted even after a failure: it is held all the same. */
		s->up++;
		if (w->opts->watch)
			watch_from_now(w, s->ep, fd);
		return 1;
	}
	getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len);
	if (w->opts->watch && (err == ECONNRESET || err == EPIPE || err == 0)) {
		/* The handshake completed (a refusal is ECONNREFUSED) and the
		 * server reset or closed it before we saw it up. */
		s->up++;
		verify_watch_drop(w, fd, err != 0);
		return 1;
	}
	close(fd);
	if (!s->failed) {
		s->failed = true;
		verify_worker_fail(w, "connect", err != 0 ? err : ECONNRESET, s->up);
	}
	return 0;
}

/* The connects that finished leave the window; returns how many are up. */
static int64_t
window_sweep(struct verify_worker *w, struct client_state *s)
{
	int64_t newly = 0;
	int i, kept = 0;

	for (i = 0; i < s->inflight; i++) {
		if (s->window[i].revents == 0)
			s->window[kept++] = s->window[i];
		else
			newly += connect_finished(w, s->window[i].fd, s->window[i].revents, s);
	}
	s->inflight = kept;
	return newly;
}

/* An event on a connection that is up (the watch only). */
static void
watched_event(struct verify_worker *w, int ep, const struct epoll_event *ev)
{
	struct epoll_event mod = {.events = EPOLLIN | EPOLLRDHUP, .data.u64 = ev->data.u64};
	bool replied = (ev->data.u64 & TAG_REPLIED) != 0;
	int fd = TAG_FD(ev->data.u64);

	if (!verify_watch_event(w, fd, ev->events, &replied))
		return;
	if (replied && !(ev->data.u64 & TAG_REPLIED)) {
		mod.data.u64 |= TAG_REPLIED;
		epoll_ctl(ep, EPOLL_CTL_MOD, fd, &mod);
	}
}

/* Its turn in the relay came (unless another worker took it first). */
static void
relay_turn(struct verify_worker *w, struct client_state *s)
{
	if (!verify_relay_take(w))
		return;
	epoll_ctl(s->ep, EPOLL_CTL_DEL, w->relay_r, NULL);
	s->working = true;
}

/* The stop pipe and the watched connections, when epoll has news. */
static void
epoll_events(struct verify_worker *w, struct client_state *s)
{
	struct epoll_event evs[EVENTS_MAX];
	int n, i;

	n = epoll_wait(s->ep, evs, EVENTS_MAX, 0);
	for (i = 0; i < n; i++) {
		if (evs[i].data.u64 & TAG_RELAY)
			relay_turn(w, s);
		else if (!(evs[i].data.u64 & TAG_CONN))
			s->stop = true;
		else
			watched_event(w, s->ep, &evs[i]);
	}
}

/*
 * Wait until a connect in the window finishes or epoll has news. A look
 * without waiting first: on loopback most connects are done by now, and
 * a poll that may sleep has to put itself on every socket's wait queue,
 * which with many client processes costs more than it saves.
 */
static int
wait_window(struct client_state *s)
{
	nfds_t n = (nfds_t)s->inflight + 1;
	int ready;

	s->window[s->inflight] = (struct pollfd){.fd = s->ep, .events = POLLIN};
	ready = poll(s->window, n, 0);
	if (ready == 0)
		ready = poll(s->window, n, -1);
	return ready;
}

/* The epoll set: the stop pipe, the relay's pipe until its turn, and
 * with the watch the connections that are up. */
static int
client_setup(struct verify_worker *w, struct client_state *s)
{
	struct epoll_event ev = {.events = EPOLLIN, .data.u64 = (uint32_t)w->stop_fd};
	struct epoll_event turn = {.events = EPOLLIN, .data.u64 = TAG_RELAY};

	/* One slot more than the window: the epoll fd goes last. */
	s->window = calloc((size_t)w->opts->window + 1, sizeof(*s->window));
	s->ep = epoll_create1(EPOLL_CLOEXEC);
	if (s->window == NULL || s->ep < 0 || epoll_ctl(s->ep, EPOLL_CTL_ADD, w->stop_fd, &ev) < 0)
		return -1;
	s->working = w->relay_r < 0;
	if (!s->working && epoll_ctl(s->ep, EPOLL_CTL_ADD, w->relay_r, &turn) < 0)
		return -1;
	return 0;
}

void
verify_client_run(struct verify_worker *w)
{
	struct client_state s = {0};
	int64_t newly;
	bool done = false;

	if (client_setup(w, &s) < 0) {
		verify_worker_fail(w, "epoll", errno, 0);
		return;
	}
	if (!verify_worker_ready(w))
		return;
	while (!s.stop) {
		fill_window(w, &s);
		if (!done && !s.failed && s.up == w->quota) {
			done = true;
			verify_worker_done(w, s.up);
		}
		if (wait_window(&s) < 0)
			continue; /* EINTR: look again */
		if (s.window[s.inflight].revents != 0)
			epoll_events(w, &s);
		newly = window_sweep(w, &s);
		verify_worker_publish(w, newly);
	}
}
