/*
 * probe-linux.c: the Linux probe. Reads every layer through rootfs (so --root
 * reads a fixture tree), takes one socket census, and leaves judging to
 * the plan.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "parse.h"
#include "probe-linux.h"
#include "rootfs.h"

/* An idle TCP socket when slabinfo cannot be read: tcp_sock, its inode,
 * file, dentry and one epoll entry, as measured on x86_64 6.x kernels. */
#define SOCKET_BYTES_ESTIMATE 3800

static struct census census_buf; /* large; static so nothing is allocated per probe */

struct layer *
probe_add(struct probe_ctx *ctx, enum layer_kind kind)
{
	return layer_add(ctx->set, kind);
}

int
probe_sysctl_limit(struct layer *l)
{
	const char *key = layer_descs[l->kind].key;
	int64_t v;
	int err = rootfs_read_sysctl_i64(key, &v);

	if (err < 0) {
		layer_unknown(l, "cannot read %s: %s", key, rootfs_strerror(err));
		return err;
	}
	l->limit = v;
	return 0;
}

/* Sum of the slab_size of each cache from /sys/kernel/slab (SLUB), or
 * false when one of them is not there. */
static bool
sum_slab_sizes(const char *const *caches, size_t n, int64_t *sum)
{
	char path[96];
	int64_t size;
	size_t i;

	*sum = 0;
	for (i = 0; i < n; i++) {
		snprintf(path, sizeof(path), "/sys/kernel/slab/%s/slab_size", caches[i]);
		if (rootfs_read_i64(path, &size) < 0)
			return false;
		*sum += size;
	}
	return true;
}

/* Kernel bytes per socket from the slab caches a TCP socket lives in.
 * /sys/kernel/slab costs one small read per cache; /proc/slabinfo, the
 * fallback, walks every cache's partial slabs, which takes milliseconds
 * on a host holding many sockets. */
static void
measure_socket_bytes(struct probe_ctx *ctx)
{
	static const char *const caches[] = {"TCP", "sock_inode_cache", "filp", "dentry",
					     "eventpoll_epi"};
	static char buf[256 * 1024];
	int64_t sum = 0, size;
	size_t i;

	ctx->socket_bytes = SOCKET_BYTES_ESTIMATE;
	ctx->socket_bytes_from = NULL;
	if (sum_slab_sizes(caches, sizeof(caches) / sizeof(caches[0]), &sum)) {
		ctx->socket_bytes = sum;
		ctx->socket_bytes_from = "/sys/kernel/slab";
		return;
	}
	if (rootfs_read("/proc/slabinfo", buf, sizeof(buf)) < 0)
		return;
	for (i = 0; i < sizeof(caches) / sizeof(caches[0]); i++) {
		if (parse_slab_objsize(buf, caches[i], &size) < 0)
			return; /* a merged cache: keep the estimate */
		sum += size;
	}
	ctx->socket_bytes = sum;
	ctx->socket_bytes_from = "/proc/slabinfo";
}

static void
take_census(struct probe_ctx *ctx)
{
	struct census_opts copts = {0};
	int err;

	ctx->port_range_read =
	    rootfs_read_port_range(&ctx->port_lo, &ctx->port_hi, ctx->port_range_error,
				   sizeof(ctx->port_range_error)) == 0;
	ctx->census = NULL;
	if (!rootfs_is_live() && ctx->opts->census_replay == NULL) {
		snprintf(ctx->census_error, sizeof(ctx->census_error),
			 "no socket census under --root (give --census FILE)");
		return;
	}
	copts.port_lo = (uint16_t)ctx->port_lo;
	copts.port_hi = (uint16_t)ctx->port_hi;
	copts.replay = ctx->opts->census_replay;
	err = census_collect(&census_buf, &copts, ctx->census_error, sizeof(ctx->census_error));
	ctx->census_err = err;
	if (err == 0)
		ctx->census = &census_buf;
}

int
probe_collect(struct layer_set *set, const struct probe_opts *opts, char *cause, size_t causelen)
{
	struct probe_ctx ctx = {.opts = opts, .set = set};
	int err;

	layer_set_init(set);
	if (rootfs_read_sysctl_i64(layer_descs[LAYER_FS_NR_OPEN].key, &ctx.nr_open) < 0)
		ctx.nr_open = LAYER_NONE;
	measure_socket_bytes(&ctx);
	take_census(&ctx);
	/* a dump asked for by name is input: unreadable or bad, it is an
	 * error, not a note only -v shows */
	if (opts->census_replay != NULL && ctx.census == NULL) {
		snprintf(cause, causelen, "--census: %s", ctx.census_error);
		/* as census --replay: bad data 65, unreadable 3 (77 for EACCES) */
		if (ctx.census_err == -EACCES || ctx.census_err == -EPERM)
			return ctx.census_err;
		return ctx.census_err == -EBADMSG ? -EINVAL : -EIO;
	}
	err = probe_fds(&ctx, cause, causelen);
	if (err < 0)
		return err;
	probe_net(&ctx);
	probe_mem(&ctx);
	probe_threads(&ctx);
	probe_session(&ctx);
	probe_apps(&ctx);
	return 0;
}
