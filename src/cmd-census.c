/*
 * cmd-census.c: headroom census (not written yet).
 */
#include "config.h"

#include "cmd.h"
#include "headroom.h"

static int cmd_census_exec(int argc, char **argv);

const struct cmd_entry cmd_census_entry = {
	.name = "census",
	.usage = "[--record FILE] [--replay FILE]",
	.summary = "count TCP sockets by state, ports and listeners",
	.help = "",
	.exec = cmd_census_exec,
};

static int
cmd_census_exec(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return cmd_error(EXIT_UNKNOWN, "census: not implemented yet");
}
