/*
 * explain-pattern.h: the pattern language of the explain catalogue.
 *
 * A pattern is matched anywhere in a line (so timestamps, log levels and
 * other prefixes never matter), ignoring ASCII case. Its text is literal
 * except for:
 *
 *   *   any run of characters, possibly empty
 *   #   one or more digits (a port, a pid, a count, an errno)
 *   @   one or more characters other than blanks (a host, an address, a
 *       path: anything without a space, tab or line end)
 *   ~   one character that is not a letter, digit or '_', or the start
 *       or end of the line: a word boundary ("~EMFILE~" is not "GENFILE")
 *   \c  the character c itself (\*, \#, \@, \~, \\)
 *
 * A compiled pattern is a bit-parallel NFA (shift-and with repeatable and
 * gap positions), so matching is linear in the line length whatever the
 * input: no backtracking, no allocation.
 */
#ifndef EXPLAIN_PATTERN_H
#define EXPLAIN_PATTERN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define EXPLAIN_PATTERN_POSITIONS 64 /* literal characters, #, @ and ~ */
#define EXPLAIN_ANCHOR_MIN	  4  /* shortest literal run the prefilter accepts */

struct explain_pattern {
	uint64_t accept[256]; /* positions each byte may occupy */
	uint64_t repeat;      /* positions that may take more than one byte */
	uint64_t gap;	      /* positions followed by '*' */
	uint64_t final;	      /* the last position */
	/* Longest literal run, case-folded: every match contains it. */
	char anchor[EXPLAIN_PATTERN_POSITIONS + 1];
	size_t anchor_len;
};

/* Compile text; returns 0, or -EINVAL with a cause naming the problem. */
int explain_pattern_compile(struct explain_pattern *p, const char *text, char *cause,
			    size_t causelen);

bool explain_pattern_match(const struct explain_pattern *p, const char *line, size_t len);

/* Write the pattern as a POSIX extended regular expression (for grep in the
 * benchmark, or anyone who wants to search a log with the same signatures).
 * Returns 0 or -ENOSPC. */
int explain_pattern_to_ere(const char *text, char *out, size_t outlen);

/* ASCII case folding, as the matcher and the prefilter do it. */
static inline unsigned char
explain_fold(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') ? (unsigned char)(c + ('a' - 'A')) : c;
}

#endif
