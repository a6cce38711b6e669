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
#include <sys/resource.h>

#include "cmd.h"
#include "headroom.h"
#include "layer.h"
#include "parse.h"
#include "rlimits.h"
#include "rootfs.h"

static int cmd_raise_exec(int argc, char **argv);

enum {
	OPT_PID,
	OPT_NOFILE,
};

static const struct cmd_option raise_options[] = {
    {CMD_OPTION_PID, .id = OPT_PID, .help = "the process"},
    {CMD_OPTION_NOFILE, .id = OPT_NOFILE, .help = "the new soft limit, or `max` (the hard limit)"},
    {.name = NULL},
};

const struct cmd_entry cmd_raise_entry = {
    .name = "raise",
    .usage = "--pid PID [--nofile N]",
    .summary = "raise the fd limit of a running process (prlimit)",
    .about = "Raises the soft nofile limit of PID to N (default: its hard limit), and\n"
	     "its hard limit too when N is above it and this process has\n"
	     "CAP_SYS_RESOURCE, then reads /proc/PID/limits back. Never lowers a limit.\n"
	     "Exit 65 for a bad or vanished PID or an N out of range, 77 when not\n"
	     "permitted (another user's process, or the hard limit without\n"
	     "CAP_SYS_RESOURCE).\n",
    .options = raise_options,
    .footer = "\nExample:\n"
	      "  sudo headroom raise --pid $(pidof myserver) --nofile 65536\n",
    .max_operands = 0,
    .exec = cmd_raise_exec,
};

struct raise_args {
	pid_t pid;
	int64_t nofile;
};

static int
set_option(void *ctx, const struct cmd_option *o, const struct cmd_value *v)
{
	struct raise_args *a = ctx;

	if (o->id == OPT_PID)
		a->pid = (pid_t)v->num;
	else
		a->nofile = v->max ? RLIMITS_MAX : v->num;
	return 0;
}

static int
read_limits(pid_t pid, struct rlimit_pair *out, char *comm, size_t commlen)
{
	char path[64], text[4096];
	ssize_t n;

	snprintf(path, sizeof(path), "/proc/%d/comm", (int)pid);
	n = rootfs_read(path, comm, commlen);
	if (n > 0 && comm[n - 1] == '\n')
		comm[n - 1] = '\0';
	snprintf(path, sizeof(path), "/proc/%d/limits", (int)pid);
	n = rootfs_read(path, text, sizeof(text));
	if (n < 0)
		return (int)n;
	return parse_proc_limits(text, "Max open files", out);
}

static int
raise_pid(pid_t pid, int64_t want)
{
	struct rlimits_want w = {.name = "nofile", .value = want, .ceiling = LAYER_UNLIMITED};
	struct rlimit_pair before, next, after;
	char cause[CAUSE_MAX], comm[64] = "?";
	struct rlimit rl;
	int64_t nr_open;
	int err;

	err = read_limits(pid, &before, comm, sizeof(comm));
	if (err == -ENOENT || err == -ESRCH)
		return cmd_error(EXIT_DATAERR, "raise: no process %d", (int)pid);
	if (err < 0)
		return cmd_error(EXIT_UNKNOWN, "raise: /proc/%d/limits: %s", (int)pid,
				 strerror(-err));
	if (rootfs_read_sysctl_i64("fs.nr_open", &nr_open) == 0)
		w.ceiling = nr_open;
	w.can_raise_hard = rlimits_can_raise_hard();
	err = rlimits_plan(&w, &before, &next, cause, sizeof(cause));
	if (err < 0)
		return cmd_error(err == -EPERM ? EXIT_NOPERM : EXIT_DATAERR,
				 "raise: pid %d (%s): %s", (int)pid, comm, cause);
	rl.rlim_cur = (rlim_t)next.soft;
	rl.rlim_max = next.hard == LAYER_UNLIMITED ? RLIM_INFINITY : (rlim_t)next.hard;
	if (prlimit(pid, RLIMIT_NOFILE, &rl, NULL) < 0) {
		err = errno;
		if (err == ESRCH)
			return cmd_error(EXIT_DATAERR, "raise: process %d exited", (int)pid);
		return cmd_error(err == EPERM ? EXIT_NOPERM : EXIT_FAIL,
				 "raise: pid %d (%s): prlimit: %s%s", (int)pid, comm, strerror(err),
				 err == EPERM ? " (another user's process: run as that user or "
						"root)"
					      : "");
	}
	if (read_limits(pid, &after, comm, sizeof(comm)) < 0)
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
	struct raise_args a = {.pid = 0, .nofile = RLIMITS_MAX};
	int n, r;

	r = cmd_parse(&cmd_raise_entry, argc, argv, set_option, &a, &n);
	if (r != CMD_PARSED)
		return r;
	if (a.pid == 0)
		return cmd_usage_error(&cmd_raise_entry, "--pid PID is required");
	if (cmd_globals.root != NULL && strcmp(cmd_globals.root, "/") != 0)
		return cmd_usage_error(&cmd_raise_entry, "acts on a live process: --root does "
							 "not apply");
	return raise_pid(a.pid, a.nofile);
}
