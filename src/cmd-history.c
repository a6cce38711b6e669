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
#include "json.h"

static int cmd_history_exec(int argc, char **argv);

enum { OPT_FORMAT };

static const struct cmd_option history_options[] = {
    {CMD_OPTION_FORMAT(cmd_format_text_json), .id = OPT_FORMAT,
     .help = "text (default) or json (schema/history.schema.json)"},
    {.name = NULL},
};

static bool history_json;

static int
set_option(void *ctx, const struct cmd_option *o, const struct cmd_value *v)
{
	(void)ctx;
	if (o->id == OPT_FORMAT)
		history_json = v->word == 1;
	return 0;
}

const struct cmd_entry cmd_history_entry = {
    .name = "history",
    .usage = "[ID] [--format text|json]",
    .summary = "list the journal of applies, or what one entry changed",
    .about = "Each apply is a journal entry under " JOURNAL_DIR "\n"
	     "(under --root when given) with a state: applied, rolled-back (a step\n"
	     "failed and everything was undone), reverted, prepared (interrupted: run\n"
	     "revert), broken (a rollback failed: run revert), or damaged (a file of\n"
	     "the entry fails its checksum: revert refuses it, `history ID` names the\n"
	     "file).\n",
    .footer = "\nExamples:\n"
	      "  headroom history\n"
	      "  headroom history 3\n"
	      "  headroom history --format json | jq '.entries[].state'\n",
    .options = history_options,
    .max_operands = 1,
    .exec = cmd_history_exec,
};

/* One entry: its fields and, when loaded, its changes. */
static void
json_entry(const struct journal_entry *e, bool changes)
{
	printf("{\"id\":%d,\"created\":", e->id);
	json_string(stdout, e->created);
	printf(",\"state\":");
	json_string(stdout, journal_state_name(e->state));
	printf(",\"nchanges\":%d,\"profile\":", changes ? (int)e->cs.n : e->nchanges);
	json_string(stdout, e->profile);
	printf(",\"user\":");
	json_string(stdout, e->user);
	if (changes) {
		printf(",\"changes\":");
		changeset_json_changes(stdout, &e->cs);
	}
	putchar('}');
}

static void
json_begin(void)
{
	json_doc_begin(stdout, "history", 1);
	printf(",\"journal\":");
	json_string(stdout, JOURNAL_DIR);
	printf(",\"entries\":[");
}

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
	if (history_json) {
		json_begin();
		for (i = 0; i < n; i++) {
			fputs(i > 0 ? ",\n" : "\n", stdout);
			json_entry(&list[i], false);
		}
		printf("]}\n");
		free(list);
		return EXIT_OK;
	}
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
	if (history_json) {
		json_begin();
		putchar('\n');
		json_entry(&e, true);
		printf("]}\n");
		journal_entry_free(&e);
		return EXIT_OK;
	}
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

	r = cmd_parse(&cmd_history_entry, argc, argv, set_option, NULL, &n);
	if (r != CMD_PARSED)
		return r;
	if (n > 0 && cmd_parse_i64("ID", argv[1], 1, INT_MAX, &id, cause, sizeof(cause)) < 0)
		return cmd_arg_error(&cmd_history_entry, EXIT_DATAERR, "%s", cause);
	r = cmd_apply_root();
	if (r != 0)
		return r;
	return id > 0 ? show_entry((int)id) : list_entries();
}
