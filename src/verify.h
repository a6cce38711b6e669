/*
 * verify.h: prove a target by really opening N fds, sockets or loopback
 * connections. The layout decides how the work is spread over processes
 * and source addresses; the run (the platform's engine, verify_run in
 * platform.h) forks the workers, drives them and tears everything down;
 * the result says how far it got and what stopped it. Nothing here
 * prints: the command formats the result (verify-report.h).
 */
#ifndef VERIFY_H
#define VERIFY_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/socket.h>

#include "verify-kstat.h"

enum verify_what {
	VERIFY_FDS,
	VERIFY_SOCKETS,
	VERIFY_CONNECTIONS,
};

/* Connects in flight per client worker: keeps a SYN burst well inside the
 * default accept queue (4096) even with several workers. */
#define VERIFY_WINDOW_DEFAULT 256

/* Test hook: milliseconds the server processes sleep before each accept,
 * to prove that a slow server overflows its accept queue. */
#define VERIFY_ACCEPT_DELAY_ENV "HEADROOM_VERIFY_ACCEPT_DELAY_MS"

/*
 * With more worker processes on one side than this, only this many work at
 * once and each hands over to the next when it is done (the relay,
 * verify-worker.c). Fifty busy processes per side on a machine with a few
 * cores mostly switch between one another and take connections from one
 * another's accept bursts; a few busy ones each batch their work, as at
 * 100,000 connections (bench/verify-scale.sh). The environment variable is
 * a benchmark hook: 0 turns the relay off.
 */
#define VERIFY_RELAY_ACTIVE	2
#define VERIFY_RELAY_ACTIVE_ENV "HEADROOM_VERIFY_RELAY"
#define VERIFY_RELAY_MAX	64

/* Listener ports (--ports): IPv6 loopback has one address, so ports are
 * what spreads its 4-tuples; 64 ports carry over a million connections. */
#define VERIFY_PORTS_MAX 64

/* The last loopback source: 127.255.255.254 (127.255.255.255 is broadcast). */
#define VERIFY_SOURCES_MAX 16777214

/* What the user asked for; 0 means "choose". */
struct verify_opts {
	enum verify_what what;
	int64_t target;
	int clients;	/* --processes: client workers (or fd/socket processes) */
	int servers;	/* --server-processes */
	int sources;	/* --sources: 127.0.0.1, 127.0.0.2, ... */
	int ports;	/* --ports: listener ports */
	bool ipv6;	/* ::1 instead of 127.0.0.1 */
	double timeout; /* seconds for the whole run, --hold excluded */
	double hold;	/* seconds to hold the connections once all are up */
	int window;	/* connects in flight per worker */

	/* --connect: an existing server; only the client side is opened. */
	bool external;
	struct sockaddr_storage dest;
	socklen_t destlen;
	bool dest_loopback;
	/* --serve: only the server side, on this address, for clients on
	 * other hosts; runs until the clients close what they opened, or
	 * --timeout. */
	bool serve;
	struct sockaddr_storage bind;
	socklen_t bindlen;

	/* --connect watches each connection once it is up: the server may
	 * close or reset it after the handshake (its own cap, its nofile). */
	bool watch;
	const char *send; /* --send: bytes written once connected, or NULL */
	size_t sendlen;
};

/* The machine's figures the layout is computed from. */
struct verify_env {
	int64_t nofile_soft;
	int64_t nofile_hard;
	int64_t port_lo, port_hi; /* ip_local_port_range */
	int64_t ports_reserved;	  /* ip_local_reserved_ports inside the range */
	int64_t mem_total;	  /* bytes, for the "absurd target" check */
};

/* How the work is spread: computed once, printed, then run. */
struct verify_layout {
	int clients; /* processes opening fds / sockets / client connections */
	int servers; /* server processes sharing the listener(s); 0 with --connect */
	int sources;
	int ports;
	int64_t client_share;	  /* most any one client process holds */
	int64_t server_share;	  /* most any one server process accepts */
	int64_t proc_overhead;	  /* fds a worker keeps for itself */
	int64_t ports_per_source; /* usable ephemeral ports per source and port */
	int64_t port_lo;	  /* listeners take ports below the ephemeral range */
	int64_t soft_wanted;	  /* soft nofile limit the processes need */
	double timeout;
	int clients_at_once; /* at work at once (the relay): clients, or fewer */
	int servers_at_once;
	bool clients_spread; /* more client processes because one cannot hold N */
	bool servers_spread;
	bool sources_auto;
	bool serve;  /* --serve: server side only, clients on other hosts */
	bool remote; /* --connect to a server on another host */
};

/* Fill env from the live system (through rootfs). Unreadable figures keep
 * safe defaults; returns 0 or -errno for getrlimit. */
int verify_env_read(struct verify_env *env);

/*
 * Check the request against the machine and compute the layout. Returns 0,
 * or -EINVAL (bad value: usage), -EDOM (a target no machine like this one
 * could ever hold) with a cause.
 */
int verify_layout_plan(const struct verify_opts *opts, const struct verify_env *env,
		       struct verify_layout *lay, char *cause, size_t causelen);

/* The soft nofile limit the busiest process needs (it may exceed the hard
 * limit when --processes asks for fewer processes than that needs). */
int64_t verify_layout_need(const struct verify_layout *lay);

/* Default --timeout for a target: generous, but bounded. --serve waits
 * longer: its clients are started by hand or by a fleet tool. */
double verify_timeout_default(enum verify_what what, int64_t target);
#define VERIFY_SERVE_WAIT 60.0

/* Parse "HOST:PORT" or "[V6]:PORT" into host and port buffers. */
int verify_split_hostport(const char *s, char *host, size_t hostlen, char *port, size_t portlen);

/* --send's STRING: \r \n \t \\ and \xNN. -EINVAL with *bad at the
 * bad escape, -E2BIG when it does not fit. */
int verify_unescape(const char *in, char *out, size_t outlen, size_t *n, size_t *bad);

/* A port in digits must be 1..65535; a service name passes; anything else
 * (" 12", "+5", "0x10") is refused. 0 or a negative errno. */
int verify_port_check(const char *port);

enum verify_stop {
	VERIFY_STOP_NONE,	 /* still running */
	VERIFY_STOP_COMPLETE,	 /* all N up */
	VERIFY_STOP_FAILED,	 /* a hard failure (errno in failure) */
	VERIFY_STOP_TIMEOUT,	 /* --timeout expired first */
	VERIFY_STOP_INTERRUPTED, /* SIGINT / SIGTERM / SIGHUP */
};

struct verify_failure {
	int err;	/* errno; 0 when a worker died (see signo) */
	int signo;	/* the signal that killed a worker, or 0 */
	char op[16];	/* socket, connect, accept, fork, exit, ... */
	char where[32]; /* "client worker 2", "server process 1" */
	int64_t at;	/* what that process held when it failed */
};

/* The first bytes of a reply kept for the report. */
#define VERIFY_SAMPLE_MAX 80

/* --connect: what the server did to connections after the handshake. */
struct verify_drops {
	int64_t closed;			/* EOF: the server closed it */
	int64_t reset;			/* ECONNRESET, EPIPE: the server reset it */
	int64_t during_hold;		/* of those, after all were up */
	int64_t replies;		/* connections the server sent bytes to */
	int64_t error_replies;		/* of those, whose first bytes read as an error */
	int64_t silent_drops;		/* dropped before any reply */
	int64_t unanswered;		/* --send: up at the end, and never a reply */
	bool probed;			/* --send was given */
	double first, last;		/* seconds from the start to the first and last drop */
	char sample[VERIFY_SAMPLE_MAX]; /* the first error reply (else the first reply) */
	size_t sample_len;
	bool sample_error;
};

/* A bare connect/accept loop on this host (verify_bare_rate). */
struct verify_bare {
	int64_t connections; /* 0: not measured */
	int held;	     /* at a time */
	double seconds;
	double rate;
};

struct verify_result {
	enum verify_stop stop;
	int64_t established; /* held at the peak: fds, sockets, or connections up on both sides */
	int64_t connected;   /* client side */
	int64_t accepted;    /* server side */
	double seconds;	     /* from the start signal to the peak */
	double rate;	     /* established per second */
	struct verify_failure failure;

	struct verify_kstat before, peak, after;
	bool kstat_ok; /* all three snapshots read */

	int nprocs;		 /* worker processes started */
	int listen_port;	 /* the first listener port (0 with --connect) */
	int64_t peak_rss_bytes;	 /* peak RSS of all verify's processes, summed */
	int64_t children_killed; /* had to be SIGKILLed at teardown (should be 0) */
	double teardown_seconds;
	double held;		   /* seconds the connections were held (--hold) */
	struct verify_drops drops; /* --connect only */
	struct verify_bare bare;   /* the machine's rate, for comparison */
	int64_t closed_by_peer;	   /* --serve: connections the clients closed */
	bool serve_failed;	   /* --serve: a server process failed (failure says how) */
};

/* Called about ten times a second with the counts so far. */
typedef void (*verify_progress_fn)(const struct verify_result *now, int64_t target, void *ctx);

#endif
