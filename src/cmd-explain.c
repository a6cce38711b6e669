/*
 * cmd-explain.c: headroom explain — from an error message (or a whole log)
 * to the limit behind it, with that limit's live state on this machine.
 */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "explain-output.h"
#include "explain-source.h"
#include "explain.h"
#include "headroom.h"
#include "platform.h"
#include "probe.h"
#include "rootfs.h"
#include "textfit.h"

/* Like grep: 1 when no message or line was recognised. The live verdicts
 * do not change it: a limit that is fine now may well have been reached
 * when the log was written. */
enum {
	EXIT_NOTHING_RECOGNISED = 1,
};

static int cmd_explain_exec(int argc, char **argv);

enum {
	OPT_PID,
	OPT_NAME,
	OPT_FORMAT,
	OPT_NO_LIVE,
	OPT_LIST,
	OPT_KERNEL,
	OPT_JOURNAL,
};

static const struct cmd_option explain_options[] = {
    {CMD_OPTION_PIDS, .id = OPT_PID,
     .help = "check the live state of these processes: pids or names,\n"
	     "comma or blank separated (repeatable, up to 32 processes)"},
    {CMD_OPTION_NAME, .id = OPT_NAME, .help = "the same for every process of this name"},
    {CMD_OPTION_FORMAT(cmd_format_text_json), .id = OPT_FORMAT, .help = "text (default) or json"},
    {CMD_FLAG("no-live", 'L'), .id = OPT_NO_LIVE,
     .help = "explain only; do not read this machine's limits (a log "
	     "from another host)"},
    {CMD_FLAG("list", 'l'), .id = OPT_LIST,
     .help = "list the catalogue by family: signature, cause and pattern"},
    {CMD_FLAG("kernel", 'k'), .id = OPT_KERNEL,
     .help = "read the kernel log: /dev/kmsg to its current end, or dmesg output on "
	     "standard input with -"},
    {CMD_FLAG("journal", 'J'), .id = OPT_JOURNAL,
     .help = "read the systemd journal (journalctl -o cat), of the units given as "
	     "operands when there are some"},
    {.name = NULL},
};

const struct cmd_entry cmd_explain_entry = {
    .name = "explain",
    .usage = "[--pid PID]... [--name NAME]... [--format text|json] [--no-live] TEXT... | - | "
	     "--kernel [-] | "
	     "--journal [UNIT]... | --list",
    .summary = "from an error message to the limit behind it",
    .about = "TEXT is one message (several words are joined with spaces); - reads a log\n"
	     "on standard input line by line and prints a summary grouped by cause.\n"
	     "--kernel reads the kernel log (/dev/kmsg to its current end, or dmesg output\n"
	     "on standard input with -); --journal reads the systemd journal through\n"
	     "journalctl -o cat, of the units given as operands when there are some.\n"
	     "Options may come before or after TEXT. A message pasted as it is may start\n"
	     "with '-' ('-bash: ulimit: ...'): an argument that starts with '-' and holds\n"
	     "a blank or a ':' is TEXT; otherwise put -- before it.\n",
    .options = explain_options,
    .footer = "\nExit status: 0 when a message or log line was recognised, 1 when none was\n"
	      "(like grep), 3 when the input could not be read (no /dev/kmsg, no journalctl),\n"
	      "64 usage, 65 bad --pid, 77 --pid of a process we may not inspect or a\n"
	      "kernel log we may not read.\n"
	      "\nExamples:\n"
	      "  headroom explain 'dial tcp: lookup localhost: no such host'\n"
	      "  journalctl -u myserver | headroom explain -\n"
	      "  headroom explain --pid myserver 'accept4: too many open files'\n"
	      "  headroom explain --format json - < loadtest.log\n"
	      "  sudo headroom explain --kernel\n"
	      "  headroom explain --journal nginx.service\n",
    .flags = CMD_DASH_TEXT,
    .max_operands = CMD_OPERANDS_ANY,
    .exec = cmd_explain_exec,
};

struct explain_args {
	struct probe_opts probe;
	bool json;
	bool live;
	bool list;
	bool from_stdin;
	bool kernel;  /* --kernel: /dev/kmsg, or dmesg text on stdin with - */
	bool journal; /* --journal: journalctl, operands are units */
	struct cmd_pidspecs pids;
};

static int
set_option(void *ctx, const struct cmd_option *o, const struct cmd_value *v)
{
	struct explain_args *a = ctx;

	switch (o->id) {
	case OPT_PID:
	case OPT_NAME:
		cmd_pidspecs_add(&a->pids, o->id == OPT_NAME, v->text);
		break;
	case OPT_FORMAT:
		a->json = strcmp(v->text, "json") == 0;
		break;
	case OPT_NO_LIVE:
		a->live = false;
		break;
	case OPT_LIST:
		a->list = true;
		break;
	case OPT_KERNEL:
		a->kernel = true;
		break;
	case OPT_JOURNAL:
		a->journal = true;
		break;
	}
	return 0;
}

/* TEXT... is one message: the words joined by spaces, as the shell split them. */
static void
feed_words(struct explain_scan *scan, int argc, char **argv)
{
	int i;

	for (i = 0; i < argc; i++) {
		if (i > 0)
			explain_scan_feed(scan, " ", 1);
		explain_scan_feed(scan, argv[i], strlen(argv[i]));
	}
	explain_scan_finish(scan);
}

static int
print_report(const struct explain_args *a, struct explain_report *r)
{
	static struct layer_set set;
	struct target target;
	struct plan_result res;
	char cause[CAUSE_MAX] = "";
	int err;

	target_init(&target);
	/* -q trims the text report to its table: no live check there. */
	if (a->live && (a->json || !r->quiet) && r->scan->matched > 0) {
		struct probe_opts probe = a->probe;

		probe.target = &target;
		/* A rise of the queue counters across the probe is an overflow
		 * happening now. */
		explain_listen_counters(&r->before);
		err = probe_run(&set, &probe, &target, &res, cause, sizeof(cause));
		explain_listen_counters(&r->after);
		if (err == -ESRCH || err == -EINVAL)
			return cmd_error(EXIT_DATAERR, "%s", cause);
		if (err == -EACCES || err == -EPERM)
			return cmd_error(EXIT_NOPERM, "%s", cause);
		if (err < 0)
			return cmd_error(EXIT_UNKNOWN, "%s", cause);
		r->set = &set;
		r->target = &target;
		r->res = &res;
		r->pids = a->probe.pids;
		r->npids = a->probe.npids;
		r->root = rootfs_is_live() ? NULL : rootfs_dir();
	}
	if (a->json)
		explain_report_json(stdout, r);
	else {
		struct textfit t;

		explain_report_text(textfit_begin(&t, stdout, cmd_globals.width), r);
		textfit_end(&t);
	}
	/* a lost report is main's to report (cmd_close_std): exit 3 */
	return r->scan->matched > 0 ? EXIT_OK : EXIT_NOTHING_RECOGNISED;
}

static int
run_explain(const struct explain_args *a, int argc, char **argv)
{
	static struct explain_engine engine;
	static struct explain_scan scan;
	struct explain_report r = {.scan = &scan,
				   .log = a->from_stdin || a->kernel || a->journal,
				   .quiet = cmd_globals.quiet,
				   .width = cmd_globals.width};
	char cause[CAUSE_MAX] = "";
	int err, ret;

	err = explain_engine_init(&engine, cause, sizeof(cause));
	if (err == 0)
		err = explain_scan_init(&scan, &engine);
	if (err < 0) {
		explain_engine_free(&engine);
		return cmd_error(EXIT_UNKNOWN, "explain: %s",
				 cause[0] != '\0' ? cause : strerror(-err));
	}
	if (a->kernel) {
		err = explain_read_kernel(&scan, a->from_stdin ? STDIN_FILENO : -1, cause,
					  sizeof(cause));
	} else if (a->journal) {
		err = explain_read_journal(&scan, (const char *const *)argv, (size_t)argc,
					   rootfs_is_live() ? NULL : rootfs_dir(), cause,
					   sizeof(cause));
	} else if (a->from_stdin) {
		err = explain_scan_fd(&scan, STDIN_FILENO, "standard input", cause, sizeof(cause));
		explain_scan_finish(&scan);
	} else {
		feed_words(&scan, argc, argv);
	}
	if (err == -EPERM || err == -EACCES)
		ret = cmd_error(EXIT_NOPERM, "%s%s", cause,
				a->kernel ? " (kernel.dmesg_restrict: run as root, or pipe dmesg "
					    "output: dmesg | headroom explain --kernel -)"
					  : "");
	else if (err < 0)
		ret = cmd_error(EXIT_UNKNOWN, "%s", cause);
	else
		ret = print_report(a, &r);
	explain_scan_free(&scan);
	explain_engine_free(&engine);
	return ret;
}

/* A --pid that does not exist fails before a long log is read, not after. */
static int
check_pids(const struct explain_args *a)
{
	char cause[CAUSE_PID_MAX];
	size_t i;
	int err;

	for (i = 0; i < a->probe.npids; i++) {
		err = platform_pid_check(a->probe.pids[i], cause, sizeof(cause));
		if (err == -ESRCH)
			return cmd_error(EXIT_DATAERR, "--%s", cause);
		if (err == -EACCES)
			return cmd_error(EXIT_NOPERM, "--%s", cause);
	}
	return 0;
}

static int
check_live(const struct explain_args *a)
{
	if (!a->live && a->pids.n > 0)
		return cmd_usage_error(&cmd_explain_entry, "--pid needs the live check: "
							   "drop --no-live");
	return 0;
}

static int
check_operands(struct explain_args *a, int argc, char **argv)
{
	if (a->list) {
		if (argc > 0 || a->kernel || a->journal)
			return cmd_usage_error(&cmd_explain_entry,
					       "--list takes no TEXT, --kernel or --journal");
		return 0;
	}
	if (a->kernel && a->journal)
		return cmd_usage_error(&cmd_explain_entry, "--kernel or --journal, not both");
	if (a->kernel && (argc > 1 || (argc == 1 && strcmp(argv[0], "-") != 0)))
		return cmd_usage_error(&cmd_explain_entry,
				       "--kernel takes no TEXT: - reads dmesg output");
	if (a->journal) {
		if (argc > EXPLAIN_JOURNAL_UNITS_MAX)
			return cmd_usage_error(&cmd_explain_entry, "--journal: at most %d units",
					       EXPLAIN_JOURNAL_UNITS_MAX);
		return check_live(a);
	}
	if (argc == 0 && a->kernel)
		return check_live(a);
	if (argc == 0)
		return cmd_usage_error(&cmd_explain_entry, "give a message, or - to read a log");
	if (strcmp(argv[0], "-") == 0) {
		if (argc > 1)
			return cmd_usage_error(&cmd_explain_entry,
					       "- reads standard input: give no TEXT with it");
		a->from_stdin = true;
	}
	return check_live(a);
}

static int
cmd_explain_exec(int argc, char **argv)
{
	struct explain_args a;
	int n, ret;

	memset(&a, 0, sizeof(a));
	a.live = true;
	ret = cmd_parse(&cmd_explain_entry, argc, argv, set_option, &a, &n);
	if (ret != CMD_PARSED)
		return ret;
	ret = check_operands(&a, n, argv + 1);
	if (ret == 0)
		ret = cmd_apply_root();
	if (ret == 0)
		ret = cmd_pidspecs_resolve(&cmd_explain_entry, &a.pids, a.probe.pids,
					   PROBE_PIDS_MAX, &a.probe.npids);
	if (ret == 0)
		ret = check_pids(&a);
	if (ret != 0)
		return ret;
	if (a.list) {
		if (a.json)
			explain_list_json(stdout);
		else {
			struct textfit t;

			explain_list_text(textfit_begin(&t, stdout, cmd_globals.width));
			textfit_end(&t);
		}
		return EXIT_OK;
	}
	return run_explain(&a, n, argv + 1);
}
