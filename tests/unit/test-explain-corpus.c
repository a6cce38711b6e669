/*
 * test-explain-corpus.c: the evaluation corpora: tests/explain/corpus.txt
 * (lines of the programs people load-test, from their sources and public
 * logs) and tests/explain/real-lines.txt (lines the Debian-packaged
 * servers and load tools really printed on this machine, pushed past
 * their limits by tests/explain/gen-real.sh). Each line comes with the
 * first cause explain must give. A line is right when it is recognised
 * with that cause, wrong when it is recognised with another, missed when
 * it is not recognised. A cause written ~CAUSE marks a line the program
 * prints alike whatever the limit (a load tool's summary, a reset): it is
 * right when CAUSE is among the candidates of the signature that matched.
 * The test fails on any wrong first cause or below 95% right.
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "explain.h"
#include "headroom.h"

static struct explain_engine engine;

static int
setup(void **state)
{
	char cause[CAUSE_MAX] = "";

	(void)state;
	if (explain_engine_init(&engine, cause, sizeof(cause)) != 0) {
		fprintf(stderr, "engine: %s\n", cause);
		return -1;
	}
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	explain_engine_free(&engine);
	return 0;
}

struct tally {
	unsigned right, wrong, missed;
};

static void
judge(const char *file, const char *want, const char *text, unsigned lineno, struct tally *t)
{
	int index = explain_match(&engine, text, strlen(text));
	const struct explain_entry *e = index >= 0 ? explain_entry((size_t)index) : NULL;
	bool loose = want[0] == '~';

	if (loose)
		want++;
	if (e == NULL) {
		fprintf(stderr, "%s:%u: missed (want %s): %s\n", file, lineno, want, text);
		t->missed++;
		return;
	}
	if (strcmp(e->cause, want) == 0) {
		t->right++;
		return;
	}
	if (loose) {
		struct explain_candidate c[EXPLAIN_CANDIDATES_PER_ENTRY];
		size_t n = explain_candidates(e, c);

		for (size_t i = 0; i < n; i++)
			if (strcmp(c[i].cause, want) == 0) {
				t->right++;
				return;
			}
	}
	fprintf(stderr, "%s:%u: WRONG: %s (%s), want %s%s: %s\n", file, lineno, e->cause, e->id,
		want, loose ? " among the candidates" : "", text);
	t->wrong++;
}

/* Score one corpus file of tests/explain; prints its figures. */
static struct tally
score(const char *file)
{
	const char *top = getenv("top_srcdir");
	char path[4096], line[8192];
	struct tally t = {0, 0, 0};
	unsigned lineno = 0, total;
	FILE *f;

	snprintf(path, sizeof(path), "%s/tests/explain/%s", top ? top : ".", file);
	f = fopen(path, "r");
	assert_non_null(f);
	while (fgets(line, sizeof(line), f) != NULL) {
		char *tab;

		lineno++;
		line[strcspn(line, "\n")] = '\0';
		if (line[0] == '#' || line[0] == '\0')
			continue;
		tab = strchr(line, '\t');
		if (tab == NULL) {
			fprintf(stderr, "%s:%u: no tab between cause and line\n", file, lineno);
			t.wrong++;
			continue;
		}
		*tab = '\0';
		judge(file, line, tab + 1, lineno, &t);
	}
	fclose(f);
	total = t.right + t.wrong + t.missed;
	printf("%s: %u lines: %u right (%.1f%%), %u wrong first cause, %u not recognised\n", file,
	       total, t.right, total ? 100.0 * t.right / total : 0.0, t.wrong, t.missed);
	return t;
}

static void
test_corpus(void **state)
{
	struct tally t = score("corpus.txt");

	(void)state;
	assert_true(t.right + t.wrong + t.missed >= 250);
	assert_int_equal(t.wrong, 0);
	assert_true(t.right * 100 >= (t.right + t.wrong + t.missed) * 95);
}

static void
test_real_lines(void **state)
{
	struct tally t = score("real-lines.txt");

	(void)state;
	assert_true(t.right + t.wrong + t.missed >= 40);
	assert_int_equal(t.wrong, 0);
	assert_true(t.right * 100 >= (t.right + t.wrong + t.missed) * 95);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_corpus),
	    cmocka_unit_test(test_real_lines),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
