/*
 * headroom.c: main. Parses the global options and runs one command from
 * the table.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "headroom.h"

static const struct cmd_entry *const cmd_table[] = {
    &cmd_check_entry,	&cmd_verify_entry, &cmd_exec_entry,    &cmd_raise_entry,
    &cmd_apply_entry,	&cmd_revert_entry, &cmd_history_entry, &cmd_profiles_entry,
    &cmd_explain_entry, &cmd_top_entry,	   &cmd_census_entry,
};

static void
usage(FILE *out)
{
	size_t i;

	fprintf(out, "usage: headroom [--root DIR] [-q] [--color=WHEN] COMMAND [OPTIONS]\n"
		     "       headroom --version | --help\n\n"
		     "Can this machine hold N concurrent connections? Which limit stops it first,\n"
		     "and how is it raised?\n\nCommands:\n");
	for (i = 0; i < nitems(cmd_table); i++)
		fprintf(out, "  %-9s %s\n", cmd_table[i]->name, cmd_table[i]->summary);
	fprintf(out, "\nGlobal options:\n"
		     "      --root DIR  read and write the system under DIR instead of /\n"
		     "  -q, --quiet     print only the result (the verdict or summary line) and\n"
		     "                  errors: no tables of detail, notes, hints or progress\n"
		     "      --color[=WHEN]  colour verdicts: auto (default: on a terminal,\n"
		     "                  unless NO_COLOR is set), always, never\n"
		     "  -V, --version   print the version\n"
		     "  -h, --help      this help; `headroom COMMAND --help` for a command\n"
		     "\nOptions go anywhere after the command; `--` ends them.\n"
		     "\nExample:\n  headroom check --target 10000 --role both\n"
		     "\nExit status: 0 ok, 1 warn, 2 fail, 3 unknown, 64 usage, 65 bad data,\n"
		     "77 permission needed. See headroom(1).\n");
}

static const struct cmd_entry *
cmd_lookup(const char *name)
{
	size_t i;

	for (i = 0; i < nitems(cmd_table); i++) {
		if (strcmp(cmd_table[i]->name, name) == 0)
			return cmd_table[i];
	}
	return NULL;
}

static int
unknown_command(const char *name)
{
	const char *names[nitems(cmd_table)];
	const char *near;
	size_t i;

	for (i = 0; i < nitems(cmd_table); i++)
		names[i] = cmd_table[i]->name;
	near = cmd_did_you_mean(name, names, nitems(names));
	if (near != NULL)
		fprintf(stderr, "headroom: unknown command '%s'; did you mean '%s'?\n", name, near);
	else
		fprintf(stderr, "headroom: unknown command '%s'\n", name);
	fprintf(stderr, "Try 'headroom --help'.\n");
	return EXIT_USAGE;
}

int
main(int argc, char **argv)
{
	const struct cmd_entry *entry;
	int n = 0, ret;

	cmd_detect_color();
	if (argc == 2 && strcmp(argv[1], CMD_LIST_OPTIONS) == 0) {
		cmd_list_commands(stdout, cmd_table, nitems(cmd_table));
		cmd_list_main_options(stdout);
		return EXIT_OK;
	}
	ret = cmd_parse_globals(argc, argv, usage, &n);
	if (ret != CMD_PARSED)
		return cmd_close_std(ret); /* --help, --version */
	if (n == 0) {
		usage(stderr);
		return EXIT_USAGE;
	}
	entry = cmd_lookup(argv[1]);
	if (entry == NULL)
		return unknown_command(argv[1]);
	return cmd_close_std(entry->exec(n, argv + 1));
}
