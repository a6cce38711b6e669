/*
 * top-sampler.c: one refresh of `headroom top` into a struct top_sample.
 *
 * Nothing here allocates after top_sampler_init: files are read into the
 * sampler's buffer through the rootfs cache (opened once, pread from 0),
 * the census keeps its netlink socket, and each watched process keeps its
 * /proc/PID/fd directory open, whose st_size is its descriptor count on
 * Linux >= 6.2 (counting 20,000 entries with getdents costs milliseconds;
 * fstat costs microseconds).
 *
 * The census runs every refresh but dumps listening sockets only: the
 * kernel then walks the listening hash and skips the established one, so
 * the cost does not grow with the number of connections. Established and
 * TIME_WAIT counts come from /proc/net/snmp and /proc/net/sockstat.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/stat.h>

#include "parse.h"
#include "platform.h"
#include "rootfs.h"
#include "top-sampler.h"

enum counter_format {
	FORMAT_TABLE,  /* header line, value line: /proc/net/snmp, netstat */
	FORMAT_KEYED,  /* "TCP: inuse 5 orphan 0 tw 2": /proc/net/sockstat */
	FORMAT_NUMBER, /* one number: a sysctl */
};

struct counter_source {
	const char *path;
	enum counter_format format;
	const char *proto; /* the line prefix in that file */
	const char *field;
	bool total;
	const char *name; /* as shown */
};

/* In enum order; counters of one file are adjacent, so it is read once. */
static const struct counter_source counter_sources[TOP_COUNTERS] = {
    [TOP_ESTABLISHED] = {"/proc/net/snmp", FORMAT_TABLE, "Tcp", "CurrEstab", false, "established"},
    [TOP_ATTEMPT_FAILS] = {"/proc/net/snmp", FORMAT_TABLE, "Tcp", "AttemptFails", true,
			   "failed connects"},
    [TOP_TIME_WAIT] = {"/proc/net/sockstat", FORMAT_KEYED, "TCP", "tw", false, "TIME_WAIT"},
    [TOP_ORPHANS] = {"/proc/net/sockstat", FORMAT_KEYED, "TCP", "orphan", false, "orphans"},
    [TOP_LISTEN_OVERFLOWS] = {"/proc/net/netstat", FORMAT_TABLE, "TcpExt", "ListenOverflows", true,
			      "ListenOverflows"},
    [TOP_LISTEN_DROPS] = {"/proc/net/netstat", FORMAT_TABLE, "TcpExt", "ListenDrops", true,
			  "ListenDrops"},
    [TOP_CONNTRACK] = {"/proc/sys/net/netfilter/nf_conntrack_count", FORMAT_NUMBER, NULL, NULL,
		       false, "conntrack"},
};

const char *
top_counter_name(enum top_counter_id id)
{
	return counter_sources[id].name;
}

bool
top_counter_is_total(enum top_counter_id id)
{
	return counter_sources[id].total;
}

static double
clock_seconds(clockid_t clock)
{
	struct timespec ts;

	clock_gettime(clock, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double
now_seconds(void)
{
	return clock_seconds(CLOCK_MONOTONIC);
}

/* A one-line file (hostname, osrelease) without its newline. */
static void
read_line(const char *path, char *out, size_t size)
{
	char buf[128];

	if (rootfs_read(path, buf, sizeof(buf)) <= 0) {
		snprintf(out, size, "?");
		return;
	}
	buf[strcspn(buf, "\n")] = '\0';
	snprintf(out, size, "%.64s", buf);
}

void
top_sampler_init(struct top_sampler *ts, const struct target *target)
{
	memset(ts, 0, sizeof(*ts));
	ts->t0 = now_seconds();
	ts->s.target = *target;
	layer_set_init(&ts->s.layers);
	read_line("/proc/sys/kernel/hostname", ts->s.host, sizeof(ts->s.host));
	read_line("/proc/sys/kernel/osrelease", ts->s.kernel, sizeof(ts->s.kernel));

	ts->probe_opts.target = &ts->s.target;
	/* Listeners only: the accept queues are all top needs from a census. */
	ts->census_opts.state_mask = CENSUS_STATE_BIT(CENSUS_LISTEN);
	ts->census_live = rootfs_is_live();
	if (!ts->census_live)
		snprintf(ts->s.census_cause, sizeof(ts->s.census_cause), "n/a under --root");
	rootfs_cache_enable(true);
}

static void
proc_forget(struct top_proc *p)
{
	char prefix[32];

	if (p->fd_dir >= 0)
		close(p->fd_dir);
	p->fd_dir = -1;
	snprintf(prefix, sizeof(prefix), "/proc/%d/", (int)p->pid);
	rootfs_cache_drop(prefix);
}

void
top_sampler_close(struct top_sampler *ts)
{
	size_t i;

	for (i = 0; i < ts->s.nprocs; i++)
		proc_forget(&ts->s.procs[i]);
	if (ts->census_live)
		census_close();
	rootfs_cache_enable(false);
}

int
top_parse_stat(const char *text, char *comm, size_t commlen, char *state,
	       unsigned long long *starttime)
{
	const char *open = strchr(text, '('), *close = strrchr(text, ')'), *p;
	size_t len;
	int field;

	if (open == NULL || close == NULL || close < open || close[1] != ' ')
		return -EINVAL;
	len = (size_t)(close - open - 1);
	if (len >= commlen)
		len = commlen - 1;
	memcpy(comm, open + 1, len);
	comm[len] = '\0';
	p = close + 2;
	*state = *p;
	/* state is field 3; starttime is field 22. */
	for (field = 3; field < 22 && p != NULL; field++) {
		p = strchr(p, ' ');
		if (p != NULL)
			p++;
	}
	if (p == NULL || sscanf(p, "%llu", starttime) != 1)
		return -EINVAL;
	return 0;
}

/* Read /proc/PID/stat: 0 with the process alive, -ESRCH once it has
 * exited (or is a zombie), other -errno when unreadable. */
static int
proc_read_stat(char *buf, size_t size, pid_t pid, char *comm, size_t commlen,
	       unsigned long long *starttime)
{
	char path[48], state;
	ssize_t n;

	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	n = rootfs_read(path, buf, size);
	if (n == -ENOENT)
		return -ESRCH;
	if (n < 0)
		return (int)n;
	if (top_parse_stat(buf, comm, commlen, &state, starttime) < 0)
		return -EINVAL;
	return state == 'Z' || state == 'X' ? -ESRCH : 0;
}

int
top_sampler_add_pid(struct top_sampler *ts, pid_t pid, char *cause, size_t causelen)
{
	struct top_sample *s = &ts->s;
	struct top_proc *p;
	char path[48];
	size_t i;
	int err, fd;

	for (i = 0; i < s->nprocs; i++) {
		if (s->procs[i].pid == pid && s->procs[i].state == TOP_PROC_LIVE) {
			snprintf(cause, causelen, "pid %d is already watched", (int)pid);
			return -EEXIST;
		}
	}
	if (s->nprocs >= PROBE_PIDS_MAX) {
		snprintf(cause, causelen, "pid %d: already watching %d processes", (int)pid,
			 PROBE_PIDS_MAX);
		return -ENOSPC;
	}
	/* the words every command uses for a zombie or a hidden pid */
	err = platform_pid_check(pid, cause, causelen);
	if (err == -ESRCH || err == -EACCES)
		return err;
	p = &s->procs[s->nprocs];
	memset(p, 0, sizeof(*p));
	p->pid = pid;
	p->fd_dir = -1;
	err =
	    proc_read_stat(ts->buf, sizeof(ts->buf), pid, p->comm, sizeof(p->comm), &p->starttime);
	if (err == 0) {
		snprintf(path, sizeof(path), "/proc/%d/fd", (int)pid);
		fd = rootfs_open(path, O_RDONLY | O_DIRECTORY);
		err = fd < 0 ? fd : 0;
		p->fd_dir = fd;
	}
	if (err < 0) {
		if (err == -ESRCH)
			snprintf(cause, causelen, "pid %d: no such process", (int)pid);
		else if (err == -EACCES || err == -EPERM)
			snprintf(cause, causelen,
				 "pid %d (%s): may not read /proc/%d/fd (run as root or as "
				 "its owner)",
				 (int)pid, p->comm, (int)pid);
		else
			snprintf(cause, causelen, "pid %d: %s", (int)pid, strerror(-err));
		proc_forget(p);
		return err;
	}
	p->fds = p->prev_fds = LAYER_NONE;
	p->soft = p->hard = LAYER_NONE;
	s->nprocs++;
	ts->probe_due = true; /* its layers belong on the next screen */
	return 0;
}

static int64_t
proc_count_fds(const struct top_proc *p)
{
	struct stat st;
	char path[48];

	/* Linux >= 6.2 reports the open descriptors as the directory's size. */
	if (rootfs_is_live() && fstat(p->fd_dir, &st) == 0 && st.st_size > 0)
		return (int64_t)st.st_size;
	snprintf(path, sizeof(path), "/proc/%d/fd", (int)p->pid);
	return rootfs_count_dir(path);
}

/* Look whether a live process is still the one we watch; mark it gone
 * (keeping its last figures on screen) when not. Returns true if alive. */
static bool
proc_check_alive(struct top_sampler *ts, struct top_proc *p)
{
	unsigned long long starttime;
	char comm[sizeof(p->comm)];
	int err;

	if (p->state != TOP_PROC_LIVE)
		return false;
	err = proc_read_stat(ts->buf, sizeof(ts->buf), p->pid, comm, sizeof(comm), &starttime);
	if (err == -ESRCH || (err == 0 && starttime != p->starttime)) {
		p->state = TOP_PROC_GONE;
		p->gone_at = ts->s.t;
		p->has_rate = false;
		proc_forget(p);
		ts->probe_due = true; /* drop its layers from the plan */
		return false;
	}
	if (err == 0)
		memcpy(p->comm, comm, sizeof(comm));
	return true;
}

static void
proc_refresh(struct top_sampler *ts, struct top_proc *p)
{
	struct rlimit_pair nofile;
	char path[48];
	int64_t fds;

	if (!proc_check_alive(ts, p))
		return;
	snprintf(path, sizeof(path), "/proc/%d/limits", (int)p->pid);
	if (rootfs_read(path, ts->buf, sizeof(ts->buf)) >= 0 &&
	    parse_proc_limits(ts->buf, "Max open files", &nofile) == 0) {
		p->soft = nofile.soft;
		p->hard = nofile.hard;
	}
	fds = proc_count_fds(p);
	p->prev_fds = p->fds;
	p->fds = fds >= 0 ? fds : LAYER_NONE;
	p->has_rate = ts->s.dt > 0 && p->fds != LAYER_NONE && p->prev_fds != LAYER_NONE;
	p->fds_per_sec = p->has_rate ? (double)(p->fds - p->prev_fds) / ts->s.dt : 0.0;
}

double
top_proc_eta(const struct top_proc *p)
{
	if (p->state != TOP_PROC_LIVE || p->fds == LAYER_NONE || p->soft == LAYER_NONE ||
	    p->soft == LAYER_UNLIMITED)
		return -1.0;
	if (p->fds >= p->soft)
		return 0.0;
	if (!p->has_rate || p->fds_per_sec <= 0.0)
		return -1.0;
	return (double)(p->soft - p->fds) / p->fds_per_sec;
}

static void
counter_update(struct top_counter *c, bool known, int64_t value, double dt)
{
	bool had = c->known;

	c->known = known;
	c->has_rate = false;
	if (!known)
		return;
	c->prev = had ? c->value : value;
	c->value = value;
	c->has_rate = had && dt > 0;
	c->per_sec = c->has_rate ? (double)(value - c->prev) / dt : 0.0;
	if (!c->based) {
		c->base = value;
		c->based = true;
	}
}

static int
counter_read(const struct counter_source *src, char *buf, size_t size, bool loaded, int64_t *v)
{
	ssize_t n;

	if (src->format == FORMAT_NUMBER)
		return rootfs_read_i64(src->path, v);
	if (!loaded) {
		n = rootfs_read(src->path, buf, size);
		if (n < 0) {
			buf[0] = '\0';
			return (int)n;
		}
	}
	if (src->format == FORMAT_KEYED)
		return parse_sockstat(buf, src->proto, src->field, v);
	return parse_netstat(buf, src->proto, src->field, v);
}

static void
counters_refresh(struct top_sampler *ts)
{
	struct top_sample *s = &ts->s;
	bool loaded;
	int64_t v;
	size_t i;
	int err;

	/* An unreadable counter is shown as "-": conntrack when the module is
	 * not loaded, all of them on a --root tree without /proc/net. */
	for (i = 0; i < TOP_COUNTERS; i++) {
		const struct counter_source *src = &counter_sources[i];

		loaded = i > 0 && strcmp(counter_sources[i - 1].path, src->path) == 0;
		v = 0;
		err = counter_read(src, ts->buf, sizeof(ts->buf), loaded, &v);
		counter_update(&s->counters[i], err == 0, v, s->dt);
	}
}

void
top_sampler_reset(struct top_sampler *ts)
{
	struct top_sample *s = &ts->s;
	size_t i;

	for (i = 0; i < TOP_COUNTERS; i++) {
		s->counters[i].base = s->counters[i].value;
		s->counters[i].based = s->counters[i].known;
	}
	s->listener.peak_queue = s->listener.known ? s->listener.fullest.queue : 0;
}

static void
census_refresh(struct top_sampler *ts)
{
	struct top_listener *l = &ts->s.listener;
	char cause[sizeof(ts->s.census_cause)];

	if (!ts->census_live)
		return;
	l->known = false;
	if (census_collect(&ts->census, &ts->census_opts, cause, sizeof(cause)) < 0) {
		snprintf(ts->s.census_cause, sizeof(ts->s.census_cause), "%s", cause);
		return;
	}
	ts->s.census_cause[0] = '\0';
	if (ts->census.fullest < 0 || (size_t)ts->census.fullest >= ts->census.nlisteners) {
		snprintf(ts->s.census_cause, sizeof(ts->s.census_cause), "no TCP listener");
		return;
	}
	l->known = true;
	l->fullest = ts->census.listeners[ts->census.fullest];
	if (l->fullest.queue > l->peak_queue)
		l->peak_queue = l->fullest.queue;
}

/* Probe every layer, watching the live processes; a process that exits
 * between our look and the probe's makes it fail with -ESRCH: look again,
 * mark it gone and probe once more. */
static void
layers_probe(struct top_sampler *ts)
{
	struct top_sample *s = &ts->s;
	int attempt, err = 0;
	size_t i;

	for (attempt = 0; attempt < 2; attempt++) {
		ts->probe_opts.npids = 0;
		for (i = 0; i < s->nprocs; i++) {
			if (attempt > 0)
				proc_check_alive(ts, &s->procs[i]);
			if (s->procs[i].state == TOP_PROC_LIVE)
				ts->probe_opts.pids[ts->probe_opts.npids++] = s->procs[i].pid;
		}
		s->layers_cause[0] = '\0';
		err = probe_collect(&s->layers, &ts->probe_opts, s->layers_cause,
				    sizeof(s->layers_cause));
		if (err != -ESRCH)
			break;
	}
	if (err == 0)
		s->layers_cause[0] = '\0';
}

static void
patch_use(struct layer_set *set, enum layer_kind kind, pid_t pid, bool known, int64_t use)
{
	struct layer *l = layer_find(set, kind, pid);

	if (l != NULL && known)
		l->use = use;
}

/*
 * Between probes, bring the use of the layers that change fastest under
 * load up to date from what this refresh read anyway (or one more small
 * file), so only the census-based figures (ephemeral ports, SYN backlog)
 * and the slow ones wait for the next probe.
 */
static void
layers_patch(struct top_sampler *ts)
{
	struct top_sample *s = &ts->s;
	const struct top_counter *c = s->counters;
	char buf[128];
	int64_t v[3], mem;
	size_t i;

	patch_use(&s->layers, LAYER_TCP_TW, 0, c[TOP_TIME_WAIT].known, c[TOP_TIME_WAIT].value);
	patch_use(&s->layers, LAYER_CONNTRACK, 0, c[TOP_CONNTRACK].known, c[TOP_CONNTRACK].value);
	patch_use(&s->layers, LAYER_BACKLOG_SOMAXCONN, 0, s->listener.known,
		  s->listener.fullest.queue);
	if (rootfs_read("/proc/net/sockstat", ts->buf, sizeof(ts->buf)) >= 0 &&
	    parse_sockstat(ts->buf, "TCP", "mem", &mem) == 0)
		patch_use(&s->layers, LAYER_TCP_MEM, 0, true, mem);
	/* file-nr: allocated, free (0 since 2.6), maximum */
	if (rootfs_read("/proc/sys/fs/file-nr", buf, sizeof(buf)) >= 0 &&
	    parse_i64_list(buf, v, 3) == 3)
		patch_use(&s->layers, LAYER_FS_FILE_MAX, 0, true, v[0] - v[1]);
	for (i = 0; i < s->nprocs; i++) {
		const struct top_proc *p = &s->procs[i];
		bool live = p->state == TOP_PROC_LIVE && p->fds != LAYER_NONE;

		patch_use(&s->layers, LAYER_NOFILE_SOFT, p->pid, live, p->fds);
		patch_use(&s->layers, LAYER_NOFILE_HARD, p->pid, live, p->fds);
	}
	plan_eval(&s->layers, &s->target, &s->plan);
}

static void
layers_refresh(struct top_sampler *ts)
{
	struct top_sample *s = &ts->s;
	double cpu;

	if (!ts->probe_due && s->frame > 1 &&
	    (s->t - s->layers_t) * TOP_PROBE_BUDGET < ts->probe_cpu) {
		layers_patch(ts);
		return;
	}
	cpu = clock_seconds(CLOCK_PROCESS_CPUTIME_ID);
	layers_probe(ts);
	plan_eval(&s->layers, &s->target, &s->plan);
	ts->probe_cpu = clock_seconds(CLOCK_PROCESS_CPUTIME_ID) - cpu;
	ts->probe_due = false;
	s->layers_t = s->t;
}

void
top_sampler_refresh(struct top_sampler *ts)
{
	struct top_sample *s = &ts->s;
	double t = now_seconds() - ts->t0;
	size_t i;

	s->dt = s->frame > 0 ? t - s->t : 0.0;
	s->t = t;
	s->frame++;
	for (i = 0; i < s->nprocs; i++)
		proc_refresh(ts, &s->procs[i]);
	counters_refresh(ts);
	census_refresh(ts);
	layers_refresh(ts);
}

void
top_sampler_set_target(struct top_sampler *ts, const struct target *target)
{
	ts->s.target = *target;
	plan_eval(&ts->s.layers, &ts->s.target, &ts->s.plan);
}
