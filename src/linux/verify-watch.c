/*
 * verify-watch.c: --connect keeps watching each connection once its
 * handshake is done. A server at its own cap accepts and then drops the
 * client (memcached -c answers "ERROR Too many open connections" and
 * closes, Redis at maxclients "-ERR max number of clients reached"), so a
 * completed connect proves nothing by itself. What the server sends, and
 * when it closes or resets, is counted in the shared page; the first reply
 * (and the first error reply) are kept for the report.
 */
#include "config.h"

#include <errno.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include "verify-cause.h"
#include "verify-proc.h"

#define READ_MAX    512
#define READ_ROUNDS 16

static void
keep_sample(struct verify_sample *s, const char *buf, size_t len)
{
	int none = 0;

	if (!atomic_compare_exchange_strong(&s->state, &none, 1))
		return;
	s->len = len < sizeof(s->buf) ? len : sizeof(s->buf);
	memcpy(s->buf, buf, s->len);
	atomic_store(&s->state, 2);
}

static void
stamp_drop(struct verify_shared *sh, bool reset)
{
	struct verify_watch *wt = &sh->watch;
	int64_t now = verify_now_ns(), zero = 0, last;

	atomic_fetch_add(reset ? &wt->reset : &wt->closed, 1);
	if (atomic_load(&sh->t_peak_ns) != 0)
		atomic_fetch_add(&wt->during_hold, 1);
	atomic_compare_exchange_strong(&wt->t_first_ns, &zero, now);
	last = atomic_load(&wt->t_last_ns);
	while (last < now && !atomic_compare_exchange_weak(&wt->t_last_ns, &last, now))
		continue;
}

static void
drop(const struct verify_worker *w, int fd, bool reset, bool replied)
{
	stamp_drop(w->sh, reset);
	if (!replied)
		atomic_fetch_add(&w->sh->watch.silent, 1);
	close(fd);
}

void
verify_watch_drop(const struct verify_worker *w, int fd, bool reset)
{
	drop(w, fd, reset, false);
}

static void
count_reply(const struct verify_worker *w, const char *buf, size_t len)
{
	struct verify_watch *wt = &w->sh->watch;

	atomic_fetch_add(&wt->replies, 1);
	keep_sample(&wt->any, buf, len);
	if (verify_reply_is_error(buf, len)) {
		atomic_fetch_add(&wt->error_replies, 1);
		keep_sample(&wt->error, buf, len);
	}
}

static bool
is_reset(int err)
{
	return err == ECONNRESET || err == EPIPE || err == ETIMEDOUT || err == EHOSTUNREACH;
}

bool
verify_watch_up(const struct verify_worker *w, int fd)
{
	ssize_t n;

	if (w->opts->send == NULL)
		return true;
	n = send(fd, w->opts->send, w->opts->sendlen, MSG_NOSIGNAL | MSG_DONTWAIT);
	if (n < 0 && is_reset(errno)) {
		verify_watch_drop(w, fd, true);
		return false;
	}
	/* A short write of a probe this small into an empty buffer does not
	 * happen; EAGAIN would mean the same, and the reply tells. */
	return true;
}

/*
 * Bytes, EOF or a reset on a connection that is up. *replied says whether
 * this connection had replied before; it is set on its first reply.
 */
bool
verify_watch_event(const struct verify_worker *w, int fd, uint32_t events, bool *replied)
{
	char buf[READ_MAX];
	ssize_t n;
	int err = 0;
	socklen_t len = sizeof(err);

	if ((events & EPOLLERR) && !(events & EPOLLIN)) {
		getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len);
		drop(w, fd, true, *replied);
		return false;
	}
	/* Bounded: a server that streams must not keep this worker from its
	 * other connections and the stop pipe (epoll reports the rest). */
	for (int rounds = 0; rounds < READ_ROUNDS; rounds++) {
		n = recv(fd, buf, sizeof(buf), MSG_DONTWAIT);
		if (n > 0) {
			if (!*replied)
				count_reply(w, buf, (size_t)n);
			*replied = true;
			continue;
		}
		if (n == 0) {
			drop(w, fd, false, *replied);
			return false;
		}
		if (errno == EAGAIN || errno == EWOULDBLOCK)
			return true;
		if (errno == EINTR)
			continue;
		drop(w, fd, true, *replied);
		return false;
	}
	return true;
}

static void
take_sample(const struct verify_sample *s, struct verify_drops *d, bool error)
{
	if (atomic_load(&s->state) != 2)
		return;
	memcpy(d->sample, s->buf, s->len);
	d->sample_len = s->len;
	d->sample_error = error;
}

static double
since(int64_t t, int64_t t_go_ns)
{
	return t != 0 && t_go_ns != 0 ? (double)(t - t_go_ns) / 1e9 : 0;
}

void
verify_watch_collect(const struct verify_shared *sh, int64_t t_go_ns, struct verify_drops *d)
{
	const struct verify_watch *wt = &sh->watch;

	memset(d, 0, sizeof(*d));
	d->closed = atomic_load(&wt->closed);
	d->reset = atomic_load(&wt->reset);
	d->during_hold = atomic_load(&wt->during_hold);
	d->replies = atomic_load(&wt->replies);
	d->error_replies = atomic_load(&wt->error_replies);
	d->silent_drops = atomic_load(&wt->silent);
	d->first = since(atomic_load(&wt->t_first_ns), t_go_ns);
	d->last = since(atomic_load(&wt->t_last_ns), t_go_ns);
	take_sample(&wt->any, d, false);
	take_sample(&wt->error, d, true);
}
