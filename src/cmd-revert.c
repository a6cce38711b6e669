/*
 * cmd-revert.c: headroom revert [ID]: restore what an apply changed, byte
 * for byte, from its journal entry.
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>

#include "cmd.h"
#include "headroom.h"
#include "journal.h"

static int cmd_revert_exec(int argc, char **argv);

const struct cmd_entry cmd_revert_entry = {
    .name = "revert",
    .usage = "[ID] [--force]",
    .summary = "undo an apply: restore every value and file it changed",
    .help = "Restores the state recorded in journal entry ID (default: the latest, see\n"
	    "`headroom history`): sysctls get their old values, files their old bytes,\n"
	    "mode and owner, files apply created are removed, directories it made are\n"
	    "removed when empty. Also finishes an apply that was interrupted. Reverting\n"
	    "twice is harmless. Refuses, changing nothing, when a later entry still in\n"
	    "effect changed the same things, or when something was changed by hand\n"
	    "since the apply.\n"
	    "  -f, --force   restore even what was changed by hand since\n"
	    "\nExamples:\n"
	    "  sudo headroom revert\n"
	    "  sudo headroom revert 3\n",
    .exec = cmd_revert_exec,
};

static int
cmd_revert_exec(int argc, char **argv)
{
	static const struct option longopts[] = {
	    CMD_GLOBAL_LONGOPTS,
	    {"force", no_argument, NULL, 'f'},
	    {NULL, 0, NULL, 0},
	};
	struct journal_failure fail;
	char cause[CAUSE_MAX];
	bool force = false, already;
	long long id = 0;
	int opt, r, reverted = 0;

	while ((opt = getopt_long(argc, argv, "+hqf", longopts, NULL)) != -1) {
		r = cmd_global_option(&cmd_revert_entry, opt, optarg);
		if (r < 0)
			return -r;
		if (r == 1)
			continue;
		if (opt != 'f')
			return cmd_bad_option(&cmd_revert_entry, argc, argv);
		force = true;
	}
	if (optind < argc &&
	    cmd_parse_i64("ID", argv[optind++], 1, INT_MAX, &id, cause, sizeof(cause)) < 0)
		return cmd_usage_error(&cmd_revert_entry, "%s", cause);
	if (optind < argc)
		return cmd_usage_error(&cmd_revert_entry, "unexpected argument '%s'", argv[optind]);
	r = cmd_apply_root();
	if (r != 0)
		return r;
	r = journal_revert((int)id, force, &reverted, &already, &fail, cause, sizeof(cause));
	if (r == -EACCES || r == -EPERM || r == -EROFS)
		return cmd_error(EXIT_NOPERM, "revert: needs root: %s (run it with sudo)", cause);
	if (r == -ENOENT)
		return cmd_error(EXIT_DATAERR, "revert: %s", cause);
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
