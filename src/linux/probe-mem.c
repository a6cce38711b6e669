/*
 * probe-mem.c: memory and thread layers: kernel memory per connection
 * against MemAvailable, the cgroup's memory and pids limits, RLIMIT_NPROC,
 * kernel.threads-max, kernel.pid_max and vm.max_map_count.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cgroup.h"
#include "parse.h"
#include "probe-linux.h"
#include "rootfs.h"

static char status_buf[4096];

static void
add_mem_per_conn(struct probe_ctx *ctx)
{
	struct layer *l = probe_add(ctx, LAYER_MEM_PER_CONN);
	char buf[8192];
	int64_t kb;

	if (l == NULL)
		return;
	l->unit_cost = (double)ctx->socket_bytes;
	if (rootfs_read("/proc/meminfo", buf, sizeof(buf)) < 0 ||
	    parse_keyed_i64(buf, "MemAvailable", &kb) < 0) {
		layer_unknown(l, "cannot read MemAvailable from /proc/meminfo");
		return;
	}
	l->limit = kb * 1024;
	layer_note(l,
		   "%lld bytes of kernel memory per idle socket (%s%s); buffers in flight add more",
		   (long long)ctx->socket_bytes,
		   ctx->socket_bytes_from != NULL ? "slab object sizes from " : "",
		   ctx->socket_bytes_from != NULL ? ctx->socket_bytes_from
						  : "built-in estimate: /proc/slabinfo unreadable");
}

static void
fill_cgroup(struct layer *l, const char *cgroup_text, enum cgroup_controller c)
{
	const char *name = c == CGROUP_PIDS ? "pids" : "memory";
	struct cgroup_limit cl;
	int err = cgroup_text != NULL ? cgroup_read(cgroup_text, c, &cl) : -ENOENT;

	if (err == -EXDEV) {
		layer_unknown(l, "the %s cgroup path in /proc/self/cgroup holds '..': refused",
			      name);
		return;
	}
	if (err < 0) {
		l->limit = LAYER_UNLIMITED;
		layer_note(l, "no %s controller for this process: no cgroup limit", name);
		return;
	}
	l->limit = cl.limit;
	l->use = cl.use;
	layer_note(l, "cgroup v%d%s%s", cl.version, cl.where[0] ? ", limit set in " : "", cl.where);
	if (cl.where[0] != '\0' && snprintf(l->file, sizeof(l->file), "%s/%s", cl.where,
					    cl.limit_file) >= (int)sizeof(l->file))
		l->file[0] = '\0'; /* too long to name in a fix: never cut */
	l->file_at_top = cl.at_top;
}

static void
add_cgroup(struct probe_ctx *ctx, const char *cgroup_text)
{
	struct layer *mem = probe_add(ctx, LAYER_CGROUP_MEMORY);
	struct layer *pids = probe_add(ctx, LAYER_CGROUP_PIDS);

	if (mem == NULL || pids == NULL)
		return;
	mem->unit_cost = (double)ctx->socket_bytes;
	fill_cgroup(mem, cgroup_text, CGROUP_MEMORY);
	fill_cgroup(pids, cgroup_text, CGROUP_PIDS);
}

/* Threads of one process of the user from /proc/PID/status, for a tree
 * without task directories (a recorded host under --root). */
static int64_t
status_threads(const char *pid, uid_t uid)
{
	char path[300], buf[8192];
	int64_t threads, ruid;

	snprintf(path, sizeof(path), "/proc/%s/status", pid);
	if (rootfs_read(path, buf, sizeof(buf)) >= 0 && parse_keyed_i64(buf, "Uid", &ruid) == 0 &&
	    (uid_t)ruid == uid && parse_keyed_i64(buf, "Threads", &threads) == 0)
		return threads;
	return 0;
}

/*
 * Tasks (threads) of a user: what RLIMIT_NPROC counts. One stat of
 * /proc/PID/task per process tells both: the kernel gives world-readable
 * /proc directories the process's effective uid as owner (ps -u relies on
 * it), and the link count is 2 plus its threads. Reading every
 * /proc/PID/status instead costs ten times more and made this the slowest
 * part of check. The kernel counts by real uid, which differs from the
 * effective one only while a setuid program runs.
 */
static int64_t
count_user_tasks(uid_t uid)
{
	DIR *dir = rootfs_opendir("/proc");
	struct dirent *d;
	int64_t total = 0;

	if (dir == NULL)
		return LAYER_NONE;
	while ((d = readdir(dir)) != NULL) {
		char path[300];
		struct stat st;

		if (d->d_name[0] < '1' || d->d_name[0] > '9')
			continue;
		snprintf(path, sizeof(path), "%s/task", d->d_name);
		if (fstatat(dirfd(dir), path, &st, 0) < 0) {
			if (errno == ENOENT)
				total += status_threads(d->d_name, uid);
			continue;
		}
		if (st.st_uid == uid && st.st_nlink > 2)
			total += (int64_t)st.st_nlink - 2;
	}
	closedir(dir);
	return total;
}

static void
add_nproc(struct probe_ctx *ctx, const char *limits_text)
{
	struct layer *l = probe_add(ctx, LAYER_NPROC);
	struct rlimit_pair rl;
	int64_t ruid = 0;

	if (l == NULL)
		return;
	if (limits_text == NULL || parse_proc_limits(limits_text, "Max processes", &rl) < 0) {
		layer_unknown(l, "cannot read \"Max processes\" from /proc/self/limits");
		return;
	}
	l->limit = rl.soft;
	parse_keyed_i64(status_buf, "Uid", &ruid);
	if (ruid == 0) {
		/* The kernel never applies RLIMIT_NPROC to root (uid 0 of the initial
		 * user namespace): counting its tasks would only cost time. */
		l->limit = LAYER_UNLIMITED;
		if (rl.soft == LAYER_UNLIMITED)
			layer_note(l, "root is exempt from RLIMIT_NPROC (soft limit unlimited)");
		else
			layer_note(l,
				   "root is exempt from RLIMIT_NPROC (soft limit %lld); so is any "
				   "task with CAP_SYS_RESOURCE or CAP_SYS_ADMIN",
				   (long long)rl.soft);
		return;
	}
	l->use = count_user_tasks((uid_t)ruid);
}

static void
add_threads(struct probe_ctx *ctx)
{
	struct layer *tmax = probe_add(ctx, LAYER_THREADS_MAX);
	struct layer *pmax = probe_add(ctx, LAYER_PID_MAX);
	char buf[256];
	int64_t total = LAYER_NONE;
	const char *slash;

	/* /proc/loadavg: "0.00 0.01 0.05 1/234 5678": 234 tasks exist. */
	if (rootfs_read("/proc/loadavg", buf, sizeof(buf)) >= 0 && (slash = strchr(buf, '/')))
		total = strtoll(slash + 1, NULL, 10);
	if (tmax != NULL && probe_sysctl_limit(tmax) == 0)
		tmax->use = total;
	if (pmax != NULL && probe_sysctl_limit(pmax) == 0)
		pmax->use = total;
}

static void
add_map_count(struct probe_ctx *ctx)
{
	struct layer *l = probe_add(ctx, LAYER_MAX_MAP_COUNT);
	char *maps;
	const char *p;
	int64_t lines;
	size_t i;

	if (l == NULL || probe_sysctl_limit(l) < 0)
		return;
	/* Only the watched processes' mappings matter; headroom's own do not. */
	for (i = 0; i < ctx->opts->npids; i++) {
		char path[64];

		snprintf(path, sizeof(path), "/proc/%d/maps", (int)ctx->opts->pids[i]);
		/* a JVM holds thousands of mappings: counted whole, never a part */
		if (rootfs_read_alloc(path, &maps, 256u << 20) < 0)
			continue;
		for (lines = 0, p = maps; (p = strchr(p, '\n')) != NULL; p++)
			lines++;
		free(maps);
		if (lines > l->use)
			l->use = lines;
	}
	layer_note(l, "each thread stack is a mapping: thread-per-connection servers hit it%s",
		   ctx->opts->npids == 0 ? "; give --pid to count a server's mappings" : "");
}

void
probe_mem(struct probe_ctx *ctx)
{
	static char cgroup_buf[4096];
	bool have_cgroup = rootfs_read("/proc/self/cgroup", cgroup_buf, sizeof(cgroup_buf)) >= 0;

	add_mem_per_conn(ctx);
	add_cgroup(ctx, have_cgroup ? cgroup_buf : NULL);
}

void
probe_threads(struct probe_ctx *ctx)
{
	static char limits_buf[8192];
	bool have_limits = rootfs_read("/proc/self/limits", limits_buf, sizeof(limits_buf)) >= 0;

	if (rootfs_read("/proc/self/status", status_buf, sizeof(status_buf)) < 0)
		status_buf[0] = '\0';
	add_nproc(ctx, have_limits ? limits_buf : NULL);
	add_threads(ctx);
	add_map_count(ctx);
}
