/*
 * explain-match.c: the engine: every catalogue pattern compiled once, a
 * literal prefilter over their anchors, and the first entry that matches.
 *
 * Most lines of a log hold no anchor and cost one DFA step per byte. A line
 * that holds some is tried against the patterns whose anchors it holds,
 * in catalogue order, which is the priority order.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "explain-clean.h"
#include "explain.h"
#include "headroom.h"

/* The prefilter looks for the first EXPLAIN_KEY_MAX bytes of each anchor:
 * every match still holds them, and shorter keys make a smaller automaton
 * that stays in cache while it reads a log. */
#define EXPLAIN_KEY_MAX 16

static const char *
prefilter_key(size_t k, const char *anchor)
{
	static char key[EXPLAIN_AC_KEYS_MAX][EXPLAIN_KEY_MAX + 1];

	snprintf(key[k], sizeof(key[k]), "%s", anchor);
	return key[k];
}

static int
compile_entry(struct explain_engine *e, size_t index, const char **keys, char *cause,
	      size_t causelen)
{
	const struct explain_entry *entry = explain_entry(index);
	char why[CAUSE_MAX];
	size_t k;
	int err;

	if (entry->patterns[0] == NULL) {
		snprintf(cause, causelen, "catalogue entry %s has no pattern", entry->id);
		return -EINVAL;
	}
	for (k = 0; k < EXPLAIN_PATTERNS_PER_ENTRY && entry->patterns[k] != NULL; k++) {
		struct explain_pattern *p = &e->pattern[e->npatterns];

		if (e->npatterns == EXPLAIN_AC_KEYS_MAX) {
			snprintf(cause, causelen, "catalogue: more than %d patterns",
				 EXPLAIN_AC_KEYS_MAX);
			return -EINVAL;
		}
		err = explain_pattern_compile(p, entry->patterns[k], why, sizeof(why));
		if (err < 0) {
			snprintf(cause, causelen, "catalogue entry %s: %s", entry->id, why);
			return err;
		}
		keys[e->npatterns] = prefilter_key(e->npatterns, p->anchor);
		e->pattern_entry[e->npatterns] = (uint16_t)index;
		e->pattern_text[e->npatterns] = entry->patterns[k];
		e->npatterns++;
	}
	return 0;
}

int
explain_engine_init(struct explain_engine *e, char *cause, size_t causelen)
{
	const char *keys[EXPLAIN_AC_KEYS_MAX];
	size_t i, n = explain_catalog_size();
	int err;

	memset(e, 0, sizeof(*e));
	if (n > EXPLAIN_ENTRIES_MAX) {
		snprintf(cause, causelen, "catalogue: more than %d entries", EXPLAIN_ENTRIES_MAX);
		return -EINVAL;
	}
	for (i = 0; i < n; i++) {
		err = compile_entry(e, i, keys, cause, causelen);
		if (err < 0)
			return err;
	}
	e->scratch = malloc(EXPLAIN_LINE_MAX);
	if (e->scratch == NULL)
		return -ENOMEM;
	err = explain_ac_build(&e->prefilter, keys, e->npatterns);
	if (err < 0)
		snprintf(cause, causelen, "catalogue prefilter: %s", strerror(-err));
	return err;
}

void
explain_engine_free(struct explain_engine *e)
{
	explain_ac_free(&e->prefilter);
	free(e->scratch);
	e->scratch = NULL;
}

static int
match_raw(const struct explain_engine *e, const char *line, size_t len)
{
	struct explain_ac_hits hits;
	size_t w;

	if (!explain_ac_scan(&e->prefilter, line, len, &hits))
		return -1;
	/* Patterns are numbered in catalogue order: lowest bit first. */
	for (w = 0; w < EXPLAIN_AC_WORDS; w++) {
		uint64_t bits = hits.w[w];

		while (bits != 0) {
			size_t k = w * 64 + (size_t)__builtin_ctzll(bits);

			if (explain_pattern_match(&e->pattern[k], line, len))
				return e->pattern_entry[k];
			bits &= bits - 1;
		}
	}
	return -1;
}

/* A line that matched nothing as it is, but holds JSON escapes or colour
 * codes, is tried again as it reads. */
static const char *
cleaned(const struct explain_engine *e, const char *line, size_t *len)
{
	if (*len > EXPLAIN_LINE_MAX || !explain_clean_wanted(line, *len))
		return NULL;
	*len = explain_clean(line, *len, e->scratch);
	return e->scratch;
}

int
explain_match(const struct explain_engine *e, const char *line, size_t len)
{
	int index = match_raw(e, line, len);
	const char *clean;

	if (index < 0 && (clean = cleaned(e, line, &len)) != NULL)
		index = match_raw(e, clean, len);
	return index;
}

static int
match_slow_raw(const struct explain_engine *e, const char *line, size_t len)
{
	size_t k;

	for (k = 0; k < e->npatterns; k++) {
		if (explain_pattern_match(&e->pattern[k], line, len))
			return e->pattern_entry[k];
	}
	return -1;
}

int
explain_match_slow(const struct explain_engine *e, const char *line, size_t len)
{
	int index = match_slow_raw(e, line, len);
	const char *clean;

	if (index < 0 && (clean = cleaned(e, line, &len)) != NULL)
		index = match_slow_raw(e, clean, len);
	return index;
}
