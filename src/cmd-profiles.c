/*
 * cmd-profiles.c: headroom profiles (not written yet).
 */
#include "config.h"

#include "cmd.h"
#include "headroom.h"

static int cmd_profiles_exec(int argc, char **argv);

const struct cmd_entry cmd_profiles_entry = {
	.name = "profiles",
	.usage = "[NAME]",
	.summary = "list profiles, or show one against this system",
	.help = "",
	.exec = cmd_profiles_exec,
};

static int
cmd_profiles_exec(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return cmd_error(EXIT_UNKNOWN, "profiles: not implemented yet");
}
