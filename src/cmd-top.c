/*
 * cmd-top.c: headroom top — the headroom live, in ncurses or as plain-text
 * frames (--batch). The sampler collects, top-view draws and reads keys,
 * top-batch prints; this file parses options, runs the refresh loop and
 * carries out the keys' actions.
 *
 * Terminal safety: handlers for the stop signals (INT, TERM, HUP, QUIT)
 * are installed before curses starts, so ncurses leaves them to us; the
 * loop ends, the screen is restored, then the signal is raised again with
 * its default action so the parent sees how we ended. Fatal signals
 * (SEGV, BUS, FPE, ILL, ABRT) restore the screen from the handler and
 * re-raise. atexit covers any other exit().
 */
#include "config.h"

#include <errno.h>
#include <limits.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cmd.h"
#include "headroom.h"
#include "names.h"
#include "platform.h"
#include "top-batch.h"
#include "top-entry.h"
#include "top-render.h"
#include "top-sampler.h"
#include "top-view.h"

static int cmd_top_exec(int argc, char **argv);

enum {
	OPT_PID,
	OPT_NAME,
	OPT_TARGET,
	OPT_ROLE,
	OPT_USER,
	OPT_INTERVAL,
	OPT_ITERATIONS,
	OPT_BATCH,
};

static const struct cmd_option top_options[] = {
    {CMD_OPTION_PIDS, .id = OPT_PID,
     .help = "watch these processes' open fds against their limits:\n"
	     "pids or names, comma or blank separated (repeatable,\n"
	     "up to 32 processes; `p` adds one live)"},
    {CMD_OPTION_NAME, .id = OPT_NAME, .help = "watch every process of this name"},
    {CMD_OPTION_TARGET, .id = OPT_TARGET,
     .help = "connections to plan for (1..2^31; `t` changes it live)"},
    {CMD_OPTION_ROLE, .id = OPT_ROLE, .help = "client, server or both (default)"},
    {CMD_OPTION_USER, .id = OPT_USER,
     .help = "whose login session limits.conf describes\n"
	     "(default: SUDO_USER, else the invoking user)"},
    {CMD_SECONDS("interval", 'd', 10, 86400 * 1000), .id = OPT_INTERVAL,
     .help = "seconds between refreshes, fractions allowed (default 1)"},
    {CMD_INT("iterations", 'i', "N", 1, INT64_MAX), .id = OPT_ITERATIONS,
     .help = "stop after N refreshes"},
    {CMD_FLAG("batch", 'b'), .id = OPT_BATCH,
     .help = "print frames as plain text instead of drawing; exits\n"
	     "with the last frame's verdict (0 ok, 1 warn, 2 fail)"},
    {.name = NULL},
};

const struct cmd_entry cmd_top_entry = {
    .name = "top",
    .usage = TOP_USAGE,
    .summary = TOP_SUMMARY,
    .options = top_options,
    .footer = "\nKeys: q quit, p add a pid, t set the target, r reset the totals, f freeze,\n"
	      "h help, arrows/PgUp/PgDn scroll.\n"
	      "\nExamples:\n"
	      "  headroom top --target 10000 --pid \"$(pidof nginx)\" --name loadgen\n"
	      "  headroom top --batch --interval 5 --iterations 12 >> headroom.log\n",
    .max_operands = 0,
    .exec = cmd_top_exec,
};

struct top_args {
	struct target target;
	pid_t pids[PROBE_PIDS_MAX];
	size_t npids;
	double interval;
	long long iterations; /* 0: until stopped */
	bool batch;
	char user[64];
	struct cmd_pidspecs specs;
};

static volatile sig_atomic_t stop_signal;

static int
set_option(void *ctx, const struct cmd_option *o, const struct cmd_value *v)
{
	struct top_args *a = ctx;

	switch (o->id) {
	case OPT_PID:
	case OPT_NAME:
		cmd_pidspecs_add(&a->specs, o->id == OPT_NAME, v->text);
		break;
	case OPT_TARGET:
		a->target.conns = v->num;
		break;
	case OPT_ROLE:
		a->target.role = (enum role)v->word;
		break;
	case OPT_INTERVAL:
		a->interval = v->seconds;
		break;
	case OPT_ITERATIONS:
		a->iterations = v->num;
		break;
	case OPT_BATCH:
		a->batch = true;
		break;
	case OPT_USER:
		return cmd_user_set(&cmd_top_entry, v->text, a->user, sizeof(a->user));
	}
	return 0;
}

static double
monotonic_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Wait until deadline (or forever when deadline < 0), for input on stdin
 * when watch_input, or a signal. Signals in mask are unblocked only while
 * waiting, so one that arrives between checks is never missed. Returns
 * the ppoll result (-1 with EINTR for a signal). */
static int
wait_until(double deadline, bool watch_input, const sigset_t *mask)
{
	struct timespec ts, *timeout = NULL;
	struct pollfd pfd = {.fd = STDIN_FILENO, .events = POLLIN};
	double left;
	int n;

	if (deadline >= 0) {
		left = deadline - monotonic_now();
		if (left < 0)
			left = 0;
		ts.tv_sec = (time_t)left;
		ts.tv_nsec = (long)((left - (double)ts.tv_sec) * 1e9);
		timeout = &ts;
	}
	n = platform_ppoll(&pfd, watch_input ? 1 : 0, timeout, mask);
	/* The terminal went away (its tmux or ssh session ended): stop as for
	 * SIGHUP rather than spin on a descriptor that is always readable. */
	if (n > 0 && (pfd.revents & (POLLHUP | POLLERR | POLLNVAL)) != 0)
		stop_signal = SIGHUP;
	return n;
}

/* The refresh after the one due at `due`: on the interval's grid, unless a
 * slow refresh made us miss a tick, then a full interval from now rather
 * than a burst of catching up. */
static double
next_refresh(double due, double interval)
{
	double now = monotonic_now();

	due += interval;
	return due < now ? now + interval : due;
}

static int
run_batch(struct top_sampler *ts, const struct top_args *a)
{
	double next = monotonic_now();
	long long frame;
	sigset_t none;
	int err;

	sigemptyset(&none);
	for (frame = 1;; frame++) {
		top_sampler_refresh(ts);
		err = top_batch_frame(stdout, &ts->s, TOP_BATCH_COLS);
		if (err < 0)
			return cmd_error(EXIT_UNKNOWN, "top: writing a frame: %s", strerror(-err));
		if (a->iterations > 0 && frame >= a->iterations)
			break;
		next = next_refresh(next, a->interval);
		while (monotonic_now() < next)
			wait_until(next, false, &none);
	}
	return verdict_exit_status(ts->s.plan.verdict);
}

static void
on_stop_signal(int sig)
{
	stop_signal = sig;
}

static void
on_fatal_signal(int sig)
{
	static const char msg[] = "headroom: top: fatal signal; terminal restored\n";

	top_view_emergency();
	if (write(STDERR_FILENO, msg, sizeof(msg) - 1) < 0) {
		/* nothing more can be done from here */
	}
	raise(sig); /* SA_RESETHAND: the default action now */
}

static const int stop_signals[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT};
static const int fatal_signals[] = {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT};

/* Install the handlers and block the stop signals (and SIGWINCH) outside
 * the wait; *wait_mask is the mask to wait with. */
static void
install_signals(sigset_t *wait_mask)
{
	struct sigaction sa;
	sigset_t block;
	size_t i;

	memset(&sa, 0, sizeof(sa));
	sigemptyset(&sa.sa_mask);
	sigemptyset(&block);
	sa.sa_handler = on_stop_signal;
	for (i = 0; i < nitems(stop_signals); i++) {
		sigaction(stop_signals[i], &sa, NULL);
		sigaddset(&block, stop_signals[i]);
	}
	sigaddset(&block, SIGWINCH);
	sa.sa_handler = on_fatal_signal;
	sa.sa_flags = SA_RESETHAND | SA_NODEFER;
	for (i = 0; i < nitems(fatal_signals); i++)
		sigaction(fatal_signals[i], &sa, NULL);
	sigprocmask(SIG_BLOCK, &block, wait_mask);
}

/* After the screen is restored: die of the stop signal, as the parent expects. */
static void
reraise_stop_signal(void)
{
	sigset_t unblock;
	int sig = stop_signal;

	signal(sig, SIG_DFL);
	sigemptyset(&unblock);
	sigaddset(&unblock, sig);
	raise(sig);
	sigprocmask(SIG_UNBLOCK, &unblock, NULL);
}

static void
add_pid_live(struct top_sampler *ts, const char *text, bool frozen)
{
	char cause[CAUSE_MAX];
	long long v;

	if (cmd_parse_i64("pid", text, 1, INT_MAX, &v, cause, sizeof(cause)) < 0 ||
	    top_sampler_add_pid(ts, (pid_t)v, cause, sizeof(cause)) < 0) {
		top_view_status("%s", cause);
		return;
	}
	top_view_status("watching pid %lld (%s)", v, ts->s.procs[ts->s.nprocs - 1].comm);
	if (!frozen)
		top_sampler_refresh(ts);
}

static void
set_target_live(struct top_sampler *ts, const char *text)
{
	struct target t = ts->s.target;
	char cause[CAUSE_MAX];
	long long v;

	if (cmd_parse_i64("target", text, 0, PLAN_TARGET_MAX, &v, cause, sizeof(cause)) < 0) {
		top_view_status("%s", cause);
		return;
	}
	t.conns = v;
	top_sampler_set_target(ts, &t);
	top_view_status(v > 0 ? "target set to %lld connections" : "target cleared", v);
}

/* Carry out one action; returns false to quit. */
static bool
do_action(struct top_sampler *ts, enum top_action act, const char *arg, bool *frozen, double *next)
{
	switch (act) {
	case TOP_ACT_QUIT:
		return false;
	case TOP_ACT_ADD_PID:
		add_pid_live(ts, arg, *frozen);
		break;
	case TOP_ACT_SET_TARGET:
		set_target_live(ts, arg);
		break;
	case TOP_ACT_RESET:
		top_sampler_reset(ts);
		top_view_status("totals and accept-queue peak reset");
		break;
	case TOP_ACT_FREEZE:
		*frozen = !*frozen;
		*next = monotonic_now(); /* resuming refreshes at once */
		break;
	case TOP_ACT_NONE:
		break;
	}
	return true;
}

/* Test hook: text written to stderr while the screen is up, to show it is
 * replayed once the terminal is restored. Not a user-facing option. */
static void
test_stderr_hook(void)
{
	const char *text = getenv("HEADROOM_TOP_TEST_STDERR");

	if (text != NULL)
		fprintf(stderr, "%s\n", text);
}

static int
run_view(struct top_sampler *ts, const struct top_args *a)
{
	char cause[CAUSE_MAX];
	double next = monotonic_now();
	bool frozen = false, redraw = true, running = true;
	enum top_action act;
	const char *arg;
	sigset_t wait_mask;
	long long frames = 0;

	install_signals(&wait_mask);
	if (top_view_start(cmd_globals.color, cause, sizeof(cause)) < 0)
		return cmd_error(EXIT_UNKNOWN, "top: %s (try --batch)", cause);
	atexit(top_view_stop);
	while (running && stop_signal == 0) {
		if (!frozen && monotonic_now() >= next) {
			top_sampler_refresh(ts);
			frames++;
			next = next_refresh(next, a->interval);
			redraw = true;
		}
		if (redraw)
			top_view_draw(&ts->s, frozen);
		if (frames == 1 && redraw)
			test_stderr_hook();
		redraw = false;
		if (a->iterations > 0 && frames >= a->iterations)
			break;
		if (wait_until(frozen ? -1.0 : next, true, &wait_mask) < 0 && errno != EINTR) {
			top_view_stop();
			return cmd_error(EXIT_UNKNOWN, "top: waiting for input: %s",
					 strerror(errno));
		}
		while (running && (act = top_view_keys(&arg, &redraw)) != TOP_ACT_NONE)
			running = do_action(ts, act, arg, &frozen, &next);
	}
	top_view_stop();
	if (stop_signal != 0)
		reraise_stop_signal();
	return EXIT_OK;
}

static int
watch_pids(struct top_sampler *ts, const struct top_args *a)
{
	char cause[CAUSE_MAX];
	size_t i;
	int err;

	for (i = 0; i < a->npids; i++) {
		err = top_sampler_add_pid(ts, a->pids[i], cause, sizeof(cause));
		if (err == -EEXIST)
			continue;
		if (err == -ESRCH)
			return cmd_error(EXIT_DATAERR, "--%s", cause);
		if (err == -EACCES || err == -EPERM)
			return cmd_error(EXIT_NOPERM, "--%s", cause);
		if (err < 0)
			return cmd_error(EXIT_UNKNOWN, "--%s", cause);
	}
	return 0;
}

/*
 * The probe allocates transient buffers on each run (256 KiB for
 * limits.conf, 32 KiB per directory stream, libcap's). From the heap,
 * successive probes leave them at different offsets and the touched pages
 * creep up; above a fixed 16 KiB threshold glibc maps and unmaps them
 * instead (and no longer raises the threshold after the first free), so
 * RSS stays flat for as long as top runs.
 */
static void
keep_rss_flat(void)
{
#ifdef M_MMAP_THRESHOLD
	mallopt(M_MMAP_THRESHOLD, 16 * 1024);
#endif
}

static int
cmd_top_exec(int argc, char **argv)
{
	static struct top_sampler sampler; /* large: one for the process, never freed */
	struct top_args a;
	int n, ret;

	memset(&a, 0, sizeof(a));
	target_init(&a.target);
	a.interval = 1.0;
	ret = cmd_parse(&cmd_top_entry, argc, argv, set_option, &a, &n);
	if (ret != CMD_PARSED)
		return ret;
	/* A bad --pid or --user is refused as at parsing, before the terminal is
	 * looked at. */
	ret = cmd_apply_root();
	if (ret == 0)
		ret = cmd_user_exists(&cmd_top_entry, a.user);
	if (ret == 0)
		ret = cmd_pidspecs_resolve(&cmd_top_entry, &a.specs, a.pids, PROBE_PIDS_MAX,
					   &a.npids);
	if (ret != 0)
		return ret;
	if (!a.batch && (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)))
		return cmd_usage_error(&cmd_top_entry,
				       "not a terminal: use `headroom top --batch` for plain-text "
				       "frames, or `headroom check` for a one-shot report");
	keep_rss_flat();
	top_sampler_init(&sampler, &a.target);
	sampler.probe_opts.user = cmd_session_user(a.user, sizeof(a.user));
	ret = watch_pids(&sampler, &a);
	if (ret == 0)
		ret = a.batch ? run_batch(&sampler, &a) : run_view(&sampler, &a);
	top_sampler_close(&sampler);
	return ret;
}
