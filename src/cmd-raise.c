/*
 * cmd-raise.c: headroom raise --pid PID [--nofile N]: prlimit(2) on a
 * running process (a server under load that is out of fds), then read
 * /proc/PID/limits back and print before -> after.
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "headroom.h"
#include "layer.h"
#include "parse.h"
#include "platform.h"
#include "rlimits.h"
#include "rootfs.h"

static int cmd_raise_exec(int argc, char **argv);

const struct cmd_entry cmd_raise_entry = {
    .name = "raise",
    .usage = "--pid PID [--nofile N]",
    .summary = "raise the fd limit of a running process (prlimit)",
    .help = "Raises the soft nofile limit of PID to N (default: its hard limit), and\n"
	    "its hard limit too when N is above it and this process has\n"
	    "CAP_SYS_RESOURCE, then reads /proc/PID/limits back. Never lowers a limit.\n"
	    "Exit 65 for a bad or vanished PID or an N out of range, 77 when not\n"
	    "permitted (another user's process, or the hard limit without\n"
	    "CAP_SYS_RESOURCE).\n"
	    "  -p, --pid PID   the process\n"
	    "  --nofile N      the new soft limit, or `max` (the hard limit)\n"
	    "\nExample:\n"
	    "  sudo headroom raise --pid $(pidof myserver) --nofile 65536\n",
    .exec = cmd_raise_exec,
};

enum {
	OPT_NOFILE = CMD_OPT_FIRST_LOCAL,
};

static int
raise_pid(pid_t pid, int64_t want)
{
	struct rlimits_want w = {.name = "nofile", .value = want, .ceiling = LAYER_UNLIMITED};
	struct rlimit_pair before, next, after;
	char cause[CAUSE_MAX], comm[64] = "?";
	int64_t nr_open;
	int err;

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

static int
cmd_raise_exec(int argc, char **argv)
{
	static const struct option longopts[] = {
	    CMD_GLOBAL_LONGOPTS,
	    {"pid", required_argument, NULL, 'p'},
	    {"nofile", required_argument, NULL, OPT_NOFILE},
	    {NULL, 0, NULL, 0},
	};
	char cause[CAUSE_MAX];
	int64_t nofile = RLIMITS_MAX;
	long long pid = 0;
	int opt, r;

	while ((opt = getopt_long(argc, argv, "+hqp:", longopts, NULL)) != -1) {
		r = cmd_global_option(&cmd_raise_entry, opt, optarg);
		if (r < 0)
			return -r;
		if (r == 1)
			continue;
		if (opt == 'p' &&
		    cmd_parse_i64("--pid", optarg, 1, INT_MAX, &pid, cause, sizeof(cause)) < 0)
			return cmd_error(EXIT_DATAERR, "raise: %s", cause);
		else if (opt == OPT_NOFILE &&
			 rlimits_parse("--nofile", optarg, &nofile, cause, sizeof(cause)) < 0)
			return cmd_error(EXIT_DATAERR, "raise: %s", cause);
		else if (opt != 'p' && opt != OPT_NOFILE)
			return cmd_bad_option(&cmd_raise_entry, argc, argv);
	}
	if (optind < argc)
		return cmd_usage_error(&cmd_raise_entry, "unexpected argument '%s'", argv[optind]);
	if (pid == 0)
		return cmd_usage_error(&cmd_raise_entry, "--pid PID is required");
	if (cmd_globals.root != NULL && strcmp(cmd_globals.root, "/") != 0)
		return cmd_usage_error(&cmd_raise_entry, "acts on a live process: --root does "
							 "not apply");
	return raise_pid((pid_t)pid, nofile);
}
