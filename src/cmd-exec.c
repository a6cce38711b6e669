/*
 * cmd-exec.c: headroom exec --nofile N -- COMMAND: raise this process's
 * limits, then become the command (execvp: no process is left between
 * the shell and the command).
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "cmd.h"
#include "headroom.h"
#include "layer.h"
#include "rlimits.h"
#include "rootfs.h"

static int cmd_exec_exec(int argc, char **argv);

enum {
	OPT_NOFILE,
	OPT_NPROC,
};

static const struct cmd_option exec_options[] = {
    {CMD_OPTION_NOFILE, .id = OPT_NOFILE, .help = "open files (RLIMIT_NOFILE)"},
    {CMD_RLIMIT("nproc"), .id = OPT_NPROC,
     .help = "processes and threads of the user (RLIMIT_NPROC)"},
    {.name = NULL},
};

const struct cmd_entry cmd_exec_entry = {
    .name = "exec",
    .usage = "[--nofile N] [--nproc N] [--] COMMAND [ARG]...",
    .summary = "run a command with raised limits",
    .about = "Sets the soft limit to N (and the hard limit too when N is above it and\n"
	     "CAP_SYS_RESOURCE allows), then replaces itself with COMMAND. N may be\n"
	     "`max` (the hard limit), or lower than now to reproduce a limit. The\n"
	     "command is not run when a limit cannot be set: exit 77 when N is above\n"
	     "the hard limit without CAP_SYS_RESOURCE, 65 when above fs.nr_open; 127\n"
	     "when COMMAND is not found, 126 when it cannot be run. Options end at\n"
	     "COMMAND (or at --): what follows is COMMAND's.\n",
    .options = exec_options,
    .footer = "\nExamples:\n"
	      "  headroom exec --nofile 65536 -- ./server 8080\n"
	      "  headroom exec --nofile max -- go test ./loadtest\n",
    .flags = CMD_STOP_AT_OPERAND,
    .max_operands = CMD_OPERANDS_ANY,
    .exec = cmd_exec_exec,
};

struct exec_args {
	int64_t nofile, nproc; /* 0: leave as is */
};

static int
set_option(void *ctx, const struct cmd_option *o, const struct cmd_value *v)
{
	struct exec_args *a = ctx;
	int64_t value = v->max ? RLIMITS_MAX : v->num;

	if (o->id == OPT_NOFILE)
		a->nofile = value;
	else
		a->nproc = value;
	return 0;
}

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
	w.can_raise_hard = cur.hard != LAYER_UNLIMITED && rlimits_can_raise_hard();
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
	struct exec_args a = {0};
	int n, r;

	r = cmd_parse(&cmd_exec_entry, argc, argv, set_option, &a, &n);
	if (r != CMD_PARSED)
		return r;
	if (n == 0)
		return cmd_usage_error(&cmd_exec_entry, "no COMMAND to run");
	if (cmd_globals.root != NULL && strcmp(cmd_globals.root, "/") != 0)
		return cmd_usage_error(&cmd_exec_entry,
				       "runs a live command: --root does not apply");
	if (a.nofile != 0 && (r = set_limit(RLIMIT_NOFILE, "nofile", a.nofile)) != 0)
		return r;
	if (a.nproc != 0 && (r = set_limit(RLIMIT_NPROC, "nproc", a.nproc)) != 0)
		return r;
	fflush(stdout);
	execvp(argv[1], argv + 1);
	r = errno;
	return cmd_error(r == ENOENT ? 127 : 126, "exec: %s: %s", argv[1], strerror(r));
}
