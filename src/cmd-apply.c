/*
 * cmd-apply.c: headroom apply (not written yet).
 */
#include "config.h"

#include "cmd.h"
#include "headroom.h"

static int cmd_apply_exec(int argc, char **argv);

const struct cmd_entry cmd_apply_entry = {
	.name = "apply",
	.usage = "PROFILE | --target N [--dry-run] [--live|--persist] [--user NAME]",
	.summary = "apply a profile: live and persistent, journaled",
	.help = "",
	.exec = cmd_apply_exec,
};

static int
cmd_apply_exec(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return cmd_error(EXIT_UNKNOWN, "apply: not implemented yet");
}
