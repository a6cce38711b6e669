/*
 * headroom.c: main. Parses the global options and runs one command from
 * the table.
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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

	fprintf(out, "usage: headroom [--root DIR] [-q] COMMAND [OPTIONS]\n"
		     "       headroom --version | --help\n\n"
		     "Can this machine hold N concurrent connections? Which limit stops it first,\n"
		     "and how is it raised?\n\nCommands:\n");
	for (i = 0; i < nitems(cmd_table); i++)
		fprintf(out, "  %-9s %s\n", cmd_table[i]->name, cmd_table[i]->summary);
	fprintf(out, "\nGlobal options:\n"
		     "  --root DIR   read and write the system under DIR instead of /\n"
		     "  -q, --quiet  print only errors and the final verdict\n"
		     "  --version    print the version\n"
		     "  --help       this help; `headroom COMMAND --help` for a command\n"
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

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
	    {"root", required_argument, NULL, CMD_OPT_ROOT},
	    {"quiet", no_argument, NULL, 'q'},
	    {"version", no_argument, NULL, 'V'},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	const struct cmd_entry *entry;
	int opt;

	cmd_detect_color();
	/* '+': stop at the command name; the command parses the rest. */
	while ((opt = getopt_long(argc, argv, "+qhV", longopts, NULL)) != -1) {
		switch (opt) {
		case CMD_OPT_ROOT:
			cmd_globals.root = optarg;
			break;
		case 'q':
			cmd_globals.quiet = true;
			break;
		case 'V':
			printf("headroom %s\n", PACKAGE_VERSION);
			return EXIT_OK;
		case 'h':
			usage(stdout);
			return EXIT_OK;
		default:
			usage(stderr);
			return EXIT_USAGE;
		}
	}
	if (optind >= argc) {
		usage(stderr);
		return EXIT_USAGE;
	}
	entry = cmd_lookup(argv[optind]);
	if (entry == NULL) {
		fprintf(stderr, "headroom: unknown command '%s' (see headroom --help)\n",
			argv[optind]);
		return EXIT_USAGE;
	}
	argc -= optind;
	argv += optind;
	optind = 0; /* reset getopt for the command's own parsing */
	opterr = 0; /* commands report bad options themselves, in one line */
	return entry->exec(argc, argv);
}
