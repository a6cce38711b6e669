/*
 * probe-net.c: network layers of this network namespace: ephemeral ports,
 * the accept and SYN backlogs, TIME_WAIT buckets, conntrack and TCP memory.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "parse.h"
#include "probe-linux.h"
#include "rootfs.h"

static char netstat_buf[16384];
static char sockstat_buf[1024];

static void
add_ports(struct probe_ctx *ctx)
{
	struct layer *l = probe_add(ctx, LAYER_PORTS_EPHEMERAL);
	const struct target *t = ctx->opts->target;
	char buf[4096];
	int64_t reserved = 0;

	if (l == NULL)
		return;
	if (!ctx->port_range_read) {
		layer_unknown(l, "%s", ctx->port_range_error);
		return;
	}
	if (rootfs_read_sysctl("net.ipv4.ip_local_reserved_ports", buf, sizeof(buf)) >= 0)
		reserved = parse_reserved_ports(buf, ctx->port_lo, ctx->port_hi);
	if (reserved < 0)
		reserved = 0;
	l->limit = ctx->port_hi - ctx->port_lo + 1 - reserved;
	if (ctx->census != NULL)
		l->use = ctx->census->ports_in_range;
	else
		layer_note(l, "ports in use not counted: %s", ctx->census_error);
	layer_note(l, "range %lld-%lld, %lld reserved; %d source address%s assumed (--sources)",
		   (long long)ctx->port_lo, (long long)ctx->port_hi, (long long)reserved,
		   t != NULL ? t->sources : 1, t != NULL && t->sources > 1 ? "es" : "");
}

static void
note_listen_counters(struct layer *l)
{
	int64_t overflows, drops;

	if (parse_netstat(netstat_buf, "TcpExt", "ListenOverflows", &overflows) == 0 &&
	    parse_netstat(netstat_buf, "TcpExt", "ListenDrops", &drops) == 0) {
		layer_note(l, "ListenOverflows %lld, ListenDrops %lld since boot",
			   (long long)overflows, (long long)drops);
		if (overflows > 0)
			layer_note(l, "accept queues have overflowed: a server accepted too slowly "
				      "or its backlog is too small");
	}
}

static void
add_backlog(struct probe_ctx *ctx)
{
	struct layer *l = probe_add(ctx, LAYER_BACKLOG_SOMAXCONN);
	struct layer *syn;
	int64_t cookies;

	if (l != NULL && probe_sysctl_limit(l) == 0) {
		if (ctx->census != NULL && ctx->census->fullest >= 0) {
			const struct census_listener *cl =
			    &ctx->census->listeners[ctx->census->fullest];
			l->use = cl->queue;
			layer_note(l, "fullest listener %s:%u: %u of %u queued", cl->addr, cl->port,
				   cl->queue, cl->backlog);
		}
		note_listen_counters(l);
	}
	syn = probe_add(ctx, LAYER_BACKLOG_SYN);
	if (syn != NULL && probe_sysctl_limit(syn) == 0) {
		if (ctx->census != NULL)
			syn->use = (int64_t)ctx->census->states[CENSUS_SYN_RECV]; /* NEW_SYN_RECV
										     too */
		if (rootfs_read_sysctl_i64("net.ipv4.tcp_syncookies", &cookies) == 0)
			layer_note(syn, "tcp_syncookies=%lld%s", (long long)cookies,
				   cookies ? ": an overflow sends cookies instead of dropping"
					   : "");
	}
	probe_listeners(ctx, l != NULL && l->limit > 0 ? l->limit : LAYER_NONE);
}

static void
add_time_wait(struct probe_ctx *ctx)
{
	struct layer *l = probe_add(ctx, LAYER_TCP_TW);
	int64_t tw, reuse;

	if (l == NULL || probe_sysctl_limit(l) < 0)
		return;
	if (parse_sockstat(sockstat_buf, "TCP", "tw", &tw) == 0)
		l->use = tw;
	if (rootfs_read_sysctl_i64("net.ipv4.tcp_tw_reuse", &reuse) == 0)
		layer_note(l, "tcp_tw_reuse=%lld%s", (long long)reuse,
			   reuse == 1 ? "" : " (1 lets clients reuse TIME_WAIT ports)");
}

static void
add_conntrack(struct probe_ctx *ctx)
{
	struct layer *l = probe_add(ctx, LAYER_CONNTRACK);
	int64_t count = 0;
	int err;

	if (l == NULL)
		return;
	err = rootfs_read_sysctl_i64(layer_descs[l->kind].key, &l->limit);
	/* only a missing file means "not loaded": garbage, EMFILE or EACCES
	 * is a limit that could not be read */
	if (err == -ENOENT) {
		l->limit = LAYER_UNLIMITED;
		layer_note(l, "nf_conntrack is not loaded here: no limit");
		return;
	}
	if (err < 0 || l->limit < 0) {
		l->limit = LAYER_NONE;
		layer_unknown(l, "cannot read %s: %s", layer_descs[l->kind].key,
			      err == -EINVAL || err == 0 ? "not a count" : rootfs_strerror(err));
		return;
	}
	if (rootfs_read_sysctl_i64("net.netfilter.nf_conntrack_count", &count) == 0)
		l->use = count;
	/* Loaded but tracking nothing here: no rule in this namespace uses it,
	 * so new connections will not be tracked either. */
	if (count == 0) {
		l->caps_now = false;
		layer_note(l,
			   "nf_conntrack is loaded but tracks nothing in this network namespace: "
			   "connections are not counted against it unless a firewall rule "
			   "starts tracking them");
	}
}

static void
add_tcp_mem(struct probe_ctx *ctx)
{
	struct layer *l = probe_add(ctx, LAYER_TCP_MEM);
	char buf[128];
	int64_t v[3], pages;
	ssize_t n;

	if (l == NULL)
		return;
	n = rootfs_read_sysctl("net.ipv4.tcp_mem", buf, sizeof(buf));
	if (n == -ENOENT) {
		/* tcp_mem is global and shown only in the initial network namespace. */
		l->not_applicable = true;
		layer_note(l, "net.ipv4.tcp_mem is not visible in this network namespace (a "
			      "container): check it on the host");
		return;
	}
	if (n < 0 || parse_i64_list(buf, v, 3) != 3) {
		layer_unknown(l, "cannot read net.ipv4.tcp_mem");
		return;
	}
	l->limit = v[2];
	if (parse_sockstat(sockstat_buf, "TCP", "mem", &pages) == 0)
		l->use = pages;
	layer_note(l,
		   "pressure at %lld pages; assumes one page buffered per socket under "
		   "traffic (idle connections buffer nothing, so it warns, never caps)",
		   (long long)v[1]);
}

void
probe_net(struct probe_ctx *ctx)
{
	if (rootfs_read("/proc/net/netstat", netstat_buf, sizeof(netstat_buf)) < 0)
		netstat_buf[0] = '\0';
	if (rootfs_read("/proc/net/sockstat", sockstat_buf, sizeof(sockstat_buf)) < 0)
		sockstat_buf[0] = '\0';
	add_ports(ctx);
	add_backlog(ctx);
	add_time_wait(ctx);
	add_conntrack(ctx);
	add_tcp_mem(ctx);
}
