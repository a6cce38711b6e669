/*
 * explain-ere.c: print every pattern of the explain catalogue as a POSIX
 * extended regular expression, one a line, for grep in bench/explain.sh.
 */
#include "config.h"

#include <stdio.h>

#include "explain.h"

int
main(void)
{
	char ere[1024];
	size_t i, k;

	for (i = 0; i < explain_catalog_size(); i++) {
		const struct explain_entry *e = explain_entry(i);

		for (k = 0; k < EXPLAIN_PATTERNS_PER_ENTRY && e->patterns[k]; k++) {
			if (explain_pattern_to_ere(e->patterns[k], ere, sizeof(ere)) != 0) {
				fprintf(stderr, "explain-ere: %s: too long\n", e->patterns[k]);
				return 1;
			}
			puts(ere);
		}
	}
	return 0;
}
