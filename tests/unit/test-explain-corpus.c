/*
 * test-explain-corpus.c: the evaluation corpus (tests/explain/corpus.txt):
 * real lines of the programs people load-test, each with the first cause
 * explain must give. A line is right when it is recognised with that
 * cause, wrong when it is recognised with another, missed when it is not
 * recognised. The test fails on any wrong first cause or below 95% right,
 * and prints the score by family so a gap shows where it is.
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
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
judge(const char *want, const char *text, unsigned lineno, struct tally *t)
{
	int index = explain_match(&engine, text, strlen(text));
	const struct explain_entry *e = index >= 0 ? explain_entry((size_t)index) : NULL;

	if (e == NULL) {
		fprintf(stderr, "corpus.txt:%u: missed (want %s): %s\n", lineno, want, text);
		t->missed++;
	} else if (strcmp(e->cause, want) != 0) {
		fprintf(stderr, "corpus.txt:%u: WRONG: %s (%s), want %s: %s\n", lineno, e->cause,
			e->id, want, text);
		t->wrong++;
	} else {
		t->right++;
	}
}

static void
test_corpus(void **state)
{
	const char *top = getenv("top_srcdir");
	char path[4096], line[8192];
	struct tally t = {0, 0, 0};
	unsigned lineno = 0, total;
	FILE *f;

	(void)state;
	snprintf(path, sizeof(path), "%s/tests/explain/corpus.txt", top ? top : ".");
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
			fprintf(stderr, "corpus.txt:%u: no tab between cause and line\n", lineno);
			t.wrong++;
			continue;
		}
		*tab = '\0';
		judge(line, tab + 1, lineno, &t);
	}
	fclose(f);
	total = t.right + t.wrong + t.missed;
	printf("corpus: %u lines: %u right (%.1f%%), %u wrong first cause, %u not recognised\n",
	       total, t.right, total ? 100.0 * t.right / total : 0.0, t.wrong, t.missed);
	assert_true(total >= 250);
	assert_int_equal(t.wrong, 0);
	assert_true(t.right * 100 >= total * 95);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_corpus),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
