/*
 * cmd-revert.c: headroom revert (not written yet).
 */
#include "config.h"

#include "cmd.h"
#include "headroom.h"

static int cmd_revert_exec(int argc, char **argv);

const struct cmd_entry cmd_revert_entry = {
	.name = "revert",
	.usage = "[ID]",
	.summary = "restore what an apply changed",
	.help = "",
	.exec = cmd_revert_exec,
};

static int
cmd_revert_exec(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return cmd_error(EXIT_UNKNOWN, "revert: not implemented yet");
}
