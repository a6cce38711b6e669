/*
 * probe-listen.c: the listeners as they are. A listener's accept queue
 * holds min(the backlog its server asked for, net.core.somaxconn) as it
 * was at listen() time; raising somaxconn later changes nothing for it
 * until the server listens again. So each listener of a watched process
 * is a layer of its own (backlog.listen) with its real limit
 * (sk_max_ack_backlog from the socket census), judged against the need,
 * and its process to restart. Without --pid, the listeners still below
 * somaxconn are named, with their process, on the backlog.somaxconn row:
 * which of them the target is about, only --pid says.
 */
#include "config.h"

#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "probe-linux.h"
#include "rootfs.h"

#define LISTEN_LAYERS_MAX 8 /* listeners below somaxconn named in a note */

/* The socket inode of each listener held by one of pids[0..n), into
 * owners (0: none found); one pass over each process's fds. */
static void
find_owners(const struct census *c, const pid_t *pids, size_t n, pid_t *owners)
{
	char rel[64], dir[PATH_MAX], link[PATH_MAX + 300], target[64];
	struct dirent *d;
	size_t i, k;

	for (k = 0; k < c->nlisteners; k++)
		owners[k] = 0;
	for (i = 0; i < n; i++) {
		DIR *dp;

		snprintf(rel, sizeof(rel), "/proc/%d/fd", (int)pids[i]);
		if (rootfs_path(rel, dir, sizeof(dir)) < 0 || (dp = opendir(dir)) == NULL)
			continue;
		while ((d = readdir(dp)) != NULL) {
			unsigned long inode;
			ssize_t len;

			if (d->d_name[0] == '.')
				continue;
			snprintf(link, sizeof(link), "%s/%s", dir, d->d_name);
			len = readlink(link, target, sizeof(target) - 1);
			if (len <= 0)
				continue;
			target[len] = '\0';
			if (sscanf(target, "socket:[%lu]", &inode) != 1)
				continue;
			for (k = 0; k < c->nlisteners; k++)
				if (c->listeners[k].inode == inode && owners[k] == 0)
					owners[k] = pids[i];
		}
		closedir(dp);
	}
}

/* Every process of the root's /proc, for the owners of listeners when no
 * pid is watched. */
static size_t
all_pids(pid_t *pids, size_t max)
{
	char dir[PATH_MAX];
	struct dirent *d;
	size_t n = 0;
	DIR *dp;

	if (rootfs_path("/proc", dir, sizeof(dir)) < 0 || (dp = opendir(dir)) == NULL)
		return 0;
	while (n < max && (d = readdir(dp)) != NULL) {
		char *end;
		long v = strtol(d->d_name, &end, 10);

		if (*end == '\0' && v > 0 && v <= INT_MAX)
			pids[n++] = (pid_t)v;
	}
	closedir(dp);
	return n;
}

static void
listener_name(const struct census_listener *cl, char *out, size_t size)
{
	bool v6 = strchr(cl->addr, ':') != NULL;

	snprintf(out, size, "%s%s%s:%u", v6 ? "[" : "", cl->addr, v6 ? "]" : "", cl->port);
}

static void
add_listener(struct probe_ctx *ctx, const struct census_listener *cl, pid_t pid, int64_t somaxconn)
{
	struct layer *l = probe_add(ctx, LAYER_BACKLOG_LISTEN);
	char rel[64];

	if (l == NULL)
		return;
	l->limit = cl->backlog;
	l->use = cl->queue;
	l->pid = pid;
	listener_name(cl, l->listen, sizeof(l->listen));
	snprintf(rel, sizeof(rel), "/proc/%d/comm", (int)pid);
	if (rootfs_read(rel, l->comm, sizeof(l->comm)) > 0)
		l->comm[strcspn(l->comm, "\n")] = '\0';
	probe_proc_facts(pid, l->comm, &l->proc);
	layer_note(l, "listening on %s: %u of %u queued", l->listen, cl->queue, cl->backlog);
	if (somaxconn > (int64_t)cl->backlog)
		layer_note(l,
			   "net.core.somaxconn is %lld now, but this listener took %u at listen() "
			   "(somaxconn was lower then, or the server asks for %u): only a restart "
			   "lets it listen again",
			   (long long)somaxconn, cl->backlog, cl->backlog);
}

/* Without --pid: name the listeners still below somaxconn on its row. */
static void
note_below(struct probe_ctx *ctx, int64_t somaxconn, const pid_t *owners)
{
	struct layer *s = layer_find(ctx->set, LAYER_BACKLOG_SOMAXCONN, 0);
	const struct census *c = ctx->census;
	size_t k, shown = 0, more = 0;
	char name[64], rel[64], comm[32];

	if (s == NULL)
		return;
	for (k = 0; k < c->nlisteners; k++) {
		const struct census_listener *cl = &c->listeners[k];

		if ((int64_t)cl->backlog >= somaxconn)
			continue;
		if (shown++ >= LISTEN_LAYERS_MAX) {
			more++;
			continue;
		}
		listener_name(cl, name, sizeof(name));
		comm[0] = '\0';
		snprintf(rel, sizeof(rel), "/proc/%d/comm", (int)owners[k]);
		if (owners[k] != 0 && rootfs_read(rel, comm, sizeof(comm)) > 0)
			comm[strcspn(comm, "\n")] = '\0';
		if (owners[k] != 0)
			layer_note(
			    s,
			    "%s has a backlog of %u, set at listen() (somaxconn was lower "
			    "then, or the server asks for it): restarting pid %d (%s) lets it "
			    "take up to %lld; watch it with --pid to judge it",
			    name, cl->backlog, (int)owners[k], comm, (long long)somaxconn);
		else
			layer_note(
			    s,
			    "%s has a backlog of %u, set at listen() (somaxconn was lower "
			    "then, or the server asks for it): restarting its server lets it "
			    "take up to %lld",
			    name, cl->backlog, (long long)somaxconn);
	}
	if (more > 0)
		layer_note(s, "%zu more listeners below net.core.somaxconn", more);
}

void
probe_listeners(struct probe_ctx *ctx, int64_t somaxconn)
{
	static pid_t owners[CENSUS_LISTENERS_MAX], pids[32768];
	const struct census *c = ctx->census;
	size_t k;
	bool below = false;

	if (c == NULL)
		return;
	if (ctx->opts->npids > 0) {
		/* The listeners of the watched servers are the ones the target is
		 * about: a row each, judged against the need. */
		find_owners(c, ctx->opts->pids, ctx->opts->npids, owners);
		for (k = 0; k < c->nlisteners; k++)
			if (owners[k] != 0)
				add_listener(ctx, &c->listeners[k], owners[k], somaxconn);
		return;
	}
	for (k = 0; k < c->nlisteners; k++)
		below = below || (somaxconn > 0 && (int64_t)c->listeners[k].backlog < somaxconn);
	if (!below)
		return;
	find_owners(c, pids, all_pids(pids, sizeof(pids) / sizeof(pids[0])), owners);
	note_below(ctx, somaxconn, owners);
}
