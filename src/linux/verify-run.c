/*
 * verify-run.c: the coordinator. It forks the workers, starts them all at
 * once, watches for the target, a failure, the deadline or a signal, then
 * tears everything down: every worker is told to stop, a worker that does
 * not exit within the grace period is killed by its pid, and every one is
 * reaped before verify_run returns. The engine is Linux's (epoll,
 * signalfd, timerfd, eventfd, prctl): a platform without one says so
 * through verify_supported.
 */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/signalfd.h>
#include <sys/timerfd.h>
#include <sys/wait.h>
#include <unistd.h>

#include "verify-cause.h"
#include "verify-proc.h"

#define TICK_NS	      100000000LL /* progress and deadline checks */
#define NS	      1000000000LL
#define GRACE_BASE_NS (10 * NS) /* to exit after "stop", plus 1 s per 5,000 held */
#define SETTLE_NS     (2 * NS)

enum { EV_NOTIFY, EV_SIGNAL, EV_TICK };

struct loop {
	int ep, sfd, tfd;
	sigset_t oldmask;
	bool interrupted;
	bool died; /* a worker exited before it was told to */
	int64_t t_go;
	int64_t t_stop; /* when the run stopped (before any settling) */
	int64_t deadline;
};

static int
watch(int ep, int fd, uint32_t tag)
{
	struct epoll_event ev = {.events = EPOLLIN, .data.u32 = tag};

	return epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev);
}

static int
loop_open(struct loop *lp, const struct verify_run *r)
{
	struct itimerspec tick = {.it_interval = {0, TICK_NS}, .it_value = {0, TICK_NS}};
	sigset_t mask;

	sigemptyset(&mask);
	sigaddset(&mask, SIGCHLD);
	sigaddset(&mask, SIGINT);
	sigaddset(&mask, SIGTERM);
	sigaddset(&mask, SIGHUP);
	sigprocmask(SIG_BLOCK, &mask, &lp->oldmask);
	lp->sfd = signalfd(-1, &mask, SFD_CLOEXEC | SFD_NONBLOCK);
	lp->tfd = timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC | TFD_NONBLOCK);
	lp->ep = epoll_create1(EPOLL_CLOEXEC);
	if (lp->sfd < 0 || lp->tfd < 0 || lp->ep < 0 || timerfd_settime(lp->tfd, 0, &tick, NULL) ||
	    watch(lp->ep, r->notify_fd, EV_NOTIFY) < 0 || watch(lp->ep, lp->sfd, EV_SIGNAL) < 0 ||
	    watch(lp->ep, lp->tfd, EV_TICK) < 0)
		return -errno;
	return 0;
}

static void
loop_close(struct loop *lp)
{
	if (lp->ep >= 0)
		close(lp->ep);
	if (lp->sfd >= 0)
		close(lp->sfd);
	if (lp->tfd >= 0)
		close(lp->tfd);
	sigprocmask(SIG_SETMASK, &lp->oldmask, NULL);
}

static void
record_death(struct verify_run *r, int slot, int status)
{
	struct verify_failure *f = &r->res->failure;

	if (atomic_load(&r->sh->phase) == PHASE_STOP || r->sh->slot[slot].state == SLOT_FAILED)
		return;
	if (r->res->failure.op[0] == '\0') {
		snprintf(f->op, sizeof(f->op), "exit");
		f->signo = WIFSIGNALED(status) ? WTERMSIG(status) : 0;
		f->err = 0;
		verify_slot_name(r, slot, f->where, sizeof(f->where));
	}
}

static void
reap(struct verify_run *r, struct loop *lp)
{
	int slot, status;

	for (slot = 0; slot < r->started; slot++) {
		if (r->exited[slot] || waitpid(r->pids[slot], &status, WNOHANG) <= 0)
			continue;
		r->exited[slot] = true;
		if (atomic_load(&r->sh->phase) != PHASE_STOP &&
		    r->sh->slot[slot].state != SLOT_FAILED) {
			lp->died = true;
			record_death(r, slot, status);
		}
	}
}

static void
drain(int fd)
{
	uint64_t buf[16];

	while (read(fd, buf, sizeof(buf)) > 0)
		continue;
}

static void
drain_signals(struct loop *lp)
{
	struct signalfd_siginfo si;

	while (read(lp->sfd, &si, sizeof(si)) == sizeof(si)) {
		if (si.ssi_signo != SIGCHLD)
			lp->interrupted = true;
	}
}

/* Wait for one round of events; true when the tick fired. */
static bool
poll_once(struct verify_run *r, struct loop *lp)
{
	struct epoll_event evs[4];
	bool tick = false;
	int n, i;

	n = epoll_wait(lp->ep, evs, 4, (int)(TICK_NS / 1000000));
	for (i = 0; i < n; i++) {
		if (evs[i].data.u32 == EV_NOTIFY)
			drain(r->notify_fd);
		else if (evs[i].data.u32 == EV_SIGNAL)
			drain_signals(lp);
		else
			drain(lp->tfd), tick = true;
	}
	reap(r, lp);
	return tick;
}

static bool
slot_failure(struct verify_run *r)
{
	struct verify_failure *f = &r->res->failure;
	int slot;

	for (slot = 0; slot < r->started; slot++) {
		struct verify_slot *s = &r->sh->slot[slot];

		if (atomic_load(&s->state) != SLOT_FAILED)
			continue;
		f->err = s->err;
		f->at = s->held;
		snprintf(f->op, sizeof(f->op), "%s", s->op);
		verify_slot_name(r, slot, f->where, sizeof(f->where));
		return true;
	}
	return false;
}

static enum verify_stop
run_status(struct verify_run *r, struct loop *lp)
{
	if (lp->interrupted)
		return VERIFY_STOP_INTERRUPTED;
	if (atomic_load(&r->sh->t_peak_ns) != 0)
		return VERIFY_STOP_COMPLETE;
	if (slot_failure(r) || lp->died)
		return VERIFY_STOP_FAILED;
	if (verify_now_ns() >= lp->deadline)
		return VERIFY_STOP_TIMEOUT;
	return VERIFY_STOP_NONE;
}

static bool
all_ready(const struct verify_run *r)
{
	int slot;

	for (slot = 0; slot < r->nslots; slot++) {
		if (atomic_load(&r->sh->slot[slot].state) == SLOT_STARTING)
			return false;
	}
	return true;
}

static void
snapshot(struct verify_run *r)
{
	struct verify_result *res = r->res;

	res->connected = atomic_load(&r->sh->opened);
	res->accepted = atomic_load(r->opts->serve ? &r->sh->accepted_max : &r->sh->accepted);
	res->established = r->opts->serve ? res->accepted : res->connected;
	if (r->sh->two_sided && res->accepted < res->established)
		res->established = res->accepted;
}

static void
report(struct verify_run *r, verify_progress_fn progress, void *ctx)
{
	snapshot(r);
	if (progress != NULL)
		progress(r->res, r->opts->target, ctx);
}

/* Until every worker is set up (or the setup fails). */
static enum verify_stop
wait_ready(struct verify_run *r, struct loop *lp)
{
	enum verify_stop st;

	for (;;) {
		st = run_status(r, lp);
		if (st != VERIFY_STOP_NONE || all_ready(r))
			return st;
		poll_once(r, lp);
	}
}

static enum verify_stop
establish(struct verify_run *r, struct loop *lp, verify_progress_fn progress, void *ctx)
{
	enum verify_stop st;

	lp->t_go = verify_now_ns();
	atomic_store(&r->sh->phase, PHASE_GO);
	close(r->go_w); /* EOF on every worker's go pipe: start */
	r->go_w = -1;
	while ((st = run_status(r, lp)) == VERIFY_STOP_NONE) {
		if (poll_once(r, lp))
			report(r, progress, ctx);
	}
	return st;
}

/*
 * --serve: the clients are elsewhere. Accept until the target is reached
 * and the clients have closed every connection (their test is over), or
 * until --timeout. A server process that fails (EMFILE) stops accepting
 * but the run goes on: its queue then overflows, as a real server's does,
 * and the clients see what they would see.
 */
static enum verify_stop
serve(struct verify_run *r, struct loop *lp, verify_progress_fn progress, void *ctx)
{
	int64_t peak;

	lp->t_go = verify_now_ns();
	atomic_store(&r->sh->phase, PHASE_GO);
	close(r->go_w);
	r->go_w = -1;
	for (;;) {
		peak = atomic_load(&r->sh->t_peak_ns);
		if (lp->interrupted)
			return VERIFY_STOP_INTERRUPTED;
		if (peak != 0 && atomic_load(&r->sh->peer_closed) >= atomic_load(&r->sh->accepted))
			break;
		if (lp->died || verify_now_ns() >= lp->deadline)
			break;
		if (poll_once(r, lp))
			report(r, progress, ctx);
	}
	if (peak != 0) {
		r->res->held = (double)(verify_now_ns() - peak) / NS;
		return VERIFY_STOP_COMPLETE;
	}
	return slot_failure(r) || lp->died ? VERIFY_STOP_FAILED : VERIFY_STOP_TIMEOUT;
}

/*
 * After a failure, connects already in flight still complete: let the
 * counts settle (unchanged over one tick, at most SETTLE_NS) so the count
 * reached is what the machine really held.
 */
static void
settle(struct verify_run *r, struct loop *lp)
{
	int64_t start = verify_now_ns(), last = -1, now;

	while (verify_now_ns() - start < SETTLE_NS && !lp->interrupted) {
		if (!poll_once(r, lp))
			continue;
		now = atomic_load(&r->sh->opened) + atomic_load(&r->sh->accepted);
		if (now == last)
			break;
		last = now;
	}
}

static void
hold(struct verify_run *r, struct loop *lp, verify_progress_fn progress, void *ctx)
{
	int64_t start = verify_now_ns(), end = start + (int64_t)(r->opts->hold * NS);

	while (verify_now_ns() < end && !lp->interrupted && !lp->died) {
		if (poll_once(r, lp)) {
			r->res->held = (double)(verify_now_ns() - start) / NS;
			report(r, progress, ctx);
		}
	}
	r->res->held = (double)(verify_now_ns() - start) / NS;
}

static bool
all_exited(const struct verify_run *r)
{
	int slot;

	for (slot = 0; slot < r->started; slot++) {
		if (!r->exited[slot])
			return false;
	}
	return true;
}

static void
teardown(struct verify_run *r, struct loop *lp)
{
	int64_t start = verify_now_ns();
	int64_t grace = GRACE_BASE_NS + r->opts->target / 5000 * NS;
	int slot;

	atomic_store(&r->sh->phase, PHASE_STOP);
	if (r->go_w >= 0)
		close(r->go_w); /* workers still waiting to start see STOP */
	r->go_w = -1;
	close(r->stop_w);
	r->stop_w = -1;
	while (!all_exited(r) && verify_now_ns() - start < grace)
		poll_once(r, lp);
	for (slot = 0; slot < r->started; slot++) {
		if (r->exited[slot])
			continue;
		kill(r->pids[slot], SIGKILL);
		waitpid(r->pids[slot], NULL, 0);
		r->exited[slot] = true;
		r->res->children_killed++;
	}
	r->res->teardown_seconds = (double)(verify_now_ns() - start) / NS;
}

static void
finish(struct verify_run *r, struct loop *lp, enum verify_stop st)
{
	struct verify_result *res = r->res;
	int64_t peak = atomic_load(&r->sh->t_peak_ns);
	int64_t end = st == VERIFY_STOP_COMPLETE && peak != 0 ? peak : lp->t_stop;

	res->stop = st;
	snapshot(r);
	if (st == VERIFY_STOP_COMPLETE)
		res->established = r->opts->target;
	if (st == VERIFY_STOP_TIMEOUT) {
		res->failure.err = ETIMEDOUT;
		snprintf(res->failure.op, sizeof(res->failure.op), "establish");
		snprintf(res->failure.where, sizeof(res->failure.where), "verify");
		res->failure.at = res->established;
	}
	res->seconds = lp->t_go != 0 ? (double)(end - lp->t_go) / NS : 0;
	res->rate = res->seconds > 0 ? (double)res->established / res->seconds : 0;
}

static void
sum_rss(struct verify_run *r)
{
	struct rusage ru;
	int slot;

	r->res->peak_rss_bytes = 0;
	if (getrusage(RUSAGE_SELF, &ru) == 0)
		r->res->peak_rss_bytes = (int64_t)ru.ru_maxrss * 1024;
	for (slot = 0; slot < r->started; slot++)
		r->res->peak_rss_bytes += r->sh->slot[slot].maxrss_kb * 1024;
}

int
verify_supported(char *cause, size_t causelen)
{
	(void)cause;
	(void)causelen;
	return 0;
}

int
verify_run(const struct verify_opts *opts, const struct verify_layout *lay,
	   struct verify_result *res, verify_progress_fn progress, void *ctx, char *cause,
	   size_t causelen)
{
	struct verify_run r = {.opts = opts, .lay = lay, .res = res};
	struct loop lp = {.ep = -1, .sfd = -1, .tfd = -1};
	enum verify_stop st;
	int err, i;

	memset(res, 0, sizeof(*res));
	r.notify_fd = r.go_r = r.go_w = r.stop_r = r.stop_w = -1;
	memset(r.relay, -1, sizeof(r.relay));
	for (i = 0; i < VERIFY_PORTS_MAX; i++)
		r.listen_fds[i] = -1;
	err = verify_spawn_open(&r, cause, causelen);
	if (err == 0 && (err = loop_open(&lp, &r)) < 0)
		snprintf(cause, causelen, "signalfd/timerfd/epoll: %s", strerror(-err));
	if (err < 0) {
		loop_close(&lp);
		verify_spawn_close(&r);
		return err;
	}
	lp.deadline = verify_now_ns() + (int64_t)(lay->timeout * NS);
	res->kstat_ok = verify_kstat_read(&res->before) == 0;
	res->nprocs = r.nslots;
	res->listen_port = r.first_port;
	if (verify_spawn_workers(&r) < 0)
		st = VERIFY_STOP_FAILED;
	else if ((st = wait_ready(&r, &lp)) == VERIFY_STOP_NONE)
		st =
		    opts->serve ? serve(&r, &lp, progress, ctx) : establish(&r, &lp, progress, ctx);
	lp.t_stop = verify_now_ns();
	if (st == VERIFY_STOP_FAILED)
		settle(&r, &lp);
	finish(&r, &lp, st);
	res->closed_by_peer = atomic_load(&r.sh->peer_closed);
	res->serve_failed = opts->serve && slot_failure(&r);
	res->kstat_ok &= verify_kstat_read(&res->peak) == 0;
	if (st == VERIFY_STOP_COMPLETE && opts->hold > 0)
		hold(&r, &lp, progress, ctx);
	teardown(&r, &lp);
	if (opts->watch)
		verify_watch_collect(r.sh, lp.t_go, &res->drops);
	res->drops.probed = opts->send != NULL;
	verify_cause_drops_apply(res);
	res->kstat_ok &= verify_kstat_read(&res->after) == 0;
	sum_rss(&r);
	loop_close(&lp);
	verify_spawn_close(&r);
	return 0;
}
