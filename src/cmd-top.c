/*
 * cmd-top.c: headroom top (not written yet).
 */
#include "config.h"

#include "cmd.h"
#include "headroom.h"

static int cmd_top_exec(int argc, char **argv);

const struct cmd_entry cmd_top_entry = {
	.name = "top",
	.usage = "[--pid PID]... [--target N] [--interval SEC]",
	.summary = "watch the headroom live",
	.help = "",
	.exec = cmd_top_exec,
};

static int
cmd_top_exec(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return cmd_error(EXIT_UNKNOWN, "top: not implemented yet");
}
