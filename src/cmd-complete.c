/*
 * cmd-complete.c: the option tables as data for the shell completions
 * (contrib/completion/): `headroom --list-options` lists the commands and
 * the main program's options, `headroom CMD --list-options` the command's
 * options and the global ones. The completions read them at completion
 * time, so they complete exactly what this binary parses and cannot drift
 * from it. Hidden: a word for scripts, not in --help, matched only whole.
 *
 * One line per entry, tab-separated, never an empty field ("-" for none),
 * so `read` and awk split it whatever the shell:
 *   command  NAME    -       -        -            SUMMARY
 *   option   --LONG  -X|-    TAKES    WORDS|-      HELP (first line)
 * TAKES is "-" for a flag, METAVAR when the option takes an argument,
 * [=METAVAR] when the argument is optional (given only as --LONG=ARG).
 * WORDS are the choices, comma-separated: the words of a word option, or
 * the known values of a text option (census --state). HELP is the help
 * text up to its first newline or ';', at most DESCRIPTION_MAX bytes cut at
 * a blank: a short description.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "cmd.h"

#define DESCRIPTION_MAX 64

static void
list_words(FILE *f, const char *const *words)
{
	size_t i;

	if (words == NULL || words[0] == NULL) {
		fputc('-', f);
		return;
	}
	for (i = 0; words[i] != NULL; i++)
		fprintf(f, "%s%s", i > 0 ? "," : "", words[i]);
}

/* The length of help's short description (see the format above); a
 * parenthesis left open by the cut is dropped with what follows it. */
static size_t
description_len(const char *help)
{
	size_t len = strcspn(help, "\n\t;"), i, open = 0;
	int depth = 0;

	if (len > DESCRIPTION_MAX) {
		len = DESCRIPTION_MAX;
		while (len > 1 && help[len] != ' ')
			len--;
	}
	for (i = 0; i < len; i++) {
		if (help[i] == '(' && depth++ == 0)
			open = i;
		else if (help[i] == ')' && depth > 0)
			depth--;
	}
	if (depth > 0 && open > 0)
		len = open;
	while (len > 1 && help[len - 1] == ' ')
		len--;
	return len;
}

void
cmd_list_options(FILE *f, const struct cmd_option *table)
{
	size_t i, n = cmd_option_count(table);

	for (i = 0; i < n; i++) {
		const struct cmd_option *o = &table[i];
		const char *meta = o->metavar != NULL ? o->metavar : "ARG";
		const char *help = o->help != NULL && o->help[0] != '\0' ? o->help : "-";
		size_t len = description_len(help);

		fprintf(f, "option\t--%s\t", o->name);
		if (o->letter != 0)
			fprintf(f, "-%c\t", o->letter);
		else
			fputs("-\t", f);
		if (o->arg == CMD_ARG_NONE)
			fputs("-\t", f);
		else if (o->optional)
			fprintf(f, "[=%s]\t", meta);
		else
			fprintf(f, "%s\t", meta);
		list_words(f, o->words);
		fprintf(f, "\t%.*s\n", (int)len, help);
	}
}

void
cmd_list_commands(FILE *f, const struct cmd_entry *const *table, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		fprintf(f, "command\t%s\t-\t-\t-\t%s\n", table[i]->name, table[i]->summary);
}
