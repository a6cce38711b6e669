/*
 * cmd-verify.c: headroom verify — prove the target by really opening N
 * file descriptors, sockets or loopback connections, and say which layer
 * stopped it when it falls short.
 */
#include "config.h"

#include <errno.h>
#include <math.h> /* isfinite: a macro, no libm */
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
#include "probe.h"
#include "verify-cause.h"
#include "verify-report.h"
#include "verify.h"

static int cmd_verify_exec(int argc, char **argv);

const struct cmd_entry cmd_verify_entry = {
    .name = "verify",
    .usage = "[--target N] [--what fds|sockets|connections] [--processes K] [--sources K]\n"
	     "       [--connect HOST:PORT] [--ipv6] [--timeout SEC] [--hold SEC] "
	     "[--format text|json]",
    .summary = "prove the target by really opening N fds, sockets or connections",
    .help = "Options:\n"
	    "  -n, --target N        how many to open (default 10000)\n"
	    "  -w, --what WHAT       fds, sockets, or connections (default): real TCP\n"
	    "                        connections on loopback, client and server sides held\n"
	    "                        open in separate processes until all N are up\n"
	    "  -P, --processes K     client processes (default: as many as the hard nofile\n"
	    "                        limit needs; 1 for fds and sockets)\n"
	    "      --server-processes K  server processes sharing the listener (default:\n"
	    "                        as many as the hard nofile limit needs)\n"
	    "  -s, --sources K       client source addresses 127.0.0.1, 127.0.0.2, ...\n"
	    "                        (default: enough for the ephemeral port range)\n"
	    "      --ports K         listener ports (default 1; with --ipv6, enough for the\n"
	    "                        port range)\n"
	    "  -6, --ipv6            connect over ::1\n"
	    "  -c, --connect HOST:PORT  connect to an existing server (client side only)\n"
	    "  -t, --timeout SEC     bound for the whole run, --hold excluded\n"
	    "                        (default 10 s plus 1 s per 5,000 connections)\n"
	    "      --hold SEC        keep the connections up for SEC once all are up\n"
	    "      --window N        connects in flight per client process (default 256)\n"
	    "  -f, --format FMT      text (default) or json\n"
	    "\nConnections are closed with a reset (SO_LINGER 0): no TIME_WAIT is left for\n"
	    "the load test that follows.\n"
	    "\nExamples:\n"
	    "  headroom verify --target 100000\n"
	    "  headroom verify --target 30000 --sources 2 --processes 2\n"
	    "  headroom verify --what fds --target 50000\n"
	    "  headroom verify --target 5000 --connect 127.0.0.1:8080 --hold 60\n",
    .exec = cmd_verify_exec,
};

enum {
	OPT_SERVERS = CMD_OPT_FIRST_LOCAL,
	OPT_PORTS,
	OPT_HOLD,
	OPT_WINDOW,
};

#define TARGET_DEFAULT 10000
#define SECONDS_MAX    86400.0
#define PREFLIGHT_MS   3000

struct verify_args {
	struct verify_opts opts;
	const char *connect;
	bool json;
};

static int
parse_count(const char *what, const char *arg, long long min, long long max, long long *out)
{
	char cause[CAUSE_MAX];

	if (cmd_parse_i64(what, arg, min, max, out, cause, sizeof(cause)) < 0)
		return cmd_usage_error(&cmd_verify_entry, "%s", cause);
	return 0;
}

static int
parse_seconds(const char *what, const char *arg, double min, double *out)
{
	char *end;
	double v;

	errno = 0;
	v = strtod(arg, &end);
	if (arg[0] == '\0' || *end != '\0' || errno != 0 || !isfinite(v) || v < min ||
	    v > SECONDS_MAX)
		return cmd_usage_error(&cmd_verify_entry,
				       "%s: '%s' is not a number of seconds "
				       "(%g..%g)",
				       what, arg, min, SECONDS_MAX);
	*out = v;
	return 0;
}

static int
parse_what(const char *arg, enum verify_what *out)
{
	if (strcmp(arg, "fds") == 0)
		*out = VERIFY_FDS;
	else if (strcmp(arg, "sockets") == 0)
		*out = VERIFY_SOCKETS;
	else if (strcmp(arg, "connections") == 0)
		*out = VERIFY_CONNECTIONS;
	else
		return cmd_usage_error(&cmd_verify_entry,
				       "--what: '%s' is not fds, sockets or connections", arg);
	return 0;
}

static int
parse_option(void *ctx, int opt, const char *arg)
{
	struct verify_args *a = ctx;
	struct verify_opts *o = &a->opts;
	long long v = 0;
	int ret = 0;

	switch (opt) {
	case 'n':
		return cmd_parse_target(arg, &o->target);
	case 'w':
		return parse_what(arg, &o->what);
	case 'P':
		ret = parse_count("--processes", arg, 1, 4096, &v);
		o->clients = (int)v;
		return ret;
	case OPT_SERVERS:
		ret = parse_count("--server-processes", arg, 1, 4096, &v);
		o->servers = (int)v;
		return ret;
	case 's':
		ret = parse_count("--sources", arg, 1, INT32_MAX, &v);
		o->sources = (int)v;
		return ret;
	case OPT_PORTS:
		ret = parse_count("--ports", arg, 1, VERIFY_PORTS_MAX, &v);
		o->ports = (int)v;
		return ret;
	case OPT_WINDOW:
		ret = parse_count("--window", arg, 1, 65536, &v);
		o->window = (int)v;
		return ret;
	case '6':
		o->ipv6 = true;
		return 0;
	case 'c':
		a->connect = arg;
		return 0;
	case 't':
		return parse_seconds("--timeout", arg, 0.1, &o->timeout);
	case OPT_HOLD:
		return parse_seconds("--hold", arg, 0, &o->hold);
	case 'f':
		if (strcmp(arg, "json") != 0 && strcmp(arg, "text") != 0)
			return cmd_usage_error(&cmd_verify_entry,
					       "--format: '%s' is not text or json", arg);
		a->json = strcmp(arg, "json") == 0;
		return 0;
	default:
		return -1;
	}
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
		return cmd_usage_error(&cmd_verify_entry,
				       "--connect: '%s' is not HOST:PORT (or [IPV6]:PORT)",
				       a->connect);
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

/* One connection first: a server that is not there is not a limit. */
static int
preflight(const struct verify_args *a)
{
	const struct verify_opts *o = &a->opts;
	struct pollfd pfd = {.events = POLLOUT};
	int err = 0, rc;
	socklen_t len = sizeof(err);

	pfd.fd = socket(o->dest.ss_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (pfd.fd < 0)
		return cmd_error(EXIT_UNKNOWN, "socket: %s", strerror(errno));
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
	static const struct option longopts[] = {
	    CMD_GLOBAL_LONGOPTS,
	    {"target", required_argument, NULL, 'n'},
	    {"what", required_argument, NULL, 'w'},
	    {"processes", required_argument, NULL, 'P'},
	    {"server-processes", required_argument, NULL, OPT_SERVERS},
	    {"sources", required_argument, NULL, 's'},
	    {"ports", required_argument, NULL, OPT_PORTS},
	    {"ipv6", no_argument, NULL, '6'},
	    {"connect", required_argument, NULL, 'c'},
	    {"timeout", required_argument, NULL, 't'},
	    {"hold", required_argument, NULL, OPT_HOLD},
	    {"window", required_argument, NULL, OPT_WINDOW},
	    {"format", required_argument, NULL, 'f'},
	    {NULL, 0, NULL, 0},
	};
	struct verify_args a;
	int ret;

	memset(&a, 0, sizeof(a));
	a.opts.what = VERIFY_CONNECTIONS;
	a.opts.target = TARGET_DEFAULT;
	a.opts.window = VERIFY_WINDOW_DEFAULT;
	ret = cmd_options(&cmd_verify_entry, argc, argv, "+hqn:w:P:s:6c:t:f:", longopts,
			  parse_option, &a);
	if (ret != 0)
		return ret;
	if (optind < argc)
		return cmd_usage_error(&cmd_verify_entry, "unexpected argument '%s'", argv[optind]);
	if ((ret = cmd_apply_root()) != 0)
		return ret;
	if (a.connect != NULL && a.opts.what != VERIFY_CONNECTIONS)
		return cmd_usage_error(&cmd_verify_entry, "--connect goes with --what connections");
	if (a.connect != NULL && (ret = resolve_connect(&a)) != 0)
		return ret;
	return run_verify(&a);
}
