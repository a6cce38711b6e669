/*
 * cmd-help.c: the text for people: a command's --help, its option list
 * printed from the same table the parser reads, and "did you mean" for a
 * mistyped command, option or word.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "cmd.h"

#define SUGGEST_MAX 2  /* edit distance of a likely typo */
#define HELP_COLUMN 26 /* longest "  -x, --name ARG" that keeps its text beside it */
#define HELP_WIDTH  79 /* help is wrapped to fit an 80-column terminal */

/* ---- did you mean ---- */

/* Optimal string alignment distance: insertions, deletions, substitutions
 * and transpositions of neighbours ("chekc"), each 1. Long words are not
 * typos of short names: anything past 63 characters is just far. */
static size_t
edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), i, j;
	size_t d[64][64];

	if (la >= 64 || lb >= 64)
		return SIZE_MAX;
	for (i = 0; i <= la; i++)
		d[i][0] = i;
	for (j = 0; j <= lb; j++)
		d[0][j] = j;
	for (i = 1; i <= la; i++) {
		for (j = 1; j <= lb; j++) {
			size_t cost = a[i - 1] != b[j - 1];
			size_t best = d[i - 1][j - 1] + cost;

			if (d[i - 1][j] + 1 < best)
				best = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < best)
				best = d[i][j - 1] + 1;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
			    d[i - 2][j - 2] + 1 < best)
				best = d[i - 2][j - 2] + 1;
			d[i][j] = best;
		}
	}
	return d[la][lb];
}

const char *
cmd_did_you_mean(const char *word, const char *const *candidates, size_t n)
{
	const char *best = NULL;
	size_t best_d = SIZE_MAX, len = strlen(word), i, d;

	for (i = 0; i < n; i++) {
		if (candidates[i] == NULL)
			continue;
		/* A beginning of one name ("hist" for history) is as good as a typo. */
		if (len >= 2 && strncmp(candidates[i], word, len) == 0)
			d = 1;
		else
			d = edit_distance(word, candidates[i]);
		/* Near, and not most of the name: "x" is not a typo of "top". */
		if (d < best_d && d <= SUGGEST_MAX && d * 2 <= strlen(candidates[i])) {
			best = candidates[i];
			best_d = d;
		}
	}
	return best;
}

/* ---- help ---- */

/* "  -n, --target N" or "      --census FILE" */
static int
option_left(const struct cmd_option *o, char *out, size_t size)
{
	char letter[8] = "    ";
	const char *meta = o->metavar != NULL ? o->metavar : "ARG";

	if (o->letter != 0)
		snprintf(letter, sizeof(letter), "-%c, ", o->letter);
	if (o->arg == CMD_ARG_NONE)
		return snprintf(out, size, "  %s--%s", letter, o->name);
	if (o->optional)
		return snprintf(out, size, "  %s--%s[=%s]", letter, o->name, meta);
	return snprintf(out, size, "  %s--%s %s", letter, o->name, meta);
}

/* One line of help text from column on, wrapped at blanks to HELP_WIDTH. */
static void
print_wrapped(FILE *f, const char *h, size_t len, int column)
{
	size_t room = HELP_WIDTH - (size_t)column, cut;

	while (len > room) {
		for (cut = room; cut > 0 && h[cut] != ' '; cut--)
			;
		if (cut == 0)
			break; /* one word longer than the room: leave it whole */
		fprintf(f, "%.*s\n%*s", (int)cut, h, column, "");
		h += cut + 1;
		len -= cut + 1;
	}
	fprintf(f, "%.*s", (int)len, h);
}

static void
print_option(FILE *f, const struct cmd_option *o, int column)
{
	char left[128];
	const char *h = o->help != NULL ? o->help : "", *nl;
	int len = option_left(o, left, sizeof(left));

	fputs(left, f);
	/* Too long for the column: the text follows after two blanks. */
	fprintf(f, "%*s", len + 2 <= column ? column - len : 2, "");
	while ((nl = strchr(h, '\n')) != NULL) {
		print_wrapped(f, h, (size_t)(nl - h), column);
		fprintf(f, "\n%*s", column, "");
		h = nl + 1;
	}
	print_wrapped(f, h, strlen(h), column);
	fputc('\n', f);
}

/* The synopsis, wrapped at blanks outside brackets ("[--role R]" stays
 * whole), later lines lined up under the first word. */
static void
print_synopsis(FILE *f, const char *u, int indent)
{
	int col = indent, depth = 0;
	size_t i, word = 0, len = strlen(u);

	for (i = 0; i <= len; i++) {
		if (u[i] == '[')
			depth++;
		else if (u[i] == ']')
			depth--;
		if (i < len && (u[i] != ' ' || depth > 0))
			continue;
		if (col > indent && col + 1 + (int)(i - word) > HELP_WIDTH)
			col = fprintf(f, "\n%*s", indent, "") - 1;
		else if (col > indent)
			col += fprintf(f, " ");
		col += fprintf(f, "%.*s", (int)(i - word), u + word);
		word = i + 1;
	}
}

void
cmd_print_help(FILE *f, const struct cmd_entry *e)
{
	size_t n = cmd_option_count(e->options), i;
	char left[128];
	int column = 0, len, indent;

	indent = fprintf(f, "usage: headroom %s ", e->name);
	print_synopsis(f, e->usage, indent);
	fprintf(f, "\n\n%s\n", e->summary);
	if (e->about != NULL)
		fprintf(f, "\n%s", e->about);
	for (i = 0; i < n; i++) {
		len = option_left(&e->options[i], left, sizeof(left));
		if (len <= HELP_COLUMN && len + 2 > column)
			column = len + 2;
	}
	if (n > 0)
		fprintf(f, "\nOptions:\n");
	for (i = 0; i < n; i++)
		print_option(f, &e->options[i], column);
	if (e->footer != NULL)
		fputs(e->footer, f);
	fprintf(f, "\nGlobal options: --root DIR, -q/--quiet, --color=WHEN, --help. See "
		   "headroom(1).\n");
}
