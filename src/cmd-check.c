/*
 * cmd-check.c: headroom check — can this machine hold N connections, which
 * limit stops it first, and how is it raised.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd.h"
#include "headroom.h"
#include "probe.h"
#include "report.h"

static int cmd_check_exec(int argc, char **argv);

const struct cmd_entry cmd_check_entry = {
    .name = "check",
    .usage = "[--target N] [--role client|server|both] [--pid PID]... [--format "
	     "text|json|prometheus]",
    .summary = "can this machine hold N connections? which limit stops it first?",
    .help = "Options:\n"
	    "  -n, --target N      connections to plan for (1..2^31; none: judge current use)\n"
	    "  -r, --role ROLE     client (N outbound), server (N inbound), both (default)\n"
	    "  -p, --pid PID       also check this running process (repeatable, up to 32)\n"
	    "  -f, --format FMT    text (default), json, prometheus\n"
	    "  -o, --output FILE   write the report to FILE atomically (for node_exporter)\n"
	    "  -s, --sources K     source addresses the clients spread over (default 1)\n"
	    "  -m, --margin PCT    warn within PCT%% of a limit (default 20)\n"
	    "  -u, --user NAME     whose login session limits.conf describes\n"
	    "                      (default: SUDO_USER, else the invoking user)\n"
	    "      --census FILE   replay a recorded socket dump (see headroom census)\n"
	    "  -v, --verbose       show the details of every layer, not only those to fix\n"
	    "\nExamples:\n"
	    "  headroom check --target 10000\n"
	    "  headroom check --target 10000 --role server --pid $(pidof myserver)\n"
	    "  headroom check --target 100000 --format prometheus --output "
	    "/var/lib/node_exporter/headroom.prom\n",
    .exec = cmd_check_exec,
};

enum {
	OPT_CENSUS = CMD_OPT_FIRST_LOCAL,
};

struct check_args {
	struct target target;
	struct probe_opts probe;
	const char *format;
	const char *output;
	bool verbose;
	char user[64];
};

static int
parse_option(void *ctx, int opt, const char *arg)
{
	struct check_args *a = ctx;
	char cause[CAUSE_MAX];
	long long v;

	switch (opt) {
	case 'n':
		return cmd_parse_target(arg, &a->target.conns);
	case 'r':
		if (role_parse(arg, &a->target.role) < 0)
			return cmd_usage_error(&cmd_check_entry,
					       "--role: '%s' is not client, server or both", arg);
		return 0;
	case 'p':
		return cmd_add_pid(arg, a->probe.pids, &a->probe.npids);
	case 'f':
		if (strcmp(arg, "text") != 0 && strcmp(arg, "json") != 0 &&
		    strcmp(arg, "prometheus") != 0)
			return cmd_usage_error(&cmd_check_entry,
					       "--format: '%s' is not text, json or prometheus",
					       arg);
		a->format = arg;
		return 0;
	case 'o':
		a->output = arg;
		return 0;
	case 's':
		if (cmd_parse_i64("--sources", arg, 1, 1 << 24, &v, cause, sizeof(cause)) < 0)
			return cmd_error(EXIT_DATAERR, "%s", cause);
		a->target.sources = (int)v;
		return 0;
	case 'm':
		if (cmd_parse_i64("--margin", arg, 0, 90, &v, cause, sizeof(cause)) < 0)
			return cmd_error(EXIT_DATAERR, "%s", cause);
		a->target.margin = (double)v / 100.0;
		return 0;
	case 'u':
		snprintf(a->user, sizeof(a->user), "%s", arg);
		return 0;
	case 'v':
		a->verbose = true;
		return 0;
	case OPT_CENSUS:
		a->probe.census_replay = arg;
		return 0;
	default:
		return -1;
	}
}

static void
write_report(FILE *f, const struct check_args *a, const struct report *r)
{
	if (strcmp(a->format, "json") == 0)
		report_json(f, r);
	else if (strcmp(a->format, "prometheus") == 0)
		report_prometheus(f, r);
	else
		report_text(f, r);
}

/* Write next to the target and rename, so a scraper never reads half a file. */
static int
write_output_file(const struct check_args *a, const struct report *r)
{
	char tmp[PATH_MAX];
	FILE *f;
	int fd;

	if (snprintf(tmp, sizeof(tmp), "%s.tmp.XXXXXX", a->output) >= (int)sizeof(tmp))
		return cmd_error(EXIT_USAGE, "--output %s: path too long", a->output);
	fd = mkstemp(tmp);
	if (fd < 0)
		return cmd_error(EXIT_UNKNOWN, "--output %s: %s", a->output, strerror(errno));
	fchmod(fd, 0644);
	f = fdopen(fd, "w");
	if (f == NULL) {
		close(fd);
		unlink(tmp);
		return cmd_error(EXIT_UNKNOWN, "--output %s: %s", a->output, strerror(errno));
	}
	write_report(f, a, r);
	if (fflush(f) != 0 || fsync(fd) != 0 || fclose(f) != 0 || rename(tmp, a->output) != 0) {
		int saved = errno;
		unlink(tmp);
		return cmd_error(EXIT_UNKNOWN, "--output %s: %s", a->output, strerror(saved));
	}
	return 0;
}

static int
run_check(struct check_args *a)
{
	static struct layer_set set;
	struct plan_result res;
	struct report r;
	char cause[CAUSE_MAX] = "";
	int err;

	a->probe.target = &a->target;
	err = probe_run(&set, &a->probe, &a->target, &res, cause, sizeof(cause));
	if (err == -ESRCH || err == -EINVAL)
		return cmd_error(EXIT_DATAERR, "%s", cause);
	if (err == -EACCES || err == -EPERM)
		return cmd_error(EXIT_NOPERM, "%s", cause);
	if (err < 0)
		return cmd_error(EXIT_UNKNOWN, "%s", cause);
	r = (struct report){.set = &set,
			    .target = &a->target,
			    .res = &res,
			    .color = cmd_globals.color && a->output == NULL,
			    .verbose = a->verbose,
			    .quiet = cmd_globals.quiet};
	if (a->output != NULL) {
		err = write_output_file(a, &r);
		if (err != 0)
			return err;
	} else {
		write_report(stdout, a, &r);
	}
	return verdict_exit_status(res.verdict);
}

static int
cmd_check_exec(int argc, char **argv)
{
	static const struct option longopts[] = {
	    CMD_GLOBAL_LONGOPTS,
	    {"target", required_argument, NULL, 'n'},
	    {"role", required_argument, NULL, 'r'},
	    {"pid", required_argument, NULL, 'p'},
	    {"format", required_argument, NULL, 'f'},
	    {"output", required_argument, NULL, 'o'},
	    {"sources", required_argument, NULL, 's'},
	    {"margin", required_argument, NULL, 'm'},
	    {"user", required_argument, NULL, 'u'},
	    {"census", required_argument, NULL, OPT_CENSUS},
	    {"verbose", no_argument, NULL, 'v'},
	    {NULL, 0, NULL, 0},
	};
	struct check_args a;
	int ret;

	memset(&a, 0, sizeof(a));
	target_init(&a.target);
	a.format = "text";
	ret = cmd_options(&cmd_check_entry, argc, argv, "+hqn:r:p:f:o:s:m:u:v", longopts,
			  parse_option, &a);
	if (ret != 0)
		return ret;
	if (optind < argc)
		return cmd_usage_error(&cmd_check_entry, "unexpected argument '%s'", argv[optind]);
	ret = cmd_apply_root();
	if (ret != 0)
		return ret;
	a.probe.user = cmd_session_user(a.user, sizeof(a.user));
	return run_check(&a);
}
