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
#include "limitsconf.h"
#include "names.h"
#include "probe.h"
#include "report.h"

static int cmd_check_exec(int argc, char **argv);

enum {
	OPT_TARGET,
	OPT_ROLE,
	OPT_PID,
	OPT_FORMAT,
	OPT_OUTPUT,
	OPT_SOURCES,
	OPT_MARGIN,
	OPT_USER,
	OPT_CENSUS,
	OPT_VERBOSE,
};

static const char *const check_formats[] = {"text", "json", "prometheus", NULL};

static const struct cmd_option check_options[] = {
    {CMD_OPTION_TARGET, .id = OPT_TARGET,
     .help = "connections to plan for (1..2^31; none: judge current use)"},
    {CMD_OPTION_ROLE, .id = OPT_ROLE,
     .help = "client (N outbound), server (N inbound), both (default)"},
    {CMD_OPTION_PIDS, .id = OPT_PID,
     .help = "also check this running process (repeatable, up to 32)"},
    {CMD_OPTION_FORMAT(check_formats), .id = OPT_FORMAT,
     .help = "text (default), json, prometheus"},
    {CMD_TEXT("output", 'o', "FILE"), .id = OPT_OUTPUT,
     .help = "write the report to FILE atomically (for node_exporter)"},
    {CMD_OPTION_SOURCES, .id = OPT_SOURCES,
     .help = "source addresses the clients spread over (default 1)"},
    {CMD_INT("margin", 'm', "PCT", 0, 90), .id = OPT_MARGIN,
     .help = "warn within PCT% of a limit (0..90, default 20)"},
    {CMD_OPTION_USER, .id = OPT_USER,
     .help = "whose login session limits.conf describes "
	     "(default: SUDO_USER, else the invoking user)"},
    {CMD_TEXT("census", 0, "FILE"), .id = OPT_CENSUS,
     .help = "replay a recorded socket dump (see headroom census)"},
    {CMD_FLAG("verbose", 'v'), .id = OPT_VERBOSE,
     .help = "show the details of every layer, not only those to fix"},
    {.name = NULL},
};

const struct cmd_entry cmd_check_entry = {
    .name = "check",
    .usage = "[--target N] [--role client|server|both] [--pid PID]... "
	     "[--format text|json|prometheus] [--output FILE] [--sources K] "
	     "[--margin PCT] [--user NAME] [--census FILE] [--verbose]",
    .summary = "can this machine hold N connections? which limit stops it first?",
    .options = check_options,
    .footer = "\nExamples:\n"
	      "  headroom check --target 10000\n"
	      "  headroom check --target 10000 --role server --pid $(pidof myserver)\n"
	      "  headroom check --target 100000 --format prometheus \\\n"
	      "      --output /var/lib/node_exporter/headroom.prom\n",
    .max_operands = 0,
    .exec = cmd_check_exec,
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
set_option(void *ctx, const struct cmd_option *o, const struct cmd_value *v)
{
	struct check_args *a = ctx;

	switch (o->id) {
	case OPT_TARGET:
		a->target.conns = v->num;
		break;
	case OPT_ROLE:
		a->target.role = (enum role)v->word;
		break;
	case OPT_PID:
		a->probe.pids[a->probe.npids++] = (pid_t)v->num;
		break;
	case OPT_FORMAT:
		a->format = v->text;
		break;
	case OPT_OUTPUT:
		a->output = v->text;
		break;
	case OPT_SOURCES:
		a->target.sources = (int)v->num;
		break;
	case OPT_MARGIN:
		a->target.margin = (double)v->num / 100.0;
		break;
	case OPT_USER: {
		char cause[CAUSE_MAX];

		if (names_check_user(v->text, cause, sizeof(cause)) < 0)
			return cmd_arg_error(&cmd_check_entry, EXIT_DATAERR, "--user: %s", cause);
		snprintf(a->user, sizeof(a->user), "%s", v->text);
		break;
	}
	case OPT_CENSUS:
		a->probe.census_replay = v->text;
		break;
	case OPT_VERBOSE:
		a->verbose = true;
		break;
	}
	return 0;
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
	struct check_args a;
	int n, ret;

	memset(&a, 0, sizeof(a));
	target_init(&a.target);
	a.format = "text";
	ret = cmd_parse(&cmd_check_entry, argc, argv, set_option, &a, &n);
	if (ret != CMD_PARSED)
		return ret;
	ret = cmd_apply_root();
	if (ret != 0)
		return ret;
	/* a user named on the command line that does not exist is bad input,
	 * said on stderr, not an UNKNOWN row only */
	if (a.user[0] != '\0') {
		struct limitsconf_user u;
		char cause[CAUSE_MAX];
		int err = limitsconf_lookup_user(a.user, &u, cause, sizeof(cause));

		if (err == -ENOENT)
			return cmd_error(EXIT_DATAERR, "check --user: %s", cause);
	}
	a.probe.user = cmd_session_user(a.user, sizeof(a.user));
	return run_check(&a);
}
