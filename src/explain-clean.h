/*
 * explain-clean.h: the text of a line as a person reads it: JSON string
 * escapes decoded (\" \\ \n \u001b, twice for a record nested in another)
 * and terminal escape sequences (colours, titles) removed.
 */
#ifndef EXPLAIN_CLEAN_H
#define EXPLAIN_CLEAN_H

#include <stdbool.h>
#include <stddef.h>

/* Whether the line holds anything explain_clean would change. */
bool explain_clean_wanted(const char *line, size_t len);

/* Write the cleaned line to out (at least len bytes); returns its length,
 * never more than len. */
size_t explain_clean(const char *line, size_t len, char *out);

#endif
