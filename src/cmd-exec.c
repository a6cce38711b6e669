/*
 * cmd-exec.c: headroom exec --nofile N -- COMMAND: raise this process's
 * limits, then become the command (execvp: no process is left between
 * the shell and the command).
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "cmd.h"
#include "headroom.h"
#include "layer.h"
#include "platform.h"
#include "rlimits.h"
#include "rootfs.h"

static int cmd_exec_exec(int argc, char **argv);

const struct cmd_entry cmd_exec_entry = {
    .name = "exec",
    .usage = "[--nofile N] [--nproc N] -- COMMAND [ARG]...",
    .summary = "run a command with raised limits",
    .help = "Sets the soft limit to N (and the hard limit too when N is above it and\n"
	    "CAP_SYS_RESOURCE allows), then replaces itself with COMMAND. N may be\n"
	    "`max` (the hard limit), or lower than now to reproduce a limit. The\n"
	    "command is not run when a limit cannot be set: exit 77 when N is above\n"
	    "the hard limit without CAP_SYS_RESOURCE, 65 when above fs.nr_open; 127\n"
	    "when COMMAND is not found, 126 when it cannot be run.\n"
	    "  --nofile N   open files (RLIMIT_NOFILE)\n"
	    "  --nproc N    processes and threads of the user (RLIMIT_NPROC)\n"
	    "\nExamples:\n"
	    "  headroom exec --nofile 65536 -- ./server 8080\n"
	    "  headroom exec --nofile max -- go test ./loadtest\n",
    .exec = cmd_exec_exec,
};

enum {
	OPT_NOFILE = CMD_OPT_FIRST_LOCAL,
	OPT_NPROC,
};

static int
set_limit(int resource, const char *name, int64_t value)
{
	struct rlimits_want w = {
	    .name = name, .value = value, .ceiling = LAYER_UNLIMITED, .allow_lower = true};
	struct rlimit_pair cur, next;
	struct rlimit rl;
	char cause[CAUSE_MAX];
	int64_t nr_open;
	int err;

	if (getrlimit(resource, &rl) < 0)
		return cmd_error(EXIT_UNKNOWN, "exec: getrlimit %s: %s", name, strerror(errno));
	cur.soft = rl.rlim_cur == RLIM_INFINITY ? LAYER_UNLIMITED : (int64_t)rl.rlim_cur;
	cur.hard = rl.rlim_max == RLIM_INFINITY ? LAYER_UNLIMITED : (int64_t)rl.rlim_max;
	if (resource == RLIMIT_NOFILE && rootfs_read_sysctl_i64("fs.nr_open", &nr_open) == 0)
		w.ceiling = nr_open;
	w.can_raise_hard = cur.hard != LAYER_UNLIMITED && platform_can_raise_hard();
	err = rlimits_plan(&w, &cur, &next, cause, sizeof(cause));
	if (err < 0)
		return cmd_error(err == -EPERM ? EXIT_NOPERM : EXIT_DATAERR,
				 "exec: %s; the command was not run", cause);
	rl.rlim_cur = next.soft == LAYER_UNLIMITED ? RLIM_INFINITY : (rlim_t)next.soft;
	rl.rlim_max = next.hard == LAYER_UNLIMITED ? RLIM_INFINITY : (rlim_t)next.hard;
	if (setrlimit(resource, &rl) < 0)
		return cmd_error(errno == EPERM ? EXIT_NOPERM : EXIT_DATAERR,
				 "exec: setrlimit %s %lld: %s; the command was not run", name,
				 (long long)next.soft, strerror(errno));
	return 0;
}

static int
cmd_exec_exec(int argc, char **argv)
{
	static const struct option longopts[] = {
	    CMD_GLOBAL_LONGOPTS,
	    {"nofile", required_argument, NULL, OPT_NOFILE},
	    {"nproc", required_argument, NULL, OPT_NPROC},
	    {NULL, 0, NULL, 0},
	};
	char cause[CAUSE_MAX];
	int64_t nofile = 0, nproc = 0;
	int opt, r;

	while ((opt = getopt_long(argc, argv, "+hq", longopts, NULL)) != -1) {
		r = cmd_global_option(&cmd_exec_entry, opt, optarg);
		if (r < 0)
			return -r;
		if (r == 1)
			continue;
		if (opt != OPT_NOFILE && opt != OPT_NPROC)
			return cmd_bad_option(&cmd_exec_entry, argc, argv);
		if (rlimits_parse(opt == OPT_NOFILE ? "--nofile" : "--nproc", optarg,
				  opt == OPT_NOFILE ? &nofile : &nproc, cause, sizeof(cause)) < 0)
			return cmd_usage_error(&cmd_exec_entry, "%s", cause);
	}
	if (optind >= argc)
		return cmd_usage_error(&cmd_exec_entry, "no COMMAND to run (after --)");
	if (cmd_globals.root != NULL && strcmp(cmd_globals.root, "/") != 0)
		return cmd_usage_error(&cmd_exec_entry,
				       "runs a live command: --root does not apply");
	if (nofile != 0 && (r = set_limit(RLIMIT_NOFILE, "nofile", nofile)) != 0)
		return r;
	if (nproc != 0 && (r = set_limit(RLIMIT_NPROC, "nproc", nproc)) != 0)
		return r;
	fflush(stdout);
	execvp(argv[optind], argv + optind);
	r = errno;
	return cmd_error(r == ENOENT ? 127 : 126, "exec: %s: %s", argv[optind], strerror(r));
}
