/*
 * cmd-exec.c: headroom exec (not written yet).
 */
#include "config.h"

#include "cmd.h"
#include "headroom.h"

static int cmd_exec_exec(int argc, char **argv);

const struct cmd_entry cmd_exec_entry = {
	.name = "exec",
	.usage = "[--nofile N] [--nproc N] -- COMMAND [ARG]...",
	.summary = "run a command with raised limits",
	.help = "",
	.exec = cmd_exec_exec,
};

static int
cmd_exec_exec(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return cmd_error(EXIT_UNKNOWN, "exec: not implemented yet");
}
