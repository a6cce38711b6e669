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

#include "verify-proc.h"

#define EVENTS_MAX 64

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
pause_ms(long ms)
{
	struct timespec ts = {.tv_sec = ms / 1000, .tv_nsec = (ms % 1000) * 1000000L};

	nanosleep(&ts, NULL);
}

static void
stop_listening(const struct verify_worker *w, int ep)
{
	int i;

	for (i = 0; i < w->nlisten; i++)
		epoll_ctl(ep, EPOLL_CTL_DEL, w->listen_fds[i], NULL);
}

struct server_state {
	int64_t held;
	bool failed;
	bool listening;
	bool stop;
	long delay_ms;
};

/* Accept what is queued on one listener; returns how many. */
static int64_t
accept_burst(struct verify_worker *w, int lfd, struct server_state *s)
{
	int64_t got = 0;
	int fd;

	while (s->held < w->quota && !s->failed) {
		if (s->delay_ms > 0)
			pause_ms(s->delay_ms);
		fd = accept4(lfd, NULL, NULL, SOCK_CLOEXEC);
		if (fd >= 0) {
			s->held++;
			got++;
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

static int
server_setup(struct verify_worker *w)
{
	struct epoll_event ev = {.events = EPOLLIN};
	int ep, i;

	ep = epoll_create1(EPOLL_CLOEXEC);
	if (ep < 0)
		return -1;
	ev.data.fd = w->stop_fd;
	if (epoll_ctl(ep, EPOLL_CTL_ADD, w->stop_fd, &ev) < 0)
		return -1;
	/* EPOLLEXCLUSIVE: a new connection wakes one server, not all. */
	for (i = 0; i < w->nlisten; i++) {
		ev.events = EPOLLIN | EPOLLEXCLUSIVE;
		ev.data.fd = w->listen_fds[i];
		if (epoll_ctl(ep, EPOLL_CTL_ADD, w->listen_fds[i], &ev) < 0)
			return -1;
	}
	return ep;
}

void
verify_server_run(struct verify_worker *w)
{
	struct epoll_event evs[EVENTS_MAX];
	struct server_state s = {.listening = true, .delay_ms = accept_delay_ms()};
	int ep, n, i;
	int64_t newly;

	ep = server_setup(w);
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
			if (evs[i].data.fd == w->stop_fd)
				s.stop = true;
			else if (s.listening)
				newly += accept_burst(w, evs[i].data.fd, &s);
		}
		verify_worker_publish(w, newly);
		if (s.listening && (s.failed || s.held >= w->quota)) {
			/* Full (or broken): leave the queue to the other servers. */
			stop_listening(w, ep);
			s.listening = false;
			if (!s.failed)
				verify_worker_done(w, s.held);
		}
	}
}
