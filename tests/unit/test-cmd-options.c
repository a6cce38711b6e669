/*
 * test-cmd-options.c: the one option parser on a made-up command: GNU
 * permutation, `--`, clusters, abbreviations, every argument kind, the
 * exit status and message of each bad input, exec's and explain's flags,
 * the help printed from the table, and "did you mean".
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "cmd.h"
#include "headroom.h"

enum {
	OPT_NUM,
	OPT_FLAG,
	OPT_OTHER,
	OPT_SECS,
	OPT_FMT,
	OPT_NOFILE,
	OPT_PID,
	OPT_NAME,
	OPT_JOURNAL
};

static const char *const fmt_words[] = {"text", "json", "prometheus", NULL};

static const struct cmd_option test_options[] = {
    {CMD_INT("number", 'n', "N", 1, 100), .id = OPT_NUM, .help = "a number"},
    {CMD_FLAG("verbose", 'v'), .id = OPT_FLAG, .help = "a flag"},
    {CMD_FLAG("very", 0), .id = OPT_OTHER, .help = "shares a beginning with --verbose"},
    {CMD_SECONDS("interval", 'd', 10, 60 * 1000), .id = OPT_SECS, .help = "seconds"},
    {CMD_OPTION_FORMAT(fmt_words), .id = OPT_FMT, .help = "a word"},
    {CMD_OPTION_NOFILE, .id = OPT_NOFILE, .help = "a limit"},
    {CMD_OPTION_PIDS, .id = OPT_PID, .help = "repeatable"},
    {CMD_TEXT("name", 'N', "NAME"), .id = OPT_NAME,
     .help = "a long help text that is wrapped at the blank before the eightieth column "
	     "and goes on\nthen an explicit new line"},
    {CMD_TEXT("journal", 'j', "UNIT"), .optional = true, .id = OPT_JOURNAL,
     .help = "an optional argument"},
    {.name = NULL},
};

static const struct cmd_entry test_entry = {
    .name = "test",
    .usage = "[--number N] OPERAND...",
    .summary = "a command for the tests",
    .options = test_options,
    .footer = "\nExample:\n  headroom test --number 5 x\n",
    .max_operands = 3,
};

static const struct cmd_entry exec_like = {
    .name = "exec-like",
    .usage = "[--number N] COMMAND [ARG]...",
    .summary = "options end at the first operand",
    .options = test_options,
    .flags = CMD_STOP_AT_OPERAND,
    .max_operands = CMD_OPERANDS_ANY,
};

static const struct cmd_entry text_like = {
    .name = "text-like",
    .usage = "[--verbose] TEXT...",
    .summary = "pasted text may start with a dash",
    .options = test_options,
    .flags = CMD_DASH_TEXT,
    .max_operands = CMD_OPERANDS_ANY,
};

struct got {
	int64_t num;
	int flags, others, pids, fmt;
	double secs;
	bool nofile_max;
	int64_t nofile;
	const char *name, *journal;
	bool journal_seen;
};

static int
set(void *ctx, const struct cmd_option *o, const struct cmd_value *v)
{
	struct got *g = ctx;

	switch (o->id) {
	case OPT_NUM:
		g->num = v->num;
		break;
	case OPT_FLAG:
		g->flags++;
		break;
	case OPT_OTHER:
		g->others++;
		break;
	case OPT_SECS:
		g->secs = v->seconds;
		break;
	case OPT_FMT:
		g->fmt = v->word;
		break;
	case OPT_NOFILE:
		g->nofile_max = v->max;
		g->nofile = v->num;
		break;
	case OPT_PID:
		g->pids++;
		break;
	case OPT_NAME:
		g->name = v->text;
		break;
	case OPT_JOURNAL:
		g->journal_seen = true;
		g->journal = v->text;
		break;
	}
	return 0;
}

/* stderr of one parse, kept in a file to compare with. */
static char err_path[] = "/tmp/test-cmd-options.XXXXXX";
static char err_text[4096];

struct run {
	int status;
	int n;
	char *argv[80];
	struct got got;
};

/* Parse the NULL-terminated words (argv[0] first) with entry e. */
static void
run(struct run *r, const struct cmd_entry *e, const char *const *words)
{
	int argc = 0, fd;
	FILE *f;
	size_t len;

	memset(r, 0, sizeof(*r));
	while (words[argc] != NULL && argc < 78) {
		r->argv[argc] = (char *)words[argc];
		argc++;
	}
	r->argv[argc] = NULL;
	fflush(stderr);
	fd = dup(STDERR_FILENO);
	assert_true(fd >= 0);
	assert_non_null(freopen(err_path, "w", stderr));
	r->status = cmd_parse(e, argc, r->argv, set, &r->got, &r->n);
	fflush(stderr);
	dup2(fd, STDERR_FILENO);
	close(fd);
	f = fopen(err_path, "r");
	assert_non_null(f);
	len = fread(err_text, 1, sizeof(err_text) - 1, f);
	err_text[len] = '\0';
	fclose(f);
}

#define ARGS(...) ((const char *const[]){__VA_ARGS__, NULL})

static void
permutation(void **state)
{
	struct run r;

	(void)state;
	run(&r, &test_entry, ARGS("test", "a", "--number", "5", "b", "-v", "--", "-c"));
	assert_int_equal(r.status, CMD_PARSED);
	assert_int_equal(r.got.num, 5);
	assert_int_equal(r.got.flags, 1);
	assert_int_equal(r.n, 3);
	assert_string_equal(r.argv[1], "a");
	assert_string_equal(r.argv[2], "b");
	assert_string_equal(r.argv[3], "-c"); /* after --: an operand */
	assert_null(r.argv[4]);		      /* operands end as argv does */
	assert_string_equal(err_text, "");
}

static void
forms(void **state)
{
	struct run r;

	(void)state;
	run(&r, &test_entry, ARGS("test", "-vvn7", "--number=8", "--verb", "-N", "x y", "-"));
	assert_int_equal(r.status, CMD_PARSED);
	assert_int_equal(r.got.flags, 3); /* -vv and the abbreviation --verb */
	assert_int_equal(r.got.num, 8);	  /* the later one counts */
	assert_string_equal(r.got.name, "x y");
	assert_int_equal(r.n, 1);
	assert_string_equal(r.argv[1], "-"); /* standard input: an operand */

	run(&r, &test_entry, ARGS("test", "-n9", "--very"));
	assert_int_equal(r.status, CMD_PARSED);
	assert_int_equal(r.got.num, 9);
	assert_int_equal(r.got.others, 1);
}

static void
kinds(void **state)
{
	struct run r;

	(void)state;
	run(&r, &test_entry,
	    ARGS("test", "--interval", "0.5", "--format", "json", "--nofile", "max", "-p", "1"));
	assert_int_equal(r.status, CMD_PARSED);
	assert_true(r.got.secs == 0.5);
	assert_int_equal(r.got.fmt, 1);
	assert_true(r.got.nofile_max);
	assert_int_equal(r.got.pids, 1);

	run(&r, &test_entry, ARGS("test", "--nofile", "65536", "--journal", "x"));
	assert_int_equal(r.status, CMD_PARSED);
	assert_false(r.got.nofile_max);
	assert_int_equal(r.got.nofile, 65536);
	/* An optional argument is only ever attached: x is an operand. */
	assert_true(r.got.journal_seen);
	assert_null(r.got.journal);
	assert_int_equal(r.n, 1);

	run(&r, &test_entry, ARGS("test", "--journal=nginx.service", "-jssh"));
	assert_int_equal(r.status, CMD_PARSED);
	assert_string_equal(r.got.journal, "ssh");
}

/* Each bad input: its exit status and its exact message, the long name
 * in it and the Try line last. */
static void
expect_error(const char *const *words, int status, const char *message)
{
	struct run r;
	char want[1024];

	run(&r, &test_entry, words);
	snprintf(want, sizeof(want), "headroom test: %s\nTry 'headroom test --help'.\n", message);
	assert_int_equal(r.status, status);
	assert_string_equal(err_text, want);
}

static void
errors(void **state)
{
	(void)state;
	expect_error(ARGS("test", "-n"), EXIT_USAGE, "--number: missing argument");
	expect_error(ARGS("test", "a", "--number"), EXIT_USAGE, "--number: missing argument");
	expect_error(ARGS("test", "--numbr", "1"), EXIT_USAGE,
		     "unknown option '--numbr'; did you mean '--number'?");
	expect_error(ARGS("test", "--frobnicate"), EXIT_USAGE, "unknown option '--frobnicate'");
	expect_error(ARGS("test", "-x"), EXIT_USAGE, "unknown option '-x'");
	expect_error(ARGS("test", "--ver"), EXIT_USAGE,
		     "option '--ver' is ambiguous: --verbose, --very");
	expect_error(ARGS("test", "--verbose=yes"), EXIT_USAGE, "--verbose: takes no argument");
	expect_error(ARGS("test", "--number", "0"), EXIT_DATAERR,
		     "--number: 0 is out of range (1..100)");
	expect_error(ARGS("test", "--number", "lots"), EXIT_DATAERR,
		     "--number: not a number: 'lots'");
	expect_error(ARGS("test", "--number", "+5"), EXIT_DATAERR, "--number: not a number: '+5'");
	expect_error(ARGS("test", "--interval", "1s"), EXIT_DATAERR,
		     "--interval: not a number of seconds: '1s'");
	expect_error(ARGS("test", "--interval", "0"), EXIT_DATAERR,
		     "--interval: 0 is out of range (0.01..60 seconds)");
	/* plain decimals only (issue 14, defect 22): strtod took all of these */
	expect_error(ARGS("test", "--interval", "0x10"), EXIT_DATAERR,
		     "--interval: not a number of seconds: '0x10'");
	expect_error(ARGS("test", "--interval", "+5"), EXIT_DATAERR,
		     "--interval: not a number of seconds: '+5'");
	expect_error(ARGS("test", "--interval", "1e1"), EXIT_DATAERR,
		     "--interval: not a number of seconds: '1e1'");
	expect_error(ARGS("test", "--interval", " 12"), EXIT_DATAERR,
		     "--interval: not a number of seconds: ' 12'");
	expect_error(ARGS("test", "--interval", "inf"), EXIT_DATAERR,
		     "--interval: not a number of seconds: 'inf'");
	expect_error(ARGS("test", "--format", "jsno"), EXIT_USAGE,
		     "--format: 'jsno' is not text, json or prometheus; did you mean 'json'?");
	expect_error(ARGS("test", "--format", "yaml"), EXIT_USAGE,
		     "--format: 'yaml' is not text, json or prometheus");
	expect_error(ARGS("test", "--nofile", "lots"), EXIT_DATAERR,
		     "--nofile: not a number or max: 'lots'");
	expect_error(ARGS("test", "a", "b", "c", "d"), EXIT_USAGE, "unexpected argument 'd'");
}

static void
repeat_limit(void **state)
{
	const char *words[2 + 2 * (PROBE_PIDS_MAX + 1) + 1] = {"test"};
	struct run r;
	int i, n = 1;

	(void)state;
	for (i = 0; i < PROBE_PIDS_MAX + 1; i++) {
		words[n++] = "--pid";
		words[n++] = "7";
	}
	words[n] = NULL;
	run(&r, &test_entry, words);
	assert_int_equal(r.status, EXIT_USAGE);
	assert_string_equal(err_text, "headroom test: --pid: at most 32 allowed\n"
				      "Try 'headroom test --help'.\n");
	words[n - 2] = NULL; /* exactly 32 */
	run(&r, &test_entry, words);
	assert_int_equal(r.status, CMD_PARSED);
	assert_int_equal(r.got.pids, PROBE_PIDS_MAX);
}

static void
stop_at_operand(void **state)
{
	struct run r;

	(void)state;
	run(&r, &exec_like, ARGS("exec-like", "-n", "3", "prog", "--number", "4", "--", "-v"));
	assert_int_equal(r.status, CMD_PARSED);
	assert_int_equal(r.got.num, 3);
	assert_int_equal(r.got.flags, 0);
	assert_int_equal(r.n, 5);
	assert_string_equal(r.argv[1], "prog");
	assert_string_equal(r.argv[2], "--number");
	assert_string_equal(r.argv[4], "--"); /* the command's own -- is kept */
	assert_null(r.argv[6]);

	run(&r, &exec_like, ARGS("exec-like", "--", "--number", "4"));
	assert_int_equal(r.status, CMD_PARSED);
	assert_int_equal(r.got.num, 0);
	assert_int_equal(r.n, 2);
	assert_string_equal(r.argv[1], "--number");
}

static void
dash_text(void **state)
{
	struct run r;

	(void)state;
	run(&r, &text_like,
	    ARGS("text-like",
		 "-bash: ulimit: open files: cannot modify limit: Operation not "
		 "permitted",
		 "--verbose", "--2024-01-01 12:00 oops", "-v"));
	assert_int_equal(r.status, CMD_PARSED);
	assert_int_equal(r.got.flags, 2);
	assert_int_equal(r.n, 2);
	assert_string_equal(r.argv[1], "-bash: ulimit: open files: cannot modify limit: Operation "
				       "not permitted");
	assert_string_equal(r.argv[2], "--2024-01-01 12:00 oops");

	/* --NAME=VALUE of an option stays an option, blanks and all. */
	run(&r, &text_like, ARGS("text-like", "--name=a b: c", "x"));
	assert_int_equal(r.status, CMD_PARSED);
	assert_string_equal(r.got.name, "a b: c");
	assert_int_equal(r.n, 1);

	/* Without a blank or a ':' it is an option, and may be a wrong one. */
	run(&r, &text_like, ARGS("text-like", "-bash"));
	assert_int_equal(r.status, EXIT_USAGE);
	/* Other commands do not take pasted text. */
	run(&r, &test_entry, ARGS("test", "-bash: ulimit"));
	assert_int_equal(r.status, EXIT_USAGE);
}

static void
help(void **state)
{
	char *text = NULL;
	size_t len = 0, i;
	FILE *f = open_memstream(&text, &len);
	const char *line, *nl;
	struct run r;

	(void)state;
	assert_non_null(f);
	cmd_print_help(f, &test_entry);
	fclose(f);
	/* One line per option from the table, the letter first when there is one. */
	assert_non_null(strstr(text, "\n  -n, --number N "));
	assert_non_null(strstr(text, "\n      --very "));
	assert_non_null(strstr(text, "\n  -j, --journal[=UNIT] "));
	assert_non_null(strstr(text, "\n  -d, --interval SEC "));
	/* Wrapped to 79 columns, explicit new lines kept. */
	for (line = text; (nl = strchr(line, '\n')) != NULL; line = nl + 1)
		assert_true(nl - line <= 79);
	assert_non_null(strstr(text, "and goes on\n"));
	assert_non_null(strstr(text, "\nExample:\n  headroom test --number 5 x\n"));
	for (i = 0; test_options[i].name != NULL; i++)
		assert_non_null(strstr(text, test_options[i].name));
	free(text);

	/* --help anywhere: exit 0 */
	run(&r, &test_entry, ARGS("test", "x", "--help"));
	assert_int_equal(r.status, EXIT_OK);
}

static void
did_you_mean(void **state)
{
	const char *commands[] = {"check", "verify", "history", "top", "explain", NULL};
	size_t n = 5;

	(void)state;
	assert_string_equal(cmd_did_you_mean("chek", commands, n), "check");
	assert_string_equal(cmd_did_you_mean("chcek", commands, n), "check"); /* transposed */
	assert_string_equal(cmd_did_you_mean("verfiy", commands, n), "verify");
	assert_string_equal(cmd_did_you_mean("hist", commands, n), "history"); /* a beginning */
	assert_string_equal(cmd_did_you_mean("tpo", commands, n), "top");
	assert_null(cmd_did_you_mean("frobnicate", commands, n));
	assert_null(cmd_did_you_mean("x", commands, n));
	assert_null(cmd_did_you_mean("", commands, n));
	assert_null(
	    cmd_did_you_mean("a-word-much-longer-than-sixty-three-characters-is-never-a-typo-"
			     "of-anything",
			     commands, n));
}

static int
setup(void **state)
{
	int fd = mkstemp(err_path);

	(void)state;
	if (fd < 0)
		return -1;
	close(fd);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	unlink(err_path);
	return 0;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(permutation),  cmocka_unit_test(forms),
	    cmocka_unit_test(kinds),	    cmocka_unit_test(errors),
	    cmocka_unit_test(repeat_limit), cmocka_unit_test(stop_at_operand),
	    cmocka_unit_test(dash_text),    cmocka_unit_test(help),
	    cmocka_unit_test(did_you_mean),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
