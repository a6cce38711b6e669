/*
 * verify-server.c: a server process. It shares the listening sockets with
 * the other server processes (one accept queue per port, as a pre-forked
 * server has) and accepts until it holds its share or is told to stop.
 * Accepted sockets inherit SO_LINGER {1, 0} from the listener.
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "verify-proc.h"

#define EVENTS_MAX 64
/* --serve: epoll data of an accepted connection (its fd in the low bits). */
#define TAG_CONN    (1ULL << 32)
#define READ_MAX    512
#define READ_ROUNDS 16
/*
 * After a burst of accepts, a short pause before waiting again. A server
 * that goes straight back to epoll_wait is woken for almost every
 * connection, and on loopback the wakeup costs about as much as the
 * accept; pausing lets connections queue, so the next wakeup finds many
 * (bench/verify-profile.sh: ~13% less CPU per connection). At 70,000
 * conn/s this queues ~20 connections in all, far below any backlog.
 */
#define BURST_PAUSE_US 300

/* The test hook: a server that accepts slowly, to overflow its queue. */
static long
accept_delay_ms(void)
{
	const char *s = getenv(VERIFY_ACCEPT_DELAY_ENV);
	long ms;

	if (s == NULL)
		return 0;
	ms = strtol(s, NULL, 10);
	return ms > 0 && ms < 60000 ? ms : 0;
}

static void
pause_us(long us)
{
	struct timespec ts = {.tv_sec = us / 1000000, .tv_nsec = (us % 1000000) * 1000L};

	nanosleep(&ts, NULL);
}

static void
stop_listening(const struct verify_worker *w, int ep)
{
	int i;

	for (i = 0; i < w->nlisten; i++)
		epoll_ctl(ep, EPOLL_CTL_DEL, w->listen_fds[i], NULL);
}

/*
 * --serve: the clients are on other hosts and decide when the test ends,
 * by closing what they opened; each accepted connection is watched for
 * that (and anything they send is read and dropped).
 */
static void
watch_peer(const struct verify_worker *w, int ep, int fd)
{
	struct epoll_event ev = {.events = EPOLLIN | EPOLLRDHUP,
				 .data.u64 = TAG_CONN | (uint32_t)fd};

	if (epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev) < 0) {
		/* Cannot watch it: count it as gone rather than wait on it. */
		close(fd);
		atomic_fetch_add(&w->sh->peer_closed, 1);
	}
}

struct server_state {
	int ep;
	int64_t held;
	bool failed;
	bool listening;
	bool stop;
	long delay_ms;
};

static void
start_listening(const struct verify_worker *w, int ep)
{
	struct epoll_event ev = {.events = EPOLLIN | EPOLLEXCLUSIVE};
	int i;

	for (i = 0; i < w->nlisten; i++) {
		ev.data.u64 = (uint32_t)w->listen_fds[i];
		epoll_ctl(ep, EPOLL_CTL_ADD, w->listen_fds[i], &ev);
	}
}

/*
 * A client closed a connection. Once the target is reached that is the
 * end of its test (peer_closed). Before, it is a probe: --connect's first
 * connection, each load generator's, a port check such as Ansible's
 * wait_for. It gives its place back, or the last connections of the
 * test would wait unaccepted in the queue, one per probe.
 */
static void
peer_gone(const struct verify_worker *w, struct server_state *s)
{
	if (atomic_load(&w->sh->t_peak_ns) != 0) {
		atomic_fetch_add(&w->sh->peer_closed, 1);
		return;
	}
	atomic_fetch_sub(&w->sh->accepted, 1);
	s->held--;
	if (!s->listening && !s->failed) {
		start_listening(w, s->ep);
		s->listening = true;
	}
}

static void
peer_event(const struct verify_worker *w, struct server_state *s, int fd)
{
	char buf[READ_MAX];
	ssize_t n;
	int rounds = 0;

	/* What a client sends (--send) comes back: an answer proves that this
	 * connection was accepted, not only handshaken by the kernel. A few
	 * rounds at most: epoll reports a client that keeps sending again. */
	do {
		n = recv(fd, buf, sizeof(buf), MSG_DONTWAIT);
		if (n > 0 && send(fd, buf, (size_t)n, MSG_DONTWAIT | MSG_NOSIGNAL) < 0)
			continue; /* best effort: a full buffer drops the echo */
	} while ((n > 0 || (n < 0 && errno == EINTR)) && ++rounds < READ_ROUNDS);
	if (n > 0 || (n < 0 && errno == EINTR))
		return;
	if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
		return;
	close(fd);
	peer_gone(w, s);
}

/* Accept what is queued on one listener; returns how many. */
static int64_t
accept_burst(struct verify_worker *w, int lfd, struct server_state *s)
{
	int64_t got = 0;
	int fd;

	while (s->held < w->quota && !s->failed) {
		if (s->delay_ms > 0)
			pause_us(s->delay_ms * 1000);
		fd = accept4(lfd, NULL, NULL, SOCK_CLOEXEC | SOCK_NONBLOCK);
		if (fd >= 0) {
			s->held++;
			got++;
			if (w->opts->serve)
				watch_peer(w, s->ep, fd);
			continue;
		}
		if (errno == EAGAIN || errno == EWOULDBLOCK)
			break;
		if (errno == ECONNABORTED || errno == EINTR)
			continue;
		s->failed = true;
		verify_worker_fail(w, "accept", errno, s->held);
		break;
	}
	return got;
}

/* Its turn in the relay came: from now on it takes connections. */
static void
relay_turn(struct verify_worker *w, struct server_state *s)
{
	if (!verify_relay_take(w))
		return; /* another server took this turn */
	epoll_ctl(s->ep, EPOLL_CTL_DEL, w->relay_r, NULL);
	start_listening(w, s->ep);
	s->listening = true;
}

/* The stop pipe; the listeners, or with a relay its pipe until its turn. */
static int
server_setup(struct verify_worker *w)
{
	struct epoll_event ev = {.events = EPOLLIN};
	int ep, i;

	ep = epoll_create1(EPOLL_CLOEXEC);
	if (ep < 0)
		return -1;
	ev.data.u64 = (uint32_t)w->stop_fd;
	if (epoll_ctl(ep, EPOLL_CTL_ADD, w->stop_fd, &ev) < 0)
		return -1;
	if (w->relay_r >= 0) {
		ev.data.u64 = (uint32_t)w->relay_r;
		return epoll_ctl(ep, EPOLL_CTL_ADD, w->relay_r, &ev) < 0 ? -1 : ep;
	}
	/* EPOLLEXCLUSIVE: a new connection wakes one server, not all. */
	for (i = 0; i < w->nlisten; i++) {
		ev.events = EPOLLIN | EPOLLEXCLUSIVE;
		ev.data.u64 = (uint32_t)w->listen_fds[i];
		if (epoll_ctl(ep, EPOLL_CTL_ADD, w->listen_fds[i], &ev) < 0)
			return -1;
	}
	return ep;
}

void
verify_server_run(struct verify_worker *w)
{
	struct epoll_event evs[EVENTS_MAX];
	struct server_state s = {.delay_ms = accept_delay_ms()};
	int ep, n, i;
	int64_t newly;

	ep = server_setup(w);
	s.ep = ep;
	s.listening = w->relay_r < 0;
	if (ep < 0) {
		verify_worker_fail(w, "epoll", errno, 0);
		return;
	}
	if (!verify_worker_ready(w))
		return;
	while (!s.stop) {
		n = epoll_wait(ep, evs, EVENTS_MAX, -1);
		newly = 0;
		for (i = 0; i < n; i++) {
			if (evs[i].data.u64 & TAG_CONN)
				peer_event(w, &s, (int)(uint32_t)evs[i].data.u64);
			else if ((int)evs[i].data.u64 == w->stop_fd)
				s.stop = true;
			else if ((int)evs[i].data.u64 == w->relay_r)
				relay_turn(w, &s);
			else if (s.listening)
				newly += accept_burst(w, (int)evs[i].data.u64, &s);
		}
		verify_worker_publish(w, newly);
		if (s.listening && (s.failed || s.held >= w->quota)) {
			/* Full (or broken): leave the queue to the other servers. */
			stop_listening(w, ep);
			s.listening = false;
			verify_relay_pass(w);
			if (!s.failed)
				verify_worker_done(w, s.held);
		} else if (newly > 0 && s.delay_ms == 0) {
			pause_us(BURST_PAUSE_US);
		}
	}
}
