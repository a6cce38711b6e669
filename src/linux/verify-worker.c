/*
 * verify-worker.c: the life of a verify worker process, whatever it opens:
 * set up, say ready, wait for the start, count, report, hold until told to
 * stop, exit. Exiting closes every descriptor; the sockets were made with
 * SO_LINGER {1, 0}, so each close is a reset and leaves no TIME_WAIT.
 */
#include "config.h"

#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "verify-proc.h"

int64_t
verify_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static void
notify(const struct verify_worker *w)
{
	uint64_t one = 1;

	/* The eventfd counter cannot overflow with a handful of workers. */
	if (write(w->notify_fd, &one, sizeof(one)) < 0)
		return;
}

void
verify_worker_setup(struct verify_worker *w)
{
	sigset_t none;
	pid_t parent = getppid();

	/* If the coordinator dies, so do we: the kernel then resets our sockets. */
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	if (getppid() != parent)
		_exit(1);
	/* The coordinator decides when to stop; a terminal's ^C reaches it. */
	signal(SIGINT, SIG_IGN);
	signal(SIGHUP, SIG_IGN);
	signal(SIGPIPE, SIG_IGN);
	signal(SIGTERM, SIG_DFL);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
}

bool
verify_worker_ready(struct verify_worker *w)
{
	char c;
	ssize_t n;

	atomic_store(&w->sh->slot[w->slot].state, SLOT_READY);
	notify(w);
	do
		n = read(w->go_fd, &c, 1);
	while (n > 0);
	close(w->go_fd);
	return atomic_load(&w->sh->phase) == PHASE_GO;
}

static void
mark_peak(struct verify_worker *w)
{
	int64_t zero = 0;

	atomic_compare_exchange_strong(&w->sh->t_peak_ns, &zero, verify_now_ns());
	notify(w);
}

/* *max = the larger of it and v, against the other processes' updates. */
static void
raise_max(_Atomic int64_t *max, int64_t v)
{
	int64_t cur = atomic_load(max);

	while (cur < v && !atomic_compare_exchange_weak(max, &cur, v))
		;
}

void
verify_worker_publish(struct verify_worker *w, int64_t n)
{
	struct verify_shared *sh = w->sh;
	_Atomic int64_t *mine = w->role == WORKER_SERVER ? &sh->accepted : &sh->opened;
	_Atomic int64_t *other = w->role == WORKER_SERVER ? &sh->opened : &sh->accepted;
	int64_t total;

	if (n == 0)
		return;
	total = atomic_fetch_add(mine, n) + n;
	if (w->role == WORKER_SERVER)
		raise_max(&sh->accepted_max, total);
	/* Both counters are seq_cst: of the two sides reaching N last, at
	 * least one sees the other's total. */
	if (total >= sh->target && (!sh->two_sided || atomic_load(other) >= sh->target))
		mark_peak(w);
}

static void
slot_report(struct verify_worker *w, int state, const char *op, int err, int64_t held)
{
	struct verify_slot *s = &w->sh->slot[w->slot];

	s->err = err;
	s->held = held;
	if (op != NULL)
		strncpy(s->op, op, sizeof(s->op) - 1);
	atomic_store(&s->state, state);
	notify(w);
}

void
verify_worker_fail(struct verify_worker *w, const char *op, int err, int64_t held)
{
	slot_report(w, SLOT_FAILED, op, err, held);
}

void
verify_worker_done(struct verify_worker *w, int64_t held)
{
	slot_report(w, SLOT_DONE, NULL, 0, held);
}

/*
 * The relay is a pipe holding one byte per turn to work: a worker takes a
 * byte before it starts and writes one back when it is done, so the side
 * keeps its few turns busy without any worker knowing the others. Both
 * ends are non-blocking: a waiting worker polls the read end with its stop
 * pipe, and the pipe never holds more bytes than the side has workers.
 */
bool
verify_relay_take(struct verify_worker *w)
{
	char c;

	if (w->relay_r < 0)
		return true;
	return read(w->relay_r, &c, 1) == 1;
}

void
verify_relay_pass(struct verify_worker *w)
{
	if (w->relay_w < 0 || w->relayed)
		return;
	w->relayed = true;
	if (write(w->relay_w, "", 1) < 0)
		return; /* cannot happen: the pipe has room for every worker */
}

_Noreturn void
verify_worker_exit(struct verify_worker *w)
{
	struct rusage ru;

	if (getrusage(RUSAGE_SELF, &ru) == 0)
		w->sh->slot[w->slot].maxrss_kb = ru.ru_maxrss;
	_exit(0);
}
