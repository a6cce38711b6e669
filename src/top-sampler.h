/*
 * top-sampler.h: collection for `headroom top`. One refresh fills a plain
 * struct top_sample: the kernel's connection counters, the watched
 * processes, every layer with the plan, and the fullest accept queue. The
 * sampler allocates nothing after top_sampler_init and keeps every file it
 * reads open (rootfs_cache_enable), so after the first refresh it keeps
 * working when this process or the whole system is out of descriptors.
 */
#ifndef TOP_SAMPLER_H
#define TOP_SAMPLER_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "census.h"
#include "headroom.h"
#include "layer.h"
#include "plan.h"
#include "probe.h"

/* Kernel counters shown per second. Gauges hold a current value (their
 * rate is the change per second); totals are the kernel's running event
 * counts (their rate is events per second, shown with the count since the
 * last reset). */
enum top_counter_id {
	TOP_ESTABLISHED,      /* gauge: Tcp CurrEstab (/proc/net/snmp) */
	TOP_ATTEMPT_FAILS,    /* total: Tcp AttemptFails, failed connects */
	TOP_TIME_WAIT,	      /* gauge: TCP tw (/proc/net/sockstat) */
	TOP_ORPHANS,	      /* gauge: TCP orphan (/proc/net/sockstat) */
	TOP_LISTEN_OVERFLOWS, /* total: TcpExt ListenOverflows (/proc/net/netstat) */
	TOP_LISTEN_DROPS,     /* total: TcpExt ListenDrops */
	TOP_CONNTRACK,	      /* gauge: nf_conntrack_count, when the module is loaded */
	TOP_COUNTERS,
};

struct top_counter {
	bool known;	/* read in this refresh */
	bool has_rate;	/* known in the previous refresh too */
	int64_t value;	/* the gauge, or the kernel's running total */
	int64_t prev;	/* value at the previous refresh */
	int64_t base;	/* value at start or at the last reset */
	bool based;	/* base is set */
	double per_sec; /* change per second over the last interval */
};

enum top_proc_state {
	TOP_PROC_LIVE,
	TOP_PROC_GONE,	 /* exited (or its pid was reused): kept on screen */
	TOP_PROC_DENIED, /* its descriptors may not be inspected by this user */
};

struct top_proc {
	pid_t pid;
	char comm[32];
	enum top_proc_state state;
	unsigned long long starttime; /* from /proc/PID/stat: detects pid reuse */
	int64_t fds;		      /* open descriptors; LAYER_NONE when unreadable */
	int64_t prev_fds;
	int64_t soft, hard; /* RLIMIT_NOFILE; LAYER_UNLIMITED for unlimited */
	bool has_rate;
	double fds_per_sec; /* over the last interval */
	double gone_at;	    /* view time the exit was seen */
	int fd_dir;	    /* kept /proc/PID/fd for its st_size count, or -1 */
};

struct top_listener {
	bool known; /* a listener was seen */
	struct census_listener fullest;
	uint32_t peak_queue; /* largest queue seen since the last reset */
};

/*
 * The layers come from probe_collect, which reads every limit and takes a
 * full socket census: with 200,000 sockets that costs about 0.15 s of CPU.
 * It runs again only once its last CPU cost is at most this share of the
 * time since it ran, so it never takes more than 0.2% of a core (with the
 * refreshes, the view stays under 0.5% of a core at 1 Hz with 100,000
 * connections held: make bench-top; the census walks the kernel's whole
 * socket hash, which every network namespace shares, so even an idle
 * namespace pays a few milliseconds for it). Between
 * probes the fast-moving uses (TIME_WAIT, tcp.mem, conntrack, file-nr, the
 * fullest accept queue, the watched processes' fds) are refreshed from the
 * counters of every refresh and the plan is evaluated again.
 */
#define TOP_PROBE_BUDGET 0.002

struct top_sample {
	unsigned long frame; /* refreshes so far, 1 for the first */
	double t;	     /* seconds since the view started */
	double dt;	     /* since the previous refresh; 0 on the first */
	char host[65];
	char kernel[65];

	struct top_counter counters[TOP_COUNTERS];

	struct top_proc procs[PROBE_PIDS_MAX];
	size_t nprocs;

	struct target target;
	struct layer_set layers;
	struct plan_result plan;
	char layers_cause[CAUSE_MAX]; /* why the probe failed, "" when it did not */
	double layers_t;	      /* view time of the last full probe */

	struct top_listener listener;
	char census_cause[128]; /* why there is no accept-queue figure */
};

struct top_sampler {
	struct top_sample s;
	struct probe_opts probe_opts;
	struct census census;
	struct census_opts census_opts;
	bool census_live; /* the census reads the running kernel (not --root) */
	double t0;	  /* monotonic start */
	double probe_cpu; /* CPU seconds the last probe took */
	bool probe_due;	  /* probe at the next refresh whatever it costs */
	char buf[16384];  /* one /proc file at a time */
};

/* Watch nothing yet, evaluate against target, enable the file cache. */
void top_sampler_init(struct top_sampler *ts, const struct target *target);
void top_sampler_close(struct top_sampler *ts);

/*
 * Watch a process. -ESRCH when it does not exist, -EACCES when this user
 * may not see its descriptors, -EEXIST when already watched, -ENOSPC when
 * PROBE_PIDS_MAX are watched, or another -errno (EMFILE when out of
 * descriptors); cause says which.
 */
int top_sampler_add_pid(struct top_sampler *ts, pid_t pid, char *cause, size_t causelen);

/* Take one sample. Never fails: what cannot be read is marked unknown in
 * the sample with its reason. The layers are re-probed within
 * TOP_PROBE_BUDGET, or at once after a process was added. */
void top_sampler_refresh(struct top_sampler *ts);

/* New target: re-evaluate the plan on the last sample (no new reads). */
void top_sampler_set_target(struct top_sampler *ts, const struct target *target);

/* Totals since reset and the peak accept queue start again from now. */
void top_sampler_reset(struct top_sampler *ts);

const char *top_counter_name(enum top_counter_id id);
bool top_counter_is_total(enum top_counter_id id);

/* Seconds until a process with fds open, at rate fds_per_sec, reaches
 * soft; -1 when it is not growing or has no finite limit, 0 when there. */
double top_proc_eta(const struct top_proc *p);

/* /proc/PID/stat: comm (between the outer parentheses), state letter and
 * start time (field 22). Returns 0 or -EINVAL. */
int top_parse_stat(const char *text, char *comm, size_t commlen, char *state,
		   unsigned long long *starttime);

#endif
