/*
 * cmd-options.c: the one command-line parser. Every command declares its
 * options as a table (see cmd.h); this file reads argv against it, GNU
 * style, checks and converts each value and reports a bad one the same
 * way in every command. cmd-help.c prints --help from the same table.
 */
#include "config.h"

#include <errno.h>
#include <math.h> /* isfinite: a macro, no libm */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "headroom.h"
#include "parse.h"

enum {
	GLOBAL_ROOT = -100,
	GLOBAL_QUIET,
	GLOBAL_COLOR,
	GLOBAL_HELP,
	GLOBAL_VERSION,
};

static const char *const color_words[] = {"auto", "always", "never", NULL};

/* Accepted by every command, before it or among its arguments. */
static const struct cmd_option global_options[] = {
    {.name = "root",
     .arg = CMD_ARG_STRING,
     .metavar = "DIR",
     .id = GLOBAL_ROOT,
     .help = "read and write the system under DIR instead of /"},
    {.name = "quiet", .letter = 'q', .id = GLOBAL_QUIET, .help = "print only the result"},
    /* --color alone is --color=always, as in ls and grep */
    {CMD_WORDS("color", 0, "WHEN", color_words), .optional = true, .id = GLOBAL_COLOR,
     .help = "colour the verdicts: auto (a terminal without NO_COLOR), always, never"},
    {.name = "help", .letter = 'h', .id = GLOBAL_HELP, .help = "print the help"},
    {.name = NULL},
};

/* The main program's, before the command: the global ones and --version. */
static const struct cmd_option main_options[] = {
    {.name = "version", .letter = 'V', .id = GLOBAL_VERSION, .help = "print the version"},
    {.name = NULL},
};

static const struct cmd_entry main_entry = {
    .name = NULL, .options = main_options, .flags = CMD_STOP_AT_OPERAND};

#define TABLE_MAX 64 /* options in one table */

struct parser {
	const struct cmd_entry *entry;
	const struct cmd_option *tables[2]; /* the command's, then the global ones */
	unsigned counts[2][TABLE_MAX];
	cmd_set_fn set;
	void *ctx;
	void (*usage)(FILE *); /* main program: its --help */
	int argc;
	char **argv;
	int next; /* index of the next argument to read */
};

/* ---- errors ---- */

static void
print_prefix(const struct cmd_entry *e)
{
	if (e->name != NULL)
		fprintf(stderr, "headroom %s: ", e->name);
	else
		fputs("headroom: ", stderr);
}

static int
verror(const struct cmd_entry *e, int status, const char *fmt, va_list ap)
{
	va_list copy;

	va_copy(copy, ap);
	cmd_keep_error(fmt, copy);
	va_end(copy);
	print_prefix(e);
	vfprintf(stderr, fmt, ap);
	if (e->name != NULL)
		fprintf(stderr, "\nTry 'headroom %s --help'.\n", e->name);
	else
		fputs("\nTry 'headroom --help'.\n", stderr);
	return status;
}

int
cmd_usage_error(const struct cmd_entry *entry, const char *fmt, ...)
{
	va_list ap;
	int status;

	va_start(ap, fmt);
	status = verror(entry, EXIT_USAGE, fmt, ap);
	va_end(ap);
	return status;
}

int
cmd_arg_error(const struct cmd_entry *entry, int status, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	status = verror(entry, status, fmt, ap);
	va_end(ap);
	return status;
}

/* ---- finding an option ---- */

size_t
cmd_option_count(const struct cmd_option *table)
{
	size_t n = 0;

	while (table != NULL && table[n].name != NULL)
		n++;
	return n;
}

static const struct cmd_option *
find_letter(const struct parser *p, char letter, int *table, size_t *index)
{
	int t;
	size_t i;

	for (t = 0; t < 2; t++) {
		for (i = 0; i < cmd_option_count(p->tables[t]); i++) {
			if (p->tables[t][i].letter == letter) {
				*table = t;
				*index = i;
				return &p->tables[t][i];
			}
		}
	}
	return NULL;
}

/* The long option `name` (len bytes, not NUL-terminated): an exact match,
 * else the one option it begins (GNU abbreviations); NULL when none, and
 * *ambiguous when it begins more than one. */
static const struct cmd_option *
match_long(const struct parser *p, const char *name, size_t len, int *table, size_t *index,
	   bool *ambiguous)
{
	const struct cmd_option *prefix = NULL;
	int t, prefix_table = 0;
	size_t i, prefix_index = 0, nprefix = 0;

	*ambiguous = false;
	for (t = 0; t < 2 && len > 0; t++) {
		for (i = 0; i < cmd_option_count(p->tables[t]); i++) {
			const char *n = p->tables[t][i].name;

			if (strncmp(n, name, len) != 0)
				continue;
			if (n[len] == '\0') {
				*table = t;
				*index = i;
				return &p->tables[t][i];
			}
			nprefix++;
			prefix = &p->tables[t][i];
			prefix_table = t;
			prefix_index = i;
		}
	}
	*ambiguous = nprefix > 1;
	if (nprefix != 1)
		return NULL;
	*table = prefix_table;
	*index = prefix_index;
	return prefix;
}

static int
unknown_long(const struct parser *p, const char *arg, size_t len)
{
	const char *names[2 * TABLE_MAX];
	char word[64];
	size_t n = 0, i;
	int t;
	const char *near;

	for (t = 0; t < 2; t++) {
		for (i = 0; i < cmd_option_count(p->tables[t]) && n < nitems(names); i++)
			names[n++] = p->tables[t][i].name;
	}
	snprintf(word, sizeof(word), "%.*s", (int)(len < 63 ? len : 63), arg + 2);
	near = cmd_did_you_mean(word, names, n);
	if (near != NULL)
		return cmd_usage_error(p->entry, "unknown option '%.*s'; did you mean '--%s'?",
				       (int)(len + 2), arg, near);
	return cmd_usage_error(p->entry, "unknown option '%.*s'", (int)(len + 2), arg);
}

static int
ambiguous_long(const struct parser *p, const char *arg, size_t len)
{
	char list[256] = "";
	size_t used = 0, i;
	int t;

	for (t = 0; t < 2; t++) {
		for (i = 0; i < cmd_option_count(p->tables[t]); i++) {
			const char *n = p->tables[t][i].name;

			if (strncmp(n, arg + 2, len) == 0 && used < sizeof(list))
				used += (size_t)snprintf(list + used, sizeof(list) - used, "%s--%s",
							 used > 0 ? ", " : "", n);
		}
	}
	return cmd_usage_error(p->entry, "option '%.*s' is ambiguous: %s", (int)(len + 2), arg,
			       list);
}

/* ---- values ---- */

/* A row that does not say follows the rule of cmd.h's kind macros. */
static int
bad_status(const struct cmd_option *o)
{
	if (o->bad_status != 0)
		return o->bad_status;
	return o->arg == CMD_ARG_WORD ? EXIT_USAGE : EXIT_DATAERR;
}

/* "text, json or prometheus" */
static void
word_list(const char *const *words, char *out, size_t size)
{
	size_t used = 0, i;

	out[0] = '\0';
	for (i = 0; words[i] != NULL && used < size; i++)
		used += (size_t)snprintf(out + used, size - used, "%s%s",
					 i == 0			? ""
					 : words[i + 1] == NULL ? " or "
								: ", ",
					 words[i]);
}

static int
convert_word(const struct parser *p, const struct cmd_option *o, const char *text,
	     struct cmd_value *v)
{
	char list[256];
	size_t n = 0;
	const char *near;

	for (n = 0; o->words[n] != NULL; n++) {
		if (strcmp(o->words[n], text) == 0) {
			v->word = (int)n;
			return CMD_PARSED;
		}
	}
	word_list(o->words, list, sizeof(list));
	near = cmd_did_you_mean(text, o->words, n);
	if (near != NULL)
		return cmd_arg_error(p->entry, bad_status(o),
				     "--%s: '%s' is not %s; did you mean '%s'?", o->name, text,
				     list, near);
	return cmd_arg_error(p->entry, bad_status(o), "--%s: '%s' is not %s", o->name, text, list);
}

/* Plain decimal seconds: digits with at most one '.', nothing else.
 * strtod alone takes "+5", "0x10", "1e1", " 12", "inf". */
static bool
plain_decimal(const char *s)
{
	size_t digits = strspn(s, "0123456789");

	s += digits;
	if (*s == '.') {
		size_t frac = strspn(s + 1, "0123456789");

		digits += frac;
		s += 1 + frac;
	}
	return digits > 0 && *s == '\0';
}

static int
convert_seconds(const struct parser *p, const struct cmd_option *o, const char *text,
		struct cmd_value *v)
{
	double lo = (double)o->min / 1000.0, hi = (double)o->max / 1000.0, d;
	char *end;

	errno = 0;
	d = strtod(text, &end);
	if (!plain_decimal(text) || *end != '\0' || errno != 0 || !isfinite(d))
		return cmd_arg_error(p->entry, bad_status(o), "--%s: not a number of seconds: '%s'",
				     o->name, text);
	if (d < lo || d > hi)
		return cmd_arg_error(p->entry, bad_status(o),
				     "--%s: %s is out of range (%g..%g seconds)", o->name, text, lo,
				     hi);
	v->seconds = d;
	return CMD_PARSED;
}

static int
convert_number(const struct parser *p, const struct cmd_option *o, const char *text,
	       struct cmd_value *v)
{
	char what[80], cause[CAUSE_MAX];
	int err;

	if (o->arg == CMD_ARG_LIMIT && strcmp(text, "max") == 0) {
		v->max = true;
		return CMD_PARSED;
	}
	err = parse_i64(text, o->min, o->max, &v->num);
	if (err == 0)
		return CMD_PARSED;
	snprintf(what, sizeof(what), "--%s", o->name);
	if (o->arg == CMD_ARG_LIMIT && err == -EINVAL)
		snprintf(cause, sizeof(cause), "%s: not a number or max: '%s'", what, text);
	else
		cmd_number_cause(what, text, err, o->min, o->max, cause, sizeof(cause));
	return cmd_arg_error(p->entry, bad_status(o), "%s", cause);
}

static int
convert(const struct parser *p, const struct cmd_option *o, const char *text, struct cmd_value *v)
{
	memset(v, 0, sizeof(*v));
	v->text = text;
	if (text == NULL)
		return CMD_PARSED; /* a flag, or an optional argument left out */
	switch (o->arg) {
	case CMD_ARG_INT:
	case CMD_ARG_LIMIT:
		return convert_number(p, o, text, v);
	case CMD_ARG_SECONDS:
		return convert_seconds(p, o, text, v);
	case CMD_ARG_WORD:
		return convert_word(p, o, text, v);
	case CMD_ARG_NONE:
	case CMD_ARG_STRING:
		break;
	}
	return CMD_PARSED;
}

/* ---- taking an option ---- */

static int
take_global(const struct parser *p, const struct cmd_option *o, const char *text)
{
	switch (o->id) {
	case GLOBAL_ROOT:
		cmd_globals.root = text;
		return CMD_PARSED;
	case GLOBAL_QUIET:
		cmd_globals.quiet = true;
		return CMD_PARSED;
	case GLOBAL_COLOR:
		cmd_set_color(text);
		return CMD_PARSED;
	case GLOBAL_HELP:
		if (p->entry->name == NULL)
			p->usage(stdout);
		else
			cmd_print_help(stdout, p->entry);
		return EXIT_OK;
	case GLOBAL_VERSION:
		printf("headroom %s\n", PACKAGE_VERSION);
		return EXIT_OK;
	}
	return CMD_PARSED;
}

static int
take(struct parser *p, int table, size_t index, const char *text)
{
	const struct cmd_option *o = &p->tables[table][index];
	struct cmd_value v;
	int ret;

	if (o->repeat > 0 && p->counts[table][index] >= o->repeat)
		return cmd_usage_error(p->entry, "--%s: at most %u allowed", o->name, o->repeat);
	p->counts[table][index]++;
	ret = convert(p, o, text, &v);
	if (ret != CMD_PARSED)
		return ret;
	if (table == 1 || p->entry == &main_entry)
		return take_global(p, o, text);
	ret = p->set(p->ctx, o, &v);
	return ret == 0 ? CMD_PARSED : ret;
}

/* --name, --name=value, --name value */
static int
long_option(struct parser *p, const char *arg)
{
	const char *eq = strchr(arg + 2, '=');
	size_t len = eq != NULL ? (size_t)(eq - arg - 2) : strlen(arg + 2);
	const struct cmd_option *o;
	int table;
	size_t index;
	bool ambiguous;

	o = match_long(p, arg + 2, len, &table, &index, &ambiguous);
	if (ambiguous)
		return ambiguous_long(p, arg, len);
	if (o == NULL)
		return unknown_long(p, arg, len);
	if (o->arg == CMD_ARG_NONE && eq != NULL)
		return cmd_usage_error(p->entry, "--%s: takes no argument", o->name);
	if (o->arg == CMD_ARG_NONE || eq != NULL || o->optional)
		return take(p, table, index, eq != NULL ? eq + 1 : NULL);
	if (p->next >= p->argc)
		return cmd_usage_error(p->entry, "--%s: missing argument", o->name);
	return take(p, table, index, p->argv[p->next++]);
}

/* -v, -vq, -n10000, -n 10000 */
static int
short_options(struct parser *p, const char *arg)
{
	const struct cmd_option *o;
	const char *c;
	int table, ret;
	size_t index;

	for (c = arg + 1; *c != '\0'; c++) {
		o = find_letter(p, *c, &table, &index);
		if (o == NULL)
			return cmd_usage_error(p->entry, "unknown option '-%c'", *c);
		if (o->arg == CMD_ARG_NONE) {
			ret = take(p, table, index, NULL);
		} else if (c[1] != '\0' || o->optional) {
			return take(p, table, index, c[1] != '\0' ? c + 1 : NULL);
		} else if (p->next >= p->argc) {
			return cmd_usage_error(p->entry, "--%s: missing argument", o->name);
		} else {
			return take(p, table, index, p->argv[p->next++]);
		}
		if (ret != CMD_PARSED)
			return ret;
	}
	return CMD_PARSED;
}

/* CMD_DASH_TEXT: "-bash: ulimit: open files: ..." is a message, not options. */
static bool
is_dash_text(const struct parser *p, const char *arg)
{
	const char *eq = strchr(arg, '=');
	const char *blank = strpbrk(arg, " \t:");
	int table;
	size_t index;
	bool ambiguous;

	if (!(p->entry->flags & CMD_DASH_TEXT) || blank == NULL)
		return false;
	if (arg[1] == '-' && eq != NULL && eq < blank &&
	    match_long(p, arg + 2, (size_t)(eq - arg - 2), &table, &index, &ambiguous) != NULL)
		return false; /* --pid=4242 ... with a blank in its value */
	return true;
}

static int
parse(struct parser *p, int *noperands)
{
	bool options = true;
	int n = 0, ret;

	while (p->next < p->argc) {
		char *arg = p->argv[p->next++];

		if (options && strcmp(arg, "--") == 0) {
			options = false;
			continue;
		}
		if (!options || arg[0] != '-' || arg[1] == '\0' || is_dash_text(p, arg)) {
			p->argv[1 + n++] = arg; /* never ahead of next: in place is safe */
			if (p->entry->flags & CMD_STOP_AT_OPERAND)
				options = false;
			continue;
		}
		ret = arg[1] == '-' ? long_option(p, arg) : short_options(p, arg);
		if (ret != CMD_PARSED)
			return ret;
	}
	p->argv[1 + n] = NULL; /* as argv ends: exec's COMMAND is run with execvp */
	*noperands = n;
	return CMD_PARSED;
}

int
cmd_parse(const struct cmd_entry *entry, int argc, char **argv, cmd_set_fn set, void *ctx,
	  int *noperands)
{
	struct parser p = {.entry = entry, .set = set, .ctx = ctx, .argc = argc, .argv = argv};
	int ret;

	p.tables[0] = entry->options;
	p.tables[1] = global_options;
	p.next = 1;
	if (cmd_option_count(entry->options) > TABLE_MAX)
		return cmd_error(EXIT_UNKNOWN, "%s: option table too long", entry->name);
	if (argc == 2 && strcmp(argv[1], CMD_LIST_OPTIONS) == 0) {
		cmd_list_options(stdout, entry->options);
		cmd_list_options(stdout, global_options);
		return EXIT_OK;
	}
	ret = parse(&p, noperands);
	if (ret != CMD_PARSED)
		return ret;
	if (entry->max_operands != CMD_OPERANDS_ANY && *noperands > entry->max_operands)
		return cmd_usage_error(entry, "unexpected argument '%s'",
				       argv[1 + entry->max_operands]);
	return CMD_PARSED;
}

void
cmd_list_main_options(FILE *f)
{
	cmd_list_options(f, main_options);
	cmd_list_options(f, global_options);
}

int
cmd_parse_globals(int argc, char **argv, void (*usage)(FILE *), int *noperands)
{
	struct parser p = {.entry = &main_entry, .usage = usage, .argc = argc, .argv = argv};

	p.tables[0] = main_options;
	p.tables[1] = global_options;
	p.next = 1;
	return parse(&p, noperands);
}
