/*
 * test-layer-table.c: the layer table is complete and consistent: every
 * row has an id that parses back to its kind, unknown ids are refused, a
 * sysctl a fix or profile sets is one a profile may set, every layer has
 * its entry under LAYERS in headroom(1), and every layer id the explain
 * catalogue names is a real one (the catalogue still holds strings).
 */
#include "config.h"

#include <errno.h>
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
#include "layer.h"
#include "sysctlkey.h"

static void
test_rows_complete(void **state)
{
	static struct layer_set set;
	enum layer_kind k, back;

	(void)state;
	layer_set_init(&set);
	assert_null(layer_kind_id(LAYER_KIND_NONE));
	for (k = LAYER_KIND_NONE + 1; k < LAYER_KIND_COUNT; k++) {
		const struct layer_desc *d = &layer_descs[k];

		assert_non_null(d->id);
		assert_non_null(d->title);
		assert_int_equal(layer_kind_parse(d->id, &back), 0);
		assert_int_equal(back, k); /* ids are unique */
		/* A rule that caps must consume something in some role. */
		if (d->rule.kind == RULE_CAPS)
			assert_true(
			    d->rule.per_conn[0] + d->rule.per_conn[1] + d->rule.per_conn[2] > 0);
		/* An instance starts as its row says; next-session layers do not
		 * cap now. */
		struct layer *l = layer_add(&set, k);
		assert_non_null(l);
		assert_int_equal(l->kind, k);
		assert_ptr_equal(l->title, d->title);
		assert_int_equal(l->caps_now, d->scope != SCOPE_SESSION);
	}
}

static void
test_parse_refuses_unknown(void **state)
{
	static const char *const bad[] = {"nofile.sfot",  "",	    "NOFILE.SOFT",
					  "nofile.soft ", "nofile", "app.nginx.worker_connection"};
	enum layer_kind k = LAYER_NOFILE_HARD;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(layer_kind_parse(bad[i], &k), -EINVAL);
		assert_int_equal(k, LAYER_NOFILE_HARD); /* untouched */
	}
}

/* The generic sysctl fix and `apply --target` set .key: it must be a key
 * a profile may set. */
static void
test_sysctl_keys_allowed(void **state)
{
	enum layer_kind k;

	(void)state;
	for (k = LAYER_KIND_NONE + 1; k < LAYER_KIND_COUNT; k++) {
		const struct layer_desc *d = &layer_descs[k];

		if (d->fix != FIX_SYSCTL || d->key == NULL)
			continue;
		if (sysctlkey_find(d->key) == NULL)
			fail_msg("%s: sysctl %s is not on the allow-list", d->id, d->key);
	}
}

/* ---- headroom(1) LAYERS: one entry per layer ---- */

#define MAN_LINES_MAX 64
#define MAN_LINE_MAX  256

static void
copy(char *dst, const char *src)
{
	size_t len = strnlen(src, MAN_LINE_MAX - 1);

	memcpy(dst, src, len);
	dst[len] = '\0';
}

/* The ".It Li a , Li b" lines between ".Sh LAYERS" and the next ".Sh". */
static size_t
read_layer_entries(char lines[][MAN_LINE_MAX])
{
	const char *top = getenv("top_srcdir");
	char path[4096], line[MAN_LINE_MAX];
	bool in_layers = false;
	size_t n = 0;
	FILE *f;

	snprintf(path, sizeof(path), "%s/man/headroom.1", top ? top : ".");
	f = fopen(path, "r");
	assert_non_null(f);
	while (fgets(line, sizeof(line), f) != NULL) {
		line[strcspn(line, "\n")] = '\0';
		if (strncmp(line, ".Sh ", 4) == 0)
			in_layers = strcmp(line, ".Sh LAYERS") == 0;
		else if (in_layers && strncmp(line, ".It Li ", 7) == 0 && n < MAN_LINES_MAX)
			copy(lines[n++], line + 4);
	}
	fclose(f);
	return n;
}

/* Whether an entry ("Li a , Li b") names id. */
static bool
entry_names(const char *entry, const char *id)
{
	char buf[MAN_LINE_MAX], *tok, *save = NULL;

	copy(buf, entry);
	for (tok = strtok_r(buf, " ,", &save); tok; tok = strtok_r(NULL, " ,", &save)) {
		if (strcmp(tok, id) == 0)
			return true;
	}
	return false;
}

/* Whether an entry's first id is id: "Li id" or "Li id , ...". */
static bool
entry_starts(const char *entry, const char *id)
{
	size_t len = strlen(id);

	return strncmp(entry, "Li ", 3) == 0 && strncmp(entry + 3, id, len) == 0 &&
	       (entry[3 + len] == '\0' || entry[3 + len] == ' ');
}

static void
test_man_entries(void **state)
{
	static char entries[MAN_LINES_MAX][MAN_LINE_MAX];
	size_t n = read_layer_entries(entries), i;
	unsigned failures = 0;
	enum layer_kind k;

	(void)state;
	assert_true(n > 10);
	for (k = LAYER_KIND_NONE + 1; k < LAYER_KIND_COUNT; k++) {
		const char *anchor = layer_kind_id(layer_kind_man_entry(k));
		bool found = false;

		/* The entry begins with the anchor and lists the layer. */
		for (i = 0; i < n && !found; i++)
			found = entry_starts(entries[i], anchor) &&
				entry_names(entries[i], layer_kind_id(k));
		if (!found) {
			fprintf(stderr, "%s: no '.It Li %s' entry naming it under LAYERS\n",
				layer_kind_id(k), anchor);
			failures++;
		}
	}
	/* And the man page documents no layer the table lacks. */
	for (i = 0; i < n; i++) {
		char buf[MAN_LINE_MAX], *tok, *save = NULL;

		copy(buf, entries[i]);
		for (tok = strtok_r(buf, " ,", &save); tok; tok = strtok_r(NULL, " ,", &save)) {
			if (strcmp(tok, "Li") != 0 && layer_kind_parse(tok, &k) < 0) {
				fprintf(stderr, "LAYERS documents '%s', which is not a layer\n",
					tok);
				failures++;
			}
		}
	}
	assert_int_equal(failures, 0);
}

/* ---- the explain catalogue names real layers ---- */

static bool
known_cause(const char *id)
{
	enum layer_kind k;

	return strncmp(id, "app.", 4) == 0 || layer_kind_parse(id, &k) == 0;
}

static void
test_explain_ids(void **state)
{
	unsigned failures = 0;
	size_t i, k;

	(void)state;
	for (i = 0; i < explain_catalog_size(); i++) {
		const struct explain_entry *e = explain_entry(i);
		struct explain_candidate cand[EXPLAIN_CANDIDATES_PER_ENTRY];
		size_t ncand = explain_candidates(e, cand);
		char also[256], *tok, *save = NULL;

		for (k = 0; k < ncand; k++) {
			if (!known_cause(cand[k].cause)) {
				fprintf(stderr, "%s: cause '%s' is no layer and not app.*\n", e->id,
					cand[k].cause);
				failures++;
			}
		}
		snprintf(also, sizeof(also), "%s", e->also != NULL ? e->also : "");
		for (tok = strtok_r(also, " ", &save); tok; tok = strtok_r(NULL, " ", &save)) {
			if (!known_cause(tok)) {
				fprintf(stderr, "%s: also '%s' is no layer and not app.*\n", e->id,
					tok);
				failures++;
			}
		}
	}
	assert_true(explain_catalog_size() > 0);
	assert_int_equal(failures, 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_rows_complete),
	    cmocka_unit_test(test_parse_refuses_unknown),
	    cmocka_unit_test(test_sysctl_keys_allowed),
	    cmocka_unit_test(test_man_entries),
	    cmocka_unit_test(test_explain_ids),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
