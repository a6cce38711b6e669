/*
 * explain-ac.c: Aho-Corasick over byte classes, built once per run.
 *
 * The trie is built with its failure links in breadth-first order and
 * turned into a full DFA (no failure-link walks while scanning). States
 * are renumbered so that every state ending a key comes last: the scan
 * loop tests one comparison per byte and touches the hit sets only on a
 * hit. Rows are padded to a power of two, so the next state is one shift,
 * one or and one 16-bit load: with the keys cut to 16 bytes (explain-
 * match.c) the whole table of ~450 patterns is some 400 KiB.
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "explain-ac.h"
#include "explain-pattern.h"

struct trie {
	int32_t *child; /* nstate * nclass, -1 when absent */
	int32_t *fail;
	struct explain_ac_hits *out;
	unsigned nstate;
	unsigned nclass;
};

static void
assign_classes(struct explain_ac *ac, const char *const *keys, size_t nkeys)
{
	size_t k, i;
	unsigned c;

	memset(ac->byte_class, 0, sizeof(ac->byte_class));
	ac->nclass = 1;
	for (k = 0; k < nkeys; k++) {
		for (i = 0; keys[k][i] != '\0'; i++) {
			unsigned char f = explain_fold((unsigned char)keys[k][i]);

			if (ac->byte_class[f] == 0)
				ac->byte_class[f] = (uint8_t)ac->nclass++;
		}
	}
	/* Upper-case bytes share the class of their lower-case letter. */
	for (c = 'A'; c <= 'Z'; c++)
		ac->byte_class[c] = ac->byte_class[explain_fold((unsigned char)c)];
}

static int
trie_insert(struct trie *t, const struct explain_ac *ac, const char *key, size_t k)
{
	unsigned s = 0;
	size_t i;

	for (i = 0; key[i] != '\0'; i++) {
		unsigned cls = ac->byte_class[(unsigned char)key[i]];
		int32_t *slot = &t->child[s * t->nclass + cls];

		if (*slot < 0)
			*slot = (int32_t)t->nstate++;
		s = (unsigned)*slot;
	}
	if (s == 0)
		return -EINVAL; /* an empty key would match every line */
	t->out[s].w[k / 64] |= (uint64_t)1 << (k % 64);
	return 0;
}

static void
hits_merge(struct explain_ac_hits *into, const struct explain_ac_hits *from)
{
	size_t w;

	for (w = 0; w < EXPLAIN_AC_WORDS; w++)
		into->w[w] |= from->w[w];
}

static bool
hits_any(const struct explain_ac_hits *h)
{
	size_t w;

	for (w = 0; w < EXPLAIN_AC_WORDS; w++) {
		if (h->w[w] != 0)
			return true;
	}
	return false;
}

/* Breadth-first: failure links, inherited outputs, and the full DFA in
 * child[] (absent edges become the failure target's edge). */
static int
trie_complete(struct trie *t)
{
	unsigned *queue = malloc(t->nstate * sizeof(*queue));
	unsigned head = 0, tail = 0, c;

	if (queue == NULL)
		return -ENOMEM;
	t->fail[0] = 0;
	for (c = 0; c < t->nclass; c++) {
		int32_t u = t->child[c];

		if (u < 0) {
			t->child[c] = 0;
		} else {
			t->fail[u] = 0;
			queue[tail++] = (unsigned)u;
		}
	}
	while (head < tail) {
		unsigned s = queue[head++];

		hits_merge(&t->out[s], &t->out[t->fail[s]]);
		for (c = 0; c < t->nclass; c++) {
			int32_t *slot = &t->child[s * t->nclass + c];
			int32_t via_fail = t->child[(unsigned)t->fail[s] * t->nclass + c];

			if (*slot < 0) {
				*slot = via_fail;
			} else {
				t->fail[*slot] = via_fail;
				queue[tail++] = (unsigned)*slot;
			}
		}
	}
	free(queue);
	return 0;
}

/* Renumber so states with output come last, and store row offsets. */
static int
dfa_from_trie(struct explain_ac *ac, const struct trie *t)
{
	unsigned *renum = malloc(t->nstate * sizeof(*renum));
	unsigned s, c, low = 0, high, nout = 0;

	if (renum == NULL)
		return -ENOMEM;
	for (s = 0; s < t->nstate; s++)
		nout += hits_any(&t->out[s]);
	high = t->nstate - nout;
	ac->first_out = high;
	for (s = 0; s < t->nstate; s++)
		renum[s] = hits_any(&t->out[s]) ? high++ : low++;
	ac->nstate = t->nstate;
	for (ac->shift = 0; (1u << ac->shift) < t->nclass; ac->shift++)
		;
	ac->next = calloc((size_t)t->nstate << ac->shift, sizeof(*ac->next));
	ac->out = calloc(nout > 0 ? nout : 1, sizeof(*ac->out));
	if (ac->next == NULL || ac->out == NULL) {
		free(renum);
		return -ENOMEM;
	}
	for (s = 0; s < t->nstate; s++) {
		for (c = 0; c < t->nclass; c++) {
			unsigned to = renum[t->child[s * t->nclass + c]];

			ac->next[((size_t)renum[s] << ac->shift) | c] = (uint16_t)to;
		}
		if (renum[s] >= ac->first_out)
			ac->out[renum[s] - ac->first_out] = t->out[s];
	}
	free(renum);
	return 0;
}

static void
trie_free(struct trie *t)
{
	free(t->child);
	free(t->fail);
	free(t->out);
}

int
explain_ac_build(struct explain_ac *ac, const char *const *keys, size_t nkeys)
{
	struct trie t = {.nstate = 1};
	size_t k, maxstates = 1;
	int err = 0;

	memset(ac, 0, sizeof(*ac));
	if (nkeys > EXPLAIN_AC_KEYS_MAX)
		return -EINVAL;
	assign_classes(ac, keys, nkeys);
	for (k = 0; k < nkeys; k++)
		maxstates += strlen(keys[k]);
	if (maxstates > 65536)
		return -EINVAL; /* states are 16-bit */
	t.nclass = ac->nclass;
	t.child = malloc(maxstates * t.nclass * sizeof(*t.child));
	t.fail = calloc(maxstates, sizeof(*t.fail));
	t.out = calloc(maxstates, sizeof(*t.out));
	if (t.child == NULL || t.fail == NULL || t.out == NULL)
		err = -ENOMEM;
	else
		memset(t.child, 0xff, maxstates * t.nclass * sizeof(*t.child));
	for (k = 0; err == 0 && k < nkeys; k++)
		err = trie_insert(&t, ac, keys[k], k);
	if (err == 0)
		err = trie_complete(&t);
	if (err == 0)
		err = dfa_from_trie(ac, &t);
	trie_free(&t);
	if (err != 0)
		explain_ac_free(ac);
	return err;
}

void
explain_ac_free(struct explain_ac *ac)
{
	free(ac->next);
	free(ac->out);
	ac->next = NULL;
	ac->out = NULL;
}

bool
explain_ac_scan(const struct explain_ac *ac, const char *text, size_t len,
		struct explain_ac_hits *hits)
{
	const unsigned char *p = (const unsigned char *)text;
	const uint16_t *next = ac->next;
	const unsigned shift = ac->shift, first_out = ac->first_out;
	unsigned state = 0;
	bool found = false;
	size_t i;

	for (i = 0; i < len; i++) {
		state = next[(state << shift) | ac->byte_class[p[i]]];
		if (state >= first_out) {
			/* hits is cleared here, at the first key found: most
			 * lines find none and never touch it */
			if (!found)
				memset(hits, 0, sizeof(*hits));
			hits_merge(hits, &ac->out[state - first_out]);
			found = true;
		}
	}
	return found;
}
