/*
 * test-explain-catalog.c: every catalogue entry against its sample lines
 * (tests/explain/samples.txt), and the shape of the catalogue itself.
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

struct sample_counts {
	unsigned must, must_not;
};
static struct sample_counts counts[EXPLAIN_ENTRIES_MAX];

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

static const char *
entry_name(int index)
{
	return index < 0 ? "(none)" : explain_entry((size_t)index)->id;
}

static FILE *
open_samples(void)
{
	const char *top = getenv("top_srcdir");
	char path[4096];

	snprintf(path, sizeof(path), "%s/tests/explain/samples.txt", top ? top : ".");
	return fopen(path, "r");
}

/* One "+" or "-" line of the section for entry `want`. */
static void
check_sample(int want, char sign, const char *text, unsigned lineno, unsigned *failures)
{
	int fast = explain_match(&engine, text, strlen(text));
	int slow = explain_match_slow(&engine, text, strlen(text));

	if (fast != slow) {
		fprintf(stderr, "samples.txt:%u: prefilter says %s, patterns say %s: %s\n", lineno,
			entry_name(fast), entry_name(slow), text);
		(*failures)++;
	}
	if (sign == '+' && fast != want) {
		fprintf(stderr, "samples.txt:%u: want %s, got %s: %s\n", lineno, entry_name(want),
			entry_name(fast), text);
		(*failures)++;
	}
	if (sign == '-' && want >= 0 && fast == want) {
		fprintf(stderr, "samples.txt:%u: near miss matched %s: %s\n", lineno,
			entry_name(want), text);
		(*failures)++;
	}
	if (want >= 0 && sign == '+')
		counts[want].must++;
	if (want >= 0 && sign == '-')
		counts[want].must_not++;
}

static void
test_samples(void **state)
{
	char line[4096];
	unsigned lineno = 0, failures = 0;
	int want = -1;
	FILE *f = open_samples();
	size_t i;

	(void)state;
	assert_non_null(f);
	while (fgets(line, sizeof(line), f) != NULL) {
		size_t len = strcspn(line, "\n");

		lineno++;
		line[len] = '\0';
		if (line[0] == '[') {
			const struct explain_entry *e;

			line[strcspn(line, "]")] = '\0';
			e = explain_entry_find(line + 1);
			if (e == NULL) {
				fprintf(stderr, "samples.txt:%u: no entry %s\n", lineno, line + 1);
				failures++;
			}
			want = explain_entry_index(line + 1);
		} else if ((line[0] == '+' || line[0] == '-') && line[1] == ' ') {
			check_sample(want, line[0], line + 2, lineno, &failures);
		} else if (line[0] != '#' && line[0] != '\0') {
			fprintf(stderr, "samples.txt:%u: not a sample line\n", lineno);
			failures++;
		}
	}
	fclose(f);
	for (i = 0; i < explain_catalog_size(); i++) {
		if (counts[i].must < 2 || counts[i].must_not < 1) {
			fprintf(stderr, "%s: %u matching and %u near-miss samples (need 2 and 1)\n",
				explain_entry(i)->id, counts[i].must, counts[i].must_not);
			failures++;
		}
	}
	assert_int_equal(failures, 0);
}

static bool
is_id(const char *s)
{
	if (*s == '\0')
		return false;
	for (; *s != '\0'; s++) {
		if (strchr("abcdefghijklmnopqrstuvwxyz0123456789._-", *s) == NULL)
			return false;
	}
	return true;
}

static void
check_also(const struct explain_entry *e, unsigned *failures)
{
	char also[256], *tok, *save = NULL;

	if (e->also == NULL)
		return;
	snprintf(also, sizeof(also), "%s", e->also);
	for (tok = strtok_r(also, " ", &save); tok; tok = strtok_r(NULL, " ", &save)) {
		if (!is_id(tok) || !explain_cause_is_layer(tok)) {
			fprintf(stderr, "%s: 'also' holds %s, not a layer id\n", e->id, tok);
			(*failures)++;
		}
	}
}

/* An ambiguous line lists its cause first, then the others, each with what
 * tells it apart and how to confirm it. */
static void
check_candidates(const struct explain_entry *e, unsigned *failures)
{
	size_t k, j;

	if (e->candidates[0].cause == NULL)
		return;
	if (strcmp(e->candidates[0].cause, e->cause) != 0) {
		fprintf(stderr, "%s: first candidate %s is not the cause %s\n", e->id,
			e->candidates[0].cause, e->cause);
		(*failures)++;
	}
	if (e->candidates[1].cause == NULL) {
		fprintf(stderr, "%s: one candidate is no choice\n", e->id);
		(*failures)++;
	}
	for (k = 0; k < EXPLAIN_CANDIDATES_PER_ENTRY && e->candidates[k].cause != NULL; k++) {
		const struct explain_candidate *c = &e->candidates[k];

		if (!is_id(c->cause) || c->tells == NULL || c->confirm == NULL) {
			fprintf(stderr, "%s: candidate %zu is incomplete\n", e->id, k + 1);
			(*failures)++;
		}
		for (j = 0; j < k; j++) {
			if (strcmp(e->candidates[j].cause, c->cause) == 0) {
				fprintf(stderr, "%s: candidate %s twice\n", e->id, c->cause);
				(*failures)++;
			}
		}
	}
}

static void
test_entries_complete(void **state)
{
	unsigned failures = 0;
	size_t i, j;

	(void)state;
	assert_true(explain_catalog_size() >= 40);
	for (i = 0; i < explain_catalog_size(); i++) {
		const struct explain_entry *e = explain_entry(i);

		if (!is_id(e->id) || !is_id(e->cause) || e->runtimes == NULL || !e->title ||
		    !e->why || !e->confirm || !e->fix) {
			fprintf(stderr, "entry %zu (%s): a field is missing\n", i, e->id);
			failures++;
		}
		for (j = 0; j < i; j++) {
			if (strcmp(explain_entry(j)->id, e->id) == 0) {
				fprintf(stderr, "entry %s appears twice\n", e->id);
				failures++;
			}
		}
		check_also(e, &failures);
		check_candidates(e, &failures);
	}
	assert_int_equal(failures, 0);
}

/* ---- headroom-errors(7) covers every cause ---- */

#define SECTIONS_MAX 512

/* The .Ss headings of headroom-errors(7) (one per cause), and the ".It Li"
 * items (one per signature, under its family). */
static size_t
read_man_sections(char sections[][64], const char *macro)
{
	const char *top = getenv("top_srcdir");
	char path[4096], line[1024];
	size_t n = 0, mlen = strlen(macro);
	FILE *f;

	snprintf(path, sizeof(path), "%s/man/headroom-errors.7", top ? top : ".");
	f = fopen(path, "r");
	assert_non_null(f);
	while (fgets(line, sizeof(line), f) != NULL && n < SECTIONS_MAX) {
		if (strncmp(line, macro, mlen) != 0)
			continue;
		line[strcspn(line, "\n")] = '\0';
		line[mlen + 63] = '\0';
		memcpy(sections[n++], line + mlen, 64);
	}
	fclose(f);
	return n;
}

static bool
has_section(char sections[][64], size_t n, const char *id)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (strcmp(sections[i], id) == 0)
			return true;
	}
	return false;
}

static void
test_man_page_covers_causes(void **state)
{
	static char sections[SECTIONS_MAX][64], items[SECTIONS_MAX][64];
	size_t n = read_man_sections(sections, ".Ss "), i, k;
	size_t nitem = read_man_sections(items, ".It Li ");
	unsigned failures = 0;

	(void)state;
	for (i = 0; i < explain_catalog_size(); i++) {
		const struct explain_entry *e = explain_entry(i);
		struct explain_candidate cand[EXPLAIN_CANDIDATES_PER_ENTRY];
		size_t nc = explain_candidates(e, cand);
		char also[256], *tok, *save = NULL;

		if (!has_section(items, nitem, e->id)) {
			fprintf(stderr, "%s: not listed under its family in headroom-errors.7\n",
				e->id);
			failures++;
		}
		for (k = 0; k < nc; k++) {
			if (!has_section(sections, n, cand[k].cause)) {
				fprintf(stderr, "%s: cause %s has no .Ss in headroom-errors.7\n",
					e->id, cand[k].cause);
				failures++;
			}
		}
		snprintf(also, sizeof(also), "%s", e->also ? e->also : "");
		for (tok = strtok_r(also, " ", &save); tok; tok = strtok_r(NULL, " ", &save)) {
			if (!has_section(sections, n, tok)) {
				fprintf(stderr, "%s: layer %s has no .Ss in headroom-errors.7\n",
					e->id, tok);
				failures++;
			}
		}
	}
	assert_int_equal(failures, 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_entries_complete),
	    cmocka_unit_test(test_samples),
	    cmocka_unit_test(test_man_page_covers_causes),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
