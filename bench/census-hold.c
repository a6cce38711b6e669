/*
 * census-hold.c: hold N loopback TCP connections open, for the census
 * benchmark and its live test. Run it inside a fresh network namespace.
 *
 * One process cannot hold more than its nofile hard limit, so the holder
 * forks workers of at most -k connections each (both ends, so 2k + 1
 * descriptors). Worker i listens on PORT+i and connects from its own source
 * address (127.0.0.FIRST+i for IPv4) so no source address runs out of
 * ephemeral ports. When every worker is ready it prints "ready N" and holds
 * until SIGTERM/SIGINT or the time limit, then ends its workers by pid.
 * Every socket has SO_LINGER {1, 0}: closing resets it, so nothing is left
 * in TIME-WAIT.
 */
#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#define CONNS_MAX   1000000
#define WORKERS_MAX 256
#define SECONDS_MAX 3600
#define BATCH	    512 /* connects before accepting: below any backlog we use */

struct hold_opts {
	int family;
	long conns;	   /* -n: connections in all */
	long per_worker;   /* -k */
	int port;	   /* -p: first listener port */
	int first_source;  /* -s: IPv4 source 127.0.0.(first_source + worker) */
	int bind_port;	   /* -b: clients bind to bind_port, +1, ... (0: ephemeral) */
	long queued;	   /* -q: connections the last worker leaves unaccepted */
	int backlog;	   /* -B */
	unsigned int secs; /* -t: hold at most this long */
};

struct worker_report {
	int err;	/* 0, or the errno of the step that failed */
	char what[120]; /* the step that failed */
};

static volatile sig_atomic_t stop_signal;

static void
on_stop(int sig)
{
	stop_signal = sig;
}

static void
usage(void)
{
	fprintf(stderr,
		"usage: census-hold [-6] -n CONNS [-k PER_WORKER] [-p PORT] [-s FIRST_SOURCE]\n"
		"                   [-b FIRST_BIND_PORT] [-q QUEUED] [-B BACKLOG] [-t SECONDS]\n");
	exit(64);
}

static long
number(const char *s, long min, long max)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (*s == '\0' || *end != '\0' || errno != 0 || v < min || v > max) {
		fprintf(stderr, "census-hold: '%s' is not a number in %ld..%ld\n", s, min, max);
		exit(64);
	}
	return v;
}

static void
parse(struct hold_opts *o, int argc, char **argv)
{
	int opt;

	*o = (struct hold_opts){.family = AF_INET,
				.per_worker = 9000,
				.port = 5000,
				.first_source = 1,
				.backlog = 4096,
				.secs = 600};
	while ((opt = getopt(argc, argv, "6n:k:p:s:b:q:B:t:")) != -1) {
		switch (opt) {
		case '6':
			o->family = AF_INET6;
			break;
		case 'n':
			o->conns = number(optarg, 1, CONNS_MAX);
			break;
		case 'k':
			o->per_worker = number(optarg, 1, 100000);
			break;
		case 'p':
			o->port = (int)number(optarg, 1, 65000);
			break;
		case 's':
			o->first_source = (int)number(optarg, 1, 254);
			break;
		case 'b':
			o->bind_port = (int)number(optarg, 1, 65535);
			break;
		case 'q':
			o->queued = number(optarg, 0, 65535);
			break;
		case 'B':
			o->backlog = (int)number(optarg, 1, 65535);
			break;
		case 't':
			o->secs = (unsigned int)number(optarg, 1, SECONDS_MAX);
			break;
		default:
			usage();
		}
	}
	if (o->conns == 0 || optind != argc)
		usage();
	if (o->queued >= o->backlog || o->queued > o->per_worker) {
		fprintf(stderr, "census-hold: -q must be below -B and at most -k\n");
		exit(64);
	}
	if ((o->conns + o->per_worker - 1) / o->per_worker > WORKERS_MAX ||
	    o->port + (o->conns - 1) / o->per_worker > 65535 ||
	    (o->bind_port > 0 && o->bind_port + o->conns - 1 > 65535)) {
		fprintf(stderr, "census-hold: too many workers or ports for these options\n");
		exit(64);
	}
}

/* Fill addr for the loopback host: 127.0.0.last_octet or ::1. */
static socklen_t
loopback(int family, int last_octet, int port, struct sockaddr_storage *ss)
{
	memset(ss, 0, sizeof(*ss));
	if (family == AF_INET6) {
		struct sockaddr_in6 *s6 = (struct sockaddr_in6 *)ss;

		s6->sin6_family = AF_INET6;
		s6->sin6_addr = in6addr_loopback;
		s6->sin6_port = htons((uint16_t)port);
		return sizeof(*s6);
	}
	struct sockaddr_in *s4 = (struct sockaddr_in *)ss;

	s4->sin_family = AF_INET;
	s4->sin_addr.s_addr = htonl(0x7f000000u | (uint32_t)last_octet);
	s4->sin_port = htons((uint16_t)port);
	return sizeof(*s4);
}

static int
fail(struct worker_report *r, const char *what)
{
	r->err = errno;
	snprintf(r->what, sizeof(r->what), "%s", what);
	return -1;
}

/* A TCP socket that resets on close, so it leaves no TIME-WAIT behind. */
static int
tcp_socket(int family)
{
	struct linger lg = {.l_onoff = 1, .l_linger = 0};
	int fd = socket(family, SOCK_STREAM | SOCK_CLOEXEC, 0);

	if (fd >= 0 && setsockopt(fd, SOL_SOCKET, SO_LINGER, &lg, sizeof(lg)) < 0) {
		close(fd);
		return -1;
	}
	return fd;
}

static int
listen_on(const struct hold_opts *o, int port, struct worker_report *r)
{
	struct sockaddr_storage ss;
	socklen_t len = loopback(o->family, 1, port, &ss);
	int one = 1, fd = tcp_socket(o->family);

	if (fd < 0 || setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) < 0 ||
	    bind(fd, (struct sockaddr *)&ss, len) < 0 || listen(fd, o->backlog) < 0)
		return fail(r, "listen");
	return fd;
}

static int
connect_one(const struct hold_opts *o, int worker, long index, const struct sockaddr_storage *dst,
	    socklen_t dstlen, struct worker_report *r)
{
	struct sockaddr_storage src;
	int one = 1, fd = tcp_socket(o->family);
	int port = o->bind_port > 0 ? o->bind_port + (int)index : 0;
	socklen_t len = loopback(o->family, o->first_source + worker, port, &src);

	if (fd < 0)
		return fail(r, "socket");
	/* Without a fixed port, let connect() pick it per destination. */
	if (port == 0 && o->family == AF_INET &&
	    setsockopt(fd, IPPROTO_IP, IP_BIND_ADDRESS_NO_PORT, &one, sizeof(one)) < 0)
		return fail(r, "IP_BIND_ADDRESS_NO_PORT");
	if ((port > 0 || o->family == AF_INET) && bind(fd, (struct sockaddr *)&src, len) < 0)
		return fail(r, "bind source");
	if (connect(fd, (const struct sockaddr *)dst, dstlen) < 0)
		return fail(r, "connect");
	return fd;
}

/* Open this worker's connections; the descriptors stay open until exit. */
static int
worker_connect(const struct hold_opts *o, int worker, long first, long count, long queued,
	       struct worker_report *r)
{
	struct sockaddr_storage dst;
	socklen_t dstlen = loopback(o->family, 1, o->port + worker, &dst);
	int lfd = listen_on(o, o->port + worker, r);
	/* The accept queue holds at most the queued ones plus one batch. */
	long batch_max = o->backlog - queued < BATCH ? o->backlog - queued : BATCH;
	long done = 0, accepted = 0, batch, i;

	if (lfd < 0)
		return -1;
	while (done < count) {
		batch = count - done < batch_max ? count - done : batch_max;
		for (i = 0; i < batch; i++) {
			if (connect_one(o, worker, first + done + i, &dst, dstlen, r) < 0)
				return -1;
		}
		done += batch;
		/* Accept all but the last `queued`: those stay in the queue. */
		for (; accepted < done && accepted < count - queued; accepted++) {
			struct linger lg = {.l_onoff = 1, .l_linger = 0};
			int fd = accept4(lfd, NULL, NULL, SOCK_CLOEXEC);

			if (fd < 0 || setsockopt(fd, SOL_SOCKET, SO_LINGER, &lg, sizeof(lg)) < 0)
				return fail(r, "accept");
		}
	}
	return 0;
}

static void
worker_main(const struct hold_opts *o, int worker, int report_fd)
{
	long first = worker * o->per_worker;
	long count = o->conns - first < o->per_worker ? o->conns - first : o->per_worker;
	bool last = first + count == o->conns;
	struct worker_report r = {0};
	struct rlimit rl;
	sigset_t none;

	/* Die at once on SIGTERM or the time limit: exit resets every socket. */
	signal(SIGTERM, SIG_DFL);
	signal(SIGINT, SIG_DFL);
	signal(SIGALRM, SIG_DFL);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	prctl(PR_SET_PDEATHSIG, SIGKILL); /* never outlive the holder */
	if (getppid() == 1)
		_exit(1);
	alarm(o->secs + 10);
	if (getrlimit(RLIMIT_NOFILE, &rl) == 0) {
		rl.rlim_cur = rl.rlim_max;
		setrlimit(RLIMIT_NOFILE, &rl);
	}
	if ((rlim_t)(2 * count + 16) > rl.rlim_cur) {
		errno = EMFILE;
		fail(&r, "nofile hard limit too low for -k");
	} else {
		worker_connect(o, worker, first, count, last ? o->queued : 0, &r);
	}
	if (write(report_fd, &r, sizeof(r)) != sizeof(r) || r.err != 0)
		_exit(1);
	for (;;)
		pause();
}

static void
stop_workers(const pid_t *pids, int n)
{
	int i;

	for (i = 0; i < n; i++)
		kill(pids[i], SIGTERM);
	for (i = 0; i < n; i++)
		waitpid(pids[i], NULL, 0);
}

/* Wait for every worker's report; 0 when all are ready. */
static int
collect_reports(int fd, int nworkers)
{
	struct worker_report r;
	int i;

	for (i = 0; i < nworkers; i++) {
		if (read(fd, &r, sizeof(r)) != sizeof(r)) {
			fprintf(stderr, "census-hold: %s before every worker was ready\n",
				stop_signal == SIGALRM ? "time limit reached"
				: stop_signal	       ? "stopped"
						       : "a worker died");
			return -1;
		}
		if (r.err != 0) {
			fprintf(stderr, "census-hold: %s: %s\n", r.what, strerror(r.err));
			return -1;
		}
	}
	return 0;
}

int
main(int argc, char **argv)
{
	struct sigaction sa = {.sa_handler = on_stop};
	pid_t pids[WORKERS_MAX];
	struct hold_opts o;
	int pipefd[2], nworkers, i, status = 0;
	sigset_t block, old;

	parse(&o, argc, argv);
	nworkers = (int)((o.conns + o.per_worker - 1) / o.per_worker);
	sigemptyset(&block);
	sigaddset(&block, SIGTERM);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGALRM);
	sigprocmask(SIG_BLOCK, &block, &old);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGALRM, &sa, NULL);
	alarm(o.secs);
	if (pipe(pipefd) < 0) {
		perror("census-hold: pipe");
		return 1;
	}
	for (i = 0; i < nworkers; i++) {
		pids[i] = fork();
		if (pids[i] < 0) {
			perror("census-hold: fork");
			stop_workers(pids, i);
			return 1;
		}
		if (pids[i] == 0) {
			close(pipefd[0]);
			worker_main(&o, i, pipefd[1]);
		}
	}
	close(pipefd[1]);
	sigprocmask(SIG_SETMASK, &old, NULL);
	if (collect_reports(pipefd[0], nworkers) < 0) {
		status = 1;
	} else {
		printf("ready %ld\n", o.conns);
		fflush(stdout);
		sigprocmask(SIG_BLOCK, &block, NULL);
		while (!stop_signal)
			sigsuspend(&old);
	}
	stop_workers(pids, nworkers);
	return status;
}
