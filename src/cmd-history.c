/*
 * cmd-history.c: headroom history (not written yet).
 */
#include "config.h"

#include "cmd.h"
#include "headroom.h"

static int cmd_history_exec(int argc, char **argv);

const struct cmd_entry cmd_history_entry = {
	.name = "history",
	.usage = "",
	.summary = "list applied changes (the journal)",
	.help = "",
	.exec = cmd_history_exec,
};

static int
cmd_history_exec(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return cmd_error(EXIT_UNKNOWN, "history: not implemented yet");
}
