/*
 * cmd-check.c: headroom check (not written yet).
 */
#include "config.h"

#include "cmd.h"
#include "headroom.h"

static int cmd_check_exec(int argc, char **argv);

const struct cmd_entry cmd_check_entry = {
	.name = "check",
	.usage = "check [--target N] [--role R] [--pid PID]... [--format F]",
	.summary = "can this machine hold N connections? which limit stops it first?",
	.help = "",
	.exec = cmd_check_exec,
};

static int
cmd_check_exec(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return cmd_error(EXIT_UNKNOWN, "check: not implemented yet");
}
