/*
 * cmd-verify.c: headroom verify — prove the target by really opening N
 * file descriptors, sockets or loopback connections, and say which layer
 * stopped it when it falls short.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include "cmd.h"
#include "headroom.h"
#include "parse.h"
#include "platform.h"
#include "probe.h"
#include "textfit.h"
#include "verify-cause.h"
#include "verify-report.h"
#include "verify.h"

static int cmd_verify_exec(int argc, char **argv);

enum {
	OPT_TARGET,
	OPT_WHAT,
	OPT_PROCESSES,
	OPT_SERVERS,
	OPT_SOURCES,
	OPT_PORTS,
	OPT_IPV6,
	OPT_CONNECT,
	OPT_SEND,
	OPT_SERVE,
	OPT_NO_BARE,
	OPT_TIMEOUT,
	OPT_HOLD,
	OPT_WINDOW,
	OPT_FORMAT,
};

#define TARGET_DEFAULT 10000
#define SECONDS_MAX_MS (86400 * 1000)
#define PREFLIGHT_MS   3000
/* --connect holds this long by default: a server at its own cap drops
 * clients right after the handshake, so the hold is what sees it. */
#define CONNECT_HOLD_DEFAULT 2.0
#define SEND_MAX	     1024

/* In enum verify_what's order. */
static const char *const verify_whats[] = {"fds", "sockets", "connections", NULL};
_Static_assert(VERIFY_FDS == 0 && VERIFY_SOCKETS == 1 && VERIFY_CONNECTIONS == 2,
	       "verify_whats lists enum verify_what in order");

static const struct cmd_option verify_options[] = {
    {CMD_OPTION_TARGET, .id = OPT_TARGET, .help = "how many to open (default 10000)"},
    {CMD_WORDS("what", 'w', "WHAT", verify_whats), .id = OPT_WHAT,
     .help = "fds, sockets, or connections (default): real TCP "
	     "connections on loopback, client and server sides held "
	     "open in separate processes until all N are up"},
    {CMD_INT("processes", 'P', "K", 1, 4096), .id = OPT_PROCESSES,
     .help = "client processes (default: as many as the hard nofile "
	     "limit needs; 1 for fds and sockets)"},
    {CMD_INT("server-processes", 0, "K", 1, 4096), .id = OPT_SERVERS,
     .help = "server processes sharing the listener (default: "
	     "as many as the hard nofile limit needs)"},
    {CMD_OPTION_SOURCES, .id = OPT_SOURCES,
     .help = "client source addresses 127.0.0.1, 127.0.0.2, ... "
	     "(default: enough for the ephemeral port range)"},
    {CMD_INT("ports", 0, "K", 1, VERIFY_PORTS_MAX), .id = OPT_PORTS,
     .help = "listener ports (default 1; with --ipv6, enough for the "
	     "port range)"},
    {CMD_FLAG("ipv6", '6'), .id = OPT_IPV6, .help = "connect over ::1"},
    {CMD_TEXT("connect", 'c', "HOST:PORT"), .id = OPT_CONNECT,
     .help = "connect to an existing server (client side only), hold the "
	     "connections (2 s unless --hold) and count those the server closes "
	     "or resets"},
    {CMD_TEXT("send", 0, "STRING"), .id = OPT_SEND,
     .help = "with --connect: write STRING on each connection once up "
	     "(escapes \\r \\n \\t \\\\ \\xNN) and report error replies"},
    {CMD_TEXT("serve", 0, "[ADDR:]PORT"), .id = OPT_SERVE,
     .help = "accept and hold connections from clients on other hosts "
	     "(server side only) until they close them or --timeout; reports "
	     "ListenOverflows/ListenDrops and its own failing layer"},
    {CMD_FLAG("no-bare", 0), .id = OPT_NO_BARE,
     .help = "skip the bare connect/accept loop timed after a loopback run "
	     "(the machine's rate, printed next to verify's)"},
    {CMD_SECONDS("timeout", 't', 100, SECONDS_MAX_MS), .id = OPT_TIMEOUT,
     .help = "bound for the whole run, --hold excluded "
	     "(default 10 s plus 1 s per 5,000 connections)"},
    {CMD_SECONDS("hold", 0, 0, SECONDS_MAX_MS), .id = OPT_HOLD,
     .help = "keep the connections up for SEC once all are up"},
    {CMD_INT("window", 0, "N", 1, 65536), .id = OPT_WINDOW,
     .help = "connects in flight per client process (default 256)"},
    {CMD_OPTION_FORMAT(cmd_format_text_json), .id = OPT_FORMAT, .help = "text (default) or json"},
    {.name = NULL},
};

const struct cmd_entry cmd_verify_entry = {
    .name = "verify",
    .usage = "[--target N] [--what fds|sockets|connections] [--processes K] "
	     "[--server-processes K] [--sources K] [--ports K] [--ipv6] "
	     "[--connect HOST:PORT [--send STRING]] [--serve [ADDR:]PORT] "
	     "[--no-bare] [--timeout SEC] [--hold SEC] [--window N] [--format text|json]",
    .summary = "prove the target by really opening N fds, sockets or connections",
    .options = verify_options,
    .footer = "\nConnections are closed with a reset (SO_LINGER 0): no TIME_WAIT is left for\n"
	      "the load test that follows.\n"
	      "\nExamples:\n"
	      "  headroom verify --target 100000\n"
	      "  headroom verify --target 30000 --sources 2 --processes 2\n"
	      "  headroom verify --what fds --target 50000\n"
	      "  headroom verify --target 5000 --connect 127.0.0.1:8080 --hold 60\n"
	      "  headroom verify --target 1500 --connect 127.0.0.1:11211 --send 'version\\r\\n'\n"
	      "  headroom verify --target 20000 --serve 9000        (on the server host)\n"
	      "  headroom verify --target 20000 --connect srv:9000  (on a load generator)\n",
    .max_operands = 0,
    .exec = cmd_verify_exec,
};

struct verify_args {
	struct verify_opts opts;
	const char *connect;
	const char *serve;
	const char *send;
	char sendbuf[SEND_MAX];
	bool hold_set;
	bool no_bare;
	bool json;
};

static int
set_option(void *ctx, const struct cmd_option *opt, const struct cmd_value *v)
{
	struct verify_args *a = ctx;
	struct verify_opts *o = &a->opts;

	switch (opt->id) {
	case OPT_TARGET:
		o->target = v->num;
		break;
	case OPT_WHAT:
		o->what = (enum verify_what)v->word;
		break;
	case OPT_PROCESSES:
		o->clients = (int)v->num;
		break;
	case OPT_SERVERS:
		o->servers = (int)v->num;
		break;
	case OPT_SOURCES:
		o->sources = (int)v->num;
		break;
	case OPT_PORTS:
		o->ports = (int)v->num;
		break;
	case OPT_WINDOW:
		o->window = (int)v->num;
		break;
	case OPT_IPV6:
		o->ipv6 = true;
		break;
	case OPT_CONNECT:
		a->connect = v->text;
		break;
	case OPT_SEND:
		a->send = v->text;
		break;
	case OPT_SERVE:
		a->serve = v->text;
		break;
	case OPT_NO_BARE:
		a->no_bare = true;
		break;
	case OPT_TIMEOUT:
		o->timeout = v->seconds;
		break;
	case OPT_HOLD:
		o->hold = v->seconds;
		a->hold_set = true;
		break;
	case OPT_FORMAT:
		a->json = strcmp(v->text, "json") == 0;
		break;
	}
	return 0;
}

static bool
is_loopback(const struct sockaddr_storage *ss)
{
	if (ss->ss_family == AF_INET)
		return (ntohl(((const struct sockaddr_in *)ss)->sin_addr.s_addr) >> 24) == 127;
	return IN6_IS_ADDR_LOOPBACK(&((const struct sockaddr_in6 *)ss)->sin6_addr);
}

/* --connect: resolve HOST:PORT; a name that does not resolve is bad input. */
static int
resolve_connect(struct verify_args *a)
{
	struct addrinfo hints = {.ai_socktype = SOCK_STREAM}, *ai;
	char host[256], port[16];
	int rc;

	if (verify_split_hostport(a->connect, host, sizeof(host), port, sizeof(port)) < 0)
		return cmd_arg_error(&cmd_verify_entry, EXIT_DATAERR,
				     "--connect: '%s' is not HOST:PORT (or [IPV6]:PORT)",
				     a->connect);
	if (verify_port_check(port) < 0)
		return cmd_arg_error(
		    &cmd_verify_entry, EXIT_DATAERR,
		    "--connect %s: port '%s' is not a number in 1..65535 or a service name",
		    a->connect, port);
	hints.ai_family = a->opts.ipv6 ? AF_INET6 : AF_UNSPEC;
	rc = getaddrinfo(host, port, &hints, &ai);
	if (rc != 0)
		return cmd_error(EXIT_DATAERR, "--connect %s: cannot resolve '%s': %s", a->connect,
				 host, gai_strerror(rc));
	memcpy(&a->opts.dest, ai->ai_addr, ai->ai_addrlen);
	a->opts.destlen = ai->ai_addrlen;
	a->opts.ipv6 = ai->ai_family == AF_INET6;
	freeaddrinfo(ai);
	a->opts.external = true;
	a->opts.dest_loopback = is_loopback(&a->opts.dest);
	return 0;
}

/* --serve [ADDR:]PORT: the address to listen on (any, by default). */
static int
resolve_serve(struct verify_args *a)
{
	struct addrinfo hints = {.ai_socktype = SOCK_STREAM, .ai_flags = AI_PASSIVE}, *ai;
	char host[256], port[16];
	bool any = strchr(a->serve, ':') == NULL;
	int rc;

	if (any && strlen(a->serve) < sizeof(port))
		strcpy(port, a->serve);
	else if (any || verify_split_hostport(a->serve, host, sizeof(host), port, sizeof(port)) < 0)
		return cmd_arg_error(&cmd_verify_entry, EXIT_DATAERR,
				     "--serve: '%s' is not [ADDR:]PORT (or [IPV6]:PORT)", a->serve);
	if (verify_port_check(port) < 0)
		return cmd_arg_error(
		    &cmd_verify_entry, EXIT_DATAERR,
		    "--serve %s: port '%s' is not a number in 1..65535 or a service name", a->serve,
		    port);
	hints.ai_family = a->opts.ipv6 ? AF_INET6 : any ? AF_INET : AF_UNSPEC;
	rc = getaddrinfo(any ? NULL : host, port, &hints, &ai);
	if (rc != 0)
		return cmd_error(EXIT_DATAERR, "--serve %s: cannot resolve '%s': %s", a->serve,
				 any ? "" : host, gai_strerror(rc));
	memcpy(&a->opts.bind, ai->ai_addr, ai->ai_addrlen);
	a->opts.bindlen = ai->ai_addrlen;
	a->opts.ipv6 = ai->ai_family == AF_INET6;
	freeaddrinfo(ai);
	a->opts.serve = true;
	return 0;
}

static int
check_serve(struct verify_args *a)
{
	if (a->serve == NULL)
		return 0;
	if (a->connect != NULL)
		return cmd_usage_error(
		    &cmd_verify_entry,
		    "--serve and --connect are the two ends: run one on each host");
	if (a->opts.what != VERIFY_CONNECTIONS)
		return cmd_usage_error(&cmd_verify_entry, "--serve goes with --what connections");
	if (a->hold_set)
		return cmd_usage_error(&cmd_verify_entry,
				       "--serve holds until the clients close their connections "
				       "(or --timeout): no --hold");
	return resolve_serve(a);
}

/* One connection first: a server that is not there is not a limit. */
static int
preflight(const struct verify_args *a)
{
	static const struct linger reset = {.l_onoff = 1, .l_linger = 0};
	const struct verify_opts *o = &a->opts;
	struct pollfd pfd = {.events = POLLOUT};
	int err = 0, rc;
	socklen_t len = sizeof(err);

	pfd.fd = socket(o->dest.ss_family, SOCK_STREAM, 0);
	if (pfd.fd < 0)
		return cmd_error(EXIT_UNKNOWN, "socket: %s", strerror(errno));
	fcntl(pfd.fd, F_SETFD, FD_CLOEXEC);
	fcntl(pfd.fd, F_SETFL, O_NONBLOCK);
	/* Closed with a reset, like every other: no TIME_WAIT left behind. */
	setsockopt(pfd.fd, SOL_SOCKET, SO_LINGER, &reset, sizeof(reset));
	rc = connect(pfd.fd, (const struct sockaddr *)&o->dest, o->destlen);
	if (rc < 0 && errno != EINPROGRESS)
		err = errno;
	else if (rc < 0 && poll(&pfd, 1, PREFLIGHT_MS) == 0)
		err = ETIMEDOUT;
	else if (rc < 0)
		getsockopt(pfd.fd, SOL_SOCKET, SO_ERROR, &err, &len);
	close(pfd.fd);
	if (err != 0)
		return cmd_error(EXIT_FAIL,
				 "--connect %s: %s: nothing accepts connections there "
				 "(start the server first)",
				 a->connect, strerror(err));
	return 0;
}

static int
plan_layout(struct verify_args *a, struct verify_env *env, struct verify_layout *lay)
{
	char cause[CAUSE_MAX];
	int err;

	if (verify_env_read(env) < 0)
		return cmd_error(EXIT_UNKNOWN, "getrlimit: %s", strerror(errno));
	err = verify_layout_plan(&a->opts, env, lay, cause, sizeof(cause));
	if (err == -EDOM)
		return cmd_error(EXIT_DATAERR, "%s", cause);
	if (err < 0)
		return cmd_usage_error(&cmd_verify_entry, "%s", cause);
	return 0;
}

/* Raise our soft nofile limit to what each process needs; children inherit it. */
static int64_t
raise_nofile(const struct verify_layout *lay, const struct verify_env *env)
{
	struct rlimit rl = {.rlim_cur = (rlim_t)lay->soft_wanted,
			    .rlim_max = (rlim_t)env->nofile_hard};

	if (env->nofile_soft >= lay->soft_wanted || setrlimit(RLIMIT_NOFILE, &rl) < 0)
		return env->nofile_soft;
	return lay->soft_wanted;
}

/* check's prediction for the same target, as verify's processes see it. */
static bool
predict(const struct verify_args *a, const struct verify_layout *lay, struct layer_set *set,
	struct verify_prediction *p)
{
	struct probe_opts popts;
	struct plan_result plan;
	struct target t;
	char cause[CAUSE_MAX];

	memset(&popts, 0, sizeof(popts));
	target_init(&t);
	t.conns = a->opts.target;
	t.role = a->opts.serve						   ? ROLE_SERVER
		 : a->opts.what == VERIFY_CONNECTIONS && !a->opts.external ? ROLE_BOTH
									   : ROLE_CLIENT;
	t.sources = lay->sources;
	popts.target = &t;
	if (probe_run(set, &popts, &t, &plan, cause, sizeof(cause)) < 0)
		return false;
	verify_predict(set, &plan, &a->opts, lay, p);
	return true;
}

static double
now_seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

struct progress_ctx {
	double start;
	struct verify_progress line;
};

static void
progress(const struct verify_result *now, int64_t target, void *ctx)
{
	struct progress_ctx *pc = ctx;

	pc->line.elapsed = now_seconds() - pc->start;
	verify_report_progress(stderr, now, target, &pc->line);
}

static int
exit_status(const struct verify_result *res)
{
	switch (res->stop) {
	case VERIFY_STOP_COMPLETE:
		return verify_rejected(res) ? EXIT_FAIL : EXIT_OK;
	case VERIFY_STOP_FAILED:
	case VERIFY_STOP_TIMEOUT:
		return EXIT_FAIL;
	default:
		return EXIT_UNKNOWN;
	}
}

/* Below this, a rate is mostly start-up and says little. */
#define BARE_MIN_TARGET 1000

/* The machine's own rate, to print verify's against: loopback runs that
 * completed only (across hosts the network sets the rate). */
static void
measure_bare(const struct verify_args *a, struct verify_result *res)
{
	char cause[CAUSE_MAX];

	if (a->no_bare || a->opts.what != VERIFY_CONNECTIONS || a->opts.external || a->opts.serve ||
	    res->stop != VERIFY_STOP_COMPLETE || a->opts.target < BARE_MIN_TARGET)
		return;
	if (verify_bare_rate(a->opts.target, a->opts.ipv6, &res->bare, cause, sizeof(cause)) < 0)
		memset(&res->bare, 0, sizeof(res->bare));
}

static int
run_verify(struct verify_args *a)
{
	static struct layer_set set;
	static struct verify_prediction pred;
	struct verify_env env;
	struct verify_layout lay;
	struct verify_result res;
	struct verify_report r;
	char cause[CAUSE_MAX], why[CAUSE_MAX];
	bool show_progress = isatty(STDERR_FILENO) && !cmd_globals.quiet;
	struct progress_ctx pc = {.line = {.width = cmd_globals.width}};
	int ret;

	if (verify_supported(cause, sizeof(cause)) < 0)
		return cmd_error(EXIT_UNKNOWN, "verify: %s", cause);
	if ((ret = plan_layout(a, &env, &lay)) != 0 || (a->connect != NULL && (ret = preflight(a))))
		return ret;
	r = (struct verify_report){.opts = &a->opts,
				   .lay = &lay,
				   .connect = a->connect,
				   .serve = a->serve,
				   .soft_before = env.nofile_soft,
				   .hard = env.nofile_hard,
				   .quiet = cmd_globals.quiet,
				   .why = why,
				   .pred = &pred};
	r.soft_after = raise_nofile(&lay, &env);
	layer_set_init(&set);
	pred.have = predict(a, &lay, &set, &pred);
	if (!a->json) {
		struct textfit t;

		verify_report_layout(textfit_begin(&t, stdout, cmd_globals.width), &r);
		textfit_end(&t);
	}
	fflush(stdout);
	pc.start = now_seconds();
	if (verify_run(&a->opts, &lay, &res, show_progress ? progress : NULL, &pc, cause,
		       sizeof(cause)) < 0) {
		if (show_progress)
			verify_report_progress_end(stderr, &pc.line);
		return cmd_error(EXIT_UNKNOWN, "verify: %s", cause);
	}
	if (show_progress)
		verify_report_progress_end(stderr, &pc.line);
	measure_bare(a, &res);
	r.res = &res;
	r.cause = verify_cause_layer(&res, &lay, why, sizeof(why));
	r.layer = layer_find(&set, r.cause, 0);
	verify_compare(&pred, &res, &lay, a->opts.target, r.cause);
	if (a->json)
		verify_report_json(stdout, &r);
	else {
		struct textfit t;

		verify_report_text(textfit_begin(&t, stdout, cmd_globals.width), &r);
		textfit_end(&t);
	}
	return exit_status(&res);
}

/* --connect watches its connections after the handshake; --send's probe. */
static int
connect_watch(struct verify_args *a)
{
	size_t n, bad = 0;
	int err;

	if (a->send != NULL && a->connect == NULL)
		return cmd_usage_error(&cmd_verify_entry, "--send goes with --connect");
	if (a->connect == NULL)
		return 0;
	a->opts.watch = true;
	if (!a->hold_set)
		a->opts.hold = CONNECT_HOLD_DEFAULT;
	if (a->send == NULL)
		return 0;
	err = verify_unescape(a->send, a->sendbuf, sizeof(a->sendbuf), &n, &bad);
	if (err == -E2BIG)
		return cmd_arg_error(&cmd_verify_entry, EXIT_DATAERR,
				     "--send: longer than %d bytes", SEND_MAX);
	if (err < 0)
		return cmd_arg_error(&cmd_verify_entry, EXIT_DATAERR,
				     "--send: bad escape at byte %zu of '%s' (\\r \\n \\t \\\\ "
				     "\\xNN)",
				     bad + 1, a->send);
	if (n == 0)
		return cmd_arg_error(&cmd_verify_entry, EXIT_DATAERR, "--send: empty");
	a->opts.send = a->sendbuf;
	a->opts.sendlen = n;
	return 0;
}

static int
cmd_verify_exec(int argc, char **argv)
{
	struct verify_args a;
	int n, ret;

	memset(&a, 0, sizeof(a));
	a.opts.what = VERIFY_CONNECTIONS;
	a.opts.target = TARGET_DEFAULT;
	a.opts.window = VERIFY_WINDOW_DEFAULT;
	ret = cmd_parse(&cmd_verify_entry, argc, argv, set_option, &a, &n);
	if (ret != CMD_PARSED)
		return ret;
	if ((ret = cmd_apply_root()) != 0)
		return ret;
	if (a.connect != NULL && a.opts.what != VERIFY_CONNECTIONS)
		return cmd_usage_error(&cmd_verify_entry, "--connect goes with --what connections");
	if (a.connect != NULL && (ret = resolve_connect(&a)) != 0)
		return ret;
	if ((ret = connect_watch(&a)) != 0 || (ret = check_serve(&a)) != 0)
		return ret;
	return run_verify(&a);
}
