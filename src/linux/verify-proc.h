/*
 * verify-proc.h: what the verify coordinator and its worker processes
 * share: the Linux engine behind verify_run (platform.h). Internal to
 * src/linux/verify-*.c.
 *
 * The shared page holds the counters: each worker adds what it opened to
 * one global counter, and whoever brings the run to its target stamps the
 * time and wakes the coordinator through an eventfd. The coordinator talks
 * back by closing pipes: closing "go" starts every worker at once, closing
 * "stop" (or dying) tears them all down.
 */
#ifndef VERIFY_PROC_H
#define VERIFY_PROC_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/socket.h>

#include "platform.h"
#include "verify.h"

enum verify_slot_state {
	SLOT_STARTING,
	SLOT_READY,
	SLOT_DONE,
	SLOT_FAILED,
};

enum verify_phase {
	PHASE_SETUP,
	PHASE_GO,
	PHASE_STOP,
};

/* One per worker; written by that worker only. */
struct verify_slot {
	_Atomic int state;
	int err;
	char op[16];
	int64_t held;	   /* what it held when it failed or finished */
	int64_t maxrss_kb; /* its peak RSS, written just before it exits */
};

/* A reply kept for the report: claimed once (0 -> 1), ready at 2. */
struct verify_sample {
	_Atomic int state;
	size_t len;
	char buf[VERIFY_SAMPLE_MAX];
};

/* --connect: what the server did after the handshakes (verify-watch.c). */
struct verify_watch {
	_Atomic int64_t closed, reset, during_hold, replies, error_replies;
	_Atomic int64_t silent; /* dropped before any reply */
	_Atomic int64_t t_first_ns, t_last_ns;
	struct verify_sample any, error;
};

struct verify_shared {
	_Atomic int phase;
	_Atomic int64_t opened;	   /* client side: fds, sockets, connects done */
	_Atomic int64_t accepted;  /* server side */
	_Atomic int64_t t_peak_ns; /* CLOCK_MONOTONIC when the target was reached */
	int64_t target;
	bool two_sided; /* the target needs opened and accepted both at N */
	struct verify_watch watch;
	_Atomic int64_t peer_closed; /* --serve: accepted, then closed by the client */
	/* --serve: the most accepted connections held at once. accepted itself
	 * drops again when a client closes one before the target is reached (a
	 * probe: --connect's first connection, a port check), so a probe
	 * takes no place of the test's connections. */
	_Atomic int64_t accepted_max;
	struct verify_slot slot[];
};

enum verify_role {
	WORKER_OPENER, /* --what fds / sockets */
	WORKER_CLIENT,
	WORKER_SERVER,
};

/* What one worker process is told at fork. */
struct verify_worker {
	enum verify_role role;
	int slot;      /* index into shared->slot */
	int index;     /* 1-based among its role, for messages */
	int64_t quota; /* to open, or the most to accept */
	int64_t first; /* global index of its first connection (address spreading) */
	struct verify_shared *sh;
	const struct verify_opts *opts;
	const struct verify_layout *lay;
	int notify_fd;	       /* eventfd to the coordinator */
	int go_fd;	       /* read end; EOF = start (or abort, see phase) */
	int stop_fd;	       /* read end; EOF = tear down */
	int relay_r, relay_w;  /* the relay's pipe, -1 when its side has none */
	bool relayed;	       /* it has handed over to the next worker */
	const int *listen_fds; /* server: the shared listeners */
	int nlisten;
	const struct sockaddr_storage *dests; /* client: one per listener port */
	socklen_t destlen;
};

/* The coordinator's state for one run (verify-run.c, verify-spawn.c). */
struct verify_run {
	const struct verify_opts *opts;
	const struct verify_layout *lay;
	struct verify_result *res;

	struct verify_shared *sh;
	size_t shlen;
	int nslots;
	pid_t *pids;  /* by slot; 0 once reaped (or never started) */
	int started;  /* workers forked */
	bool *exited; /* by slot: reaped */

	int notify_fd;
	int go_r, go_w, stop_r, stop_w;
	int relay[2][2]; /* [side: 0 servers, 1 clients][read, write], -1: none */
	int listen_fds[VERIFY_PORTS_MAX];
	int nlisten;
	struct sockaddr_storage dests[VERIFY_PORTS_MAX];
	socklen_t destlen;
	uint16_t first_port;
};

/* verify-spawn.c: the shared page, the pipes, the listeners, the forks. */
int verify_spawn_open(struct verify_run *r, char *cause, size_t causelen);
/* Fork every worker; on a fork failure, records it in res->failure and
 * returns -errno (the workers already started are torn down as usual). */
int verify_spawn_workers(struct verify_run *r);
void verify_spawn_close(struct verify_run *r);
const char *verify_slot_name(const struct verify_run *r, int slot, char *buf, size_t len);

int64_t verify_now_ns(void);

/* Worker lifecycle (verify-worker.c). */
void verify_worker_setup(struct verify_worker *w);
bool verify_worker_ready(struct verify_worker *w); /* false: aborted before go */
void verify_worker_publish(struct verify_worker *w, int64_t n);
void verify_worker_fail(struct verify_worker *w, const char *op, int err, int64_t held);
void verify_worker_done(struct verify_worker *w, int64_t held);
_Noreturn void verify_worker_exit(struct verify_worker *w);
/* The relay: true when this worker may work now (it always may when its
 * side has no relay); the pass hands its turn on, once. */
bool verify_relay_take(struct verify_worker *w);
void verify_relay_pass(struct verify_worker *w);

/* verify-watch.c: a connection that is up, watched for what the server
 * does with it. verify_watch_up sends the probe; both return false when
 * the connection is gone (counted, and closed). */
bool verify_watch_up(const struct verify_worker *w, int fd);
bool verify_watch_event(const struct verify_worker *w, int fd, uint32_t events, bool *replied);
/* A connect that completed and was then reset before we saw it complete. */
void verify_watch_drop(const struct verify_worker *w, int fd, bool reset);
/* The coordinator: the counts, times from t_go_ns. */
void verify_watch_collect(const struct verify_shared *sh, int64_t t_go_ns, struct verify_drops *d);

/* The loops (verify-client.c, verify-server.c); they return when told to
 * stop, and the caller exits. */
void verify_opener_run(struct verify_worker *w);
void verify_client_run(struct verify_worker *w);
void verify_server_run(struct verify_worker *w);

#endif
