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
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include "cmd.h"
#include "headroom.h"
#include "parse.h"
#include "platform.h"
#include "probe.h"
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
	OPT_TIMEOUT,
	OPT_HOLD,
	OPT_WINDOW,
	OPT_FORMAT,
};

#define TARGET_DEFAULT 10000
#define SECONDS_MAX_MS (86400 * 1000)
#define PREFLIGHT_MS   3000

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
     .help = "connect to an existing server (client side only)"},
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
	     "[--connect HOST:PORT] [--timeout SEC] [--hold SEC] [--window N] "
	     "[--format text|json]",
    .summary = "prove the target by really opening N fds, sockets or connections",
    .options = verify_options,
    .footer = "\nConnections are closed with a reset (SO_LINGER 0): no TIME_WAIT is left for\n"
	      "the load test that follows.\n"
	      "\nExamples:\n"
	      "  headroom verify --target 100000\n"
	      "  headroom verify --target 30000 --sources 2 --processes 2\n"
	      "  headroom verify --what fds --target 50000\n"
	      "  headroom verify --target 5000 --connect 127.0.0.1:8080 --hold 60\n",
    .max_operands = 0,
    .exec = cmd_verify_exec,
};

struct verify_args {
	struct verify_opts opts;
	const char *connect;
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
	case OPT_TIMEOUT:
		o->timeout = v->seconds;
		break;
	case OPT_HOLD:
		o->hold = v->seconds;
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
	int64_t portnum;
	int rc;

	if (verify_split_hostport(a->connect, host, sizeof(host), port, sizeof(port)) < 0)
		return cmd_arg_error(&cmd_verify_entry, EXIT_DATAERR,
				     "--connect: '%s' is not HOST:PORT (or [IPV6]:PORT)",
				     a->connect);
	/* getaddrinfo takes 99999 as 34463 (mod 65536): check it first */
	if (parse_i64(port, 1, 65535, &portnum) < 0)
		return cmd_arg_error(&cmd_verify_entry, EXIT_DATAERR,
				     "--connect %s: port '%s' is not a number in 1..65535",
				     a->connect, port);
	hints.ai_family = a->opts.ipv6 ? AF_INET6 : AF_UNSPEC;
	hints.ai_flags = AI_NUMERICSERV;
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

/* One connection first: a server that is not there is not a limit. */
static int
preflight(const struct verify_args *a)
{
	const struct verify_opts *o = &a->opts;
	struct pollfd pfd = {.events = POLLOUT};
	int err = 0, rc;
	socklen_t len = sizeof(err);

	pfd.fd = socket(o->dest.ss_family, SOCK_STREAM, 0);
	if (pfd.fd < 0)
		return cmd_error(EXIT_UNKNOWN, "socket: %s", strerror(errno));
	fcntl(pfd.fd, F_SETFD, FD_CLOEXEC);
	fcntl(pfd.fd, F_SETFL, O_NONBLOCK);
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
	t.role = a->opts.what == VERIFY_CONNECTIONS && !a->opts.external ? ROLE_BOTH : ROLE_CLIENT;
	t.sources = lay->sources;
	popts.target = &t;
	if (probe_run(set, &popts, &t, &plan, cause, sizeof(cause)) < 0)
		return false;
	verify_predict(set, &plan, &a->opts, lay, p);
	return true;
}

static void
progress(const struct verify_result *now, int64_t target, void *ctx)
{
	(void)ctx;
	verify_report_progress(stderr, now, target);
}

static int
exit_status(const struct verify_result *res)
{
	switch (res->stop) {
	case VERIFY_STOP_COMPLETE:
		return EXIT_OK;
	case VERIFY_STOP_FAILED:
	case VERIFY_STOP_TIMEOUT:
		return EXIT_FAIL;
	default:
		return EXIT_UNKNOWN;
	}
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
	int ret;

	if (verify_supported(cause, sizeof(cause)) < 0)
		return cmd_error(EXIT_UNKNOWN, "verify: %s", cause);
	if ((ret = plan_layout(a, &env, &lay)) != 0 || (a->connect != NULL && (ret = preflight(a))))
		return ret;
	r = (struct verify_report){.opts = &a->opts,
				   .lay = &lay,
				   .connect = a->connect,
				   .soft_before = env.nofile_soft,
				   .hard = env.nofile_hard,
				   .quiet = cmd_globals.quiet,
				   .why = why,
				   .pred = &pred};
	r.soft_after = raise_nofile(&lay, &env);
	layer_set_init(&set);
	pred.have = predict(a, &lay, &set, &pred);
	if (!a->json)
		verify_report_layout(stdout, &r);
	fflush(stdout);
	if (verify_run(&a->opts, &lay, &res, show_progress ? progress : NULL, NULL, cause,
		       sizeof(cause)) < 0)
		return cmd_error(EXIT_UNKNOWN, "verify: %s", cause);
	if (show_progress)
		verify_report_progress_end(stderr);
	r.res = &res;
	r.cause = verify_cause_layer(&res, &lay, why, sizeof(why));
	r.layer = layer_find(&set, r.cause, 0);
	verify_compare(&pred, &res, &lay, a->opts.target, r.cause);
	if (a->json)
		verify_report_json(stdout, &r);
	else
		verify_report_text(stdout, &r);
	return exit_status(&res);
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
	return run_verify(&a);
}
