/*
 * cmd-verify.c: headroom verify (not written yet).
 */
#include "config.h"

#include "cmd.h"
#include "headroom.h"

static int cmd_verify_exec(int argc, char **argv);

const struct cmd_entry cmd_verify_entry = {
	.name = "verify",
	.usage = "verify [--target N] [--what fds|sockets|connections] [--sources K] [--hold SEC]",
	.summary = "prove the target by really opening N fds, sockets or connections",
	.help = "",
	.exec = cmd_verify_exec,
};

static int
cmd_verify_exec(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return cmd_error(EXIT_UNKNOWN, "verify: not implemented yet");
}
