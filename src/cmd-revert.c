/*
 * cmd-revert.c: headroom revert [ID]: restore what an apply changed, byte
 * for byte, from its journal entry.
 */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>

#include "cmd.h"
#include "headroom.h"
#include "journal.h"

static int cmd_revert_exec(int argc, char **argv);

enum {
	OPT_FORCE,
};

static const struct cmd_option revert_options[] = {
    {CMD_FLAG("force", 'F'), .id = OPT_FORCE,
     .help = "restore even what was changed by hand since"},
    {.name = NULL},
};

const struct cmd_entry cmd_revert_entry = {
    .name = "revert",
    .usage = "[ID] [--force]",
    .summary = "undo an apply: restore every value and file it changed",
    .about = "Restores the state recorded in journal entry ID (default: the latest, see\n"
	     "`headroom history`): sysctls get their old values, files their old bytes,\n"
	     "mode and owner, files apply created are removed, directories it made are\n"
	     "removed when empty. Also finishes an apply that was interrupted. Reverting\n"
	     "twice is harmless. Refuses, changing nothing, when a later entry still in\n"
	     "effect changed the same things, or when something was changed by hand\n"
	     "since the apply.\n",
    .options = revert_options,
    .footer = "\nExamples:\n"
	      "  sudo headroom revert\n"
	      "  sudo headroom revert 3 --force\n",
    .max_operands = 1,
    .exec = cmd_revert_exec,
};

static int
set_option(void *ctx, const struct cmd_option *o, const struct cmd_value *v)
{
	bool *force = ctx;

	(void)o;
	(void)v;
	*force = true;
	return 0;
}

static int
cmd_revert_exec(int argc, char **argv)
{
	struct journal_failure fail;
	char cause[CAUSE_MAX];
	bool force = false, already;
	long long id = 0;
	int n, r, reverted = 0;

	r = cmd_parse(&cmd_revert_entry, argc, argv, set_option, &force, &n);
	if (r != CMD_PARSED)
		return r;
	if (n > 0 && cmd_parse_i64("ID", argv[1], 1, INT_MAX, &id, cause, sizeof(cause)) < 0)
		return cmd_arg_error(&cmd_revert_entry, EXIT_DATAERR, "%s", cause);
	r = cmd_apply_root();
	if (r != 0)
		return r;
	r = journal_revert((int)id, force, &reverted, &already, &fail, cause, sizeof(cause));
	if (r == -EACCES || r == -EPERM)
		return cmd_error(EXIT_NOPERM, "revert: needs root: %s (run it with sudo)", cause);
	if (r == -ENOENT)
		return cmd_error(EXIT_DATAERR, "revert: %s", cause);
	if (r == -EROFS)
		return cmd_error(EXIT_FAIL,
				 "revert: %s: the file system is mounted read-only; nothing was "
				 "changed",
				 cause);
	/* damage is found before anything is restored */
	if (r == -EBADMSG)
		return cmd_error(EXIT_DATAERR, "revert: %s; nothing was changed", cause);
	if (r == -EBUSY || r == -ESTALE)
		return cmd_error(EXIT_FAIL, "revert: %s; nothing was changed", cause);
	if (r < 0)
		return cmd_error(EXIT_FAIL,
				 "revert: %s; entry %d is partly restored: run `headroom revert "
				 "%d` again once fixed",
				 cause, reverted, reverted);
	if (already)
		printf("entry %d is already reverted: nothing to do\n", reverted);
	else
		printf("reverted entry %d: everything it changed is as it was\n", reverted);
	return EXIT_OK;
}
