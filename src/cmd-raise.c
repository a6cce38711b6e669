/*
 * cmd-raise.c: headroom raise (not written yet).
 */
#include "config.h"

#include "cmd.h"
#include "headroom.h"

static int cmd_raise_exec(int argc, char **argv);

const struct cmd_entry cmd_raise_entry = {
	.name = "raise",
	.usage = "--pid PID [--nofile N]",
	.summary = "raise the limits of a running process",
	.help = "",
	.exec = cmd_raise_exec,
};

static int
cmd_raise_exec(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return cmd_error(EXIT_UNKNOWN, "raise: not implemented yet");
}
