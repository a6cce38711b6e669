/*
 * probe-fd.c: file-descriptor layers: nofile.soft and nofile.hard for this
 * process and every watched pid, fs.nr_open, fs.file-max and
 * epoll.watches.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "parse.h"
#include "probe-linux.h"
#include "rootfs.h"
#include "runtime.h"
#include "sysdconf.h"

struct proc_view {
	pid_t pid; /* 0: this process */
	char comm[32];
	char unit[NAMES_UNIT_MAX + 1];
	struct rlimit_pair nofile;
	int64_t open_fds;
	struct runtime_info runtime;
	struct layer_proc proc;
};

static void
proc_path(char *out, size_t size, pid_t pid, const char *file)
{
	if (pid == 0)
		snprintf(out, size, "/proc/self/%s", file);
	else
		snprintf(out, size, "/proc/%d/%s", (int)pid, file);
}

/* Read what the layers need of one process; -errno with cause for a bad pid. */
static int
read_process(struct proc_view *pv, char *cause, size_t causelen)
{
	char path[64], buf[8192], why[CAUSE_PID_MAX];
	ssize_t n;
	int err;

	if (pv->pid != 0 && (err = platform_pid_check(pv->pid, why, sizeof(why))) < 0) {
		snprintf(cause, causelen, "--%s", why);
		return err;
	}
	proc_path(path, sizeof(path), pv->pid, "limits");
	n = rootfs_read(path, buf, sizeof(buf));
	if (n < 0) {
		if (pv->pid != 0 && n == -ENOENT)
			snprintf(cause, causelen, "--pid %d: no such process", (int)pv->pid);
		else
			snprintf(cause, causelen, "%s: %s", path, rootfs_strerror((int)n));
		return n == -ENOENT && pv->pid != 0 ? -ESRCH : (int)n;
	}
	err = parse_proc_limits(buf, "Max open files", &pv->nofile);
	if (err < 0) {
		snprintf(cause, causelen, "%s: no \"Max open files\" row", path);
		return -EINVAL;
	}
	proc_path(path, sizeof(path), pv->pid, "comm");
	if (rootfs_read(path, pv->comm, sizeof(pv->comm)) > 0)
		pv->comm[strcspn(pv->comm, "\n")] = '\0';
	proc_path(path, sizeof(path), pv->pid, "fd");
	pv->open_fds = rootfs_count_dir(path);
	if (pv->open_fds == -EACCES && pv->pid != 0) {
		snprintf(cause, causelen,
			 "--pid %d (%s): permission denied reading its open files (run as its "
			 "owner or root)",
			 (int)pv->pid, pv->comm);
		return -EACCES;
	}
	proc_path(path, sizeof(path), pv->pid, "cgroup");
	if (pv->pid != 0 && rootfs_read(path, buf, sizeof(buf)) > 0)
		sysdconf_unit_of(buf, pv->unit, sizeof(pv->unit));
	if (pv->pid != 0) {
		runtime_detect(pv->pid, pv->comm, &pv->runtime);
		probe_proc_facts(pv->pid, pv->comm, &pv->proc);
	}
	return 0;
}

static void
add_process_layers(struct probe_ctx *ctx, const struct proc_view *pv)
{
	struct layer *soft = probe_add(ctx, LAYER_NOFILE_SOFT);
	struct layer *hard = probe_add(ctx, LAYER_NOFILE_HARD);
	struct layer *both[2] = {soft, hard};
	size_t i;

	if (soft == NULL || hard == NULL)
		return;
	soft->limit = pv->nofile.soft;
	hard->limit = pv->nofile.hard;
	for (i = 0; i < 2; i++) {
		struct layer *l = both[i];
		l->pid = pv->pid;
		l->use = pv->open_fds >= 0 ? pv->open_fds : LAYER_NONE;
		snprintf(l->comm, sizeof(l->comm), "%s", pv->comm);
		snprintf(l->unit_name, sizeof(l->unit_name), "%s", pv->unit);
		l->raises_own_soft = pv->runtime.raises_soft;
		l->proc = pv->proc;
	}
	if (pv->pid == 0) {
		layer_note(soft, "this shell's limit, inherited by what it starts; Go >= 1.19, "
				 "Node.js and Java raise their soft limit to the hard one, so for "
				 "them only nofile.hard matters");
		return;
	}
	if (pv->runtime.raises_soft)
		layer_note(soft,
			   "%s raises its soft limit to the hard limit at start-up: only "
			   "nofile.hard matters for it",
			   pv->runtime.name);
	else if (pv->runtime.name[0] != '\0')
		layer_note(soft, "%s does not raise its own soft limit", pv->runtime.name);
	if (pv->proc.start_up_cap)
		layer_note(soft,
			   "%s sized its own connection cap from its fd limit at start-up: a "
			   "live raise lifts the limit, not that cap (see its app.* row: its own "
			   "setting, or a restart)",
			   pv->comm);
	if (pv->unit[0] != '\0')
		layer_note(hard,
			   "runs in %s: systemd sets its limits (LimitNOFILE=), not "
			   "limits.conf",
			   pv->unit);
}

static void
add_nr_open(struct probe_ctx *ctx)
{
	struct layer *l = probe_add(ctx, LAYER_FS_NR_OPEN);

	if (l != NULL && probe_sysctl_limit(l) == 0)
		layer_note(l, "setrlimit refuses (does not clamp) a nofile above it");
}

static void
add_file_max(struct probe_ctx *ctx)
{
	struct layer *l = probe_add(ctx, LAYER_FS_FILE_MAX);
	char buf[128];
	int64_t v[3];

	if (l == NULL || probe_sysctl_limit(l) < 0)
		return;
	/* file-nr: allocated, free (always 0 since 2.6), maximum. */
	if (rootfs_read("/proc/sys/fs/file-nr", buf, sizeof(buf)) >= 0 &&
	    parse_i64_list(buf, v, 3) == 3)
		l->use = v[0] - v[1];
	else
		layer_note(l, "fs/file-nr unreadable: use unknown");
}

static void
add_epoll(struct probe_ctx *ctx)
{
	struct layer *l = probe_add(ctx, LAYER_EPOLL_WATCHES);

	if (l != NULL && probe_sysctl_limit(l) == 0)
		layer_note(l, "one watch per socket in an epoll set; use is not reported by "
			      "the kernel");
}

int
probe_fds(struct probe_ctx *ctx, char *cause, size_t causelen)
{
	struct proc_view pv;
	size_t i;
	int err;

	memset(&pv, 0, sizeof(pv));
	err = read_process(&pv, cause, causelen);
	if (err == 0) {
		add_process_layers(ctx, &pv);
	} else {
		struct layer *l = probe_add(ctx, LAYER_NOFILE_SOFT);
		if (l != NULL)
			layer_unknown(l, "%s", cause);
		l = probe_add(ctx, LAYER_NOFILE_HARD);
		if (l != NULL)
			layer_unknown(l, "%s", cause);
		cause[0] = '\0';
	}
	for (i = 0; i < ctx->opts->npids; i++) {
		memset(&pv, 0, sizeof(pv));
		pv.pid = ctx->opts->pids[i];
		err = read_process(&pv, cause, causelen);
		if (err < 0)
			return err;
		add_process_layers(ctx, &pv);
	}
	add_nr_open(ctx);
	add_file_max(ctx);
	add_epoll(ctx);
	return 0;
}
