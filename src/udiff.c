/*
 * udiff.c: longest-common-subsequence line diff with unified hunks. The
 * inputs are config files of a few dozen lines, so the quadratic table is
 * cheap and simpler than Myers' algorithm.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fsutil.h"
#include "udiff.h"

struct lines {
	const char **s;
	size_t *len;
	size_t n;
};

static int
split(const char *text, size_t len, struct lines *l)
{
	const char *p = text, *end = text != NULL ? text + len : NULL, *nl;
	size_t cap = 16;

	l->n = 0;
	l->s = malloc(cap * sizeof(*l->s));
	l->len = malloc(cap * sizeof(*l->len));
	if (l->s == NULL || l->len == NULL)
		return -ENOMEM;
	while (text != NULL && p < end) {
		if (l->n == cap) {
			cap *= 2;
			const char **s = realloc(l->s, cap * sizeof(*l->s));
			size_t *ln = s != NULL ? realloc(l->len, cap * sizeof(*l->len)) : NULL;

			if (s != NULL)
				l->s = s;
			if (ln == NULL)
				return -ENOMEM;
			l->len = ln;
		}
		nl = memchr(p, '\n', (size_t)(end - p));
		l->s[l->n] = p;
		l->len[l->n++] = nl != NULL ? (size_t)(nl - p) : (size_t)(end - p);
		p = nl != NULL ? nl + 1 : end;
	}
	return 0;
}

static int
same(const struct lines *a, size_t i, const struct lines *b, size_t j)
{
	return a->len[i] == b->len[j] && memcmp(a->s[i], b->s[j], a->len[i]) == 0;
}

/* ops: ' ' keep, '-' delete from a, '+' insert from b; in order. */
static char *
edit_script(const struct lines *a, const struct lines *b, size_t *nops)
{
	size_t n = a->n, m = b->n, i, j, k = 0;
	unsigned *t = calloc((n + 1) * (m + 1), sizeof(*t));
	char *ops = malloc(n + m + 1);

#define T(i, j) t[(i) * (m + 1) + (j)]
	if (t == NULL || ops == NULL) {
		free(t);
		free(ops);
		return NULL;
	}
	for (i = n; i-- > 0;) {
		for (j = m; j-- > 0;)
			T(i, j) = same(a, i, b, j)	       ? T(i + 1, j + 1) + 1
				  : T(i + 1, j) >= T(i, j + 1) ? T(i + 1, j)
							       : T(i, j + 1);
	}
	for (i = 0, j = 0; i < n || j < m;) {
		if (i < n && j < m && same(a, i, b, j)) {
			ops[k++] = ' ';
			i++;
			j++;
		} else if (j == m || (i < n && T(i + 1, j) >= T(i, j + 1))) {
			ops[k++] = '-';
			i++;
		} else {
			ops[k++] = '+';
			j++;
		}
	}
#undef T
	free(t);
	*nops = k;
	return ops;
}

/* Lines of a (skip '+') or of b (skip '-') before op k. */
static size_t
line_at(const char *ops, size_t k, char skip)
{
	size_t i, n = 0;

	for (i = 0; i < k; i++)
		n += ops[i] != skip;
	return n;
}

/* The end (exclusive) of the hunk holding the change at first: changes
 * closer than 2 * UDIFF_CONTEXT unchanged lines share a hunk. */
static size_t
hunk_end(const char *ops, size_t nops, size_t first)
{
	size_t last = first, p = first + 1, r;

	while (p < nops) {
		if (ops[p] != ' ') {
			last = p++;
			continue;
		}
		for (r = p; r < nops && ops[r] == ' '; r++)
			;
		if (r == nops || r - p > 2 * UDIFF_CONTEXT)
			break;
		p = r;
	}
	return last + 1 + UDIFF_CONTEXT < nops ? last + 1 + UDIFF_CONTEXT : nops;
}

static void
emit_hunks(FILE *o, const char *ops, size_t nops, const struct lines *a, const struct lines *b)
{
	size_t k = 0, hs, he, i, j, na, nb, x;

	while (k < nops) {
		while (k < nops && ops[k] == ' ')
			k++;
		if (k == nops)
			break;
		hs = k > UDIFF_CONTEXT ? k - UDIFF_CONTEXT : 0;
		he = hunk_end(ops, nops, k);
		i = line_at(ops, hs, '+');
		j = line_at(ops, hs, '-');
		for (na = nb = 0, x = hs; x < he; x++) {
			na += ops[x] != '+';
			nb += ops[x] != '-';
		}
		fprintf(o, "@@ -%zu,%zu +%zu,%zu @@\n", na ? i + 1 : i, na, nb ? j + 1 : j, nb);
		for (x = hs; x < he; x++) {
			if (ops[x] == '+') {
				fprintf(o, "+%.*s\n", (int)b->len[j], b->s[j]);
				j++;
				continue;
			}
			fprintf(o, "%c%.*s\n", ops[x], (int)a->len[i], a->s[i]);
			i++;
			j += ops[x] == ' ';
		}
		k = he;
	}
}

int
udiff(const char *a, size_t alen, const char *b, size_t blen, const char *label_a,
      const char *label_b, char **out)
{
	struct lines la = {0}, lb = {0};
	char *text = NULL, *ops = NULL;
	size_t len = 0, nops;
	FILE *o = open_memstream(&text, &len);
	int err;

	*out = NULL;
	if (o == NULL)
		return -ENOMEM;
	err = split(a, alen, &la);
	if (err == 0)
		err = split(b, blen, &lb);
	if (err < 0)
		goto done;
	if ((a == NULL) == (b == NULL) && alen == blen && (alen == 0 || memcmp(a, b, alen) == 0))
		goto done;
	fprintf(o, "--- %s\n+++ %s\n", label_a, label_b);
	if (la.n > UDIFF_LINES_MAX || lb.n > UDIFF_LINES_MAX) {
		fprintf(o, "(%zu lines replaced by %zu lines: too large to diff)\n", la.n, lb.n);
		goto done;
	}
	ops = edit_script(&la, &lb, &nops);
	if (ops == NULL) {
		err = -ENOMEM;
		goto done;
	}
	emit_hunks(o, ops, nops, &la, &lb);
done:
	free(ops);
	free(la.s);
	free(la.len);
	free(lb.s);
	free(lb.len);
	err = fsutil_close_stream(o, err);
	if (err < 0) {
		free(text);
		return err;
	}
	*out = text;
	return 0;
}
