/*
 * cmd-raise.c: headroom raise --pid PID [--nofile N]: prlimit(2) on a
 * running process (a server under load that is out of fds), then read
 * /proc/PID/limits back and print before -> after.
 */
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "headroom.h"
#include "layer.h"
#include "parse.h"
#include "platform.h"
#include "probe.h"
#include "rlimits.h"
#include "rootfs.h"

static int cmd_raise_exec(int argc, char **argv);

enum {
	OPT_PID,
	OPT_NAME,
	OPT_NOFILE,
};

static const struct cmd_option raise_options[] = {
    {CMD_OPTION_PIDS, .id = OPT_PID,
     .help = "the processes: pids or names, comma or blank separated\n"
	     "(repeatable, up to 32 processes)"},
    {CMD_OPTION_NAME, .id = OPT_NAME, .help = "every process of this name"},
    {CMD_OPTION_NOFILE, .id = OPT_NOFILE, .help = "the new soft limit, or `max` (the hard limit)"},
    {.name = NULL},
};

const struct cmd_entry cmd_raise_entry = {
    .name = "raise",
    .usage = "--pid PID... | --name NAME... [--nofile N]",
    .summary = "raise the fd limit of a running process (prlimit)",
    .about = "Raises the soft nofile limit of each PID to N (default: its hard limit), and\n"
	     "its hard limit too when N is above it and this process has\n"
	     "CAP_SYS_RESOURCE, then reads /proc/PID/limits back. Never lowers a limit.\n"
	     "Exit 65 for a bad or vanished PID or an N out of range, 77 when not\n"
	     "permitted (another user's process, or the hard limit without\n"
	     "CAP_SYS_RESOURCE); with several processes, the worst of them.\n",
    .options = raise_options,
    .footer = "\nExample:\n"
	      "  sudo headroom raise --pid \"$(pidof nginx)\" --nofile 65536\n"
	      "  headroom raise --name redis-server --nofile 20000\n",
    .max_operands = 0,
    .exec = cmd_raise_exec,
};

struct raise_args {
	struct cmd_pidspecs specs;
	int64_t nofile;
};

static int
set_option(void *ctx, const struct cmd_option *o, const struct cmd_value *v)
{
	struct raise_args *a = ctx;

	if (o->id == OPT_PID || o->id == OPT_NAME)
		cmd_pidspecs_add(&a->specs, o->id == OPT_NAME, v->text);
	else
		a->nofile = v->max ? RLIMITS_MAX : v->num;
	return 0;
}

static int
raise_pid(pid_t pid, int64_t want)
{
	struct rlimits_want w = {.name = "nofile", .value = want, .ceiling = LAYER_UNLIMITED};
	struct rlimit_pair before, next, after;
	char cause[CAUSE_MAX], comm[64] = "?";
	int64_t nr_open;
	int err;

	err = platform_pid_check(pid, cause, sizeof(cause));
	if (err == -ESRCH || err == -EACCES)
		return cmd_error(err == -ESRCH ? EXIT_DATAERR : EXIT_NOPERM, "raise: --%s", cause);
	err = platform_pid_nofile(pid, &before, comm, sizeof(comm));
	if (err == -ENOSYS)
		return cmd_error(EXIT_UNKNOWN,
				 "raise: not implemented on %s: it offers no way to change "
				 "another process's limits",
				 platform_name());
	if (err == -ENOENT || err == -ESRCH)
		return cmd_error(EXIT_DATAERR, "raise: no process %d", (int)pid);
	if (err < 0)
		return cmd_error(EXIT_UNKNOWN, "raise: /proc/%d/limits: %s", (int)pid,
				 strerror(-err));
	if (rootfs_read_sysctl_i64("fs.nr_open", &nr_open) == 0)
		w.ceiling = nr_open;
	w.can_raise_hard = platform_can_raise_hard();
	err = rlimits_plan(&w, &before, &next, cause, sizeof(cause));
	if (err < 0)
		return cmd_error(err == -EPERM ? EXIT_NOPERM : EXIT_DATAERR,
				 "raise: pid %d (%s): %s", (int)pid, comm, cause);
	err = -platform_set_pid_nofile(pid, &next);
	if (err != 0) {
		if (err == ESRCH)
			return cmd_error(EXIT_DATAERR, "raise: process %d exited", (int)pid);
		return cmd_error(err == EPERM ? EXIT_NOPERM : EXIT_FAIL,
				 "raise: pid %d (%s): prlimit: %s%s", (int)pid, comm, strerror(err),
				 err == EPERM ? " (another user's process: run as that user or "
						"root)"
					      : "");
	}
	if (platform_pid_nofile(pid, &after, comm, sizeof(comm)) < 0)
		return cmd_error(EXIT_FAIL,
				 "raise: pid %d exited before its limits could be "
				 "read back",
				 (int)pid);
	printf("pid %d (%s): nofile soft %" PRId64 " -> %" PRId64 ", hard %" PRId64 " -> %" PRId64
	       "\n",
	       (int)pid, comm, before.soft, after.soft, before.hard, after.hard);
	if (after.soft != next.soft || after.hard != next.hard)
		return cmd_error(EXIT_FAIL,
				 "raise: /proc/%d/limits reads back %" PRId64 "/%" PRId64
				 ", not %" PRId64 "/%" PRId64,
				 (int)pid, after.soft, after.hard, next.soft, next.hard);
	return EXIT_OK;
}

/* Rank exit statuses: a refusal (77) or bad data (65) above a failure. */
static int
worst_status(int status)
{
	switch (status) {
	case EXIT_OK:
		return 0;
	case EXIT_FAIL:
		return 1;
	case EXIT_UNKNOWN:
		return 2;
	case EXIT_DATAERR:
		return 3;
	default:
		return 4;
	}
}

static int
cmd_raise_exec(int argc, char **argv)
{
	static struct raise_args a;
	pid_t pids[PROBE_PIDS_MAX];
	size_t npids = 0, i;
	int n, r, worst = EXIT_OK;

	memset(&a, 0, sizeof(a));
	a.nofile = RLIMITS_MAX;
	r = cmd_parse(&cmd_raise_entry, argc, argv, set_option, &a, &n);
	if (r != CMD_PARSED)
		return r;
	if (a.specs.n == 0)
		return cmd_usage_error(&cmd_raise_entry, "--pid PID is required");
	if (cmd_globals.root != NULL && strcmp(cmd_globals.root, "/") != 0)
		return cmd_usage_error(&cmd_raise_entry, "acts on a live process: --root does "
							 "not apply");
	r = cmd_pidspecs_resolve(&cmd_raise_entry, &a.specs, pids, PROBE_PIDS_MAX, &npids);
	if (r != 0)
		return r;
	/* Each process on its own: one that may not be raised does not stop
	 * the others; the exit status is the worst. */
	for (i = 0; i < npids; i++) {
		r = raise_pid(pids[i], a.nofile);
		if (worst_status(r) > worst_status(worst))
			worst = r;
	}
	return worst;
}
