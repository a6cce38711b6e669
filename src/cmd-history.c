/*
 * cmd-history.c: headroom history [ID]: the journal of applies, or the
 * changes of one entry.
 */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>

#include "cmd.h"
#include "headroom.h"
#include "journal.h"

static int cmd_history_exec(int argc, char **argv);

const struct cmd_entry cmd_history_entry = {
    .name = "history",
    .usage = "[ID]",
    .summary = "list the journal of applies, or what one entry changed",
    .about = "Each apply is a journal entry under /var/lib/headroom/journal (under\n"
	     "--root when given) with a state: applied, rolled-back (a step failed and\n"
	     "everything was undone), reverted, prepared (interrupted: run revert),\n"
	     "broken (a rollback failed: run revert), or damaged (a file of the entry\n"
	     "fails its checksum: revert refuses it, `history ID` names the file).\n",
    .footer = "\nExamples:\n"
	      "  headroom history\n"
	      "  headroom history 3\n",
    .max_operands = 1,
    .exec = cmd_history_exec,
};

static int
list_entries(void)
{
	struct journal_entry *list;
	char cause[CAUSE_MAX];
	size_t n, i;

	int err = journal_list(&list, &n, cause, sizeof(cause));

	if (err == -EACCES || err == -EPERM)
		return cmd_error(EXIT_NOPERM, "history: %s (the journal is root's: use sudo)",
				 cause);
	if (err < 0)
		return cmd_error(EXIT_UNKNOWN, "history: %s", cause);
	if (n == 0 && !cmd_globals.quiet)
		printf("no applies recorded under %s\n", JOURNAL_DIR);
	if (n > 0)
		printf("%-5s %-21s %-12s %-8s %-20s %s\n", "ID", "CREATED", "STATE", "CHANGES",
		       "PROFILE", "BY");
	for (i = 0; i < n; i++)
		printf("%-5d %-21s %-12s %-8d %-20s %s\n", list[i].id, list[i].created,
		       list[i].damaged ? "damaged" : journal_state_name(list[i].state),
		       list[i].nchanges, list[i].profile, list[i].user);
	free(list);
	return EXIT_OK;
}

static int
show_entry(int id)
{
	struct journal_entry e;
	char cause[CAUSE_MAX], line[PATH_MAX + 64];
	size_t i;

	if (journal_load(id, &e, cause, sizeof(cause)) < 0)
		return cmd_error(EXIT_DATAERR, "history: %s", cause);
	printf("entry %d: %s, %s by %s, %s\n", e.id, e.profile, e.created, e.user,
	       journal_state_name(e.state));
	for (i = 0; i < e.cs.n; i++) {
		change_describe(&e.cs.v[i], line, sizeof(line));
		printf("  %s\n", line);
	}
	journal_entry_free(&e);
	return EXIT_OK;
}

static int
cmd_history_exec(int argc, char **argv)
{
	char cause[CAUSE_MAX];
	long long id = 0;
	int n, r;

	r = cmd_parse(&cmd_history_entry, argc, argv, NULL, NULL, &n);
	if (r != CMD_PARSED)
		return r;
	if (n > 0 && cmd_parse_i64("ID", argv[1], 1, INT_MAX, &id, cause, sizeof(cause)) < 0)
		return cmd_arg_error(&cmd_history_entry, EXIT_DATAERR, "%s", cause);
	r = cmd_apply_root();
	if (r != 0)
		return r;
	return id > 0 ? show_entry((int)id) : list_entries();
}
