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
#include "textfit.h"

static int cmd_check_exec(int argc, char **argv);

enum {
	OPT_TARGET,
	OPT_ROLE,
	OPT_PID,
	OPT_NAME,
	OPT_FORMAT,
	OPT_OUTPUT,
	OPT_SOURCES,
	OPT_MARGIN,
	OPT_USER,
	OPT_CENSUS,
	OPT_VERBOSE,
	OPT_FAIL_ON,
};

static const char *const check_formats[] = {"text", "json", "prometheus", "nagios", NULL};
static const char *const fail_on_words[] = {"warn", "fail", NULL};

static const struct cmd_option check_options[] = {
    {CMD_OPTION_TARGET, .id = OPT_TARGET,
     .help = "connections to plan for (1..2^31; none: judge current use)"},
    {CMD_OPTION_ROLE, .id = OPT_ROLE,
     .help = "client (N outbound), server (N inbound), both (default)"},
    {CMD_OPTION_PIDS, .id = OPT_PID,
     .help = "also check these running processes: pids or names, comma or\n"
	     "blank separated (repeatable, up to 32 processes)"},
    {CMD_OPTION_NAME, .id = OPT_NAME, .help = "also check every process of this name"},
    {CMD_OPTION_FORMAT(check_formats), .id = OPT_FORMAT,
     .help = "text (default), json, prometheus (node_exporter textfile),\n"
	     "nagios (monitoring plugins: one line, perfdata, exit 0-3)"},
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
    {CMD_WORDS("fail-on", 0, "LEVEL", fail_on_words), .id = OPT_FAIL_ON,
     .help = "warn (default): exit non-zero on warn, fail or unknown;\n"
	     "fail: exit 0 unless a layer fails (CI gates)"},
    {.name = NULL},
};

const struct cmd_entry cmd_check_entry = {
    .name = "check",
    .usage = "[--target N] [--role client|server|both] [--pid PID]... [--name NAME]... "
	     "[--format text|json|prometheus|nagios] [--output FILE] [--sources K] "
	     "[--margin PCT] [--user NAME] [--census FILE] [--verbose] [--fail-on warn|fail]",
    .summary = "can this machine hold N connections? which limit stops it first?",
    .options = check_options,
    .footer = "\nExamples:\n"
	      "  headroom check --target 10000\n"
	      "  headroom check --target 10000 --role server --pid \"$(pidof nginx)\"\n"
	      "  headroom check --target 10000 --role server --name redis-server\n"
	      "  headroom check --target 100000 --format prometheus \\\n"
	      "      --output /var/lib/prometheus/node-exporter/headroom.prom\n"
	      "  headroom check --target 10000 --format nagios\n"
	      "  headroom -q check --target 10000 --fail-on fail   # a CI gate\n"
	      "\nWith --format nagios every error exits 3 (UNKNOWN) with a status line.\n",
    .max_operands = 0,
    .exec = cmd_check_exec,
};

struct check_args {
	struct target target;
	struct probe_opts probe;
	const char *format;
	const char *output;
	bool verbose;
	bool fail_on_fail; /* --fail-on fail */
	bool reported;	   /* the report was written: an exit status is its verdict */
	char user[64];
	struct cmd_pidspecs pids;
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
	case OPT_NAME:
		cmd_pidspecs_add(&a->pids, o->id == OPT_NAME, v->text);
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
	case OPT_USER:
		return cmd_user_set(&cmd_check_entry, v->text, a->user, sizeof(a->user));
	case OPT_CENSUS:
		a->probe.census_replay = v->text;
		break;
	case OPT_VERBOSE:
		a->verbose = true;
		break;
	case OPT_FAIL_ON:
		a->fail_on_fail = v->word == 1;
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
	else if (strcmp(a->format, "nagios") == 0)
		report_nagios(f, r);
	else {
		struct textfit t;

		/* Only the table wraps itself; fixes and the summary fit here. */
		report_text(textfit_begin(&t, f, r->width), r);
		textfit_end(&t);
	}
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
			    .width = a->output == NULL ? cmd_globals.width : 0,
			    .verbose = a->verbose,
			    .quiet = cmd_globals.quiet,
			    .status = verdict_exit_status(res.verdict)};
	/* --fail-on fail: a CI gate that passes a warning or an unread layer. */
	if (a->fail_on_fail && r.status != EXIT_FAIL)
		r.status = EXIT_OK;
	if (a->output != NULL) {
		err = write_output_file(a, &r);
		if (err != 0)
			return err;
	} else {
		write_report(stdout, a, &r);
	}
	a->reported = true;
	return r.status;
}

/*
 * --format nagios, looked for before the options are read: a monitoring
 * plugin exits 0-3 whatever goes wrong, so a bad command line must be
 * known as one in that mode too.
 */
static bool
wants_nagios(int argc, char **argv)
{
	int i;

	for (i = 1; i < argc && strcmp(argv[i], "--") != 0; i++) {
		const char *next = i + 1 < argc ? argv[i + 1] : "";

		if (strcmp(argv[i], "--format=nagios") == 0 || strcmp(argv[i], "-fnagios") == 0 ||
		    ((strcmp(argv[i], "--format") == 0 || strcmp(argv[i], "-f") == 0) &&
		     strcmp(next, "nagios") == 0))
			return true;
	}
	return false;
}

/* An error in nagios mode: UNKNOWN, with the reason on the status line. */
static int
nagios_error(void)
{
	printf("HEADROOM UNKNOWN - %s\n",
	       cmd_last_error()[0] != '\0' ? cmd_last_error() : "internal error");
	return EXIT_UNKNOWN;
}

static int
cmd_check_exec(int argc, char **argv)
{
	struct check_args a;
	bool nagios = wants_nagios(argc, argv); /* before cmd_parse reorders argv */
	int n, ret;

	memset(&a, 0, sizeof(a));
	target_init(&a.target);
	a.format = "text";
	ret = cmd_parse(&cmd_check_entry, argc, argv, set_option, &a, &n);
	if (ret == CMD_PARSED) {
		ret = cmd_apply_root();
		if (ret == 0)
			ret = cmd_user_exists(&cmd_check_entry, a.user);
		if (ret == 0)
			ret = cmd_pidspecs_resolve(&cmd_check_entry, &a.pids, a.probe.pids,
						   PROBE_PIDS_MAX, &a.probe.npids);
		if (ret == 0) {
			a.probe.user = cmd_session_user(a.user, sizeof(a.user));
			ret = run_check(&a);
		}
	}
	if (ret != EXIT_OK && !a.reported && (nagios || strcmp(a.format, "nagios") == 0))
		return nagios_error();
	return ret;
}
