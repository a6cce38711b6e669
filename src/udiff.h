/*
 * udiff.h: a unified diff of two small texts (the files apply would
 * rewrite), for --dry-run. Pure: builds text, prints nothing.
 */
#ifndef UDIFF_H
#define UDIFF_H

#include <stddef.h>

#define UDIFF_LINES_MAX 2000 /* larger files are summarised, not diffed */
#define UDIFF_CONTEXT	3

/* Diff a against b with "--- label_a" / "+++ label_b" headers; a NULL
 * text is an absent file (label "/dev/null" is the caller's choice).
 * *out is malloc'd and empty when the texts are equal. 0 or -ENOMEM. */
int udiff(const char *a, size_t alen, const char *b, size_t blen, const char *label_a,
	  const char *label_b, char **out);

#endif
