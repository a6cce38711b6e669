/*
 * explain-ac.h: the literal prefilter of explain. An Aho-Corasick
 * automaton over the anchors of every catalogue pattern (ASCII case
 * folded), compiled to a DFA over byte classes, so a line costs one table
 * lookup per byte and only lines holding an anchor reach the patterns.
 */
#ifndef EXPLAIN_AC_H
#define EXPLAIN_AC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define EXPLAIN_AC_KEYS_MAX 1024 /* literals: one anchor per catalogue pattern */
#define EXPLAIN_AC_WORDS    ((EXPLAIN_AC_KEYS_MAX + 63) / 64)

/* Which keys a line holds: bit k for key k. */
struct explain_ac_hits {
	uint64_t w[EXPLAIN_AC_WORDS];
};

struct explain_ac {
	uint8_t byte_class[256]; /* folded byte -> class; 0 for bytes no key holds */
	unsigned nclass;
	unsigned shift; /* rows are 1 << shift wide: the classes, padded */
	uint16_t *next; /* state << shift | class -> state: half the cache of offsets */
	unsigned nstate;
	unsigned first_out;	     /* states >= first_out end at least one key */
	struct explain_ac_hits *out; /* keys ending at state first_out + i */
};

/*
 * Build the automaton for nkeys literals (already case-folded, none empty).
 * Returns 0, -EINVAL (too many keys or more than 65,536 states), or -ENOMEM.
 */
int explain_ac_build(struct explain_ac *ac, const char *const *keys, size_t nkeys);
void explain_ac_free(struct explain_ac *ac);

/* Set in hits every key found in text and returns true; returns false,
 * leaving hits as it was, when none was found. */
bool explain_ac_scan(const struct explain_ac *ac, const char *text, size_t len,
		     struct explain_ac_hits *hits);

#endif
