/*
 * cmd-explain.c: headroom explain (not written yet).
 */
#include "config.h"

#include "cmd.h"
#include "headroom.h"

static int cmd_explain_exec(int argc, char **argv);

const struct cmd_entry cmd_explain_entry = {
	.name = "explain",
	.usage = "TEXT... | -",
	.summary = "from an error message to the limit behind it",
	.help = "",
	.exec = cmd_explain_exec,
};

static int
cmd_explain_exec(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return cmd_error(EXIT_UNKNOWN, "explain: not implemented yet");
}
