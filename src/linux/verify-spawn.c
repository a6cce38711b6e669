/*
 * verify-spawn.c: everything a run shares with its workers (the shared
 * page, the notify eventfd, the go and stop pipes, the listening sockets)
 * and the forks themselves. Server processes get slots 0..S-1, client
 * workers the slots after them.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <unistd.h>

#include "verify-proc.h"

#define LISTEN_BACKLOG	65535 /* the kernel clamps it to net.core.somaxconn */
#define LISTEN_PORT_MIN 1024

static void
loopback_addr(const struct verify_run *r, uint16_t port, struct sockaddr_storage *ss)
{
	memset(ss, 0, sizeof(*ss));
	if (r->opts->ipv6) {
		struct sockaddr_in6 *a = (struct sockaddr_in6 *)ss;

		a->sin6_family = AF_INET6;
		a->sin6_addr = in6addr_loopback;
		a->sin6_port = htons(port);
	} else {
		struct sockaddr_in *a = (struct sockaddr_in *)ss;

		a->sin_family = AF_INET;
		a->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
		a->sin_port = htons(port);
	}
}

static int
listen_at(const struct sockaddr_storage *ss, socklen_t len)
{
	static const struct linger reset = {.l_onoff = 1, .l_linger = 0};
	int one = 1, fd;

	fd = socket(ss->ss_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -errno;
	if (setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) < 0 ||
	    setsockopt(fd, SOL_SOCKET, SO_LINGER, &reset, sizeof(reset)) < 0 ||
	    bind(fd, (const struct sockaddr *)ss, len) < 0 || listen(fd, LISTEN_BACKLOG) < 0) {
		int err = -errno;

		close(fd);
		return err;
	}
	return fd;
}

static int
listen_on(const struct verify_run *r, uint16_t port)
{
	struct sockaddr_storage ss;

	loopback_addr(r, port, &ss);
	return listen_at(&ss, r->destlen);
}

/* --serve: the one listener the user named. */
static int
open_serve(struct verify_run *r, char *cause, size_t causelen)
{
	const struct verify_opts *o = r->opts;
	int fd = listen_at(&o->bind, o->bindlen);

	if (fd < 0) {
		snprintf(cause, causelen, "listen: %s", strerror(-fd));
		return fd;
	}
	r->first_port =
	    ntohs(o->bind.ss_family == AF_INET6 ? ((const struct sockaddr_in6 *)&o->bind)->sin6_port
						: ((const struct sockaddr_in *)&o->bind)->sin_port);
	r->listen_fds[r->nlisten++] = fd;
	return 0;
}

/*
 * The listeners take ports just below the ephemeral range, where a real
 * server's port is, so they cost the clients none of theirs.
 */
static int
open_listeners(struct verify_run *r, int64_t below, char *cause, size_t causelen)
{
	int64_t port = below - 1;
	int fd;

	r->destlen = r->opts->ipv6 ? sizeof(struct sockaddr_in6) : sizeof(struct sockaddr_in);
	while (r->nlisten < r->lay->ports) {
		if (port < LISTEN_PORT_MIN) {
			snprintf(cause, causelen, "no free port for a listener below %lld",
				 (long long)below);
			return -EADDRINUSE;
		}
		fd = listen_on(r, (uint16_t)port);
		if (fd == -EADDRINUSE) {
			port--;
			continue;
		}
		if (fd < 0) {
			snprintf(cause, causelen, "listen on loopback port %lld: %s",
				 (long long)port, strerror(-fd));
			return fd;
		}
		if (r->nlisten == 0)
			r->first_port = (uint16_t)port;
		loopback_addr(r, (uint16_t)port, &r->dests[r->nlisten]);
		r->listen_fds[r->nlisten++] = fd;
		port--;
	}
	return 0;
}

/* A side's relay, when fewer of its workers work at once than it has: a
 * pipe with one byte per turn to work. */
static int
relay_open(int relay[2], int workers, int at_once)
{
	static const char turns[VERIFY_RELAY_MAX] = {0};

	if (at_once >= workers)
		return 0;
	if (pipe2(relay, O_CLOEXEC | O_NONBLOCK) < 0)
		return -errno;
	if (write(relay[1], turns, (size_t)at_once) != at_once)
		return -EIO;
	return 0;
}

static int
relays_open(struct verify_run *r, char *cause, size_t causelen)
{
	int err;

	if ((err = relay_open(r->relay[0], r->lay->servers, r->lay->servers_at_once)) < 0 ||
	    (err = relay_open(r->relay[1], r->lay->clients, r->lay->clients_at_once)) < 0)
		snprintf(cause, causelen, "relay pipe: %s", strerror(-err));
	return err;
}

int
verify_spawn_open(struct verify_run *r, char *cause, size_t causelen)
{
	const struct verify_layout *lay = r->lay;
	int go[2], stop[2];

	r->nslots = lay->servers + lay->clients;
	r->shlen = sizeof(*r->sh) + (size_t)r->nslots * sizeof(r->sh->slot[0]);
	r->sh = mmap(NULL, r->shlen, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	r->pids = calloc((size_t)r->nslots, sizeof(*r->pids));
	r->exited = calloc((size_t)r->nslots, sizeof(*r->exited));
	if (r->sh == MAP_FAILED || r->pids == NULL || r->exited == NULL) {
		r->sh = r->sh == MAP_FAILED ? NULL : r->sh;
		snprintf(cause, causelen, "out of memory");
		return -ENOMEM;
	}
	r->sh->target = r->opts->target;
	r->sh->two_sided = lay->servers > 0 && lay->clients > 0;
	r->notify_fd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
	if (r->notify_fd < 0 || pipe2(go, O_CLOEXEC) < 0 || pipe2(stop, O_CLOEXEC) < 0) {
		snprintf(cause, causelen, "eventfd/pipe: %s", strerror(errno));
		return -errno;
	}
	r->go_r = go[0], r->go_w = go[1], r->stop_r = stop[0], r->stop_w = stop[1];
	if (r->opts->what != VERIFY_CONNECTIONS)
		return 0;
	if (r->opts->external) {
		r->dests[0] = r->opts->dest;
		r->destlen = r->opts->destlen;
		return 0;
	}
	if (r->opts->serve)
		return open_serve(r, cause, causelen);
	if (relays_open(r, cause, causelen) < 0)
		return -EIO;
	return open_listeners(r, r->lay->port_lo, cause, causelen);
}

static void
close_fd(int *fd)
{
	if (*fd >= 0)
		close(*fd);
	*fd = -1;
}

void
verify_spawn_close(struct verify_run *r)
{
	int i;

	for (i = 0; i < r->nlisten; i++)
		close_fd(&r->listen_fds[i]);
	close_fd(&r->notify_fd);
	close_fd(&r->go_r);
	close_fd(&r->go_w);
	close_fd(&r->stop_r);
	close_fd(&r->stop_w);
	for (i = 0; i < 2; i++) {
		close_fd(&r->relay[i][0]);
		close_fd(&r->relay[i][1]);
	}
	if (r->sh != NULL)
		munmap(r->sh, r->shlen);
	free(r->pids);
	free(r->exited);
	r->sh = NULL;
	r->pids = NULL;
	r->exited = NULL;
}

const char *
verify_slot_name(const struct verify_run *r, int slot, char *buf, size_t len)
{
	if (slot < r->lay->servers)
		snprintf(buf, len, "server process %d", slot + 1);
	else if (r->opts->what == VERIFY_CONNECTIONS)
		snprintf(buf, len, "client worker %d", slot - r->lay->servers + 1);
	else
		snprintf(buf, len, "process %d", slot - r->lay->servers + 1);
	return buf;
}

static int
cmp_int(const void *a, const void *b)
{
	return *(const int *)a - *(const int *)b;
}

/* In the child: close every descriptor but the ones its role uses. */
static void
keep_only(const int *keep, int nkeep)
{
	int sorted[VERIFY_PORTS_MAX + 8], i, from = 3;

	memcpy(sorted, keep, (size_t)nkeep * sizeof(int));
	qsort(sorted, (size_t)nkeep, sizeof(int), cmp_int);
	for (i = 0; i < nkeep; i++) {
		if (sorted[i] > from)
			close_range((unsigned)from, (unsigned)sorted[i] - 1, 0);
		if (sorted[i] >= from)
			from = sorted[i] + 1;
	}
	close_range((unsigned)from, ~0U, 0);
}

static void
worker_fill(struct verify_run *r, int slot, struct verify_worker *w)
{
	const struct verify_layout *lay = r->lay;
	int64_t target = r->opts->target, k;

	memset(w, 0, sizeof(*w));
	w->slot = slot;
	w->sh = r->sh;
	w->opts = r->opts;
	w->lay = lay;
	w->notify_fd = r->notify_fd;
	w->go_fd = r->go_r;
	w->stop_fd = r->stop_r;
	w->dests = r->dests;
	w->destlen = r->destlen;
	w->relay_r = r->relay[slot < lay->servers ? 0 : 1][0];
	w->relay_w = r->relay[slot < lay->servers ? 0 : 1][1];
	if (slot < lay->servers) {
		w->role = WORKER_SERVER;
		w->index = slot + 1;
		/* A server takes what its fd limit allows, not an exact share:
		 * the shared queue hands connections to whoever accepts first. */
		w->quota = lay->soft_wanted - lay->proc_overhead;
		/* --serve: take its share even past the fd limit, so a server
		 * short of fds fails as a real one does (EMFILE) and says so. */
		if (r->opts->serve)
			w->quota = lay->server_share;
		w->listen_fds = r->listen_fds;
		w->nlisten = r->nlisten;
		return;
	}
	w->role = r->opts->what == VERIFY_CONNECTIONS ? WORKER_CLIENT : WORKER_OPENER;
	k = slot - lay->servers;
	w->index = (int)k + 1;
	w->quota = target / lay->clients + (k < target % lay->clients);
	w->first =
	    k * (target / lay->clients) + (k < target % lay->clients ? k : target % lay->clients);
}

static _Noreturn void
worker_main(struct verify_run *r, int slot)
{
	struct verify_worker w;
	int keep[VERIFY_PORTS_MAX + 8], nkeep = 0, i;

	worker_fill(r, slot, &w);
	keep[nkeep++] = r->notify_fd;
	keep[nkeep++] = r->go_r;
	keep[nkeep++] = r->stop_r;
	if (w.relay_r >= 0) {
		keep[nkeep++] = w.relay_r;
		keep[nkeep++] = w.relay_w;
	}
	for (i = 0; w.role == WORKER_SERVER && i < r->nlisten; i++)
		keep[nkeep++] = r->listen_fds[i];
	keep_only(keep, nkeep);
	verify_worker_setup(&w);
	if (w.role == WORKER_SERVER)
		verify_server_run(&w);
	else if (w.role == WORKER_CLIENT)
		verify_client_run(&w);
	else
		verify_opener_run(&w);
	verify_worker_exit(&w);
}

int
verify_spawn_workers(struct verify_run *r)
{
	struct verify_failure *f = &r->res->failure;
	pid_t pid;
	int slot;

	for (slot = 0; slot < r->nslots; slot++) {
		pid = fork();
		if (pid == 0)
			worker_main(r, slot);
		if (pid < 0) {
			f->err = errno;
			snprintf(f->op, sizeof(f->op), "fork");
			verify_slot_name(r, slot, f->where, sizeof(f->where));
			return -f->err;
		}
		r->pids[slot] = pid;
		r->started++;
	}
	/* The servers hold the listeners now; a real server owns its socket. */
	for (slot = 0; slot < r->nlisten; slot++)
		close_fd(&r->listen_fds[slot]);
	return 0;
}
